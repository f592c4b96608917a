import { fork } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ManualClock } from '../src-shared/clock';
import type { Message, Staff } from '../src-shared/entities';
import { createDispatcher } from '../src-messaging/dispatch';
import { providersFrom } from '../src-messaging/providers/fromSettings';
import type { MessageProviders } from '../src-messaging/settings';
import { deskMessagePort } from '../src-main/agents/messages/deskPort';
import { deskRenderer } from '../src-main/agents/messages/render';
import { transact } from '../src-main/core/store/transaction';
import type { Store } from '../src-main/core/store/open';
import { messages } from '../src-main/core/store/schema';
import { book, HOUR_MS, makeShop, MIN_MS } from '../test/support/local/shop';
import { scheduleReminder } from '../test/support/messaging/records';

/**
 * `npm run bench:messages` — the sender's figures (issue 13). 1,000 due reminders on a real desk
 * store, half by e-mail through a real SMTP server and half by SMS through the HTTP stand-in, both
 * answering in 100 ms from a process of their own (bench/messagesProviders.ts); the dispatcher sends them with its bounded concurrency per provider. The
 * baseline, measured in the same run, is the same dispatcher one message at a time. The last line
 * is one JSON object.
 */

const DUE = 1_000;
const BASELINE = 50;
/** The providers' answer time; CAREDESK_BENCH_LATENCY_MS=0 shows what the store alone allows. */
const LATENCY_MS = Number(process.env.CAREDESK_BENCH_LATENCY_MS ?? 100);
const CONCURRENCY_PER_PROVIDER = 48;

const dir = join(process.cwd(), '.bench', 'messages');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

const providerProcess = fork(join(import.meta.dirname, 'messagesProviders.ts'), [String(LATENCY_MS)], { execArgv: ['--import', 'tsx'] });
const listening = await new Promise<{ smtpPort: number; smsUrl: string }>((resolve) => providerProcess.once('message', resolve as never));
/** The attempt key of every message the providers took. */
const takenKeys = () =>
  new Promise<string[]>((resolve) => {
    providerProcess.once('message', (answer) => resolve((answer as { keys: string[] }).keys));
    providerProcess.send('report');
  });
const providers: MessageProviders = {
  email: { primary: { kind: 'smtp', name: 'Shop mail', host: '127.0.0.1', port: listening.smtpPort, secure: false, user: null, password: null, from: 'desk@harbour.example' }, fallback: null },
  sms: { primary: { kind: 'sms-http', name: 'Textline', baseUrl: listening.smsUrl, accountSid: 'AC1', authToken: 'token', from: '+447700900999', idempotent: true }, fallback: null },
};

/** A shop with `count` appointments in the coming weeks, each with a reminder due now (alternately e-mail and SMS). */
async function shopWithDueReminders(count: number, file: string): Promise<{ store: Store; clock: ManualClock }> {
  const shop = await makeShop({ file });
  const staff = [shop.owner, ...shop.staff];
  const firstDay = Date.UTC(2026, 5, 2, 7, 0); // Tuesday 2 June 2026, 08:00 in London; the shop opens 08:00–20:00
  // One transaction (the helper nests: each booking is a savepoint), so setting up is not what is measured.
  transact(shop.store, () => {
    for (let i = 0; i < count; i += 1) {
      const slot = Math.floor(i / staff.length);
      const startsAt = firstDay + Math.floor(slot / 18) * 24 * HOUR_MS + (slot % 18) * 40 * MIN_MS;
      const appointment = book(shop, startsAt, { staffId: (staff[i % staff.length] as Staff).id, clientId: shop.clients[i % shop.clients.length] as string }).row;
      scheduleReminder(shop.ownerDesk, appointment, { channel: i % 2 === 0 ? 'email' : 'sms', n: i, offsetMinutes: 2880, dueAt: shop.clock.now() });
    }
  });
  return { store: shop.store, clock: shop.clock };
}

async function measure(count: number, concurrency: number, file: string): Promise<{ perSecond: number; sent: number }> {
  const { store, clock } = await shopWithDueReminders(count, file);
  const dispatcher = createDispatcher<Message>({
    port: deskMessagePort(store, clock.now),
    providers: providersFrom(providers, clock.now, { concurrency }),
    render: deskRenderer(store),
    now: clock.now,
    concurrency: concurrency * 2,
    batch: count,
  });
  const start = performance.now();
  const result = await dispatcher.pass();
  const seconds = (performance.now() - start) / 1000;
  dispatcher.close();
  const sent = store.db.select().from(messages).all().filter((row) => row.status === 'sent').length;
  store.close();
  if (result.sent !== count || sent !== count) throw new Error(`only ${sent} of ${count} were sent`);
  return { perSecond: count / seconds, sent };
}

const baseline = await measure(BASELINE, 1, join(dir, 'baseline.sqlite'));
const before = (await takenKeys()).length;
const run = await measure(DUE, CONCURRENCY_PER_PROVIDER, join(dir, 'bench.sqlite'));

// Duplicates: a message that arrived more than once (by the message id in its attempt's key).
const arrivals = new Map<string, number>();
const keys = (await takenKeys()).slice(before);
for (const attemptKey of keys) {
  const id = attemptKey.split(':')[0] as string;
  arrivals.set(id, (arrivals.get(id) ?? 0) + 1);
}
const duplicates = [...arrivals.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
providerProcess.send('close');

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const result = {
  'messages.due': DUE,
  'messages.provider_latency_ms': LATENCY_MS,
  'messages.concurrency_per_provider': CONCURRENCY_PER_PROVIDER,
  'messages.dispatch_per_s': round(run.perSecond),
  'messages.sequential_per_s': round(baseline.perSecond),
  'messages.vs_sequential': round(run.perSecond / baseline.perSecond, 2),
  'messages.arrived': [...arrivals.values()].reduce((sum, n) => sum + n, 0),
  'messages.duplicates': duplicates,
};
console.log('');
console.log(`dispatch           ${result['messages.dispatch_per_s']} messages/s (target ≥ 100; ${DUE} due, providers answering in ${LATENCY_MS} ms, ≤ ${CONCURRENCY_PER_PROVIDER} calls at once per provider)`);
console.log(`sequential         ${result['messages.sequential_per_s']} messages/s (baseline, same run, ${BASELINE} messages one at a time) → ratio ${result['messages.vs_sequential']}`);
console.log(`duplicates         ${result['messages.duplicates']} (target 0; ${result['messages.arrived']} arrivals)`);
console.log(JSON.stringify(result));
