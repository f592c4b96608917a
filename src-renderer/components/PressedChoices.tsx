/**
 * One choice among a few (what a list shows, a view's span) as buttons in a labelled group, the
 * chosen one pressed (`aria-pressed`). `segmented` joins them into one control; otherwise they are
 * small buttons in a row.
 */
export function PressedChoices<T extends string>(props: {
  label: string;
  choices: readonly { value: T; label: string }[];
  value: T;
  onChoose: (value: T) => void;
  segmented?: boolean;
}) {
  return (
    <div className={props.segmented ? 'segmented' : 'row'} role="group" aria-label={props.label}>
      {props.choices.map((choice) => (
        <button
          key={choice.value}
          type="button"
          className={props.segmented ? 'button' : 'button small'}
          aria-pressed={props.value === choice.value}
          onClick={() => props.onChoose(choice.value)}
        >
          {choice.label}
        </button>
      ))}
    </div>
  );
}
