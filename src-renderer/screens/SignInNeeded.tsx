import type { SessionStart } from '../api/session';
import { useT } from '../i18n';

/** Browser mode without a usable launch link: say where to get one. */
export function SignInNeeded(props: { reason: Exclude<SessionStart, 'signed-in'> | 'failed' }) {
  const { t } = useT('sync');
  const why =
    props.reason === 'link-spent'
      ? t('thisCaredeskLinkHasAlready')
      : props.reason === 'failed'
        ? t('caredeskDidNotAnswerCheck')
        : t('thisWindowWasNotOpened');
  return (
    <main className="form" data-testid="sign-in-needed">
      <h1>{t('caredesk')}</h1>
      <p role="alert" className="notice notice-warn">
        {t('openTheNewestLinkShown', { why })}
      </p>
    </main>
  );
}
