import { appRouter } from '../../src-main/api/appRouter';
import type { ShellServices } from '../../src-main/api/shellServices';
import { createCallerFactory } from '../../src-main/api/trpc';
import { DeskSession } from '../../src-main/core/session/deskSession';
import type { Store } from '../../src-main/core/store/open';

const createCaller = createCallerFactory(appRouter);

/** The desk router as `staffId`, signed in on `store`, with the shell services the test gives it. */
export async function deskCallerAs(store: Store, staffId: string, call: { now: () => number; requestId: string; shell?: ShellServices }) {
  const session = new DeskSession();
  await session.signIn(store, { staffId });
  return createCaller({ store, session, ...call });
}
