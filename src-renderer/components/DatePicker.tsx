import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { DateTime } from 'luxon';
import { shownFormat } from '../../src-shared/locale/format';
import { addMonths, EARLIEST_DATE, isValidLocalDate, LATEST_DATE, todayIn } from '../../src-shared/time';
import { useSettings } from '../api/hooks';
import { useT } from '../i18n';
import { clampDate, monthStart, monthWeeks, movedBy } from './monthGrid';
import './DatePicker.css';

/**
 * The calendar beside a DateField (issue 15): a small button that opens a month in the shop's
 * language, its weeks from the shop's first day, today (on the desk's clock, in the shop's zone)
 * marked and the field's date selected; days outside `min`–`max` cannot be picked. Arrows, Home,
 * End and Page Up/Down move through the days, Enter or a click picks one, Escape closes and gives
 * the focus back to the button. A pick goes to `onPick`, which types it into the field, so it
 * takes the same path as typing.
 *
 * The month is drawn outside the field's <label> (in the page, or in the modal <dialog> holding
 * the field, the only part of the page not inert then), so its words never join the field's name
 * and a click on it never reaches the label's input.
 */
export function DatePicker(props: {
  value: string;
  min?: string | undefined;
  max?: string | undefined;
  disabled?: boolean | undefined;
  onPick: (date: string) => void;
}) {
  const { t } = useT('components');
  const button = useRef<HTMLButtonElement>(null);
  const [host, setHost] = useState<HTMLElement | null>(null);
  const close = (focusButton: boolean) => {
    setHost(null);
    if (focusButton) button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        className="date-picker-button"
        // A title, not aria-label: the button sits inside the field's label, and a label-like
        // attribute there would answer every search for the field by its label ("Date").
        title={t('chooseADate')}
        aria-haspopup="dialog"
        aria-expanded={host !== null}
        disabled={props.disabled}
        onClick={() => (host === null ? setHost(button.current?.closest('dialog') ?? document.body) : close(false))}
      >
        <CalendarIcon />
      </button>
      {host === null
        ? null
        : createPortal(
            <Month
              anchor={button}
              value={props.value}
              min={props.min}
              max={props.max}
              onClose={close}
              onPick={(date) => {
                setHost(null);
                props.onPick(date);
              }}
            />,
            host,
          )}
    </>
  );
}

