import type { Store } from '../../core/store/open';
import { deleteLocalMeta, readLocalMeta as read, writeLocalMeta as write } from '../../core/store/localMeta';
import type { PinnedCertificate } from './pinnedCertificate';
import type { StoredSecret } from './secrets';

/** What pairing leaves in local_meta (key 'pairing'); its presence makes isPaired() true. */
export interface PairingInfo {
  serverUrl: string;
  shopId: string;
  /** The device id the server gave this machine (events this machine pushed carry it). */
  deviceId: string;
  deviceName: string;
  pairedAt: number;
  /** The device token, never in clear text here: encrypted, or in a file only this user can read. */
  token: StoredSecret;
  /** A self-signed server certificate confirmed at pairing; the server must present exactly it. */
  certificate?: PinnedCertificate;
  /** The person accepted an unencrypted (http://) connection to a server on the network. */
  insecureHttp?: boolean;
}

/** The agent's progress (key 'sync'): pull cursor and the last mutation id given on the wire. */
export interface SyncProgress {
  cursor: number;
  lastWireId: number;
  /**
   * Set when a backup was restored: this progress is the backup's, and the server has probably
   * seen later mutation ids from this machine. The agent re-bases before it pushes again.
   */
  rebase?: boolean;
}

export function readPairing(store: Store): PairingInfo | null {
  return read<PairingInfo>(store, 'pairing');
}

export function writePairing(store: Store, pairing: PairingInfo): void {
  write(store, 'pairing', pairing);
}

export function clearPairing(store: Store): void {
  deleteLocalMeta(store, 'pairing');
  deleteLocalMeta(store, 'sync');
}

export function readProgress(store: Store): SyncProgress {
  return read<SyncProgress>(store, 'sync') ?? { cursor: 0, lastWireId: 0 };
}

export function writeProgress(store: Store, progress: SyncProgress): void {
  write(store, 'sync', progress);
}

/** After a restore on a paired machine: its numbering is stale until the agent re-bases. */
export function markProgressStale(store: Store): void {
  if (readPairing(store) === null) return;
  writeProgress(store, { ...readProgress(store), rebase: true });
}
