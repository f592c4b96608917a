import { v7 as uuidv7 } from 'uuid';

/**
 * Random bytes for ids, drawn from the platform's CSPRNG a pool at a time: each draw is a system call
 * (about 1 µs on a quiet machine, 10 µs and more on a busy one) and a booking makes two ids.
 * Node's own crypto.randomUUID keeps a pool the same way.
 */
const pool = new Uint8Array(4096);
let used = pool.length;

/** uuid's own v7 sequence state, kept here because uuid only keeps it when it draws the bytes. */
let lastMsecs = -Infinity;
let seq = 0;

/** Time-ordered UUIDs keep new rows at the end of every index, which matters at a million rows. */
export function newId(): string {
  if (used === pool.length) {
    crypto.getRandomValues(pool);
    used = 0;
  }
  const random = pool.subarray(used, used + 16);
  used += 16;
  // As uuid does: a new millisecond starts a random sequence, the same millisecond counts up,
  // so ids made one after another always sort in the order they were made.
  const now = Date.now();
  if (now > lastMsecs) {
    lastMsecs = now;
    seq = (((random[6] ?? 0) & 0x7f) << 24) | ((random[7] ?? 0) << 16) | ((random[8] ?? 0) << 8) | (random[9] ?? 0);
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) lastMsecs += 1;
  }
  return uuidv7({ random, msecs: lastMsecs, seq });
}
