import { readFile, rm } from 'node:fs/promises';
import type { AppError } from '../../../src-shared/errors';
import { tIn, type Language } from '../../../src-shared/i18n';
import { refuse } from '../../../src-shared/refuse';
import { writeFileDurably } from '../../core/disk/files';

/**
 * Where the device token lives at rest (docs/architecture.md §5: "encrypted at rest on the machine").
 * In Electron the main process passes an encryptor backed by `safeStorage` (OS keychain / DPAPI /
 * libsecret); in browser mode, or when safeStorage is unavailable, the token goes into a file
 * that only the current user can read (mode 0600). No Electron import here.
 */

export type StoredSecret = { kind: 'encrypted'; data: string } | { kind: 'file'; path: string };

export interface SecretStore {
  /** allowWeak: the owner accepted keeping it where the system offers no real protection. */
  save(secret: string, options?: { allowWeak?: boolean }): Promise<StoredSecret>;
  load(stored: StoredSecret): Promise<string>;
  forget(stored: StoredSecret): Promise<void>;
  /** Why a token saved now would be weakly protected; null when it would not. */
  weakness?(): TokenStorageWeakness | null;
}

/** The shape of Electron's safeStorage, so the Electron glue can pass it straight in. */
export interface StringEncryptor {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which keyring backs it; 'basic_text' means a fixed, publicly known key. */
  getSelectedStorageBackend?(): string;
}

/** Why a secret kept now would be weakly protected: no keychain at all, or Linux's keychain not running. */
export type TokenStorageWeakness = 'noKeychain' | 'basicText';

/** Why the encryptor cannot really protect a secret on this machine; null when it can. */
export function encryptorWeakness(encryptor: StringEncryptor, platform: NodeJS.Platform = process.platform): TokenStorageWeakness | null {
  if (!encryptor.isEncryptionAvailable()) return 'noKeychain';
  if (platform === 'linux' && typeof encryptor.getSelectedStorageBackend === 'function' && encryptor.getSelectedStorageBackend() === 'basic_text') return 'basicText';
  return null;
}

/** The weakness in words for the owner, in the shop's language. */
export function tokenStorageWarning(weakness: TokenStorageWeakness, language: Language): string {
  return tIn(language, 'errors')(`sync.tokenStorage.${weakness}`);
}

/** Pairing refused until the owner accepts the weakness (Settings → Sync asks). */
export function weakTokenStorageRefused(weakness: TokenStorageWeakness): AppError {
  return refuse('VALIDATION_ERROR', `sync.tokenStorage.refused.${weakness}`, undefined, { field: 'tokenStorage', weakTokenStorage: true });
}

/** A file readable and writable only by this user; rewritten with mode 0600 every time. */
export function fileSecretStore(path: string): SecretStore {
  return {
    async save(secret) {
      // A new 0600 file renamed into place: an older, looser file never holds the new token.
      await writeFileDurably(path, secret, { what: 'the device token' });
      return { kind: 'file', path };
    },
    async load(stored) {
      if (stored.kind !== 'file') throw new Error('This token was not stored in a file.');
      return (await readFile(stored.path, 'utf8')).trim();
    },
    async forget(stored) {
      if (stored.kind === 'file') await rm(stored.path, { force: true });
    },
  };
}

/**
 * safeStorage-backed. Where the system cannot really protect the token (no keychain, or Linux's
 * basic_text backend), it is kept only with the owner's explicit consent: encrypted as well as it
 * can be, or in the 0600 file when there is no encryption at all.
 */
export function encryptedSecretStore(encryptor: StringEncryptor, fallbackFile: string): SecretStore {
  const file = fileSecretStore(fallbackFile);
  const weakness = () => encryptorWeakness(encryptor);
  return {
    weakness,
    async save(secret, options = {}) {
      const weak = weakness();
      if (weak !== null && options.allowWeak !== true) {
        throw weakTokenStorageRefused(weak);
      }
      if (!encryptor.isEncryptionAvailable()) return file.save(secret);
      return { kind: 'encrypted', data: encryptor.encryptString(secret).toString('base64') };
    },
    async load(stored) {
      if (stored.kind === 'file') return file.load(stored);
      return encryptor.decryptString(Buffer.from(stored.data, 'base64'));
    },
    async forget(stored) {
      await file.forget(stored);
    },
  };
}
