import { join } from 'node:path';
import type { Actor } from '../../../src-shared/authorization';
import { CLIENT_VIA_LINK_ACTOR_ID } from '../../../src-shared/clientActor';
import { ManualClock } from '../../../src-shared/clock';
import { isAppError } from '../../../src-shared/errors';
import { executeCommand } from '../../../src-main/core/commands/execute';
import { openStore } from '../../../src-main/core/store/open';
import { tempDir } from '../../support/local/shop';
import { CLOCK, runContract, shopSetUp, type ActorName, type Answer, type Ids } from './rules.contract';

/** The rules table on the desk: a real SQLite file per case, every change through executeCommand. */

function actorFor(name: ActorName, ids: Ids): Actor {
  switch (name) {
    case 'owner':
      return { staffId: ids.owner, role: 'owner' };
    case 'staff':
      return { staffId: ids.staff, role: 'staff' };
    case 'inactive':
      return { staffId: ids.inactive, role: 'staff' };
    case 'nobody':
      return { staffId: null, role: null };
    case 'client':
      return { staffId: CLIENT_VIA_LINK_ACTOR_ID, role: 'staff' };
  }
}

runContract({
  name: 'desk',
  async openShop(ids, kind) {
    const temp = tempDir('caredesk-contract-');
    const store = openStore(join(temp.dir, 'caredesk.sqlite'));
    const clock = new ManualClock(CLOCK);
    const run = (actor: ActorName, now: number, command: Parameters<typeof executeCommand>[1]): Promise<Answer> => {
      clock.set(now);
      try {
        const result = executeCommand({ store, actor: actorFor(actor, ids), now: clock.now }, command);
        return Promise.resolve({
          ok: true,
          row: result.row as unknown as Record<string, unknown>,
          eventId: result.event.id,
        });
      } catch (error) {
        if (!isAppError(error)) throw error;
        return Promise.resolve({ ok: false, code: error.code, message: error.message, details: error.details ?? {} });
      }
    };
    for (const step of shopSetUp(ids, kind)) {
      const answer = await run(step.actor, CLOCK, step.command);
      if (!answer.ok) throw new Error(`setting up the shop failed: ${answer.code} ${answer.message}`);
    }
    return {
      run,
      close: () => {
        try {
          store.close();
        } finally {
          temp.cleanup();
        }
        return Promise.resolve();
      },
    };
  },
});
