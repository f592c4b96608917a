import type { Envelope } from '../api/errors';
import { useT } from '../i18n';

/**
 * A failure in plain language with the next step. A version conflict offers Refresh (drop my
 * change, show the latest) and Retry (apply my change to the latest version).
 */
export function ErrorNotice(props: {
  error: Envelope | null;
  onRetry?: () => void;
  onRefresh?: () => void;
  onDismiss?: () => void;
  extra?: React.ReactNode;
}) {
  const { t } = useT('components');
  const { error } = props;
  if (error === null) return null;
  const conflict = error.code === 'VERSION_CONFLICT';
  return (
    <div className="notice notice-error" role="alert" data-code={error.code}>
      <p className="notice-text">{error.message}</p>
      <div className="notice-actions">
        {props.extra}
        {conflict && props.onRefresh ? (
          <button type="button" className="button" onClick={props.onRefresh}>
            {t('refresh')}
          </button>
        ) : null}
        {(conflict || error.retryable) && props.onRetry ? (
          <button type="button" className="button primary" onClick={props.onRetry}>
            {conflict ? t('retryOnLatest') : t('retry')}
          </button>
        ) : null}
        {props.onDismiss ? (
          <button type="button" className="button ghost" onClick={props.onDismiss}>
            {t('dismiss2')}
          </button>
        ) : null}
      </div>
      <p className="notice-ref">{t('reference', { requestId: error.requestId })}</p>
    </div>
  );
}
