import { spawn } from 'node:child_process';
import { createHash, randomInt } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../../src-shared/entities';
import { seededRandom } from '../../../src-shared/seededRandom';
import type { MessageProviders } from '../../../src-messaging/settings';
import { defaultMigrationsFolder, openStore } from '../../../src-main/core/store/open';
import { messages } from '../../../src-main/core/store/schema';
import type { SenderSetup } from '../../support/messaging/senderChild';
import { startSmsStandIn, type SmsStandIn } from '../../support/messaging/smsStandIn';
import { startSmtpStandIn, type SmtpStandIn } from '../../support/messaging/smtpStandIn';
import { makeShop, type Shop } from '../../support/local/shop';
import { scheduleTestMessage } from '../../support/messaging/records';

/**
 * Issue 13, acceptance 3: the desk's sender — a child process running the dispatcher on a real
 * SQLite shop file — is SIGKILLed at random moments during a batch of 200 sends (100 e-mails over
 * a real SMTP server, whose protocol has no idempotency key, and 100 SMS to a stand-in that honours
 * one), 20 times. Afterwards no message arrived twice unless it is marked uncertain or went again
 * under the same idempotency key (which the stand-in takes once), and none is lost: every message
 * ends sent or uncertain, and every sent one arrived.
 */

const KILLS = 20;
const MESSAGES = 200;
const SEED = Number(process.env.CAREDESK_SENDER_KILL_SEED ?? randomInt(1_000_000));
const repoRoot = join(import.meta.dirname, '..', '..', '..');

async function childCommand(): Promise<string[]> {
  const esbuild = await import('esbuild');
  const checkout = createHash('sha256').update(repoRoot).digest('hex').slice(0, 12);
  const outfile = join(repoRoot, 'node_modules', '.cache', `caredesk-test-${checkout}`, 'senderChild.mjs');
  await esbuild.build({
    entryPoints: [join(repoRoot, 'test', 'support', 'messaging', 'senderChild.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    external: ['better-sqlite3'],
    banner: { js: "import { createRequire as createBundleRequire } from 'node:module'; const require = createBundleRequire(import.meta.url);" },
    outfile,
    logLevel: 'warning',
  });
  return [outfile];
}

/** Runs the child; kills it `killAfterMs` after it is ready (null: lets it finish). */
function run(command: string[], file: string, setup: SenderSetup, killAfterMs: number | null): Promise<{ lines: string[]; stderr: string; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...command, file, JSON.stringify(setup)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let stderr = '';
    let buffer = '';
    const safety = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line === 'ready' && killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(safety);
      resolve({ lines, stderr, signal });
    });
  });
}

describe('the sender killed mid-batch (issue 13, acceptance 3)', () => {
  let shop: Shop;
  let smtp: SmtpStandIn;
  let sms: SmsStandIn;
  let providers: MessageProviders;
  const random = seededRandom(SEED);

  beforeAll(async () => {
    console.log(`sender kill test: seed ${SEED} (set CAREDESK_SENDER_KILL_SEED to replay)`);
    [smtp, sms] = await Promise.all([startSmtpStandIn(), startSmsStandIn()]);
    // Answers take a few milliseconds, so kills land before, during and after providers' answers.
    sms.answer(() => ({ deliver: true, delayMs: Math.floor(random() * 6) }));
    providers = {
      email: { primary: { kind: 'smtp', name: 'Shop mail', host: '127.0.0.1', port: smtp.port, secure: false, user: null, password: null, from: 'desk@harbour.example' }, fallback: null },
      sms: { primary: { kind: 'sms-http', name: 'Textline', baseUrl: sms.url, accountSid: 'AC1', authToken: 'token', from: '+447700900999', idempotent: true }, fallback: null },
    };
    shop = await makeShop();
    for (let i = 0; i < MESSAGES; i += 1) {
      scheduleTestMessage(shop.ownerDesk, shop.clients[i % shop.clients.length] as string, i % 2 === 0 ? 'email' : 'sms', i);
    }
  });
  afterAll(async () => {
    shop?.close();
    await Promise.all([smtp?.close(), sms?.close()]);
  });

  it('20 kills: nothing sent twice without being marked uncertain, nothing lost', async () => {
    const command = await childCommand();
    const setup: SenderSetup = { providers, migrationsFolder: defaultMigrationsFolder, now: shop.clock.now(), since: Date.now() };
    shop.store.close();
    const kills: number[] = [];
    for (let round = 0; round < KILLS; round += 1) {
      const after = Math.floor(random() * 400);
      const result = await run(command, shop.file, setup, after);
      kills.push(after);
      if (result.signal !== 'SIGKILL' && !result.lines.includes('done')) throw new Error(`round ${round}: the child failed: ${result.stderr}`);
    }
    const last = await run(command, shop.file, setup, null);
    expect(last.lines.at(-1), last.stderr).toBe('done');

    const store = openStore(shop.file);
    const rows = store.db.select().from(messages).all() as Message[];
    store.close();
    expect(rows).toHaveLength(MESSAGES);
    const context = `seed ${SEED}, kills after ${kills.join(', ')} ms`;

    // None lost: each ends sent or uncertain, and each sent one arrived.
    const ended = rows.filter((row) => row.status !== 'sent' && row.status !== 'uncertain');
    expect(ended.map((row) => `${row.id} ${row.status}`), context).toEqual([]);
    const mails = new Map<string, number>();
    for (const mail of smtp.received) {
      const id = (mail.headers.get('x-caredesk-message') ?? '').split(':')[0] as string;
      mails.set(id, (mails.get(id) ?? 0) + 1);
    }
    const texts = new Map<string, { delivered: number; keys: Set<string> }>();
    for (const request of sms.requests) {
      const id = (request.idempotencyKey ?? '').split(':')[0] as string;
      const seen = texts.get(id) ?? { delivered: 0, keys: new Set<string>() };
      seen.keys.add(request.idempotencyKey ?? '');
      texts.set(id, seen);
    }
    for (const request of sms.delivered) {
      const id = (request.idempotencyKey ?? '').split(':')[0] as string;
      (texts.get(id) as { delivered: number }).delivered += 1;
    }
    const problems: string[] = [];
    for (const row of rows) {
      const arrived = row.channel === 'email' ? (mails.get(row.id) ?? 0) : (texts.get(row.id)?.delivered ?? 0);
      if (row.status === 'sent' && arrived === 0) problems.push(`${row.id} is recorded sent but never arrived`);
      if (arrived > 1 && row.status !== 'uncertain') problems.push(`${row.id} arrived ${arrived} times and is ${row.status}`);
      const keys = texts.get(row.id)?.keys.size ?? 0;
      if (row.channel === 'sms' && keys > 1 && row.status !== 'uncertain') problems.push(`${row.id} went under ${keys} idempotency keys and is ${row.status}`);
    }
    expect(problems, context).toEqual([]);
    // The kills did land mid-send: some e-mails were left for a person, some texts went again under their key.
    const uncertain = rows.filter((row) => row.status === 'uncertain');
    console.log(`sender kill test: ${rows.length - uncertain.length} sent, ${uncertain.length} uncertain; ${sms.requests.length - sms.delivered.length} repeated SMS requests taken once`);
    expect(uncertain.every((row) => row.channel === 'email'), context).toBe(true);
    expect(uncertain.length + (sms.requests.length - sms.delivered.length), `no kill landed mid-send (${context})`).toBeGreaterThan(0);
  });
});
