import type { ParseKeys } from 'i18next';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { trpc } from '../../api/client';
import { useSettings, useWritesLocked } from '../../api/hooks';
import { MessageItem } from '../../components/MessageItem';
import { QueryError } from '../../components/QueryError';
import { useT } from '../../i18n';

/**
 * The Messages screen (docs/architecture.md §21): the shop's messages by tab — due, sent, failed,
 * not sure — each with its client, appointment, channel and time, and Retry / Cancel / Resend.
 */

type Tab = 'due' | 'sent' | 'failed' | 'notSure';
const tabs: { id: Tab; label: ParseKeys<'messages-screen'>; empty: ParseKeys<'messages-screen'> }[] = [
  { id: 'due', label: 'due', empty: 'nothingWaitingToBeSent' },
  { id: 'sent', label: 'sent', empty: 'nothingSentYet' },
  { id: 'failed', label: 'failed', empty: 'noMessageFailed' },
  { id: 'notSure', label: 'notSure', empty: 'everyMessageHandedOverIs' },
];

/** Failed, missed and not-sure messages: the navigation's badge and the tabs' counts. */
export function useMessageAttention() {
  return useQuery(trpc.messages.attention.queryOptions(undefined, { refetchInterval: 10_000, staleTime: 0 }));
}

export function MessagesScreen() {
  const { t } = useT('messages-screen');
  const [tab, setTab] = useState<Tab>('due');
  const zone = useSettings().data?.timeZone ?? 'UTC';
  const locked = useWritesLocked();
  const list = useQuery(trpc.messages.list.queryOptions({ tab }, { refetchInterval: 10_000 }));
  const attention = useMessageAttention().data;
  const counts: Partial<Record<Tab, number>> = attention ? { failed: attention.failed + attention.missed, notSure: attention.uncertain } : {};
  const current = tabs.find((item) => item.id === tab) ?? tabs[0];
  return (
    <section className="screen" aria-labelledby="messages-title" data-testid="messages-screen">
      <header className="screen-head">
        <h1 id="messages-title">{t('messages')}</h1>
      </header>
      <div className="segmented message-tabs" role="group" aria-label={t('whichMessages')}>
        {tabs.map((item) => (
          <button key={item.id} type="button" className="button" aria-pressed={tab === item.id} onClick={() => setTab(item.id)}>
            {t(item.label)}
            {counts[item.id] ? <span className="count-badge">{counts[item.id]}</span> : null}
          </button>
        ))}
      </div>
      {list.isError ? <QueryError error={list.error} /> : null}
      {list.data?.length === 0 ? <p className="muted">{current ? t(current.empty) : null}</p> : null}
      {list.data && list.data.length > 0 ? (
        <ul className="message-list wide" aria-label={t('messages2', { label: current ? t(current.label) : '' })}>
          {list.data.map((message) => (
            <MessageItem key={message.id} message={message} zone={zone} about disabled={locked} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
