import type { SessionStart } from '../api/session';

/** Browser mode without a usable launch link: say where to get one. */
export function SignInNeeded(props: { reason: Exclude<SessionStart, 'signed-in'> | 'failed' }) {
  const why =
    props.reason === 'link-spent'
      ? 'This CareDesk link has already been used, so it cannot open the desk again.'
      : props.reason === 'failed'
        ? 'CareDesk did not answer. Check that it is still running.'
        : 'This window was not opened with a CareDesk link.';
  return (
    <main className="form" data-testid="sign-in-needed">
      <h1>CareDesk</h1>
      <p role="alert" className="notice notice-warn">
        {why} Open the newest link shown in the window where CareDesk was started (it prints a fresh one each time a
        link is used).
      </p>
    </main>
  );
}
