import { retryAll, retryIntent } from '../state/actions';
import { useDesk } from '../state/desk';
import { useT } from '../i18n';

/** The pending / failed tray: every change not saved yet stays here until it is saved or dismissed. */
export function PendingTray() {
  const { t } = useT('components');
  const intents = useDesk((state) => state.intents);
  const open = useDesk((state) => state.trayOpen);
  const setOpen = useDesk((state) => state.setTrayOpen);
  const removeIntent = useDesk((state) => state.removeIntent);
  const failed = intents.filter((intent) => intent.status === 'failed');
  const saving = intents.filter((intent) => intent.status === 'saving');
  const summary =
    intents.length === 0
      ? t('nothingWaitingToBeSaved')
      : [failed.length ? t('failed', { length: failed.length }) : '', saving.length ? t('saving', { length: saving.length }) : '']
          .filter(Boolean)
          .join(', ');
  return (
    <section
      className={`tray${failed.length ? ' has-failed' : ''}${intents.length === 0 && !open ? ' idle' : ''}`}
      aria-label={t('pendingAndFailedChanges')}
      data-testid="tray"
      data-open={open ? 'true' : 'false'}
    >
      <button type="button" className="tray-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('waitingChanges', { summary })}
      </button>
      {open ? (
        <div className="tray-body">
          {intents.length === 0 ? (
            <p className="muted">
              {t('everyChangeYouMadeIs')}
            </p>
          ) : null}
          <ul>
            {intents.map((intent) => (
              <li key={intent.id} className={`tray-item ${intent.status}`} data-testid="tray-item">
                <p className="tray-label">{intent.label}</p>
                <p className="tray-state">
                  {intent.status === 'saving' ? t('savingNotSavedYet') : t('failedRetryNotSaved')}
                </p>
                {intent.error ? <p className="tray-error">{intent.error.message}</p> : null}
                {intent.status === 'failed' ? (
                  <div className="row">
                    <button
                      type="button"
                      className="button small primary"
                      onClick={() => void retryIntent(intent.id)?.catch(() => undefined)}
                    >
                      {t('retry')}
                    </button>
                    <button
                      type="button"
                      className="button small ghost"
                      onClick={() => removeIntent(intent.id)}
                      aria-label={t('dismiss', { label: intent.label })}
                    >
                      {t('dismissNotSaved')}
                    </button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
          {failed.length > 1 ? (
            <button type="button" className="button small" onClick={() => void retryAll()}>
              {t('retryAll')}
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
