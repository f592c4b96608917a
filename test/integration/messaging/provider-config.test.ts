import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../src-shared/errors';
import { redactProviders, type MessageProviders } from '../../../src-messaging/settings';
import { loadMessageProviders, saveMessageProviders } from '../../../src-main/agents/messages/providerConfig';
import { encryptedSecretStore, fileSecretStore, type StringEncryptor } from '../../../src-main/agents/sync/secrets';
import { makeShop, type Shop } from '../../support/local/shop';

/**
 * The desk's message providers (docs/architecture.md §18): kept in the desk's own store, their
 * credentials kept like the device token — encrypted, or in a private file — never in the store
 * in clear, and shown to the support report only redacted.
 */

const settings: MessageProviders = {
  email: {
    primary: { kind: 'smtp', name: 'Shop mail', host: 'smtp.example.com', port: 587, secure: false, user: 'desk', password: 'smtp-password-1', from: 'desk@harbour.example' },
    fallback: null,
  },
  sms: {
    primary: { kind: 'sms-http', name: 'Textline', baseUrl: 'https://api.textline.example', accountSid: 'AC1', authToken: 'sms-token-primary', from: '+447700900999', idempotent: true },
    fallback: { kind: 'sms-http', name: 'Backup SMS', baseUrl: 'https://api.backup.example', accountSid: 'AC2', authToken: 'sms-token-fallback', from: '+447700900998', idempotent: false },
  },
};
const secrets = ['smtp-password-1', 'sms-token-primary', 'sms-token-fallback'];

/** A keychain stand-in that really transforms the text (the OS keychain is outside the machine). */
const reversing: StringEncryptor = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from([...plain].reverse().join(''), 'utf8'),
  decryptString: (data) => [...data.toString('utf8')].reverse().join(''),
};

let shop: Shop | null = null;
afterEach(() => {
  shop?.close();
  shop = null;
});

describe("the desk's message providers", () => {
  it('keeps every credential out of the store and reads them back (encrypted with the keychain)', async () => {
    shop = await makeShop();
    const store = shop.store;
    const dir = shop.dir;
    await saveMessageProviders(store, settings, (name) => encryptedSecretStore(reversing, join(dir, name)));
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const onDisk = readFileSync(shop.file).toString('latin1');
    for (const secret of secrets) expect(onDisk).not.toContain(secret);
    expect(await loadMessageProviders(store, (name) => encryptedSecretStore(reversing, join(dir, name)))).toEqual(settings);
  });

  it('without a keychain, each credential is in a file only this user can read', async () => {
    shop = await makeShop();
    const dir = shop.dir;
    const files: string[] = [];
    await saveMessageProviders(shop.store, settings, (name) => {
      files.push(join(dir, name));
      return fileSecretStore(join(dir, name));
    });
    expect(files).toHaveLength(3);
    for (const file of files) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await loadMessageProviders(shop.store, (name) => fileSecretStore(join(dir, name)))).toEqual(settings);
  });

  it('bad settings are refused naming the field, and nothing is kept', async () => {
    shop = await makeShop();
    const dir = shop.dir;
    const bad = { ...settings, sms: { ...settings.sms!, primary: { ...settings.sms!.primary, baseUrl: 'http://api.textline.example' } } };
    const refused = await saveMessageProviders(shop.store, bad, (name) => fileSecretStore(join(dir, name))).catch((error: unknown) => error);
    expect(isAppError(refused) && refused.code).toBe('VALIDATION_ERROR');
    expect(isAppError(refused) && refused.message).toMatch(/https/);
    expect(await loadMessageProviders(shop.store, (name) => fileSecretStore(join(dir, name)))).toBeNull();
  });

  it('the support report’s redaction leaves no secret', () => {
    const shown = JSON.stringify(redactProviders(settings));
    for (const secret of secrets) expect(shown).not.toContain(secret);
    expect(redactProviders(settings).sms?.primary).toMatchObject({ authToken: '[redacted]', accountSid: 'AC1', name: 'Textline' });
  });
});
