import { entityTypes, type EntityType } from './entities';

/** Where each kind of record's commands live in the desk router (the procedure path names it: `clients.create`). */
export const routerGroupOf = {
  appointment: 'appointments',
  client: 'clients',
  staff: 'staff',
  service: 'services',
  settings: 'settings',
  timeOff: 'timeOff',
  block: 'blocks',
  waitlist: 'waitlist',
  walkIn: 'walkIns',
  message: 'messages',
  product: 'products',
  stockMovement: 'stock',
  formTemplate: 'formTemplates',
  formResponse: 'formResponses',
  importBatch: 'imports',
} as const satisfies Record<EntityType, string>;

/**
 * One value for every kind of record, in the registry's order. `Object.fromEntries` forgets which
 * kind holds which value; the caller's `T` says it.
 */
export function everyKind<T>(build: (entityType: EntityType) => unknown): T;
export function everyKind(build: (entityType: EntityType) => unknown): Record<string, unknown> {
  return Object.fromEntries(entityTypes.map((entityType) => [entityType, build(entityType)]));
}
