import { tIn, type Namespace } from '../../../src-shared/i18n';
import { SETTINGS_ID, type Settings } from '../../../src-shared/entities';
import { AppError } from '../../../src-shared/errors';
import type { Store } from '../store/open';
import { loadRow } from '../store/rows';

export function getShopSettings(store: Store): Settings | null {
  return loadRow(store, 'settings', SETTINGS_ID);
}

export function requireShopSettings(store: Store): Settings {
  const settings = getShopSettings(store);
  if (settings === null) throw new AppError('NOT_FOUND', 'The shop is not set up yet. Finish the set-up first.');
  return settings;
}

/** A namespace's words in the shop's language (English until the shop has settings). */
export function shopWords<N extends Namespace>(store: Store, namespace: N) {
  return tIn(getShopSettings(store)?.locale.language ?? 'en', namespace);
}
