import type { Appointment, DomainEvent } from '../../src-shared/entities';
import type { OpeningHours } from '../../src-shared/entities';
import { client } from './client';

/**
 * Typed wrappers over the command procedures (their router inputs are validated by zod on the
 * main side; these give the screens real types). Every call carries a fresh idempotency key
 * unless the caller passes one (a retry of the same intent reuses its key).
 */

export interface CommandResult<R = Record<string, unknown>> {
  row: R & { id: string; version: number };
  event: DomainEvent;
}

export const newKey = () => crypto.randomUUID();

type Key = { idempotencyKey: string };
type Existing = Key & { id: string; expectedVersion: number; reason?: string };

const m = client as unknown as Record<string, Record<string, { mutate(input: unknown): Promise<unknown> }>>;

/** The command behind a failure (procedure and input), so a change that was not saved can be kept and retried after a reload. */
export interface FailedCommand {
  procedure: string;
  input: Record<string, unknown>;
}
const failedCommands = new WeakMap<object, FailedCommand>();
export function commandOfFailure(error: unknown): FailedCommand | undefined {
  return typeof error === 'object' && error !== null ? failedCommands.get(error) : undefined;
}

function call<R = Record<string, unknown>>(group: string, op: string, input: object): Promise<CommandResult<R>> {
  const procedure = m[group]?.[op];
  if (procedure === undefined) throw new Error(`No procedure ${group}.${op}`);
  return (procedure.mutate(input) as Promise<CommandResult<R>>).catch((error: unknown) => {
    if (typeof error === 'object' && error !== null) failedCommands.set(error, { procedure: `${group}.${op}`, input: { ...input } });
    throw error;
  });
}

/** Runs a kept command again, exactly as it was asked (same idempotency key: never twice). */
export function runStoredCommand(command: FailedCommand): Promise<CommandResult> {
  const [group, op] = command.procedure.split('.');
  return call(group ?? '', op ?? '', command.input);
}

export const commands = {
  appointment: {
    create: (input: Key & { id?: string; clientId: string; staffId: string; serviceId: string; startsAt: number; notes?: string; allowOutsideHours?: boolean; allowPast?: boolean }) =>
      call<Appointment>('appointments', 'create', input),
    reschedule: (input: Existing & { startsAt?: number; staffId?: string; allowOutsideHours?: boolean; allowPast?: boolean }) =>
      call<Appointment>('appointments', 'reschedule', input),
    changeService: (input: Existing & { serviceId: string; allowOutsideHours?: boolean }) =>
      call<Appointment>('appointments', 'changeService', input),
    updateNotes: (input: Existing & { notes: string }) => call<Appointment>('appointments', 'updateNotes', input),
    cancel: (input: Existing & { reason: string }) => call<Appointment>('appointments', 'cancel', input),
    restore: (input: Existing & { allowOutsideHours?: boolean; allowPast?: boolean }) => call<Appointment>('appointments', 'restore', input),
    markNoShow: (input: Existing) => call<Appointment>('appointments', 'markNoShow', input),
    clearNoShow: (input: Existing) => call<Appointment>('appointments', 'clearNoShow', input),
    undo: (input: Existing & { eventId: string; allowPast?: boolean }) => call<Appointment>('appointments', 'undo', input),
  },
  client: {
    create: (input: Key & { id?: string; name: string; phone?: string | null; email?: string | null; notes?: string }) =>
      call('clients', 'create', input),
    update: (input: Existing & { name?: string; phone?: string | null; email?: string | null; notes?: string }) =>
      call('clients', 'update', input),
    undo: (input: Existing & { eventId: string }) => call('clients', 'undo', input),
  },
  staff: {
    create: (input: Key & { id?: string; name: string; colour: string; role: 'owner' | 'staff'; pin?: string | null }) =>
      call('staff', 'create', input),
    update: (input: Existing & { name?: string; colour?: string; role?: 'owner' | 'staff'; pin?: string | null }) =>
      call('staff', 'update', input),
    deactivate: (input: Existing) => call('staff', 'deactivate', input),
    reactivate: (input: Existing) => call('staff', 'reactivate', input),
    undo: (input: Existing & { eventId: string }) => call('staff', 'undo', input),
  },
  service: {
    create: (input: Key & { id?: string; name: string; durationMin: number; bufferAfterMin?: number; priceCents?: number | null }) =>
      call('services', 'create', input),
    update: (input: Existing & { name?: string; durationMin?: number; bufferAfterMin?: number; priceCents?: number | null }) =>
      call('services', 'update', input),
    archive: (input: Existing) => call('services', 'archive', input),
    unarchive: (input: Existing) => call('services', 'unarchive', input),
    undo: (input: Existing & { eventId: string }) => call('services', 'undo', input),
  },
  settings: {
    create: (input: Key & { shopName: string; timeZone: string; openingHours: OpeningHours; paperSize?: 'A4' | 'Letter' }) =>
      call('settings', 'create', input),
    update: (input: Existing & { shopName?: string; timeZone?: string; openingHours?: OpeningHours; paperSize?: 'A4' | 'Letter' }) =>
      call('settings', 'update', input),
    undo: (input: Existing & { eventId: string }) => call('settings', 'undo', input),
  },
};

export type UndoGroup = 'appointment' | 'client' | 'staff' | 'service' | 'settings';
type UndoInput = Existing & { eventId: string; allowPast?: boolean };
export const undoOf: Record<UndoGroup, (input: UndoInput) => Promise<CommandResult>> = {
  appointment: commands.appointment.undo as (input: UndoInput) => Promise<CommandResult>,
  client: commands.client.undo,
  staff: commands.staff.undo,
  service: commands.service.undo,
  settings: commands.settings.undo,
};
