import { randomUUID } from 'node:crypto';
import { TRPCClientError } from '@trpc/client';
import { createShop } from '../../../server/admin';
import type { AppRouter, ErrorShapeData } from '../../../server/router';
import { CLIENT_VIA_LINK_ACTOR_ID } from '../../../src-shared/clientActor';
import { ManualClock } from '../../../src-shared/clock';
import type { Command } from '../../../src-shared/commands';
import type { Mutation } from '../../../src-shared/sync';
import { issuePairingCode } from '../../../server/pairing';
import { Device, makeClient, serverTestbed, type Backend } from '../server/helpers';
import { CLOCK, runContract, shopSetUp, type ActorName, type Answer, type Ids } from './rules.contract';

/**
 * The rules table on the sync server: one server on a real database, a new shop and a paired
 * device per case, every change pushed over HTTP. The server's clock and the mutation's
 * clientTime (the desk's time of the change, against which a passed start is judged) are both
 * set to the case's instant.
 */
export function runContractOnServer(label: string, openBackend: () => Promise<Backend>): void {
  const clock = new ManualClock(CLOCK);
  const bed = serverTestbed(openBackend, { clock });

  const actorId = (name: ActorName, ids: Ids): string | null => (name === 'nobody' ? null : name === 'client' ? CLIENT_VIA_LINK_ACTOR_ID : ids[name]);

  runContract(
    {
      name: 'server',
      async openShop(ids, kind) {
        const { shopId } = await createShop(bed.backend.db(), `Contract ${ids.subject.slice(0, 8)}`);
        // Paired at the server's clock, so nothing here reads the machine's date.
        clock.set(CLOCK);
        const { code } = await issuePairingCode(bed.backend.db(), shopId, { now: clock.now() });
        const paired = await makeClient(bed.server.url).pairing.pair.mutate({ code, deviceName: 'Contract desk' });
        const device = new Device(bed.server.url, paired.deviceId, paired.shopId, paired.token);
        const run = async (actor: ActorName, now: number, command: Command): Promise<Answer> => {
          clock.set(now);
          const mutation: Mutation = {
            mutationId: device.nextMutationId,
            eventId: randomUUID(),
            command,
            actorStaffId: actorId(actor, ids),
            clientTime: now,
          };
          try {
            const { outcomes } = await device.push([mutation]);
            device.nextMutationId += 1;
            const outcome = outcomes[0]!;
            if (outcome.error !== null) {
              return {
                ok: false,
                code: outcome.error.code,
                message: outcome.error.message,
                details: outcome.error.details ?? {},
              };
            }
            return { ok: true, row: outcome.row ?? {}, eventId: mutation.eventId };
          } catch (error) {
            // A mutation the protocol's schema refuses is refused with the whole request.
            if (!(error instanceof TRPCClientError)) throw error;
            const envelope = ((error as TRPCClientError<AppRouter>).data as ErrorShapeData | undefined)?.envelope;
            if (envelope === undefined) throw error;
            return { ok: false, code: envelope.code, message: envelope.message, details: envelope.details ?? {} };
          }
        };
        for (const step of shopSetUp(ids, kind)) {
          const answer = await run(step.actor, CLOCK, step.command);
          if (!answer.ok) throw new Error(`setting up the shop failed: ${answer.code} ${answer.message}`);
        }
        return { run, close: () => Promise.resolve() };
      },
    },
    `the server on ${label}`,
  );
}
