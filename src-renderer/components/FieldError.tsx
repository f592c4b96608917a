/** The refusal's words beside the field they are about (its input names it with aria-describedby). */
export function FieldError(props: { id: string; message: string | null }) {
  if (props.message === null) return null;
  return (
    <span id={props.id} className="field-error" role="alert">
      {props.message}
    </span>
  );
}

/** Props that tie an input to its FieldError. */
export function describedBy(id: string, message: string | null) {
  return message === null ? {} : { 'aria-invalid': true as const, 'aria-describedby': id };
}
