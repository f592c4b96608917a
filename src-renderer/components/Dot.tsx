/** A colour swatch; set through the style property (the page's policy forbids inline style attributes). */
export function Dot(props: { colour: string | null }) {
  return (
    <span
      className="dot"
      aria-hidden="true"
      ref={(element) => {
        if (element !== null) element.style.background = props.colour ?? 'transparent';
      }}
    />
  );
}
