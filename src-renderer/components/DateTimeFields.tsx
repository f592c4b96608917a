import { useEffect, useId, useRef, useState, type InputHTMLAttributes, type KeyboardEvent } from 'react';
import { shownFormat } from '../../src-shared/locale/format';
import { addDays, clockMinutes, clockOfMinutes } from '../../src-shared/time';
import { useT } from '../i18n';
import { DatePicker, useNameBesideButton } from './DatePicker';
import { FieldError } from './FieldError';

/**
 * Date and time inputs in the shop's formats (docs/architecture.md §22). Chromium's own date and
 * time inputs write the machine's locale (mm/dd/yyyy, a 12-hour clock) whatever the shop chose, so
 * every form types its dates and times here instead: a text field showing the shop's pattern, read
 * back by the shop's formatter (src-shared/locale/format.ts), with the arrow keys stepping a day or
 * a time step. The value in and out is the store's: 'YYYY-MM-DD' and 'HH:mm', '' for none.
 * What cannot be read is refused in words beside the field and is never passed on, so the form
 * keeps its last readable value and the browser's own check (or SubmitForm, where the form checks
 * its own fields) refuses to submit it. A readable date outside `min`–`max` is passed on, as a
 * date input's is, for the form's own check to name; the field says it only when the form does not
 * (it has not marked the field aria-invalid). A date field has a calendar button beside it
 * (DatePicker.tsx) whose pick is typed into the field, the shop's way, like any typed date.
 */
type Passed = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'type' | 'step'> & {
  value: string;
  onChange: (value: string) => void;
};

interface Reading {
  /** The stored value as the shop writes it. */
  show(value: string): string;
  /** What was typed as a stored value; null when it is none. */
  read(typed: string): string | null;
  /** The stored value the arrow keys step to (`by` is +1 or -1). */
  step(value: string, by: number): string;
  placeholder: string;
  /** 'written-date' or 'written-time': a width for the digits, as the browser's own inputs had. */
  className: string;
  unreadable: string;
  outOfRange: string | null;
  inRange(value: string): boolean;
  /** A date's calendar beside the field, bounded as the field is. */
  calendar?: { min?: string | undefined; max?: string | undefined };
}

/** A calendar date, 'YYYY-MM-DD'; `min` and `max` bound it as a date input's do. */
export function DateField(props: Passed & { min?: string; max?: string }) {
  const { min, max } = props;
  const { t } = useT('components');
  const format = shownFormat();
  const inRange = (value: string) => (min === undefined || value >= min) && (max === undefined || value <= max);
  const bounds = min !== undefined && max !== undefined ? 'dateBetween' : min !== undefined ? 'dateFrom' : max !== undefined ? 'dateUntil' : null;
  return WrittenField(props, {
    show: (value) => format.date(value),
    read: (typed) => format.parseDate(typed),
    step: (value, by) => addDays(value, by),
    placeholder: format.datePlaceholder,
    className: 'written-date',
    unreadable: t('dateUnreadable', { pattern: format.datePlaceholder }),
    outOfRange: bounds === null ? null : t(bounds, { min: min === undefined ? '' : format.date(min), max: max === undefined ? '' : format.date(max) }),
    inRange,
    calendar: { min, max },
  });
}

/** A wall-clock time, 'HH:mm', on the shop's 12- or 24-hour clock; the arrow keys step `stepMinutes`. */
export function TimeField({ stepMinutes = 1, ...props }: Passed & { stepMinutes?: number }) {
  const { t } = useT('components');
  const format = shownFormat();
  return WrittenField(props, {
    show: (value) => format.clockOf(value),
    read: (typed) => format.parseClock(typed),
    step: (value, by) => clockOfMinutes(Math.min(24 * 60 - 1, Math.max(0, clockMinutes(value) + by * stepMinutes))),
    placeholder: format.clockPlaceholder,
    className: 'written-time',
    unreadable: t('timeUnreadable', { pattern: format.clockPlaceholder }),
    outOfRange: null,
    inRange: () => true,
  });
}

function WrittenField({ value, onChange, onBlur, onKeyDown, ...input }: Passed, reading: Reading) {
  const errorId = useId();
  const ref = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState(() => (value === '' ? '' : reading.show(value)));
  const [left, setLeft] = useState(false);
  const read = typed.trim() === '' ? '' : reading.read(typed);
  const problem = read === null ? reading.unreadable : read !== '' && !reading.inRange(read) ? reading.outOfRange : null;
  const shown = value === '' ? '' : reading.show(value);
  // A value set from outside (another day chosen, a form reset, the shop's format changed) replaces what is typed.
  useEffect(() => {
    if (read !== value) setTyped(shown);
    // Only an outside change is followed: what is being typed is not overwritten while it reads the same.
  }, [value, shown]);
  useEffect(() => {
    ref.current?.setCustomValidity(problem ?? '');
  }, [problem]);
  const type = (text: string) => {
    setTyped(text);
    const next = text.trim() === '' ? '' : reading.read(text);
    if (next !== null && next !== value) onChange(next);
  };
  useNameBesideButton(ref, reading.calendar === undefined || input['aria-label'] !== undefined || input['aria-labelledby'] !== undefined);
  const formSaysIt = input['aria-invalid'] === true || input['aria-invalid'] === 'true';
  const errorShown = left && problem !== null && !(formSaysIt && read !== null) ? problem : null;
  const describedBy = [input['aria-describedby'], errorShown === null ? undefined : errorId].filter(Boolean).join(' ');
  const field = (
    <input
      {...input}
      ref={ref}
      className={[reading.className, input.className].filter(Boolean).join(' ')}
      type="text"
      inputMode="text"
      autoComplete="off"
      placeholder={reading.placeholder}
      value={typed}
      aria-invalid={errorShown !== null || formSaysIt}
      data-unreadable={read === null ? '' : undefined}
      aria-describedby={describedBy === '' ? undefined : describedBy}
      onChange={(event) => type(event.target.value)}
      onInvalid={() => setLeft(true)}
      onBlur={(event) => {
        setLeft(true);
        // Once left, a readable value is written the shop's way.
        if (problem === null) setTyped(shown);
        onBlur?.(event);
      }}
      onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
        onKeyDown?.(event);
        if (event.defaultPrevented || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') || value === '') return;
        event.preventDefault();
        const next = reading.step(value, event.key === 'ArrowUp' ? 1 : -1);
        if (reading.inRange(next)) onChange(next);
      }}
    />
  );
  const { calendar } = reading;
  return (
    <>
      {calendar === undefined ? (
        field
      ) : (
        <span className="date-field">
          {field}
          <DatePicker
            value={value}
            min={calendar.min}
            max={calendar.max}
            disabled={input.disabled === true || input.readOnly === true}
            onPick={(date) => {
              // Typed in the shop's format, as a person would have written it.
              type(reading.show(date));
              ref.current?.focus();
            }}
          />
        </span>
      )}
      <FieldError id={errorId} message={errorShown} />
    </>
  );
}
