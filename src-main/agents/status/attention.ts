import { byPriority, type AttentionItem, type AttentionKind } from '../../../src-shared/attention/items';
import { coreAttentionSources, type AttentionSource } from '../../core/attention/sources';
import { messageAttentionCounts } from '../../core/messages/queries';
import { recoveryNames } from '../../core/recovery/describe';
import { listFailedIntents } from '../../core/recovery/failedIntents';
import { listRecovery } from '../../core/recovery/recovery';
import type { Store } from '../../core/store/open';
import { shopWords } from '../../core/settings/queries';
import { systemStatus, type StatusCheck, type StatusOptions } from './systemStatus';
import { inShopLanguage } from '../../core/settings/shopLanguage';

/**
 * The one attention list (docs/architecture.md §23), gathered from every place that knows something
 * needs a person: the system's checks (storage, integrity, sync, disk, backups…), changes that were
 * not saved, messages that failed, conflicts, and the core's own sources (overdue forms, low stock,
 * waitlist matches). The order is decided once, by `byPriority`.
 */

/** The checks that are failures of their own; "sync" (changes needing a decision) is each conflict below. */
const checkKinds: Partial<Record<StatusCheck['name'], AttentionKind>> = {
  storage: 'storage',
  integrity: 'storage',
  server: 'sync',
  pending: 'sync',
  clock: 'sync',
  messages: 'messages',
  disk: 'failure',
  backup: 'failure',
  'offsite-backup': 'failure',
  'server-health': 'sync',
  update: 'failure',
  'file-save': 'failure',
};

function checkItems(store: Store, now: number, options: StatusOptions): AttentionItem[] {
  const t = shopWords(store, 'attention');
  return systemStatus(store, now, options).checks.flatMap((check): AttentionItem[] => {
    const kind = checkKinds[check.name];
    // "Connecting…" is a state, not a failure: the banner's pill says it.
    if (kind === undefined || check.status === 'ok' || (check.name === 'server' && check.status === 'warning')) return [];
    const locked = kind === 'storage';
    return [
      {
        kind,
        key: `check:${check.name}`,
        // A check's own sentence already says what is wrong and what to do; a recorded problem has a title too.
        title: check.problem?.title ?? (locked ? t('check.locked') : check.message),
        detail: check.problem !== undefined || locked ? check.message : '',
        nextStep: { label: t(kind === 'messages' ? 'step.messages' : 'step.recovery'), screen: kind === 'messages' ? 'messages' : 'recovery' },
        ...(check.problem ? { since: check.problem.firstAt } : {}),
      },
    ];
  });
}

function unsavedItems(store: Store): AttentionItem[] {
  const failed = listFailedIntents(store);
  if (failed.length === 0) return [];
  const t = shopWords(store, 'attention');
  return [
    {
      kind: 'failure',
      key: 'unsaved-changes',
      title: t('unsaved.title', { count: failed.length }),
      detail: t('unsaved.detail'),
      nextStep: { label: t('step.retry'), screen: 'recovery' },
      since: Math.min(...failed.map((intent) => intent.failedAt)),
    },
  ];
}

function messageItems(store: Store): AttentionItem[] {
  const t = shopWords(store, 'attention');
  const counts = messageAttentionCounts(store);
  return (['failed', 'uncertain', 'missed'] as const).flatMap((status): AttentionItem[] =>
    counts[status] === 0
      ? []
      : [
          {
            kind: 'messages',
            key: `messages:${status}`,
            title: t(`messages.${status}`, { count: counts[status] }),
            detail: t(`messages.${status}Detail`),
            nextStep: { label: t('step.messages'), screen: 'messages' },
          },
        ],
  );
}

function conflictItems(store: Store): AttentionItem[] {
  const t = shopWords(store, 'attention');
  return listRecovery(store, { pendingLimit: 0 }).items.map((item) => {
    const names = recoveryNames(store, item.entityType, [item.localRow, item.serverRow]);
    const since = Math.min(...item.changes.map((change) => change.clientTime));
    return {
      kind: 'conflict',
      key: `conflict:${item.entityType}:${item.entityId}`,
      title: t(`conflict.${item.kind}`, { name: names.title ?? t('conflict.aRecord') }),
      detail: item.error === null ? t('conflict.detail') : inShopLanguage(store, item.error).message,
      nextStep: { label: t('step.decide'), screen: 'recovery', recordId: item.entityId },
      ...(Number.isFinite(since) ? { since } : {}),
    };
  });
}

export interface AttentionOptions extends StatusOptions {
  /** More sources than the core's own (tests feed items through the same seam). */
  sources?: readonly AttentionSource[];
}

/** Everything that needs a person, most urgent first. A source that fails is itself an item, never a blank list. */
export function attentionList(store: Store, now: number, options: AttentionOptions = {}): AttentionItem[] {
  const t = shopWords(store, 'attention');
  const gathered: AttentionItem[] = [];
  const sources: readonly AttentionSource[] = [
    (s, at) => checkItems(s, at, options),
    unsavedItems,
    messageItems,
    conflictItems,
    ...coreAttentionSources,
    ...(options.sources ?? []),
  ];
  for (const [index, source] of sources.entries()) {
    try {
      gathered.push(...source(store, now));
    } catch (error) {
      gathered.push({
        kind: 'failure',
        key: `source:${index}`,
        title: t('sourceFailed.title'),
        detail: t('sourceFailed.detail', { reason: error instanceof Error ? error.message : String(error) }),
        nextStep: { label: t('step.recovery'), screen: 'recovery' },
      });
    }
  }
  return byPriority(gathered);
}
