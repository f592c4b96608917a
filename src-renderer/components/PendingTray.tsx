import { retryAll, retryIntent } from '../state/actions';
import { useDesk } from '../state/desk';

/** The pending / failed tray: every change not saved yet stays here until it is saved or dismissed. */
export function PendingTray() {
  const intents = useDesk((state) => state.intents);
  const open = useDesk((state) => state.trayOpen);
  const setOpen = useDesk((state) => state.setTrayOpen);
  const removeIntent = useDesk((state) => state.removeIntent);
  const failed = intents.filter((intent) => intent.status === 'failed');
  const saving = intents.filter((intent) => intent.status === 'saving');
  const summary =
    intents.length === 0
      ? 'nothing waiting to be saved on this desk'
      : [failed.length ? `${failed.length} failed` : '', saving.length ? `${saving.length} saving` : '']
          .filter(Boolean)
          .join(', ');
  return (
    <section
      className={`tray${failed.length ? ' has-failed' : ''}${intents.length === 0 && !open ? ' idle' : ''}`}
      aria-label="Pending and failed changes"
      data-testid="tray"
      data-open={open ? 'true' : 'false'}
    >
      <button type="button" className="tray-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        Waiting changes: {summary}
      </button>
      {open ? (
        <div className="tray-body">
          {intents.length === 0 ? (
            <p className="muted">
              Every change you made is saved on this desk. Changes waiting for the shop’s server are listed in the
              Recovery Center.
            </p>
          ) : null}
          <ul>
            {intents.map((intent) => (
              <li key={intent.id} className={`tray-item ${intent.status}`} data-testid="tray-item">
                <p className="tray-label">{intent.label}</p>
                <p className="tray-state">
                  {intent.status === 'saving' ? 'Saving… not saved yet' : 'Failed — retry. Not saved.'}
                </p>
                {intent.error ? <p className="tray-error">{intent.error.message}</p> : null}
                {intent.status === 'failed' ? (
                  <div className="row">
                    <button
                      type="button"
                      className="button small primary"
                      onClick={() => void retryIntent(intent.id)?.catch(() => undefined)}
                    >
                      Retry
                    </button>
                    <button
                      type="button"
                      className="button small ghost"
                      onClick={() => removeIntent(intent.id)}
                      aria-label={`Dismiss: ${intent.label}`}
                    >
                      Dismiss (not saved)
                    </button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
          {failed.length > 1 ? (
            <button type="button" className="button small" onClick={() => void retryAll()}>
              Retry all
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
