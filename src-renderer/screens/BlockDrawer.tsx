import { formatLocalDate, localDateOf } from '../../src-shared/time';
import { queryClient } from '../api/client';
import { commands, newKey } from '../api/commands';
import { useWritesLocked } from '../api/hooks';
import type { DayView } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { HistoryTimeline } from '../components/HistoryTimeline';
import { timeRange } from '../format';
import { runAction } from '../state/actions';
import { useDesk } from '../state/desk';
import { confirmedWording } from '../state/wording';
import { blockPhrases } from '../blockHistoryWording';
import { blockLabels } from './DayView';
import { useAttempt } from '../components/useAttempt';
import { DrawerPanel } from '../components/DrawerPanel';
import { useT } from '../i18n';

export type DayBlock = DayView['staff'][number]['blocks'][number];

/**
 * A blocked time's drawer: what it is, whose and when, Remove, and its history with Undo (the
 * same timeline every kind of record has, from the registry's wording).
 */
export function BlockDrawer(props: { block: DayBlock; staffName: string; zone: string }) {
  const { t } = useT('day');
  const { block, staffName, zone } = props;
  const selectBlock = useDesk((state) => state.selectBlock);
  const locked = useWritesLocked();
  const { busy, error: failure, setError: setFailure, attemptChange } = useAttempt();
  const label = t(blockLabels[block.kind]);
  const when = timeRange(block.startsAt, block.endsAt, zone);
  const close = () => selectBlock(null);

  const remove = async () => {
    const key = newKey();
    await attemptChange(async () => {
      await runAction({
        label: t('removeS', { staffName, blockPhrases: blockPhrases[block.kind], when }),
        successMessage: confirmedWording(t('removedS', { staffName, blockPhrases: blockPhrases[block.kind], when })),
        entityId: block.id,
        undoGroup: 'block',
        run: () => commands.block.delete({ idempotencyKey: key, id: block.id, expectedVersion: block.version }),
      });
      close();
    });
  };

  return (
    <DrawerPanel
      titleId="block-drawer-title"
      testId="block-drawer"
      title={`${label}: ${staffName}`}
      closeLabel={t('closeBlockedTimeDetails')}
      recordId={block.id}
      onClose={close}
    >
      <dl className="facts">
        <dt>{t('kind')}</dt>
        <dd>{label}</dd>
        <dt>{t('staff')}</dt>
        <dd>{staffName}</dd>
        <dt>{t('when')}</dt>
        <dd>
          {formatLocalDate(localDateOf(block.startsAt, zone))}, {when}
        </dd>
        <dt>{t('note')}</dt>
        <dd>{block.note === '' ? '—' : block.note}</dd>
      </dl>
      {locked ? (
        <p className="notice notice-warn">{t('bookingChangesAreLockedUnsafe')}</p>
      ) : null}
      <div className="actions" role="group" aria-label={t('blockedTimeActions')}>
        <button type="button" className="button" disabled={locked || busy} onClick={() => void remove()}>
          {t('remove')}
        </button>
      </div>
      <ErrorNotice
        error={failure}
        onRefresh={() => void queryClient.invalidateQueries().then(() => setFailure(null))}
        onDismiss={() => setFailure(null)}
      />
      <HistoryTimeline entityType="block" record={block} name={t('blockFor', { label, staffName })} />
    </DrawerPanel>
  );
}
