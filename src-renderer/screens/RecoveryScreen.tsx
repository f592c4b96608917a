import type { ParseKeys } from 'i18next';
import { useQuery } from '@tanstack/react-query';
import { MessageAttentionPanel } from './messages/MessageAttention';
import { useState } from 'react';
import { formatLocalDateTime } from '../../src-shared/time';
import { client, queryClient, trpc } from '../api/client';
import { envelopeOf, type Envelope } from '../api/errors';
import { useRecovery, useSettings, useSyncState, useSystemStatus } from '../api/hooks';
import { refreshSyncedViews } from '../api/live';
import type { Outputs } from '../api/types';
import { shownName } from '../clientNames';
import { checkNameOf } from '../components/checkNames';
import { ErrorNotice } from '../components/ErrorNotice';
import { clock, fieldLabels, visitInstantFields, visitStatusLabels } from '../format';
import { useDesk } from '../state/desk';
import { discardFailedChange, useFailedChanges } from '../state/failedChanges';
import { SupportReport } from './SupportReport';
import { TableHead } from '../components/TableHead';
import { useT, screenT } from '../i18n';
import { Panel } from '../components/Panel';

/**
 * The Recovery Center (docs/architecture.md §5–§6): every change this desk could not save, every change
 * the shop's server refused or that conflicts with another desk's, and every change still on
 * its way — each with the choices a person can make, in plain language. Nothing here is decided
 * automatically; every choice is recorded as an event.
 */

type RecoveryList = Outputs['recovery']['list'];
type Item = RecoveryList['items'][number];
type PendingRow = RecoveryList['pending']['rows'][number];
type Names = Item['names'];
type Row = Record<string, unknown>;


const opWords: Record<string, ParseKeys<'recovery'>> = {
  create: 'madeIt',
  reschedule: 'movedIt',
  changeService: 'changedTheService',
  updateNotes: 'changedTheNotes',
  cancel: 'cancelledIt',
  restore: 'restoredIt',
  markNoShow: 'markedItAsANo',
  clearNoShow: 'clearedTheNoShow',
  delete: 'removedIt',
  undelete: 'broughtItBack',
  undo: 'undidAChange',
  update: 'changedIt',
  deactivate: 'deactivatedIt',
  reactivate: 'reactivatedIt',
  archive: 'archivedIt',
  unarchive: 'offeredItAgain',
};

const entityWords: Record<string, ParseKeys<'recovery'>> = {
  appointment: 'booking',
  client: 'client',
  staff: 'staffMember',
  service: 'service',
  settings: 'shopSettings',
};

// The record a sentence names, lower case, as the explanations say it ("your change to this booking").
const whatWords: Record<string, ParseKeys<'recovery'>> = {
  appointment: 'whatBooking',
  client: 'whatClient',
  staff: 'whatStaffMember',
  service: 'whatService',
  settings: 'whatShopSettings',
};

function opWordOf(op: string): string {
  return op in opWords ? screenT('recovery')(opWords[op]!) : op;
}

function entityWordOf(entityType: string): string {
  return entityType in entityWords ? screenT('recovery')(entityWords[entityType]!) : entityType;
}

/** A value in words. `mine` marks this desk's unaccepted version: it never says "Booked". */
function show(field: string, value: unknown, names: Names, zone: string, mine: boolean): string {
  const t = screenT('recovery');
  if (value === null || value === undefined || value === '') return '—';
  // The visit's moments read as the shop's date and time; its stages in words (architecture.md §2a).
  if (visitInstantFields.has(field) && typeof value === 'number') return formatLocalDateTime(value, zone);
  if (field === 'deletedAt') return t('yes');
  if (field === 'staffId') return names.staff[String(value)] ?? t('anotherStaffMember');
  if (field === 'serviceId') return names.services[String(value)] ?? t('anotherService');
  if (field === 'clientId') return shownName(names.clients[String(value)] ?? t('aClient'));
  if (field === 'status') {
    if (value === 'booked') return mine ? t('activeNotAcceptedYet') : t('booked');
    return visitStatusLabels[String(value)] ?? String(value);
  }
  if ((field === 'priceCents' || field === 'discountCents') && typeof value === 'number') return (value / 100).toFixed(2);
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (typeof value === 'object') return t('changed');
  // A client's name field may be the erased marker.
  return shownName(String(value));
}

