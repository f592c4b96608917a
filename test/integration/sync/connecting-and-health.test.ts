import { describe, expect, it } from 'vitest';
import { systemStatus } from '../../../src-main/agents/status/systemStatus';
import { Clock, Machine, setUpShop, syncTestbed } from '../../support/sync/harness';

/** Issue 9 item 7: a paired desk says Connecting… until the server answers, and shows a degraded server. */

/** Tuesday 3 March 2026, 09:00 in London, on the desk and on the shop server alike. */
const clock = new Clock(Date.UTC(2026, 2, 3, 9, 0));
const bed = syncTestbed('caredesk-connecting', { clock });

const freeBytes = () => 10 * 1024 ** 3;

describe('a paired desk before and after the server answers', () => {
  it('says Connecting… until the first health answer, then Online; a degraded server is a check until it recovers', async () => {
    const machine = new Machine({ dir: bed.dir, name: 'desk-connecting', clock: clock.now });
    try {
      setUpShop(machine, { staff: 1, clients: 1 });
      const created = await bed.server.createShop('Health shop');
      await machine.pair(bed.server, created.code);
      // A fresh agent (as after a restart): paired, but it has not heard from the server yet.
      await machine.restart();
      const status = () => systemStatus(machine.store, clock.time, { agent: machine.agent, freeBytes });
      expect(status().mode).toBe('connecting');
      expect(status().checks.find((c) => c.name === 'server')?.message).toMatch(/^Connecting to the shop server/);

      expect((await machine.agent.checkHealth())?.status).toBe('ok');
      expect(status().mode).toBe('online');

      // The server's database is not at the schema it expects: it reports itself degraded.
      await bed.server.db.query(`INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('test-extra', 0)`);
      try {
        expect((await machine.agent.checkHealth())?.status).toBe('degraded');
        const degraded = status();
        expect(degraded.mode).toBe('degraded');
        const check = degraded.checks.find((c) => c.name === 'server-health');
        expect(check?.status).toBe('warning');
        expect(check?.problem?.title).toBe('The shop server has a problem');
        expect(check?.message).toMatch(/changes are kept on this desk/);
      } finally {
        await bed.server.db.query(`DELETE FROM drizzle.__drizzle_migrations WHERE hash = 'test-extra'`);
      }
      expect((await machine.agent.checkHealth())?.status).toBe('ok');
      expect(status().mode).toBe('online');
      expect(status().checks.some((c) => c.name === 'server-health')).toBe(false);
    } finally {
      machine.close();
    }
  });
});
