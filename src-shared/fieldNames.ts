/**
 * Plain names of fields, one table for every place a person reads one: the history, the Recovery
 * Center's side-by-side view and the messages that say which value to correct.
 */

/** Record fields a person sees and changes (history and the Recovery Center show exactly these). */
export const recordFieldNames: Record<string, string> = {
  startsAt: 'Start time',
  staffId: 'Staff',
  serviceId: 'Service',
  clientId: 'Client',
  status: 'Status',
  notes: 'Notes',
  cancelReason: 'Cancel reason',
  name: 'Name',
  phone: 'Phone',
  email: 'E-mail',
  colour: 'Colour',
  role: 'Role',
  active: 'Active',
  durationMin: 'Duration (min)',
  bufferAfterMin: 'Buffer after (min)',
  priceCents: 'Price',
  archived: 'Archived',
  shopName: 'Shop name',
  timeZone: 'Time zone',
  openingHours: 'Opening hours',
  deletedAt: 'Deleted',
  paperSize: 'Paper size',
  workingHours: 'Working hours',
  category: 'Category',
  bufferBeforeMin: 'Buffer before (min)',
  performedBy: 'Who does it',
  specialDays: 'Special opening days',
  kind: 'Kind',
  note: 'Note',
  endsAt: 'End time',
  arrivedAt: 'Checked in',
  serviceStartedAt: 'Service started',
  completedAt: 'Checked out',
  discountCents: 'Discount',
  checkoutNote: 'Checkout note',
};

/** Fields only requests carry: named in messages, never shown as part of a record. */
const requestFieldNames: Record<string, string> = {
  closedDates: 'Closed days',
  reason: 'Reason',
  pin: 'PIN',
  currentPin: 'Current PIN',
  weekAStartsOn: 'Week A starts on',
  allowOutsideSchedule: 'Outside working hours',
  date: 'Date',
  day: 'Date',
  from: 'Start of the period',
  to: 'End of the period',
  notBefore: 'Earliest time',
  query: 'Search text',
  type: 'Kind of change',
  op: 'Kind of change',
  args: 'Details of the change',
  open: 'Opening time',
  close: 'Closing time',
  deviceName: 'Name of this machine',
  code: 'Pairing code',
  serverUrl: 'Server address',
  clientTime: 'Time of the change',
  allowOutsideHours: 'Outside opening hours',
  includeCancelled: 'Include cancelled',
  includeClientDetails: 'Include client details',
  includeDeleted: 'Include deleted',
  idempotencyKey: 'Request key',
  expectedVersion: 'Version',
  eventId: 'Change',
  entityId: 'Record',
  entityType: 'Kind of record',
  id: 'Record',
  limit: 'Number of results',
  stepMin: 'Step (min)',
};

/**
 * The plain name of the field at a path such as `mutations.0.command.args.name`: the innermost
 * part that has one, so a field keeps its name however deep the request holds it.
 */
export function fieldNameOf(path: readonly PropertyKey[]): string | undefined {
  for (let index = path.length - 1; index >= 0; index -= 1) {
    const part = path[index];
    if (typeof part !== 'string') continue;
    const name = Object.hasOwn(recordFieldNames, part)
      ? recordFieldNames[part]
      : Object.hasOwn(requestFieldNames, part)
        ? requestFieldNames[part]
        : undefined;
    if (name !== undefined) return name;
  }
  return undefined;
}
