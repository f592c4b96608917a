import { useQuery } from '@tanstack/react-query';
import { trpc } from '../../api/client';
import { MessageItem } from '../../components/MessageItem';
import { QueryError } from '../../components/QueryError';
import { useT } from '../../i18n';

/**
 * The appointment drawer's messages (docs/architecture.md §21): every message of the booking —
 * its confirmation, reminders, notices, and those never sent and why — in the order they go.
 */
export function AppointmentMessages(props: { appointmentId: string; zone: string; locked: boolean }) {
  const { t } = useT('messages-screen');
  const messages = useQuery(trpc.messages.ofAppointment.queryOptions({ appointmentId: props.appointmentId }, { refetchInterval: 10_000 }));
  return (
    <section className="drawer-messages" aria-labelledby="drawer-messages-title" data-testid="drawer-messages">
      <h3 id="drawer-messages-title">{t('messagesToTheClient')}</h3>
      {messages.isError ? <QueryError error={messages.error} /> : null}
      {messages.data?.length === 0 ? <p className="muted">{t('noMessagesForThisAppointment')}</p> : null}
      {messages.data && messages.data.length > 0 ? (
        <ul className="message-list">
          {messages.data.map((message) => (
            <MessageItem key={message.id} message={message} zone={props.zone} disabled={props.locked} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
