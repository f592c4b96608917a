/**
 * The child of the sender kill test (issue 13, acceptance 3): the desk's dispatcher on a real
 * SQLite shop file, sending to the parent's SMTP server and SMS stand-in until nothing is left to
 * send, then printing "done". The parent SIGKILLs it at random moments.
 *
 * Usage: node senderChild.mjs <file> <json: Setup>
 */
import { writeSync } from 'node:fs';
import { clockStartingAt } from '../../../src-shared/clock';
import { createDispatcher } from '../../../src-messaging/dispatch';
import { providersFrom } from '../../../src-messaging/providers/fromSettings';
import type { MessageProviders } from '../../../src-messaging/settings';
import { deskMessagePort } from '../../../src-main/agents/messages/deskPort';
import { openStore } from '../../../src-main/core/store/open';

export interface SenderSetup {
  providers: MessageProviders;
  migrationsFolder: string;
  /** The shop's instant at `since` (ms). */
  now: number;
  since: number;
}

const [file, json] = process.argv.slice(2);
if (file === undefined || json === undefined) throw new Error('usage: senderChild <file> <setup json>');
const setup = JSON.parse(json) as SenderSetup;
const clock = clockStartingAt(setup.now, setup.since);
const store = openStore(file, { migrationsFolder: setup.migrationsFolder });
const say = (line: string) => writeSync(1, `${line}\n`);

const dispatcher = createDispatcher({
  port: deskMessagePort(store, clock.now),
  providers: providersFrom(setup.providers, clock.now, { timeoutMs: 2_000, retries: 2, initialBackoffMs: 5, maxBackoffMs: 20, concurrency: 8 }),
  // The message's id in its text, so the parent can tell what arrived for which message.
  render: (message) => ({ subject: message.channel === 'email' ? `Test ${message.id}` : null, body: `CareDesk test message ${message.id}` }),
  now: clock.now,
});
say('ready');
for (;;) {
  const result = await dispatcher.pass();
  say(JSON.stringify(result));
  if (Object.values(result).every((count) => count === 0)) break;
}
dispatcher.close();
store.close();
say('done');
