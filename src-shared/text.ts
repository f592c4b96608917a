import { z } from 'zod';

/**
 * The one definition of text a person may send: text every store can keep. PostgreSQL refuses
 * U+0000 in text and jsonb, and a lone surrogate has no UTF-8 form (SQLite turns it into U+FFFD in
 * a column while the event's JSON keeps it, so the row would no longer equal the fold of its
 * history). Either would fail only when the shop's server tries to store it, after the desk had
 * already accepted it.
 */

// NUL is the very character to find here.
// eslint-disable-next-line no-control-regex
const unstorable = /[\u0000\p{Cs}]/u;

export function isStorableText(value: string): boolean {
  return !unstorable.test(value);
}

/** The same text with every character no store can keep replaced, for echoing a bad value back. */
export function storableCopy(value: string): string {
  return value.replace(new RegExp(unstorable.source, 'gu'), '\uFFFD');
}

export const cannotBeStored = 'contains a character that cannot be stored';

export interface TextOptions {
  /** At least this many characters (after trimming); 1 means "must not be empty". */
  min?: number;
  /** Trim surrounding spaces first (what a person typed); rows and keys are kept as they are. */
  trim?: boolean;
}

/** Storable text of at most `max` characters. */
export function text(max: number, options: TextOptions = {}) {
  const base = options.trim === false ? z.string() : z.string().trim();
  const limited = base
    .refine(isStorableText, { message: cannotBeStored, abort: true })
    .max(max, { message: `must be at most ${max} characters` });
  const min = options.min ?? 0;
  if (min === 0) return limited;
  return limited.min(min, { message: min === 1 ? 'must not be empty' : `must be at least ${min} characters` });
}

/** The name of a field inside a record (a command's args, an event's before/after). */
export const fieldKeySchema = text(100, { trim: false, min: 1 });
