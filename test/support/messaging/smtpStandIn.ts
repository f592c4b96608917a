import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server started by the test (the `smtp-server` package): it takes mail on loopback,
 * keeps each message's envelope and raw text, and can be told to refuse a recipient with a
 * permanent (5xx) or temporary (4xx) SMTP answer.
 */

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** The header block, unfolded, by lower-case name. */
  headers: Map<string, string>;
}

export interface SmtpStandIn {
  readonly port: number;
  readonly received: ReceivedMail[];
  /** Answer each RCPT TO with this SMTP code and text (null: accept). */
  refuse(answer: { code: number; text: string } | null): void;
  close(): Promise<void>;
}

/** `delayMs`: how long it takes to answer each message (a provider's latency). */
export async function startSmtpStandIn(options: { delayMs?: number } = {}): Promise<SmtpStandIn> {
  const received: ReceivedMail[] = [];
  let refusal: { code: number; text: string } | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // No DNS on a test machine: looking the sender's address up would only wait.
    disableReverseLookup: true,
    logger: false,
    // Many senders at once (the benchmark's bounded concurrency): no limit of its own.
    maxClients: 1_000,
    // On close, senders' kept (pooled) connections are told goodbye at once, not after 30 s.
    closeTimeout: 50,
    onRcptTo(_address, _session, callback) {
      if (refusal === null) return callback();
      const error = Object.assign(new Error(refusal.text), { responseCode: refusal.code });
      return callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
          headers: headersOf(raw),
        });
        setTimeout(() => callback(), options.delayMs ?? 0);
      });
    },
  });
  // A sender killed mid-conversation resets its connection: a real server shrugs that off.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    refuse: (answer) => {
      refusal = answer;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function headersOf(raw: string): Map<string, string> {
  const block = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}
