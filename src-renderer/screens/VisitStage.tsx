import { useEffect, useState } from 'react';
import { visitTotalCents } from '../../src-shared/entities';
import { formatLocalDateTime, localClockOf, localDateOf } from '../../src-shared/time';
import { visitStage, type VisitStage } from '../../src-shared/visit';
import type { DayAppointment } from '../api/types';
import { formatMoney } from './settings/money';
import { screenT } from '../i18n';

/**
 * Where a visit is, as the card and the week view show it: "Arrived 10:02", "In the chair",
 * "Done £45.00", "Late". A plain booking whose time has not come shows nothing extra.
 */

type Visit = Pick<DayAppointment, 'status' | 'startsAt' | 'arrivedAt' | 'priceCents' | 'discountCents'> & { holdExpiresAt?: number | null };

/** The page's clock (the one clock in tests), re-read every half minute so "Late" appears on time. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function stageLabel(visit: Visit, now: number, zone: string): { stage: VisitStage; label: string } | null {
  const t = screenT('drawer');
  const stage = visitStage(visit, now);
  switch (stage) {
    case 'late':
      return { stage, label: t('late') };
    case 'arrived':
      return { stage, label: visit.arrivedAt === null ? t('arrived') : t('arrived2', { clock: localClockOf(visit.arrivedAt, zone) }) };
    case 'in_service':
      return { stage, label: t('inTheChair') };
    case 'held':
      if (visit.holdExpiresAt == null) return { stage, label: t('held') };
      return {
        stage,
        label:
          localDateOf(visit.holdExpiresAt, zone) === localDateOf(now, zone)
            ? t('heldUntilToday', { clock: localClockOf(visit.holdExpiresAt, zone) })
            : t('heldUntil', { when: formatLocalDateTime(visit.holdExpiresAt, zone) }),
      };
    case 'completed': {
      const total = visitTotalCents(visit);
      return { stage, label: total === null ? t('done') : t('done2', { money: formatMoney(total) }) };
    }
    default:
      return null;
  }
}

export function VisitStageTag(props: { visit: Visit; zone: string }) {
  const now = useNow();
  const shown = stageLabel(props.visit, now, props.zone);
  if (shown === null) return null;
  return (
    <span className={`stage stage-${shown.stage}`} data-testid="visit-stage" data-stage={shown.stage}>
      {shown.label}
    </span>
  );
}
