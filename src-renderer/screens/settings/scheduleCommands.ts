import { useQuery } from '@tanstack/react-query';
import type { ProductUse, Skill, TimeOffKind, WorkingHours } from '../../../src-shared/entities';
import { trpc } from '../../api/client';
import { commands, type CommandResult } from '../../api/commands';

/** The schedule ops the settings screens send (working hours, skills, one's own PIN, time off). */

type Row = { id: string; version: number };
const target = (key: string, row: Row) => ({ idempotencyKey: key, id: row.id, expectedVersion: row.version });

export function setWorkingHours(key: string, staff: Row, workingHours: WorkingHours | null): Promise<CommandResult> {
  return commands.staff.setWorkingHours({ ...target(key, staff), workingHours });
}

/** `currentPin` null: the person has no PIN yet. */
export function changeOwnPin(key: string, staff: Row, currentPin: string | null, pin: string): Promise<CommandResult> {
  return commands.staff.changeOwnPin({ ...target(key, staff), currentPin, pin });
}

export function setSkills(key: string, service: Row, performedBy: Skill[] | null): Promise<CommandResult> {
  return commands.service.setSkills({ ...target(key, service), performedBy });
}

/** The products one visit of the service uses (docs/architecture.md §25). */
export function setProducts(key: string, service: Row, products: ProductUse[]): Promise<CommandResult> {
  return commands.service.setProducts({ ...target(key, service), products });
}

/** What the service dialog may change. */
export interface ServiceFields {
  name: string;
  category: string | null;
  colour: string | null;
  durationMin: number;
  bufferBeforeMin: number;
  bufferAfterMin: number;
  priceCents: number | null;
  /** A colour service: booking it warns when the client's patch test is missing or too old. */
  needsPatchTest: boolean;
  /** The intake forms its visits need signed (docs/architecture.md §27). */
  formTemplateIds: string[];
}

/** service.update with only the fields that changed. */
export function updateService(key: string, service: Row, changes: Partial<ServiceFields>): Promise<CommandResult> {
  return commands.service.update({ ...target(key, service), ...changes });
}

export function createService(key: string, fields: ServiceFields): Promise<CommandResult> {
  return commands.service.create({ idempotencyKey: key, ...fields });
}

/** What the time-off form sends. */
export interface TimeOffFields {
  kind: TimeOffKind;
  startsAt: number;
  endsAt: number;
  note: string;
}

export function createTimeOff(key: string, staffId: string, fields: TimeOffFields): Promise<CommandResult> {
  return commands.timeOff.create({ idempotencyKey: key, staffId, ...fields });
}

export function updateTimeOff(key: string, entry: Row, fields: TimeOffFields): Promise<CommandResult> {
  return commands.timeOff.update({ ...target(key, entry), ...fields });
}

export function deleteTimeOff(key: string, entry: Row): Promise<CommandResult> {
  return commands.timeOff.delete(target(key, entry));
}

/** A person's time off that meets [from, to) (at most 400 days). */
export function useTimeOff(staffId: string, from: number, to: number) {
  return useQuery(trpc.timeOff.list.queryOptions({ from, to, staffId }));
}
