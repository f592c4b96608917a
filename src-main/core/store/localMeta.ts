import { eq } from 'drizzle-orm';
import type { Store } from './open';
import { localMetaWritten } from './rowCache';
import { localMeta } from './schema';

/**
 * This machine's own settings and progress (pairing, sync progress, the off-site backup folder…),
 * kept in the store's local_meta table: they belong to this desk, never sync, and go with the file.
 */

export function readLocalMeta<T>(store: Store, key: string): T | null {
  const row = store.db.select().from(localMeta).where(eq(localMeta.key, key)).get();
  return row === undefined ? null : ((row.value as T | null) ?? null);
}

export function writeLocalMeta(store: Store, key: string, value: unknown): void {
  store.db
    .insert(localMeta)
    .values({ key, value })
    .onConflictDoUpdate({ target: localMeta.key, set: { value } })
    .run();
  localMetaWritten(store, key);
}

export function deleteLocalMeta(store: Store, key: string): void {
  store.db.delete(localMeta).where(eq(localMeta.key, key)).run();
  localMetaWritten(store, key);
}
