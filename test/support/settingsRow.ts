import { DEFAULT_MESSAGE_SETTINGS, SETTINGS_ID, type OpeningHours, type Settings } from '../../src-shared/entities';
import { DEFAULT_LOCALE } from '../../src-shared/locale/settings';

/** The shop's settings row as the shared rules read it: open `openingHours` in `zone`, the rest as a new shop has it. */
export function settingsRow(zone: string, openingHours: OpeningHours, extra: Partial<Settings> = {}): Settings {
  return {
    id: SETTINGS_ID,
    version: 1,
    createdAt: 0,
    updatedAt: 0,
    deletedAt: null,
    shopName: 'Test Cuts',
    timeZone: zone,
    openingHours,
    closedDates: [],
    specialDays: [],
    paperSize: 'A4',
    patchTestMaxAgeMonths: null,
    messages: DEFAULT_MESSAGE_SETTINGS,
    locale: DEFAULT_LOCALE,
    ...extra,
  };
}
