import { z } from 'zod';
import { idSchema } from '../../../src-shared/entities';
import { AppError, parseOrThrow } from '../../../src-shared/errors';
import { idempotencyKeySchema } from '../../../src-shared/registry/fields';
import { text } from '../../../src-shared/text';
import type { CommandResult, Desk } from '../commands/execute';
import { transact } from '../store/transaction';
import { recordStockMovement } from './commands';
import { productStock } from './queries';

/**
 * A stock count (docs/architecture.md §25): the number on the shelf, with why it differs. It is
 * recorded as the difference from the level at that moment (read in the same transaction), so the
 * ledger's sum becomes what was counted and a movement another desk adds meanwhile still counts.
 */
export const countStockInputSchema = z.strictObject({
  idempotencyKey: idempotencyKeySchema,
  productId: idSchema,
  counted: z.int({ message: 'must be a whole number' }).min(0, { message: 'must be 0 or more' }).max(1_000_000, { message: 'must be at most 1,000,000' }),
  reason: text(500).optional(),
});
export type CountStockInput = z.infer<typeof countStockInputSchema>;

export function countStock(desk: Desk, input: unknown): CommandResult<'stockMovement'> {
  const count = parseOrThrow(countStockInputSchema, input);
  return transact(desk.store, () => {
    const product = productStock(desk.store, count.productId);
    if (product === null) throw new AppError('NOT_FOUND', 'That product is no longer in the stock list.', { field: 'productId' });
    return recordStockMovement(desk, {
      idempotencyKey: count.idempotencyKey,
      productId: count.productId,
      kind: 'counted',
      quantity: count.counted - product.level,
      counted: count.counted,
      ...(count.reason === undefined || count.reason === '' ? {} : { reason: count.reason, note: count.reason }),
    }) as CommandResult<'stockMovement'>;
  });
}
