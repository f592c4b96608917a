import { copyFile, open, stat } from 'node:fs/promises';
import type { Job } from './jobs';

const CHUNK_BYTES = 1024 * 1024;

/**
 * Copies a file into an existing (empty) one a chunk at a time, so a job shows the bytes copied and
 * can stop between chunks; without a job it is one `copyFile`. The target keeps its own mode.
 */
export async function copyFileInSteps(source: string, target: string, job?: Job): Promise<void> {
  if (job === undefined) {
    await copyFile(source, target);
    return;
  }
  const total = (await stat(source)).size;
  // Paced (a test watching), about twenty steps whatever the size.
  const chunk = Buffer.alloc(job.paceMs > 0 ? Math.max(4096, Math.ceil(total / 20)) : CHUNK_BYTES);
  const from = await open(source, 'r');
  try {
    const to = await open(target, 'w');
    try {
      let done = 0;
      await job.step(0, total);
      for (;;) {
        const { bytesRead } = await from.read(chunk, 0, chunk.length, done);
        if (bytesRead === 0) break;
        await to.write(chunk, 0, bytesRead, done);
        done += bytesRead;
        await job.step(done, total);
      }
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}
