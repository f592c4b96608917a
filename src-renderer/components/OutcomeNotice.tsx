import type { Envelope } from '../api/errors';
import { DoneNotice } from './DoneNotice';
import { ErrorNotice } from './ErrorNotice';

/** How the last piece of work ended: what it did (`message`) or why it failed (`error`, with Dismiss). */
export function OutcomeNotice(props: { message: string | null; error: Envelope | null; onDismiss: () => void }) {
  return (
    <>
      <DoneNotice message={props.message} />
      <ErrorNotice error={props.error} onDismiss={props.onDismiss} />
    </>
  );
}
