/** The "…anyway" choice beside a refusal a person may overrule (a time that has passed, stock that ran out): the way on. */
export function AnywayChoice(props: { label: string; onChoose: () => void }) {
  return (
    <button type="button" className="button primary" onClick={props.onChoose}>
      {props.label}
    </button>
  );
}
