import type { ServiceRow, Settings as SettingsRow, StaffMember } from '../../api/types';

/** The rows as the settings screens read them (the desk router's answers). */
export type ShopSettings = SettingsRow;
export type ServiceView = ServiceRow;
export type StaffView = StaffMember;
