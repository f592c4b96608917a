import type { DomainEvent } from '../../../src-shared/entities';

/**
 * PIN hashes never leave the main process: a 4- to 8-digit PIN falls quickly to an offline guess
 * against its hash, so anything sent to a screen says only whether a PIN is set. The store, the
 * idempotency records and sync keep the real hash.
 */
export const PIN_SET = '(set)';

function redactFields<T extends Record<string, unknown>>(fields: T): T {
  if (typeof fields.pinHash !== 'string') return fields;
  return { ...fields, pinHash: PIN_SET };
}

export function redactEvent<E extends Pick<DomainEvent, 'before' | 'after'>>(event: E): E {
  const before = redactFields(event.before);
  const after = redactFields(event.after);
  return before === event.before && after === event.after ? event : { ...event, before, after };
}

export function redactCommandResult<R extends { row: object; event: Pick<DomainEvent, 'before' | 'after'> }>(
  result: R,
): R {
  return { ...result, row: redactFields(result.row as Record<string, unknown>), event: redactEvent(result.event) };
}