function Month(props: {
  anchor: RefObject<HTMLButtonElement | null>;
  value: string;
  min?: string | undefined;
  max?: string | undefined;
  onClose: (focusButton: boolean) => void;
  onPick: (date: string) => void;
}) {
  const { t } = useT('components');
  const format = shownFormat();
  // The desk's one clock (Playwright's in the e2e runs) on the shop's calendar, as the day view's "Today".
  const today = todayIn(useSettings().data?.timeZone ?? 'UTC', Date.now());
  const from = props.min !== undefined && isValidLocalDate(props.min) && props.min > EARLIEST_DATE ? props.min : EARLIEST_DATE;
  const to = props.max !== undefined && isValidLocalDate(props.max) && props.max < LATEST_DATE ? props.max : LATEST_DATE;
  const [focused, setFocused] = useState(() => clampDate(props.value !== '' && isValidLocalDate(props.value) ? props.value : today, from, to));
  // Keys move the focus with the day; the month buttons keep it on themselves.
  const followFocus = useRef(true);
  const popup = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const grid = useRef<HTMLTableElement>(null);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;

  useEffect(() => {
    if (!followFocus.current) return;
    grid.current?.querySelector<HTMLButtonElement>(`button[data-date="${focused}"]`)?.focus();
  }, [focused]);

  // Under the field, or over it when the window has no room below; fixed, so no scrolling box
  // (a dialog's body) clips it. Placed before the first paint, straight on the element.
  useLayoutEffect(() => {
    const placeIt = () => {
      const element = popup.current;
      const anchor = props.anchor.current;
      if (element === null || anchor === null) return;
      const field = (anchor.parentElement ?? anchor).getBoundingClientRect();
      const box = element.getBoundingClientRect();
      const below = field.bottom + 4;
      const top = below + box.height > window.innerHeight - 8 ? Math.max(8, field.top - 4 - box.height) : below;
      const left = Math.max(8, Math.min(field.left, window.innerWidth - 8 - box.width));
      element.style.top = `${top}px`;
      element.style.left = `${left}px`;
    };
    placeIt();
    window.addEventListener('resize', placeIt);
    window.addEventListener('scroll', placeIt, true);
    return () => {
      window.removeEventListener('resize', placeIt);
      window.removeEventListener('scroll', placeIt, true);
    };
  }, [props.anchor]);

  // A press anywhere else closes the month, as a menu does; the button itself toggles it.
  useEffect(() => {
    const outside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (popup.current?.contains(target) || props.anchor.current?.contains(target)) return;
      onClose.current(false);
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [props.anchor]);

  const first = monthStart(focused);
  const monthName = DateTime.fromISO(first, { zone: 'UTC', locale: format.tag }).toLocaleString({ month: 'long', year: 'numeric' });
  const toMonth = (months: number) => {
    followFocus.current = false;
    setFocused(clampDate(addMonths(focused, months), from, to));
  };
  const onGridKey = (event: KeyboardEvent<HTMLTableElement>) => {
    const moved = movedBy(event.key, event.shiftKey, focused, format.week);
    if (moved === null) return;
    event.preventDefault();
    followFocus.current = true;
    setFocused(clampDate(moved, from, to));
  };
  return (
    <div
      ref={popup}
      className="date-picker"
      role="dialog"
      aria-label={t('chooseADate')}
      tabIndex={-1}
      onKeyDown={(event) => {
        // The month answers its own keys: not the day view's arrows, nor the dialog under it closing on Escape.
        event.stopPropagation();
        if (event.key !== 'Escape') return;
        event.preventDefault();
        props.onClose(true);
      }}
      onBlur={(event) => {
        // Tabbing out of the month closes it; a press elsewhere is the pointerdown above.
        const next = event.relatedTarget;
        if (next instanceof Node && !popup.current?.contains(next) && next !== props.anchor.current) props.onClose(false);
      }}
    >
      <div className="date-picker-head">
        <button type="button" className="date-picker-step" aria-label={t('previousMonth')} disabled={first <= monthStart(from)} onClick={() => toMonth(-1)}>
          ‹
        </button>
        <h2 id={headingId} className="date-picker-month" aria-live="polite">
          {monthName}
        </h2>
        <button type="button" className="date-picker-step" aria-label={t('nextMonth')} disabled={first >= monthStart(to)} onClick={() => toMonth(1)}>
          ›
        </button>
      </div>
      <table ref={grid} className="date-picker-grid" role="grid" aria-labelledby={headingId} onKeyDown={onGridKey}>
        <thead>
          <tr>
            {format.week.map((weekday) => (
              <th key={weekday} scope="col" abbr={format.weekday(weekday)}>
                {format.weekday(weekday, 'short')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(first, format.week).map((days, row) => (
            <tr key={row}>
              {days.map((day, column) =>
                day === null ? (
                  <td key={column} role="gridcell" />
                ) : (
                  <td key={column} role="gridcell" aria-selected={day === props.value}>
                    <button
                      type="button"
                      data-date={day}
                      tabIndex={day === focused ? 0 : -1}
                      aria-label={format.longDate(day)}
                      aria-current={day === today ? 'date' : undefined}
                      disabled={day < from || day > to}
                      onClick={() => props.onPick(day)}
                      onFocus={() => {
                        followFocus.current = true;
                        if (day !== focused) setFocused(day);
                      }}
                    >
                      {Number(day.slice(8))}
                    </button>
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CalendarIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16">
      <rect x="1.5" y="2.5" width="13" height="12" rx="1.5" fill="none" stroke="currentColor" />
      <path d="M1.5 6h13M5 1v3M11 1v3" stroke="currentColor" fill="none" />
      <rect x="4" y="8" width="2" height="2" fill="currentColor" />
      <rect x="7" y="8" width="2" height="2" fill="currentColor" />
      <rect x="10" y="8" width="2" height="2" fill="currentColor" />
      <rect x="4" y="11" width="2" height="2" fill="currentColor" />
      <rect x="7" y="11" width="2" height="2" fill="currentColor" />
    </svg>
  );
}

/**
 * The field's name as its label says it, without the calendar button inside that label: Chromium
 * names a labelled input from all of its label's words, the button's included ("Date Choose a
 * date"), so the input says its name itself. Nothing is set when the caller names the field.
 */
export function useNameBesideButton(input: RefObject<HTMLInputElement | null>, named: boolean): void {
  useLayoutEffect(() => {
    const field = input.current;
    if (field === null || named) return;
    const label = field.closest('label');
    const words = label === null ? '' : wordsOf(label);
    if (words === '') field.removeAttribute('aria-label');
    else if (field.getAttribute('aria-label') !== words) field.setAttribute('aria-label', words);
  });
}

/** A label's words as a screen reader reads them: not its controls', nor what is hidden from it. */
function wordsOf(label: HTMLLabelElement): string {
  const copy = label.cloneNode(true) as HTMLLabelElement;
  for (const left of copy.querySelectorAll('input, select, textarea, button, [aria-hidden="true"], [hidden]')) left.remove();
  return (copy.textContent ?? '').replace(/\s+/gu, ' ').trim();
}
