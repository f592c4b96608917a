import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineProtocolSuite } from './protocol-suite';
import { pgliteBackend } from './helpers';

// One PGlite data directory for the whole file: creating one costs seconds and ~1 GB.
defineProtocolSuite(
  'PGlite',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caredesk-pglite-'));
    const backend = await pgliteBackend(join(dir, 'data'));
    return {
      ...backend,
      async close() {
        await backend.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
  { raceDevices: 10, raceSlots: 5, fuzzRuns: { push: 700, pull: 400 } },
);