function fieldRows(local: Row | null, server: Row | null, names: Names, zone: string) {
  const t = screenT('recovery');
  const keys = Object.keys(fieldLabels).filter((key) => (local && key in local) || (server && key in server));
  return keys
    .map((key) => ({
      key,
      label: fieldLabels[key] ?? key,
      mine: local ? show(key, local[key], names, zone, true) : t('removedOnThisDesk'),
      theirs: server ? show(key, server[key], names, zone, false) : t('theShopDoesNotHave'),
      differs: JSON.stringify(local?.[key] ?? null) !== JSON.stringify(server?.[key] ?? null),
    }))
    .filter((row) => row.differs || ['startsAt', 'staffId', 'serviceId', 'clientId', 'name'].includes(row.key));
}

/** "Zoë Smith — Haircut with Maya Okafor, Tue 14 May 10:00" */
function summary(entityType: string, row: Row | null, names: Names, zone: string): string {
  const t = screenT('recovery');
  if (row === null) return names.title === null ? entityWordOf(entityType) : shownName(names.title);
  if (entityType === 'appointment') {
    const service = names.services[String(row.serviceId)] ?? t('aService');
    const staff = names.staff[String(row.staffId)] ?? t('aStaffMember');
    const at = typeof row.startsAt === 'number' ? formatLocalDateTime(row.startsAt, zone) : '';
    return t('visitSummary', { client: names.title ?? t('aClient'), service, staff, at });
  }
  return t('recordSummary', { entity: entityWordOf(entityType), title: names.title ?? '' });
}

