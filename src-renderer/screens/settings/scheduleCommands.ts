import type { Settings, Skill, TimeOff, TimeOffKind, WorkingHours } from '../../../src-shared/entities';
import type { CommandResult } from '../../api/commands';
import { EnvelopeError } from '../../api/errors';
import { commands } from '../../api/commands';

/**
 * The schedule ops the settings screens send (special days, working hours, skills, one's own PIN,
 * time off). They arrive with the core's schedule milestone; until then each says so in words.
 */

const notYet = (): Promise<CommandResult> =>
  Promise.reject(
    new EnvelopeError({
      code: 'VALIDATION_ERROR',
      message: 'This desk cannot save this yet: it comes with the next update of CareDesk.',
      retryable: false,
      requestId: 'none',
    }),
  );

export function saveSpecialDays(_key: string, _settings: { id: string; version: number }, _specialDays: Settings['specialDays']): Promise<CommandResult> {
  return notYet();
}

export function setWorkingHours(_key: string, _staff: { id: string; version: number }, _workingHours: WorkingHours | null): Promise<CommandResult> {
  return notYet();
}

export function changeOwnPin(_key: string, _staff: { id: string; version: number }, _currentPin: string, _pin: string): Promise<CommandResult> {
  return notYet();
}

export function setSkills(_key: string, _service: { id: string; version: number }, _performedBy: Skill[] | null): Promise<CommandResult> {
  return notYet();
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
}

/** service.update with only the fields that changed (category, colour and buffer before come with the milestone). */
export function updateService(key: string, service: { id: string; version: number }, changes: Partial<ServiceFields>): Promise<CommandResult> {
  const { category, colour, bufferBeforeMin, ...rest } = changes;
  if (category !== undefined || colour !== undefined || bufferBeforeMin !== undefined) return notYet();
  return commands.service.update({ idempotencyKey: key, id: service.id, expectedVersion: service.version, ...rest });
}

export function createService(key: string, fields: ServiceFields): Promise<CommandResult> {
  const { name, durationMin, bufferAfterMin, priceCents } = fields;
  return commands.service.create({ idempotencyKey: key, name, durationMin, bufferAfterMin, priceCents });
}

/** What the time-off form sends. */
export interface TimeOffFields {
  kind: TimeOffKind;
  startsAt: number;
  endsAt: number;
  note: string;
}

export function createTimeOff(_key: string, _staffId: string, _fields: TimeOffFields): Promise<CommandResult> {
  return notYet();
}

export function updateTimeOff(_key: string, _entry: { id: string; version: number }, _fields: TimeOffFields): Promise<CommandResult> {
  return notYet();
}

export function deleteTimeOff(_key: string, _entry: { id: string; version: number }): Promise<CommandResult> {
  return notYet();
}

/** A person's time off that meets [from, to). */
export function useTimeOff(_staffId: string, _from: number, _to: number): { data: TimeOff[] | undefined; isError: boolean } {
  return { data: [], isError: false };
}
