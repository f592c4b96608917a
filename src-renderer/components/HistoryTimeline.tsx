import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { formatLocalDateTime } from '../../src-shared/time';
import { refreshAll, undoChange } from '../state/actions';
import { trpc } from '../api/client';
import type { UndoGroup } from '../api/commands';
import { envelopeOf, type Envelope } from '../api/errors';
import { useLookup, useSession, useWritesLocked } from '../api/hooks';
import type { HistoryEntry } from '../api/types';
import { changesOf, describeChange, describeEvent, exceptionsOf, type Lookup } from '../format';
import { blockLines } from '../blockHistoryWording';
import { recordLine } from '../recordHistoryWording';
import { ErrorNotice } from './ErrorNotice';
import { AnywayChoice } from './AnywayChoice';
import { useT } from '../i18n';
import { shownName } from '../clientNames';

/** One event as the timeline shows it: the sentence, the field changes, and what an Undo toast calls it. */
interface Line {
  headline: string;
  undoLabel: string;
  changes: { field: string; before: string; after: string }[];
  details: string[];
}

/** An appointment reads as the drawer always has ("You cancelled", then Start time: 10:00 → 11:00). */
function appointmentLine(entry: HistoryEntry, meId: string | null, name: string, lookup: Lookup): Line {
  return {
    headline: describeEvent(entry, meId),
    undoLabel: `${describeChange(entry)} (${shownName(name)})`,
    changes: changesOf(entry.before, entry.after, lookup, entry.type.endsWith('.create')),
    details: [],
  };
}

/** Clients, staff, services and the shop settings read as sentences with the record's name. */
function otherRecordLine(entry: HistoryEntry, meId: string | null, name: string, lookup: Lookup): Line {
  const line = recordLine(entry, meId, name, lookup);
  return { headline: line.headline, undoLabel: line.what, changes: [], details: line.details };
}

/** The "Record it anyway" choice beside a START_IN_PAST refusal. */
export function RecordAnyway(props: { onChoose: () => void }) {
  const { t } = useT('components');
  return <AnywayChoice label={t('recordItAnyway')} onChoose={props.onChoose} />;
}

/**
 * A record's history, newest first, with Undo where the rules allow it (`canUndo`): the same list
 * for appointments, clients, staff, services and the shop settings. `name` is the record's name
 * as a person knows it (the client's name for an appointment); `record` its id and current version.
 * Who is signed in (their own changes read "You") and whether writes are locked it reads itself,
 * as every screen that shows it would pass the same.
 */
export function HistoryTimeline(props: { entityType: UndoGroup; record: { id: string; version: number }; name: string; title?: string }) {
  const { t } = useT('components');
  const { entityType } = props;
  const entityId = props.record.id;
  const meId = useSession().data?.actor.staffId ?? null;
  const locked = useWritesLocked();
  const titleId = useId();
  const history = useQuery(trpc.history.ofEntity.queryOptions({ entityType, entityId }));
  const lookup = useLookup();
  const [error, setError] = useState<{ envelope: Envelope; entry: HistoryEntry } | null>(null);
  const entries = history.data ?? [];
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const focusEvent = (id: string) => document.getElementById(`event-${id}`)?.focus();
  // Blocked time reads with whose it is and its times ("You moved Sam Taylor's lunch from 12:00–13:00 to 14:00–15:00").
  const blockWording = entityType === 'block' ? blockLines(entries, meId, lookup) : null;
  const lineOf = (entry: HistoryEntry): Line => {
    const block = blockWording?.get(entry.id);
    if (block !== undefined) return { headline: block.headline, undoLabel: block.what, changes: [], details: block.details };
    return (entityType === 'appointment' ? appointmentLine : otherRecordLine)(entry, meId, props.name, lookup);
  };

  const undo = async (entry: HistoryEntry, options: { allowPast?: boolean } = {}) => {
    setError(null);
    try {
      await undoChange(
        { group: entityType, id: entityId, version: props.record.version, eventId: entry.id },
        lineOf(entry).undoLabel,
        options,
      );
    } catch (caught) {
      const envelope = envelopeOf(caught);
      if (!envelope.retryable) setError({ envelope, entry });
    }
  };

  return (
    <section className="timeline" aria-labelledby={titleId}>
      <h3 id={titleId}>{props.title ?? t('history')}</h3>
      <ErrorNotice
        error={error?.envelope ?? null}
        onRefresh={() => void refreshAll().then(() => setError(null))}
        onDismiss={() => setError(null)}
        extra={
          error?.envelope.code === 'START_IN_PAST' ? (
            <RecordAnyway onChoose={() => void undo(error.entry, { allowPast: true })} />
          ) : null
        }
      />
      {history.isLoading ? <p>{t('loadingHistory')}</p> : null}
      <ol className="timeline-list" data-testid="timeline">
        {[...entries].reverse().map((entry) => {
          const line = lineOf(entry);
          const undoes = entry.undoesEventId ? byId.get(entry.undoesEventId) : undefined;
          const undoneBy = entry.undoneByEventId ? byId.get(entry.undoneByEventId) : undefined;
          return (
            <li
              key={entry.id}
              id={`event-${entry.id}`}
              tabIndex={-1}
              className="timeline-item"
              data-testid="timeline-item"
              data-event-type={entry.type}
            >
              <p className="timeline-what">{line.headline}</p>
              <p className="timeline-meta">
                {formatLocalDateTime(entry.at, lookup.zone)}
                {entry.actorName ? ` · ${entry.actorName}` : ''}
                {entry.reason ? t('reason', { reason: entry.reason }) : ''}
              </p>
              {exceptionsOf(entry.after).map((text) => (
                <p key={text} className="timeline-exception">
                  {text}
                </p>
              ))}
              {line.changes.length > 0 ? (
                <ul className="changes">
                  {line.changes.map((change) => (
                    <li key={change.field}>
                      <span className="change-field">{change.field}:</span>{' '}
                      <span className="before">{change.before}</span> <span aria-hidden="true">→</span>
                      <span className="sr-only">{t('changedTo')}</span> <span className="after">{change.after}</span>
                    </li>
                  ))}
                </ul>
              ) : null}
              {line.details.length > 0 ? (
                <ul className="changes">
                  {line.details.map((text) => (
                    <li key={text}>{text}</li>
                  ))}
                </ul>
              ) : null}
              <div className="timeline-links">
                {undoes ? (
                  <button type="button" className="link" onClick={() => focusEvent(undoes.id)} data-testid="undoes-link">
                    {t('undoes', { headline: lineOf(undoes).headline })}
                  </button>
                ) : null}
                {undoneBy ? (
                  <button type="button" className="link" onClick={() => focusEvent(undoneBy.id)} data-testid="undone-by-link">
                    {t('undoneBy', { headline: lineOf(undoneBy).headline })}
                  </button>
                ) : null}
                {entry.canUndo && !entry.type.endsWith('.create') ? (
                  <button
                    type="button"
                    className="button small"
                    disabled={locked}
                    aria-label={t('undo2', { headline: line.headline })}
                    onClick={() => void undo(entry)}
                  >
                    {t('undoThis')}
                  </button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
