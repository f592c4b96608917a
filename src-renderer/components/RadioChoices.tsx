import type { ReactNode } from 'react';

/**
 * One choice among a few, each a radio button with its words, in a fieldset with its legend (what
 * the file holds, what to do with a duplicate): unlike PressedChoices, the choice reads as a
 * setting of the form it sits in.
 */
export function RadioChoices<T extends string>(props: {
  legend: string;
  name: string;
  choices: readonly { value: T; label: string }[];
  value: T;
  onChoose: (value: T) => void;
  disabled?: boolean;
  hidden?: boolean;
  children?: ReactNode;
}) {
  return (
    <fieldset disabled={props.disabled} hidden={props.hidden}>
      <legend>{props.legend}</legend>
      {props.children}
      {props.choices.map((choice) => (
        <label key={choice.value} className="choice">
          <input
            type="radio"
            name={props.name}
            value={choice.value}
            checked={props.value === choice.value}
            onChange={() => props.onChoose(choice.value)}
          />
          {choice.label}
        </label>
      ))}
    </fieldset>
  );
}
