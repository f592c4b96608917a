import { useQuery } from '@tanstack/react-query';
import { counted } from '../../../src-shared/counted';
import { trpc } from '../../api/client';
import { useSettings, useWritesLocked } from '../../api/hooks';
import type { Outputs } from '../../api/types';
import { MessageItem } from '../../components/MessageItem';
import { when } from '../../messageWording';
import { useDesk } from '../../state/desk';
import { useMessageAttention } from './MessagesScreen';

/**
 * Messages on the attention list (docs/architecture.md §20): failed, missed and not-sure messages,
 * and providers whose circuit is open, stay in the banner and the Recovery Center until a person
 * resolves them (retry or cancel) or the provider recovers — each with its one next step.
 */

type Circuit = Outputs['messages']['attention']['circuits'][number];
const channelNames = { email: 'e-mail', sms: 'text message' } as const;

/** "Texts 1 (text message provider) has failed several times in a row…" with what happens and what to do. */
export function circuitWords(circuit: Circuit, zone: string, now: number): { title: string; nextStep: string } {
  const since = circuit.since === null ? '' : ` since ${when(circuit.since, zone, now)}`;
  const state = circuit.state === 'open' ? 'is resting after failing several times in a row' : 'is being tried again';
  return {
    title: `${circuit.provider} (${channelNames[circuit.channel]} provider) ${state}${since}.${circuit.lastError ? ` Last answer: ${circuit.lastError}` : ''}`,
    nextStep: 'Messages go through the fallback provider meanwhile, or wait. Check the provider’s status page and its settings, then send a test message from Settings → Messages.',
  };
}

/** The banner's link: how many messages need a person, or that a provider is down. */
export function MessagesBannerLink() {
  const attention = useMessageAttention().data;
  const setScreen = useDesk((state) => state.setScreen);
  if (!attention) return null;
  const count = attention.failed + attention.missed + attention.uncertain;
  const down = attention.circuits.filter((circuit) => circuit.state === 'open').length;
  if (count === 0 && down === 0) return null;
  const words = [count > 0 ? `${counted(count, 'message')} not sent` : null, down > 0 ? `${counted(down, 'message provider')} down` : null].filter(Boolean).join(', ');
  return (
    <button type="button" className="banner-link failed" data-testid="banner-messages" onClick={() => setScreen('messages')}>
      {words} — see Messages
    </button>
  );
}

/** The Recovery Center's messages panel. */
export function MessageAttentionPanel() {
  const zone = useSettings().data?.timeZone ?? 'UTC';
  const locked = useWritesLocked();
  const attention = useMessageAttention().data;
  const failed = useQuery(trpc.messages.list.queryOptions({ tab: 'failed' }, { refetchInterval: 10_000 }));
  const unsure = useQuery(trpc.messages.list.queryOptions({ tab: 'notSure' }, { refetchInterval: 10_000 }));
  const items = [...(unsure.data ?? []), ...(failed.data ?? [])];
  const circuits = attention?.circuits ?? [];
  const now = Date.now();
  return (
    <section className="panel" aria-labelledby="message-attention-title" data-testid="recovery-messages">
      <h2 id="message-attention-title">Messages not sent ({items.length})</h2>
      {circuits.length > 0 ? (
        <ul className="recovery-list">
          {circuits.map((circuit) => {
            const words = circuitWords(circuit, zone, now);
            return (
              <li key={circuit.provider} className="recovery-item kind-failed" data-testid="circuit-item">
                <p className="notice-text">{words.title}</p>
                <p>{words.nextStep}</p>
              </li>
            );
          })}
        </ul>
      ) : null}
      {items.length === 0 && circuits.length === 0 ? <p className="muted">Every message went, or is waiting for its time.</p> : null}
      {items.length > 0 ? (
        <ul className="message-list">
          {items.map((message) => (
            <MessageItem key={message.id} message={message} zone={zone} about disabled={locked} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
