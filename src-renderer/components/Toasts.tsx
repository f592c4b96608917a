import { useEffect, useState } from 'react';
import { undoChange } from '../state/actions';
import { useDesk } from '../state/desk';
import { undoLabelOf } from '../state/undoWording';
import { tShown, useT } from '../i18n';

/**
 * One compact toast at a time, in the strip under the screens (never over the grid): the newest message with its
 * Undo. A failure it replaced before anyone read it stays in the same toast (state/desk.ts nextToast).
 */
export function Toasts() {
  const { t } = useT('components');
  const toast = useDesk((state) => state.toasts.at(-1));
  const dismiss = useDesk((state) => state.dismissToast);
  const expire = useDesk((state) => state.expireToasts);
  const [now, setNow] = useState(() => Date.now());
  const showing = toast !== undefined;
  useEffect(() => {
    if (!showing) return;
    const timer = window.setInterval(() => {
      const at = Date.now();
      setNow(at);
      expire(at);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [showing, expire]);
  const current = toast !== undefined && toast.expiresAt > now;
  const failures = toast?.earlierFailures.filter((failure) => failure.expiresAt > now) ?? [];
  return (
    <section className="toasts" aria-label={t('notifications')}>
      <div role="status" aria-live="polite">
        {toast !== undefined && (current || failures.length > 0) ? (
          <div key={toast.id} className={`toast tone-${current ? toast.tone : 'error'}`} data-testid="toast">
            <div className="toast-lines">
              {failures.map((failure) => (
                <span key={failure.id} className="toast-failure" data-testid="toast-failure">
                  {failure.message.startsWith(tShown('status')('change.notAlready')) ? failure.message : t('notDone', { message: failure.message })}
                </span>
              ))}
              {current ? (
                <span className="toast-text" title={toast.message}>
                  {toast.message}
                </span>
              ) : null}
            </div>
            {toast.undo && current ? (
              <button
                type="button"
                className="button small"
                onClick={() => {
                  const target = toast.undo;
                  dismiss(toast.id);
                  if (target) void undoChange(target, undoLabelOf(toast.message)).catch(() => undefined);
                }}
              >
                {t('undo')}
                <span className="countdown">{t('s', { min: Math.min(60, Math.max(0, Math.ceil((toast.expiresAt - now) / 1000))) })}</span>
              </button>
            ) : null}
            <button type="button" className="icon-button" aria-label={t('dismissNotification')} onClick={() => dismiss(toast.id)}>
              ×
            </button>
          </div>
        ) : null}
      </div>
    </section>
  );
}
