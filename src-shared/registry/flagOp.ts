import type { AnyRow } from '../entities';
import { changeOp, type OpWording } from './declare';
import type { SayKey } from '../say';
import { none } from './fields';
import { invalid } from './planning';

/** The names of a row's yes/no fields. */
type FlagOf<Row> = { [K in keyof Row]-?: Row[K] extends boolean ? K : never }[keyof Row];

/**
 * An op that sets one yes/no field of a named record (archiving a service, deactivating a staff
 * member) and nothing else, refused in the record's name when the field already says so.
 */
export function flagOp<Row extends AnyRow & { name: string }>(field: FlagOf<Row>, value: boolean, wording: OpWording, refusal: SayKey) {
  return changeOp({
    args: none,
    wording,
    plan: (row: Row): Row => {
      if (row[field] === value) invalid(refusal, { name: row.name });
      return { ...row, [field]: value };
    },
  });
}
