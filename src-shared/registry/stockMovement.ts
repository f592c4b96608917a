import { z } from 'zod';
import { idSchema, MAX_AMOUNT_CENTS, stockMovementKindSchema, type StockMovement, type StockMovementKind } from '../entities';
import { text } from '../text';
import { createOp, declareEntity } from './declare';
import { newRecord, plainFieldError, requireProduct } from './planning';

/**
 * One line of a product's stock ledger (docs/architecture.md §25). Movements are only ever added:
 * the level is their sum, so two desks adding movements offline never overwrite each other; an
 * undo removes a movement (a soft delete), which the sum leaves out.
 */

const MAX_QUANTITY = 1_000_000;
const wholeNumber = z.int({ message: 'must be a whole number' });

/** Which way each kind moves stock: +1 into it, −1 out of it; a count moves it by its difference. */
const direction: Record<Exclude<StockMovementKind, 'counted'>, 1 | -1> = { received: 1, returned: 1, sold: -1, used: -1 };


export const stockMovement = declareEntity({
  changedBy: 'anyone',
  ops: {
    create: createOp({
      args: z.strictObject({
        productId: idSchema,
        kind: stockMovementKindSchema,
        /** How many (received, sold, used, returned); for a count, the difference it found. */
        quantity: wholeNumber.min(-MAX_QUANTITY).max(MAX_QUANTITY),
        /** A count: the number on the shelf. */
        counted: wholeNumber.min(0, { message: 'must be 0 or more' }).max(MAX_QUANTITY).optional(),
        appointmentId: idSchema.optional(),
        shortBy: z.int().min(0).max(MAX_QUANTITY).optional(),
        note: text(500).optional(),
        /** Sold: the price charged for each unit. */
        priceCents: z.int().min(0).max(MAX_AMOUNT_CENTS).optional(),
        /** Sold: a sale taken back (its checkout undone), so the stock comes back in. */
        undoesSale: z.literal(true).optional(),
      }),
      wording: { label: 'Stock recorded', verb: 'recorded', name: 'stock change', sentence: 'recorded {record}' },
      plan: (args, context): StockMovement => {
        requireProduct(context.refs, args.productId);
        let quantity = args.quantity;
        if (args.kind === 'counted') {
          if (args.counted === undefined) plainFieldError('counted', 'stock.enterCounted');
        } else {
          if (quantity < 1) plainFieldError('quantity', `stock.moreThanZero.${args.kind}`);
          quantity *= direction[args.kind] * (args.kind === 'sold' && args.undoesSale === true ? -1 : 1);
        }
        return newRecord(context, {
          productId: args.productId,
          kind: args.kind,
          quantity,
          appointmentId: args.appointmentId ?? null,
          counted: args.kind === 'counted' ? (args.counted ?? null) : null,
          shortBy: args.shortBy ?? 0,
          note: args.note ?? '',
          priceCents: args.kind === 'sold' ? (args.priceCents ?? null) : null,
        });
      },
    }),
  },
});
