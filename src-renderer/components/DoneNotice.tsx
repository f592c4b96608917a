/** What a piece of work did, said where the person asked for it (polite: read after what they are doing). */
export function DoneNotice(props: { message: string | null }) {
  if (!props.message) return null;
  return (
    <p role="status" className="notice notice-ok">
      {props.message}
    </p>
  );
}
