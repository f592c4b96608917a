import type { SessionStart } from '../api/session';
import { useMemo } from 'react';
import { useShopLocale, useT } from '../i18n';
import { machineLanguage, machineZone, newShopLocale } from '../machineLocale';

/** Browser mode without a usable launch link: say where to get one. */
export function SignInNeeded(props: { reason: Exclude<SessionStart, 'signed-in'> | 'failed' }) {
  // No session, so no shop to ask: the machine's language, as the set-up screen speaks it.
  const machineLocale = useMemo(() => newShopLocale(machineLanguage(navigator.languages, machineZone()), machineZone()), []);
  useShopLocale(machineLocale);
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
