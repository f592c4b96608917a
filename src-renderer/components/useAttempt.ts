import { useState } from 'react';
import { envelopeOf, type Envelope } from '../api/errors';

/** How an attempt ended: done; refused (the failure is in `error`); or queued in the pending tray. */
export type Outcome = 'done' | 'refused' | 'queued';

/**
 * The one piece of work a form or a button starts: `busy` while it runs (the form's buttons wait),
 * and the failure it ended with in `error` for the form's ErrorNotice (docs/architecture.md §6b).
 */
export function useAttempt() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Envelope | null>(null);
  const run = async (work: () => Promise<unknown>, trayKeepsRetryable: boolean): Promise<Outcome> => {
    setBusy(true);
    setError(null);
    try {
      await work();
      return 'done';
    } catch (caught) {
      const envelope = envelopeOf(caught);
      if (trayKeepsRetryable && envelope.retryable) return 'queued';
      setError(envelope);
      return 'refused';
    } finally {
      setBusy(false);
    }
  };
  return {
    busy,
    error,
    setError,
    /** Runs `work`; any failure stays on the form. */
    attempt: (work: () => Promise<unknown>) => run(work, false),
    /**
     * Runs a change made through `runAction`. A failure that can be retried is already in the
     * pending tray with Retry (docs/architecture.md §6), so the form shows only a refusal.
     */
    attemptChange: (work: () => Promise<unknown>) => run(work, true),
  };
}

/**
 * Work whose success is a sentence for the person who asked ("Backup taken at 09:12 (3.1 MB).",
 * "Saved: …pdf"): `report` runs it and keeps the sentence in `message`, a failure in `error`.
 */
export function useReportedAttempt() {
  const { busy, error, setError, attempt } = useAttempt();
  const [message, setMessage] = useState<string | null>(null);
  const report = (work: () => Promise<string | null>) => {
    setMessage(null);
    return attempt(async () => setMessage(await work()));
  };
  return { busy, error, setError, attempt, message, setMessage, report };
}
