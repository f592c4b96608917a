import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncAgent } from '../../../src-main/agents/sync/agent';
import { CERTIFICATE_CHANGED_MESSAGE } from '../../../src-main/agents/sync/pinnedCertificate';
import { encryptedSecretStore, encryptorWeakness, fileSecretStore, tokenStorageWarning, type StringEncryptor } from '../../../src-main/agents/sync/secrets';
import { INSECURE_SERVER_MESSAGE, isLoopbackHost } from '../../../src-main/agents/sync/serverAddress';
import type { Fetch } from '../../../src-main/agents/sync/transport';
import { openStore, type Store } from '../../../src-main/core/store/open';
import { Clock, tempDir, TestServer } from '../../support/sync/harness';
import { refusalOf } from '../../support/refusal';

/**
 * Issue 9, item 10 (sync in clear, weak key storage): pairing refuses an unencrypted address on
 * the network before anything is sent, unless the person accepts it; loopback http works; a
 * self-signed https server is trusted only once its fingerprint is confirmed, and afterwards only
 * with that same certificate; a machine whose keychain cannot protect the key pairs only with the
 * owner's consent.
 */

let server: TestServer;
let temp: ReturnType<typeof tempDir>;
const clock = new Clock();
let storeCount = 0;
const stores: Store[] = [];

beforeAll(async () => {
  server = await TestServer.create();
  temp = tempDir('caredesk-pairing-security');
});
afterAll(async () => {
  for (const store of stores) store.close();
  await server?.close();
  temp?.remove();
});

/** A fetch that must never be used: it records the attempt and fails without touching the network. */
function recordingFetch(): { fetch: Fetch; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fetch: async (input) => {
      calls.push(String(input instanceof Request ? input.url : input));
      throw new Error('no network in this test');
    },
  };
}

function agent(options: Partial<ConstructorParameters<typeof SyncAgent>[0]> = {}): SyncAgent {
  const file = join(temp.dir, `desk-${(storeCount += 1)}.sqlite`);
  const store = openStore(file);
  stores.push(store);
  return new SyncAgent({
    store,
    secrets: fileSecretStore(`${file}.token`),
    now: clock.now,
    autoRun: false,
    healthIntervalMs: Infinity,
    requestTimeoutMs: 10_000,
    ...options,
  });
}


describe('pairing over the network needs encryption', () => {
  it('knows which addresses never leave this machine', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', 'localhost', '[::1]', '::1']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['192.0.2.10', '10.0.0.1', '128.0.0.1', 'example.org', '[::2]', 'localhost.example.org']) expect(isLoopbackHost(host)).toBe(false);
  });

  it('refuses http://192.0.2.10:8787 in plain words before any network call, unless the person accepts it', async () => {
    const network = recordingFetch();
    let certificateReads = 0;
    const desk = agent({ fetch: network.fetch, readCertificate: async () => ((certificateReads += 1), Promise.reject(new Error('no'))) });
    const refused = await refusalOf(desk.pair({ serverUrl: 'http://192.0.2.10:8787', code: 'ABCD-EFGH', deviceName: 'Front desk' }));
    expect(refused.code).toBe('VALIDATION_ERROR');
    expect(refused.message).toBe(INSECURE_SERVER_MESSAGE);
    expect(refused.message).not.toMatch(/serverUrl|http:\/\/192/);
    expect(network.calls).toEqual([]);
    expect(certificateReads).toBe(0);
    expect(desk.pairing()).toBeNull();

    // With the explicit, warned opt-in the address passes validation and the desk tries the
    // network (here a fetch that refuses to connect, so nothing reaches 192.0.2.10).
    const accepted = await refusalOf(
      desk.pair({ serverUrl: 'http://192.0.2.10:8787', code: 'ABCD-EFGH', deviceName: 'Front desk', allowInsecureHttp: true }),
    );
    expect(accepted.code).toBe('NETWORK_UNAVAILABLE');
    expect(network.calls).toEqual(['http://192.0.2.10:8787/trpc/pairing.pair']);
  });

  it('pairs over loopback http (127.0.0.1 and localhost)', async () => {
    for (const host of ['127.0.0.1', 'localhost']) {
      const shop = await server.createShop(`Loopback ${host}`);
      const desk = agent();
      const paired = await desk.pair({ serverUrl: `http://${host}:${server.port}`, code: shop.code, deviceName: 'Front desk' });
      expect(paired.shopId).toBe(shop.shopId);
      expect(desk.pairing()?.insecureHttp).toBeUndefined();
    }
  });
});

/** A self-signed certificate for 127.0.0.1 made with openssl, and its SHA-256 fingerprint. */
function selfSignedCertificate(name: string): { key: string; cert: string; fingerprint256: string } {
  const keyFile = join(temp.dir, `${name}.key`);
  const certFile = join(temp.dir, `${name}.crt`);
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', `/CN=${name}`,
    '-addext', 'subjectAltName=IP:127.0.0.1',
  ], { stdio: 'pipe' });
  const printed = execFileSync('openssl', ['x509', '-in', certFile, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' });
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), fingerprint256: printed.trim().split('=')[1]! };
}

