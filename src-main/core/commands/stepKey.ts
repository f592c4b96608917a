/**
 * The idempotency key of one step of a request that makes several changes (a repeating series, a
 * visit of several services, seating a walk-in): derived from the request's own key, so sending
 * the same request again answers each step as it answered before and carries on from there.
 */
export function stepKey(requestKey: string, step: string): string {
  return `${requestKey}:${step}`.slice(0, 128);
}
