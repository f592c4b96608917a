import { tIn, type Namespace } from '../../../src-shared/i18n';
import { SETTINGS_ID, type Settings } from '../../../src-shared/entities';
import { AppError } from '../../../src-shared/errors';
import type { Store } from '../store/open';
import { cachedRow } from '../store/rowCache';

/**
 * The shop's settings as last read (store/rowCache.ts): nearly every read asks for them — its zone,
 * its language for each sentence — and decoding their JSON each time cost more than the reads.
 * The row is frozen and shared.
 */
export function getShopSettings(store: Store): Settings | null {
  return cachedRow(store, 'settings', SETTINGS_ID);
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
