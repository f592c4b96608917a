import { readFile, rm } from 'node:fs/promises';
import { writeFileDurably } from '../support/files';

/**
 * Where the device token lives at rest (DESIGN.md §4: "encrypted at rest on the machine").
 * In Electron the main process passes an encryptor backed by `safeStorage` (OS keychain / DPAPI /
 * libsecret); in browser mode, or when safeStorage is unavailable, the token goes into a file
 * that only the current user can read (mode 0600). No Electron import here.
 */

export type StoredSecret = { kind: 'encrypted'; data: string } | { kind: 'file'; path: string };

export interface SecretStore {
  save(secret: string): Promise<StoredSecret>;
  load(stored: StoredSecret): Promise<string>;
  forget(stored: StoredSecret): Promise<void>;
}

/** The shape of Electron's safeStorage, so the Electron glue can pass it straight in. */
export interface StringEncryptor {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
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

/** safeStorage-backed when encryption is available, else the 0600 file. */
export function encryptedSecretStore(encryptor: StringEncryptor, fallbackFile: string): SecretStore {
  const file = fileSecretStore(fallbackFile);
  return {
    async save(secret) {
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
