import { z } from 'zod';
import { idSchema, MAX_FORMS_PER_SERVICE, productUseSchema, type ProductUse, type Service, type Skill } from '../entities';
import { refuse } from '../refuse';
import { text } from '../text';
import { changeOp, createOp, declareEntity } from './declare';
import { atLeastOne, bufferAfterMin, colour, durationMin, name, priceCents } from './fields';
import { flagOp } from './flagOp';
import { definedOnly, newRecord, plainFieldError, refuseRemoved, type Refs } from './planning';

const category = text(80).nullable();
const bufferBeforeMin = bufferAfterMin;
/** The intake forms a visit needs (docs/architecture.md §27), each once. */
const formTemplateIds = z.array(idSchema).max(MAX_FORMS_PER_SERVICE).refine((ids) => new Set(ids).size === ids.length, { message: 'lists a form twice' });
const skill = z.strictObject({ staffId: idSchema, durationMin: durationMin.nullable(), priceCents });

/** Who performs a service: staff members the shop has, each once (their names come from the rows the rulebook loaded). */
function checkedSkills(performedBy: readonly Skill[], refs: Refs): Skill[] {
  const seen = new Set<string>();
  for (const entry of performedBy) {
    const member = refs.performers?.find((candidate) => candidate.id === entry.staffId);
    if (member === undefined || member.deletedAt !== null) {
      throw refuse('NOT_FOUND', 'service.noPerformer', undefined, { field: 'performedBy', staffId: entry.staffId });
    }
    if (seen.has(entry.staffId)) plainFieldError('performedBy', 'service.staffTwice', { name: member.name });
    seen.add(entry.staffId);
  }
  return [...performedBy];
}

/** Each product once: a visit uses so many of it. */
function distinctProducts(products: readonly ProductUse[]): ProductUse[] {
  const seen = new Set<string>();
  for (const use of products) {
    if (seen.has(use.productId)) plainFieldError('products', 'service.productTwice');
    seen.add(use.productId);
  }
  return [...products];
}

/** What a service is made of; an update may change any of it. */
const serviceArgs = z.strictObject({
  name,
  category: category.optional(),
  colour: colour.nullable().optional(),
  durationMin,
  bufferBeforeMin: bufferBeforeMin.optional(),
  bufferAfterMin: bufferAfterMin.optional(),
  priceCents: priceCents.optional(),
  needsPatchTest: z.boolean().optional(),
  formTemplateIds: formTemplateIds.optional(),
});

/** What the shop offers, the owner's to change; an archived service takes no new bookings. */

export const service = declareEntity({
  changedBy: 'owner',
  check: refuseRemoved('removed.service'),
  ops: {
    create: createOp({
      args: serviceArgs,
      wording: { label: 'Service added', verb: 'added', name: 'creation' },
      plan: (args, context): Service =>
        newRecord(context, {
          name: args.name,
          category: args.category ?? null,
          colour: args.colour ?? null,
          durationMin: args.durationMin,
          bufferBeforeMin: args.bufferBeforeMin ?? 0,
          bufferAfterMin: args.bufferAfterMin ?? 0,
          priceCents: args.priceCents ?? null,
          archived: false,
          performedBy: null,
          needsPatchTest: args.needsPatchTest ?? false,
          products: [],
          formTemplateIds: args.formTemplateIds ?? [],
        }),
    }),
    update: changeOp({
      args: atLeastOne(serviceArgs.partial()),
      wording: { label: 'Service updated', verb: 'updated', name: 'update' },
      plan: (row: Service, args) => ({ ...row, ...definedOnly(args) }),
    }),
    setSkills: changeOp({
      args: z.strictObject({ performedBy: z.array(skill).max(200).nullable() }),
      wording: { label: 'Service staff changed', verb: 'changed who does', name: 'change of who does it' },
      plan: (row: Service, args, { refs }) => ({
        ...row,
        performedBy: args.performedBy === null ? null : checkedSkills(args.performedBy, refs),
      }),
    }),
    setProducts: changeOp({
      args: z.strictObject({ products: z.array(productUseSchema).max(20) }),
      wording: { label: 'Service products changed', verb: 'changed the products of', name: 'change of products used' },
      plan: (row: Service, args) => ({ ...row, products: distinctProducts(args.products) }),
    }),
    archive: flagOp<Service>('archived', true, { label: 'Service archived', verb: 'archived', name: 'archiving' }, 'flag.alreadyArchived'),
    unarchive: flagOp<Service>('archived', false, { label: 'Service unarchived', verb: 'unarchived', name: 'unarchiving' }, 'flag.notArchived'),
  },
});
