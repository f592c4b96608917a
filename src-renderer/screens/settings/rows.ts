import type { Service, Settings, Staff } from '../../../src-shared/entities';
import type { ServiceRow, Settings as SettingsRow, StaffMember } from '../../api/types';

/**
 * The rows as the settings screens read them: every schedule field present. A desk whose store
 * predates a field answers without it; it then means what the model says it means by default
 * (no special days, works whenever the shop is open, done by everyone, no buffer before).
 */

export type ShopSettings = SettingsRow & Pick<Settings, 'specialDays'>;
export type ServiceView = ServiceRow & Pick<Service, 'category' | 'colour' | 'bufferBeforeMin' | 'performedBy'>;
export type StaffView = StaffMember & Pick<Staff, 'workingHours'>;

export function shopSettingsOf(row: SettingsRow & Partial<Pick<Settings, 'specialDays'>>): ShopSettings {
  return { ...row, specialDays: row.specialDays ?? [] };
}

export function serviceViewOf(row: ServiceRow & Partial<Pick<Service, 'category' | 'colour' | 'bufferBeforeMin' | 'performedBy'>>): ServiceView {
  return { ...row, category: row.category ?? null, colour: row.colour ?? null, bufferBeforeMin: row.bufferBeforeMin ?? 0, performedBy: row.performedBy ?? null };
}

export function staffViewOf(row: StaffMember & Partial<Pick<Staff, 'workingHours'>>): StaffView {
  return { ...row, workingHours: row.workingHours ?? null };
}
