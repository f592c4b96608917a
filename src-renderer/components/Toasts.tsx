import { useEffect, useState } from 'react';
import { undoChange } from '../state/actions';
import { useDesk } from '../state/desk';

export function Toasts() {
  const toasts = useDesk((state) => state.toasts);
  const dismiss = useDesk((state) => state.dismissToast);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (toasts.length === 0) return;
    const timer = window.setInterval(() => {
      const at = Date.now();
      setNow(at);
      for (const toast of useDesk.getState().toasts) if (toast.expiresAt <= at) dismiss(toast.id);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [toasts.length, dismiss]);
  return (
    <section className="toasts" aria-label="Notifications">
      <div role="status" aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast tone-${toast.tone}`} data-testid="toast">
            <span className="toast-text">{toast.message}</span>
            {toast.undo && toast.expiresAt > now ? (
              <button
                type="button"
                className="button small"
                onClick={() => {
                  const target = toast.undo;
                  dismiss(toast.id);
                  if (target) void undoChange(target, toast.message.replace(/ — .*$/, '')).catch(() => undefined);
                }}
              >
                Undo{' '}
                <span className="countdown">
                  ({Math.min(60, Math.max(0, Math.ceil((toast.expiresAt - now) / 1000)))} s)
                </span>
              </button>
            ) : null}
            <button
              type="button"
              className="icon-button"
              aria-label="Dismiss notification"
              onClick={() => dismiss(toast.id)}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </section>
  );
}