function useRun() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Envelope | null>(null);
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      refreshSyncedViews();
    } catch (caught) {
      setError(envelopeOf(caught));
      refreshSyncedViews();
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

function explanation(item: Item): string {
  const t = screenT('recovery');
  const what = t(item.entityType in whatWords ? whatWords[item.entityType]! : 'whatRecord');
  switch (item.kind) {
    case 'conflict':
      return t('someoneOnAnotherDeskChanged', { what });
    case 'slotTaken':
      return t('anotherDeskBookedThisStaff');
    case 'failed':
      return t('failedExplanation', { what, reason: item.error?.message ?? t('theServerRefusedIt') });
    default:
      return t('refusedExplanation', { what, reason: item.error?.message ?? t('noReasonGiven') });
  }
}

function ref(item: { entityType: Item['entityType']; entityId: string }) {
  return { entityType: item.entityType, entityId: item.entityId };
}

function SlotChoices(props: {
  item: Item;
  zone: string;
  busy: boolean;
  run: (work: () => Promise<unknown>) => Promise<void>;
}) {
  const { t } = useT('recovery');
  const options = useQuery(trpc.recovery.slotOptions.queryOptions(ref(props.item), { staleTime: 0 }));
  const [slot, setSlot] = useState<number | null>(null);
  const [other, setOther] = useState<string>('');
  const same = options.data?.sameStaff.slice(0, 6) ?? [];
  const chosenSlot = slot ?? same[0]?.startsAt ?? null;
  const others = options.data?.otherStaff ?? [];
  const chosenOther = other || others[0]?.staffId || '';
  const staffName =
    props.item.names.staff[String((props.item.localRow as Row | null)?.staffId)] ?? t('theSameStaffMember');
  if (options.isError) return <ErrorNotice error={envelopeOf(options.error)} />;
  if (!options.data) return <p className="muted">{t('lookingForFreeTimes')}</p>;
  return (
    <div className="slot-choices">
      <fieldset>
        <legend>{t('nextFreeTimesWith', { staffName })}</legend>
        {same.length === 0 ? <p className="muted">{t('noFreeTimeInThe')}</p> : null}
        <div className="slot-chips" role="radiogroup" aria-label={t('freeTimesWith', { staffName })}>
          {same.map((option) => (
            <label key={option.startsAt} className="chip-radio">
              <input
                type="radio"
                name={`slot-${props.item.entityId}`}
                checked={chosenSlot === option.startsAt}
                onChange={() => setSlot(option.startsAt)}
              />
              {formatLocalDateTime(option.startsAt, props.zone)}
            </label>
          ))}
        </div>
        <button
          type="button"
          className="button primary"
          disabled={props.busy || chosenSlot === null}
          onClick={() =>
            chosenSlot !== null &&
            void props.run(() => client.recovery.moveBooking.mutate({ ...ref(props.item), startsAt: chosenSlot }))
          }
        >
          {t('moveMyBookingThere')}
        </button>
      </fieldset>
      <fieldset>
        <legend>{t('sameTimeAnotherStaffMember')}</legend>
        {others.length === 0 ? (
          <p className="muted">{t('nobodyElseIsFreeAt')}</p>
        ) : (
          <label>
            {t('staffMemberFreeAt', { clock: clock(others[0]!.startsAt, props.zone) })}
            <select value={chosenOther} onChange={(event) => setOther(event.target.value)}>
              {others.map((member) => (
                <option key={member.staffId} value={member.staffId}>
                  {member.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <button
          type="button"
          className="button"
          disabled={props.busy || chosenOther === ''}
          onClick={() =>
            void props.run(() =>
              client.recovery.moveBooking.mutate({
                ...ref(props.item),
                startsAt: others[0]?.startsAt ?? options.data.booking.startsAt,
                staffId: chosenOther,
              }),
            )
          }
        >
          {t('bookWithAnotherStaffMember')}
        </button>
      </fieldset>
    </div>
  );
}

function RecoveryItemCard(props: { item: Item; zone: string }) {
  const { t } = useT('recovery');
  const { item, zone } = props;
  const { busy, error, setError, run } = useRun();
  const local = item.localRow as Row | null;
  const server = item.serverRow as Row | null;
  const rows = fieldRows(local, server, item.names, zone);
  const titles: Record<Item['kind'], string> = {
    conflict: t('changedOnAnotherDeskFirst'),
    slotTaken: t('theTimeWasAlreadyTaken'),
    failed: t('couldNotBeSent'),
    rejected: t('refusedByTheShopS'),
  };
  const mineSays = item.changes
    .map((change) => t('at', { opWords: opWordOf(change.op), clock: clock(change.clientTime, zone) }))
    .join(t('thenSeparator'));
  return (
    <li
      className={`recovery-item kind-${item.kind}`}
      data-testid="recovery-item"
      data-kind={item.kind}
      data-entity-id={item.entityId}
    >
      <h3>
        <span className={`badge tone-${item.kind === 'conflict' ? 'conflict' : 'failed'}`}>
          {item.kind === 'conflict' ? t('conflictReview') : t('failedRetry')}
        </span>{' '}
        {titles[item.kind]}: {summary(item.entityType, local ?? server, item.names, zone)}
      </h3>
      <p>{explanation(item)}</p>
      {mineSays ? <p className="muted">{t('onThisDeskYou', { mineSays })}</p> : null}
      {item.kind !== 'slotTaken' ? (
        <table className="table compare" aria-label={t('yourVersionAndTheShop')}>
          <TableHead columns={[t('what'), t('yourVersionThisDesk'), t('theShopSVersionServer')]} />
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.key}
                className={row.differs ? 'differs' : undefined}
                data-testid="compare-row"
                data-field={row.key}
              >
                <th scope="row">
                  {row.label}
                  {row.differs ? <span className="sr-only">{t('different')}</span> : null}
                </th>
                <td>{row.mine}</td>
                <td>{row.theirs}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {item.kind === 'slotTaken' && item.entityType === 'appointment' ? (
        <SlotChoices item={item} zone={zone} busy={busy} run={run} />
      ) : null}
      <div className="row recovery-actions">
        {item.choices.includes('retry') ? (
          <button
            type="button"
            className="button primary"
            disabled={busy}
            onClick={() =>
              void run(() => client.recovery.retryAll.mutate({}).then(() => client.sync.syncNow.mutate({})))
            }
          >
            {t('retry')}
          </button>
        ) : null}
        {item.kind !== 'slotTaken' && item.choices.includes('keepServer') ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run(() => client.recovery.keepServer.mutate(ref(item)))}
          >
            {t('keepTheServerVersion')}
          </button>
        ) : null}
        {item.kind !== 'slotTaken' && item.choices.includes('applyMine') ? (
          <button
            type="button"
            className={item.kind === 'conflict' ? 'button primary' : 'button'}
            disabled={busy}
            onClick={() => void run(() => client.recovery.applyMine.mutate(ref(item)))}
          >
            {t('applyMyChangeToThe')}
          </button>
        ) : null}
        {item.choices.includes('cancelBooking') ? (
          <button
            type="button"
            className="button danger"
            disabled={busy}
            onClick={() => void run(() => client.recovery.cancelBooking.mutate(ref(item)))}
          >
            {t('cancelMyBooking')}
          </button>
        ) : item.choices.includes('discard') ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run(() => client.recovery.discard.mutate(ref(item)))}
          >
            {t('discardMyChange')}
          </button>
        ) : null}
      </div>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      {item.error ? <p className="notice-ref">{t('reference', { requestId: item.error.requestId })}</p> : null}
    </li>
  );
}

function PendingRowItem(props: { row: PendingRow; zone: string }) {
  const { t } = useT('recovery');
  const { row, zone } = props;
  const { busy, error, setError, run } = useRun();
  const local = row.localRow as Row | null;
  const isNewBooking = row.entityType === 'appointment' && !row.onServer;
  return (
    <li className="tray-item saving" data-testid="pending-item" data-entity-id={row.entityId}>
      <p className="tray-label">{summary(row.entityType, local, row.names, zone)}</p>
      <p className="tray-state">
        {t(isNewBooking ? 'pendingNewLine' : 'pendingLine', {
          op: opWordOf(row.op),
          clock: clock(row.clientTime, zone),
          attempts: row.attempts > 0 ? t('attemptsSoFar', { count: row.attempts }) : '',
        })}
      </p>
      {isNewBooking ? (
        <button
          type="button"
          className="button small"
          disabled={busy}
          onClick={() => void run(() => client.recovery.discard.mutate(ref(row)))}
        >
          {t('discardThisBooking')}
        </button>
      ) : null}
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </li>
  );
}

export function RecoveryScreen() {
  const { t } = useT('recovery');
  const status = useSystemStatus().data;
  const recovery = useRecovery();
  const paired = useSyncState().data?.paired === true;
  const zone = useSettings().data?.timeZone ?? 'UTC';
  const intents = useDesk((state) => state.intents);
  const { busy, error, setError, run } = useRun();
  const failed = useFailedChanges();
  const saving = intents.filter((intent) => intent.status === 'saving');
  const items = recovery.data?.items ?? [];
  const pending = recovery.data?.pending;
  const total = failed.length + items.length + (pending?.count ?? 0);

  const retryEverything = () =>
    run(async () => {
      // Every change not saved, also the ones kept from before a reload (one after another, like the tray).
      for (const change of failed) await change.retry().catch(() => undefined);
      if (paired) {
        await client.recovery.retryAll.mutate({});
        const report = await client.sync.syncNow.mutate({});
        if (!report.ok && report.error) throw report.error;
      }
    });

  return (
    <section className="screen recovery" aria-labelledby="recovery-title" data-testid="recovery-center">
      <h1 id="recovery-title">{t('recoveryCenter')}</h1>
      <p className="muted">
        {t('everythingThatIsNotSaved')}
      </p>
      <div className="row recovery-toolbar">
        <button
          type="button"
          className="button primary"
          disabled={busy || (failed.length === 0 && items.length === 0 && (pending?.count ?? 0) === 0)}
          onClick={() => void retryEverything()}
        >
          {t('retryAll')}
        </button>
        {paired ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() =>
              void run(() =>
                client.sync.syncNow.mutate({}).then((report) => {
                  if (!report.ok && report.error) throw report.error;
                }),
              )
            }
          >
            {t('sendNow')}
          </button>
        ) : null}
        <span className="muted" data-testid="recovery-summary">
          {total === 0
            ? t('nothingNeedsAttention')
            : t('recoverySummary', { count: items.length, failed: failed.length, pending: pending?.count ?? 0 })}
        </span>
      </div>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />

      <Panel titleId="decisions-title" title={t('needsADecision', { length: items.length })}>
        {items.length === 0 ? (
          <p className="muted">
            {paired
              ? t('noConflictsOrRefusedChanges')
              : t('thisDeskWorksOnIts')}
          </p>
        ) : null}
        <ul className="recovery-list">
          {items.map((item) => (
            <RecoveryItemCard key={`${item.entityType}:${item.entityId}`} item={item} zone={zone} />
          ))}
        </ul>
      </Panel>

      <Panel titleId="failures-title" title={t('notSavedOnThisDesk', { length: failed.length })}>
        {failed.length === 0 ? <p className="muted">{t('noFailedChanges')}</p> : null}
        <ul className="recovery-list">
          {failed.map((change) => (
            <li key={change.keptId ?? change.intentId} className="tray-item failed" data-testid="recovery-failure">
              <p className="tray-label">{change.label}</p>
              <p className="tray-state">{t('failedAtRetryNotSaved', { localDateTime: formatLocalDateTime(change.failedAt, zone) })}</p>
              {change.error ? (
                <p className="tray-error">
                  {change.error.message} <span className="muted">{t('reference2', { requestId: change.error.requestId })}</span>
                </p>
              ) : null}
              <div className="row">
                <button
                  type="button"
                  className="button small primary"
                  onClick={() => void run(() => change.retry())}
                >
                  {t('retry')}
                </button>
                <button
                  type="button"
                  className="button small ghost"
                  aria-label={t('dismiss2', { label: change.label })}
                  onClick={() => void run(() => discardFailedChange(change))}
                >
                  {t('dismissNotSaved')}
                </button>
              </div>
            </li>
          ))}
          {saving.map((intent) => (
            <li key={intent.id} className="tray-item saving">
              {t('savingSince', { label: intent.label, localDateTime: formatLocalDateTime(intent.startedAt, zone) })}
            </li>
          ))}
        </ul>
      </Panel>

      <MessageAttentionPanel />

      {paired ? (
        <Panel titleId="pending-title" title={t('pendingSync', { count: pending?.count ?? 0 })}>
          {(pending?.count ?? 0) === 0 ? (
            <p className="muted">{t('everyChangeHasReachedThe')}</p>
          ) : (
            <p className="muted">
              {t('savedOnThisDeskWaiting')}
              {pending?.oldestAt ? t('since', { localDateTime: formatLocalDateTime(pending.oldestAt, zone) }) : ''}{t('theyAreSentAutomaticallyWhen')}
            </p>
          )}
          <ul className="recovery-list">
            {(pending?.rows ?? []).slice(0, 50).map((row) => (
              <PendingRowItem key={row.mutationId} row={row} zone={zone} />
            ))}
          </ul>
          {(pending?.count ?? 0) > 50 ? <p className="muted">{t('andMore', { value: (pending?.count ?? 0) - 50 })}</p> : null}
        </Panel>
      ) : null}

      <Panel titleId="checks-title" title={t('systemChecks')}>
        <ul className="checks">
          {(status?.checks ?? []).map((check) =>
            check.problem ? (
              <li key={check.problem.id} className={`check-${check.status}`} data-testid="recovery-problem">
                <strong>{checkNameOf(check.name)}:</strong> {check.message}{' '}
                <span className="muted">
                  {check.problem.occurrences > 1
                    ? t('timesSinceLastAt', { occurrences: check.problem.occurrences, localDateTime: formatLocalDateTime(check.problem.firstAt, zone), localDateTime2: formatLocalDateTime(check.problem.lastAt, zone) })
                    : `(${formatLocalDateTime(check.problem.firstAt, zone)})`}
                </span>{' '}
                <button
                  type="button"
                  className="button small ghost"
                  aria-label={t('dismiss3', { title: check.problem.title })}
                  disabled={busy}
                  onClick={() =>
                    void run(async () => {
                      await client.status.dismissProblem.mutate({ id: check.problem!.id });
                      await queryClient.invalidateQueries({ queryKey: trpc.status.get.queryKey() });
                    })
                  }
                >
                  {t('dismiss')}
                </button>
              </li>
            ) : (
              <li key={check.name} className={`check-${check.status}`}>
                <strong>{checkNameOf(check.name)}:</strong> {check.message}
              </li>
            ),
          )}
        </ul>
      </Panel>
      <SupportReport />
    </section>
  );
}
