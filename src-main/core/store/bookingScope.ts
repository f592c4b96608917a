/**
 * Which rows the owner's numbers count (docs/architecture.md §26), as SQL over `appointments a`:
 * a booking is any appointment not deleted that was ever booked — a time still only held, and a
 * hold released or run out (cancelled with its hold's end still on the row), never were. A visit
 * is **kept** when it still holds its staff member's time: booked, arrived, in the chair or done.
 */
export const KEPT_STATUSES = `'booked', 'arrived', 'in_service', 'completed'`;
// Statuses are listed, never "not held": the report index leads with the status, so each listed
// status is one range of it.
export const BOOKING = `a.status IN (${KEPT_STATUSES}, 'cancelled', 'no_show') AND a.deleted_at IS NULL AND NOT (a.status = 'cancelled' AND a.hold_expires_at IS NOT NULL)`;
export const KEPT = `a.status IN (${KEPT_STATUSES}) AND a.deleted_at IS NULL`;
/** What a completed visit brought in: the price charged less its discount (src-shared visitTotalCents). */
export const VISIT_TOTAL = `CASE WHEN a.status = 'completed' THEN coalesce(a.price_cents, 0) - coalesce(a.discount_cents, 0) ELSE 0 END`;
/** Rows whose start lies in the range [@from, @to). */
export const IN_RANGE = `a.starts_at >= @from AND a.starts_at < @to`;
