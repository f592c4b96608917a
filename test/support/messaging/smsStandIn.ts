import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stopServer } from '../../../src-main/launch/web/stopServer';

/**
 * A local HTTP server standing in for an SMS provider in Twilio's request shape (the only part
 * outside the machine, so the only part stood in for; docs/architecture.md §18). The test decides
 * how it answers each request — slow, 5xx, 4xx with a reason, 429 — and reads what it received.
 * Like a provider that honours idempotency keys, a request whose `Idempotency-Key` it has already
 * taken is answered with the first answer and is not delivered again.
 */

export interface SmsRequest {
  to: string;
  from: string;
  body: string;
  idempotencyKey: string | null;
  authorization: string | null;
  path: string;
}

/** What to do with one request: deliver it (after `delayMs`), or answer a status with a reason. */
export type SmsAnswer = { deliver: true; delayMs?: number } | { status: number; message?: string; delayMs?: number };

export interface SmsStandIn {
  readonly url: string;
  /** Every request that reached it, delivered or not. */
  readonly requests: SmsRequest[];
  /** The messages it delivered, once each (a repeated idempotency key is not delivered again). */
  readonly delivered: SmsRequest[];
  /** The most requests it was answering at once since the last `resetMostAtOnce`. */
  mostAtOnce(): number;
  resetMostAtOnce(): void;
  /** How it answers from now on. */
  answer(decide: (request: SmsRequest, index: number) => SmsAnswer): void;
  close(): Promise<void>;
}

export async function startSmsStandIn(port = 0): Promise<SmsStandIn> {
  const requests: SmsRequest[] = [];
  const delivered: SmsRequest[] = [];
  const taken = new Map<string, string>();
  let decide: (request: SmsRequest, index: number) => SmsAnswer = () => ({ deliver: true });
  let sids = 0;
  let atOnce = 0;
  let most = 0;

  const server: Server = createServer((req, res) => {
    atOnce += 1;
    most = Math.max(most, atOnce);
    res.on('close', () => (atOnce -= 1));
    void readBody(req).then(async (raw) => {
      const form = new URLSearchParams(raw);
      const request: SmsRequest = {
        to: form.get('To') ?? '',
        from: form.get('From') ?? '',
        body: form.get('Body') ?? '',
        idempotencyKey: header(req, 'idempotency-key'),
        authorization: header(req, 'authorization'),
        path: req.url ?? '',
      };
      const index = requests.push(request) - 1;
      const answer = decide(request, index);
      if (answer.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      if (res.destroyed) return;
      if (!('deliver' in answer)) {
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: answer.status, message: answer.message ?? 'Stand-in failure' }));
        return;
      }
      const known = request.idempotencyKey === null ? undefined : taken.get(request.idempotencyKey);
      const sid = known ?? `SM${String((sids += 1)).padStart(8, '0')}`;
      if (known === undefined) {
        delivered.push(request);
        if (request.idempotencyKey !== null) taken.set(request.idempotencyKey, sid);
      }
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ sid, status: 'queued' }));
    }, () => {
      // The sender went away mid-request (killed): nothing arrived, nothing to answer.
      res.destroy();
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    requests,
    delivered,
    mostAtOnce: () => most,
    resetMostAtOnce: () => {
      most = atOnce;
    },
    answer: (next) => {
      decide = next;
    },
    close: () => stopServer(server),
  };
}

const header = (req: IncomingMessage, name: string): string | null => {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
