import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pgliteBackend } from '../server/helpers';
import { runContractOnServer } from './server-store';

// One PGlite data directory for the whole file: creating one costs seconds.
runContractOnServer('PGlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'caredesk-contract-pglite-'));
  const backend = await pgliteBackend(join(dir, 'data'));
  return {
    ...backend,
    async close() {
      await backend.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
