import { useQuery } from '@tanstack/react-query';
import { trpc } from '../../api/client';
import { useSettings, useWritesLocked } from '../../api/hooks';
import { MessageItem } from '../../components/MessageItem';
import { useDesk } from '../../state/desk';
import { useMessageAttention } from './MessagesScreen';
import { useT } from '../../i18n';
import { Panel } from '../../components/Panel';

/**
 * Messages on the attention list (docs/architecture.md §21): failed, missed and not-sure messages
 * stay in the banner and the Recovery Center until a person resolves them (retry or cancel), each
 * with its next step. A provider that is down (its circuit open) is a system problem of its own
 * (kind 'messages', §18), shown by the banner and the Recovery Center's checks like every other.
 */

/** The banner's link: how many messages need a person. */
export function MessagesBannerLink() {
  const { t } = useT('messages-screen');
  const attention = useMessageAttention().data;
  const setScreen = useDesk((state) => state.setScreen);
  const count = attention ? attention.failed + attention.missed + attention.uncertain : 0;
  if (count === 0) return null;
  return (
    <button type="button" className="banner-link failed" data-testid="banner-messages" onClick={() => setScreen('messages')}>
      {t('notSentSeeMessages', { count })}
    </button>
  );
}

/** The Recovery Center's messages panel. */
export function MessageAttentionPanel() {
  const { t } = useT('messages-screen');
  const zone = useSettings().data?.timeZone ?? 'UTC';
  const locked = useWritesLocked();
  const failed = useQuery(trpc.messages.list.queryOptions({ tab: 'failed' }, { refetchInterval: 10_000 }));
  const unsure = useQuery(trpc.messages.list.queryOptions({ tab: 'notSure' }, { refetchInterval: 10_000 }));
  const items = [...(unsure.data ?? []), ...(failed.data ?? [])];
  return (
    <Panel titleId="message-attention-title" title={t('messagesNotSent', { length: items.length })} testId="recovery-messages">
      {items.length === 0 ? <p className="muted">{t('everyMessageWentOrIs')}</p> : null}
      {items.length > 0 ? (
        <ul className="message-list">
          {items.map((message) => (
            <MessageItem key={message.id} message={message} zone={zone} about disabled={locked} />
          ))}
        </ul>
      ) : null}
    </Panel>
  );
}
