import { useQuery } from '@tanstack/react-query';
import type { AttentionItem } from '../../src-shared/attention/items';
import { trpc } from '../api/client';
import { useT } from '../i18n';
import { isScreen, useDesk } from '../state/desk';

/**
 * The attention list on screen (docs/architecture.md §23): the banner shows the most urgent item
 * with its one next step, and opens the whole list in the desk's order. The order is the desk's
 * (`status.attention`); the screen never re-sorts it.
 */

export function useAttention() {
  return useQuery(trpc.status.attention.queryOptions(undefined, { refetchInterval: 5_000, staleTime: 0, retry: 0 }));
}


/** Goes where an item is settled: its screen, and its booking's drawer on that booking's day. */
export function useStepTo(): (step: AttentionItem['nextStep']) => void {
  const desk = useDesk();
  return (step) => {
    if (!isScreen(step.screen)) return;
    desk.setScreen(step.screen);
    if (step.screen === 'day' && step.date !== undefined) desk.setDate(step.date);
    if (step.screen === 'day' && step.recordId !== undefined) desk.select(step.recordId);
  };
}

export function AttentionStep({ item, testId }: { item: AttentionItem; testId?: string }) {
  const stepTo = useStepTo();
  return (
    <button type="button" className="banner-link strong" data-testid={testId} onClick={() => stepTo(item.nextStep)}>
      {item.nextStep.label}
    </button>
  );
}

/** Every item, most urgent first, each with its next step. */
export function AttentionItems({ items }: { items: readonly AttentionItem[] }) {
  const { t } = useT('attention');
  return (
    <ol className="banner-checks attention-list" id="attention-list" aria-label={t('listLabel')} data-testid="attention-list">
      {items.map((item) => (
        <li key={item.key} className={`attention-${item.kind}`} data-kind={item.kind}>
          <strong>{item.title}</strong> {item.detail} <AttentionStep item={item} />
        </li>
      ))}
    </ol>
  );
}
