import type { ParseKeys } from 'i18next';
import type { ChannelConsent, MessageChannel } from '../../../src-shared/entities';
import { formatLocalDateTime } from '../../../src-shared/time';
import { commands, newKey } from '../../api/commands';
import { useLookup, useWritesLocked } from '../../api/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAttempt } from '../../components/useAttempt';
import { runAction } from '../../state/actions';
import { confirmedWording } from '../../state/wording';
import { useT } from '../../i18n';

/**
 * A client's consent to messages, per channel (docs/architecture.md §21): whether they agreed to
 * e-mail and to texts, who recorded it and when — each answer the registry's `client.recordConsent`
 * with its event. A client who has not agreed gets no message by that channel, and their
 * appointments say so.
 */

const channelNames: Record<MessageChannel, ParseKeys<'clients'>> = { email: 'channelEmail', sms: 'channelTexts' };

export function ClientConsent(props: { client: { id: string; version: number; name: string; consent: Record<MessageChannel, ChannelConsent> }; zone: string }) {
  const { t } = useT('clients');
  const { client } = props;
  const lookup = useLookup();
  const locked = useWritesLocked();
  const { busy, error, setError, attemptChange } = useAttempt();
  const record = (channel: MessageChannel, given: boolean) => {
    const key = newKey();
    const label = given ? t('consentAgreed', { name: client.name, channel: t(channelNames[channel]) }) : t('consentDeclined', { name: client.name, channel: t(channelNames[channel]) });
    return attemptChange(() =>
      runAction({
        label,
        successMessage: confirmedWording(label),
        entityId: client.id,
        undoGroup: 'client',
        run: () => commands.client.recordConsent({ idempotencyKey: key, id: client.id, expectedVersion: client.version, channel, given }),
      }),
    );
  };
  const recorded = (consent: ChannelConsent) =>
    consent.at === null
      ? t('notAskedYet')
      : t('recordedBy', { who: consent.by === null ? t('theShop') : (lookup.staff.get(consent.by) ?? t('aFormerStaffMember')), when: formatLocalDateTime(consent.at, props.zone) });
  return (
    <fieldset className="client-consent" data-testid="client-consent">
      <legend>{t('messagesTheClientAgreedTo')}</legend>
      <ul className="consent-list">
        {(['email', 'sms'] as const).map((channel) => {
          const consent = client.consent[channel];
          return (
            <li key={channel} data-testid={`consent-${channel}`}>
              <strong>{consent.given ? t('agreedTo2', { channelNames: t(channelNames[channel]) }) : t('notAgreedTo', { channelNames: t(channelNames[channel]) })}</strong>{' '}
              <span className="muted">{recorded(consent)}</span>{' '}
              <button type="button" className="button small" disabled={locked || busy} onClick={() => void record(channel, !consent.given)}>
                {consent.given ? t('recordNo', { channelNames: t(channelNames[channel]) }) : t('recordAgreedTo', { channelNames: t(channelNames[channel]) })}
              </button>
            </li>
          );
        })}
      </ul>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </fieldset>
  );
}
