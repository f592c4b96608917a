import { z } from 'zod';
import { productKindSchema, type Product } from '../entities';
import { text } from '../text';
import { changeOp, createOp, declareEntity } from './declare';
import { atLeastOne, name, none, priceCents } from './fields';
import { definedOnly, invalid, newRecord, refuseRemoved } from './planning';

/**
 * A product the shop keeps in stock (docs/architecture.md §25): retail, sold at checkout, or
 * back-bar, used by services. Its level is not a field: it is the sum of its stock movements.
 */

const unit = text(40, { min: 1 });
const supplier = text(200);
const lowStockAt = z.int({ message: 'must be a whole number' }).min(0, { message: 'must be 0 or more' }).max(1_000_000);

export const product = declareEntity({
  changedBy: 'owner',
  check: refuseRemoved('removed.product'),
  ops: {
    create: createOp({
      args: z.strictObject({
        name,
        kind: productKindSchema,
        unit,
        supplier: supplier.optional(),
        costCents: priceCents.optional(),
        priceCents: priceCents.optional(),
        lowStockAt: lowStockAt.optional(),
      }),
      wording: { label: 'Product added', verb: 'added', name: 'creation' },
      plan: (args, context): Product =>
        newRecord(context, {
          name: args.name,
          kind: args.kind,
          unit: args.unit,
          supplier: args.supplier ?? '',
          costCents: args.costCents ?? null,
          priceCents: args.priceCents ?? null,
          lowStockAt: args.lowStockAt ?? 0,
        }),
    }),
    update: changeOp({
      args: atLeastOne(
        z.strictObject({
          name: name.optional(),
          kind: productKindSchema.optional(),
          unit: unit.optional(),
          supplier: supplier.optional(),
          costCents: priceCents.optional(),
          priceCents: priceCents.optional(),
          lowStockAt: lowStockAt.optional(),
        }),
      ),
      wording: { label: 'Product updated', verb: 'updated', name: 'update' },
      plan: (row: Product, args) => ({ ...row, ...definedOnly(args) }),
    }),
    remove: changeOp({
      args: none,
      wording: { label: 'Product removed', verb: 'removed', name: 'removal' },
      plan: (row: Product, _args, { now }) => {
        if (row.deletedAt !== null) invalid('product.alreadyRemoved', { name: row.name });
        return { ...row, deletedAt: now };
      },
    }),
  },
});
