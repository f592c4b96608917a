import { z } from 'zod';
import { idSchema } from '../../../src-shared/entities';
import { AppError, parseOrThrow } from '../../../src-shared/errors';
import { idempotencyKeySchema } from '../../../src-shared/registry/fields';
import type { CommandResult, Desk } from '../commands/execute';
import { stepKey } from '../commands/stepKey';
import { loadRow } from '../store/rows';
import { transact } from '../store/transaction';
import { recordStockMovement } from './commands';

/**
 * Retail sold at a checkout (docs/architecture.md §25): one `sold` movement per product, naming the
 * visit, all in one transaction; each step's key derives from the request's, so a retry answers
 * what was recorded.
 */
export const sellRetailInputSchema = z.strictObject({
  idempotencyKey: idempotencyKeySchema,
  appointmentId: idSchema,
  items: z
    .array(
      z.strictObject({
        productId: idSchema,
        quantity: z.int({ message: 'must be a whole number' }).min(1, { message: 'must be at least 1' }).max(1000, { message: 'must be at most 1,000' }),
      }),
    )
    .min(1)
    .max(50),
});

export function sellRetail(desk: Desk, input: unknown): CommandResult<'stockMovement'>[] {
  const sale = parseOrThrow(sellRetailInputSchema, input);
  return transact(desk.store, () => {
    if (loadRow(desk.store, 'appointment', sale.appointmentId) === null) throw new AppError('NOT_FOUND', 'That visit is no longer on the schedule.', { field: 'appointmentId' });
    return sale.items.map((item, index) => {
      const product = loadRow(desk.store, 'product', item.productId);
      if (product === null || product.deletedAt !== null) throw new AppError('NOT_FOUND', 'One of the products is no longer in the stock list.', { field: 'productId' });
      return recordStockMovement(desk, {
        idempotencyKey: stepKey(sale.idempotencyKey, `sold:${index}`),
        productId: item.productId,
        kind: 'sold',
        quantity: item.quantity,
        appointmentId: sale.appointmentId,
      }) as CommandResult<'stockMovement'>;
    });
  });
}
