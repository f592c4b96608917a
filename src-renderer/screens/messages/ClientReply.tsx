import type { Appointment } from '../../../src-shared/entities';
import { when } from '../../messageWording';
import { screenT } from '../../i18n';

/**
 * Whether the client said they are coming (appointment.recordClientConfirmation: by their link,
 * or by phone to the desk), shown apart from the sync state (docs/architecture.md §6, §21). The
 * sync state already owns "Confirmed", "Pending sync", "Failed — retry" and "Conflict — review",
 * so the client's answer shares none of those words: "Client coming".
 */

type Reply = Pick<Appointment, 'clientConfirmedAt' | 'clientConfirmedVia'>;

export function clientReplyWords(reply: Reply, zone: string, now: number): { tag: string; detail: string } | null {
  const t = screenT('messages-screen');
  if (reply.clientConfirmedAt === null) return null;
  const at = when(reply.clientConfirmedAt, zone, now);
  return reply.clientConfirmedVia === 'phone'
    ? { tag: t('clientComing'), detail: t('comingSaidSoByPhone', { at }) }
    : { tag: t('clientComing'), detail: t('comingAnsweredWithTheirLink', { at }) };
}

/** The card's tag: "✓ Client coming", its detail for screen readers and on hover. */
export function ClientReplyTag(props: { reply: Reply; zone: string }) {
  const words = clientReplyWords(props.reply, props.zone, Date.now());
  if (words === null) return null;
  return (
    <span className="stage client-reply" data-testid="client-reply" title={words.detail}>
      <span aria-hidden="true">✓ </span>
      {words.tag}
      <span className="sr-only">: {words.detail}</span>
    </span>
  );
}