/** An https front for the real sync server, on a fixed port, counting the requests it is sent. */
async function httpsFront(certificate: { key: string; cert: string }, port = 0): Promise<{ server: Server; port: number; requests: number }> {
  const front = { server: null as unknown as Server, port: 0, requests: 0 };
  front.server = createHttpsServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
    front.requests += 1;
    const upstream = httpRequest({ host: '127.0.0.1', port: server.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  front.server.listen(port, '127.0.0.1');
  await once(front.server, 'listening');
  front.port = (front.server.address() as AddressInfo).port;
  return front;
}

const closeFront = async (front: { server: Server }) => {
  front.server.closeAllConnections();
  front.server.close();
  await once(front.server, 'close');
};

describe('a shop server with its own certificate (trust on first use)', () => {
  it('pairs once the fingerprint is confirmed, then talks only to that same certificate', async () => {
    const first = selfSignedCertificate('shop-server');
    const other = selfSignedCertificate('impostor');
    expect(first.fingerprint256).not.toBe(other.fingerprint256);
    let front = await httpsFront(first);
    const serverUrl = `https://127.0.0.1:${front.port}`;
    const shop = await server.createShop('Self-signed shop');
    const desk = agent();

    // First contact: the desk shows the fingerprint and sends nothing.
    const unconfirmed = await refusalOf(desk.pair({ serverUrl, code: shop.code, deviceName: 'Front desk' }));
    expect(unconfirmed.code).toBe('VALIDATION_ERROR');
    expect(unconfirmed.details?.certificateFingerprint).toBe(first.fingerprint256);
    expect(unconfirmed.message).toContain(first.fingerprint256);
    const wrong = await refusalOf(desk.pair({ serverUrl, code: shop.code, deviceName: 'Front desk', trustCertificate: other.fingerprint256 }));
    expect(wrong.details?.certificateFingerprint).toBe(first.fingerprint256);
    expect(front.requests).toBe(0);

    // Confirmed (typed in lower case without colons, as people do): paired and syncing.
    const typed = first.fingerprint256.replace(/:/g, '').toLowerCase();
    const paired = await desk.pair({ serverUrl, code: shop.code, deviceName: 'Front desk', trustCertificate: typed });
    expect(paired.shopId).toBe(shop.shopId);
    expect(desk.pairing()?.certificate?.fingerprint256).toBe(first.fingerprint256);
    expect((await desk.syncNow()).ok).toBe(true);
    expect(front.requests).toBeGreaterThan(0);

    // The same address now presents another certificate: refused, and nothing is sent to it.
    const port = front.port;
    await closeFront(front);
    front = await httpsFront(other, port);
    const report = await desk.syncNow();
    expect(report.ok).toBe(false);
    expect(report.error?.message).toBe(CERTIFICATE_CHANGED_MESSAGE);
    expect(front.requests).toBe(0);
    await closeFront(front);
  });
});

describe('a machine that cannot protect the sync key', () => {
  const basicText: StringEncryptor = {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'basic_text',
    encryptString: (plain) => Buffer.from(plain, 'utf8').reverse(),
    decryptString: (data) => Buffer.from(data).reverse().toString('utf8'),
  };

  it('detects Linux’s basic_text keyring and a missing keychain', () => {
    expect(encryptorWeakness(basicText, 'linux')).toBe('basicText');
    expect(encryptorWeakness({ ...basicText, getSelectedStorageBackend: () => 'gnome_libsecret' }, 'linux')).toBeNull();
    expect(encryptorWeakness({ ...basicText, isEncryptionAvailable: () => false }, 'linux')).toBe('noKeychain');
    expect(tokenStorageWarning('basicText', 'en')).toMatch(/keychain .* is not running/);
    expect(tokenStorageWarning('basicText', 'es')).toMatch(/llavero .* no está en marcha/);
  });

  it('pairs only with the owner’s explicit consent, and says why before anything is sent', async () => {
    const network = recordingFetch();
    const file = join(temp.dir, 'weak.token');
    const refusedDesk = agent({ fetch: network.fetch, secrets: encryptedSecretStore(basicText, file) });
    expect(refusedDesk.tokenStorageWeakness()).toBe('basicText');
    const shop = await server.createShop('Weak keychain shop');
    const refused = await refusalOf(refusedDesk.pair({ serverUrl: server.url, code: shop.code, deviceName: 'Front desk' }));
    expect(refused.code).toBe('VALIDATION_ERROR');
    expect(refused.message).toMatch(/keychain .* Pair only if the owner accepts that\.$/);
    expect(network.calls).toEqual([]);
    await expect(encryptedSecretStore(basicText, file).save('secret')).rejects.toThrow(/owner accepts/);

    const consenting = agent({ secrets: encryptedSecretStore(basicText, file) });
    const paired = await consenting.pair({ serverUrl: server.url, code: shop.code, deviceName: 'Front desk', allowWeakTokenStorage: true });
    expect(paired.shopId).toBe(shop.shopId);
    expect(consenting.pairing()?.token.kind).toBe('encrypted');
  });
});
