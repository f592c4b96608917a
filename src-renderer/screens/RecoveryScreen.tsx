import { useQuery } from '@tanstack/react-query';
import { MessageAttentionPanel } from './messages/MessageAttention';
import { useState } from 'react';
import { formatLocalDateTime } from '../../src-shared/time';
import { client, queryClient, trpc } from '../api/client';
import { envelopeOf, type Envelope } from '../api/errors';
import { useRecovery, useSettings, useSyncState, useSystemStatus } from '../api/hooks';
import { refreshSyncedViews } from '../api/live';
import type { Outputs } from '../api/types';
import { checkNames } from '../components/checkNames';
import { ErrorNotice } from '../components/ErrorNotice';
import { clock, fieldLabels, visitInstantFields, visitStatusLabels } from '../format';
import { useDesk } from '../state/desk';
import { discardFailedChange, useFailedChanges } from '../state/failedChanges';
import { SupportReport } from './SupportReport';
import { counted } from '../../src-shared/counted';
import { TableHead } from '../components/TableHead';

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


const opWords: Record<string, string> = {
  create: 'made it',
  reschedule: 'moved it',
  changeService: 'changed the service',
  updateNotes: 'changed the notes',
  cancel: 'cancelled it',
  restore: 'restored it',
  markNoShow: 'marked it as a no-show',
  clearNoShow: 'cleared the no-show',
  delete: 'removed it',
  undelete: 'brought it back',
  undo: 'undid a change',
  update: 'changed it',
  deactivate: 'deactivated it',
  reactivate: 'reactivated it',
  archive: 'archived it',
  unarchive: 'offered it again',
};

const entityWords: Record<string, string> = {
  appointment: 'Booking',
  client: 'Client',
  staff: 'Staff member',
  service: 'Service',
  settings: 'Shop settings',
};

/** A value in words. `mine` marks this desk's unaccepted version: it never says "Booked". */
function show(field: string, value: unknown, names: Names, zone: string, mine: boolean): string {
  if (value === null || value === undefined || value === '') return '—';
  // The visit's moments read as the shop's date and time; its stages in words (architecture.md §2a).
  if (visitInstantFields.has(field) && typeof value === 'number') return formatLocalDateTime(value, zone);
  if (field === 'deletedAt') return 'yes';
  if (field === 'staffId') return names.staff[String(value)] ?? 'another staff member';
  if (field === 'serviceId') return names.services[String(value)] ?? 'another service';
  if (field === 'clientId') return names.clients[String(value)] ?? 'a client';
  if (field === 'status') {
    if (value === 'booked') return mine ? 'Active (not accepted yet)' : 'Booked';
    return visitStatusLabels[String(value)] ?? String(value);
  }
  if ((field === 'priceCents' || field === 'discountCents') && typeof value === 'number') return (value / 100).toFixed(2);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object') return 'changed';
  return String(value);
}

function fieldRows(local: Row | null, server: Row | null, names: Names, zone: string) {
  const keys = Object.keys(fieldLabels).filter((key) => (local && key in local) || (server && key in server));
  return keys
    .map((key) => ({
      key,
      label: fieldLabels[key] ?? key,
      mine: local ? show(key, local[key], names, zone, true) : 'removed on this desk',
      theirs: server ? show(key, server[key], names, zone, false) : 'the shop does not have it',
      differs: JSON.stringify(local?.[key] ?? null) !== JSON.stringify(server?.[key] ?? null),
    }))
    .filter((row) => row.differs || ['startsAt', 'staffId', 'serviceId', 'clientId', 'name'].includes(row.key));
}

/** "Zoë Smith — Haircut with Maya Okafor, Tue 14 May 10:00" */
function summary(entityType: string, row: Row | null, names: Names, zone: string): string {
  if (row === null) return names.title ?? entityWords[entityType] ?? entityType;
  if (entityType === 'appointment') {
    const service = names.services[String(row.serviceId)] ?? 'a service';
    const staff = names.staff[String(row.staffId)] ?? 'a staff member';
    const at = typeof row.startsAt === 'number' ? formatLocalDateTime(row.startsAt, zone) : '';
    return `${names.title ?? 'A client'} — ${service} with ${staff}, ${at}`;
  }
  return `${entityWords[entityType] ?? entityType}: ${names.title ?? ''}`;
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
  const what = item.entityType === 'appointment' ? 'booking' : (entityWords[item.entityType] ?? 'record').toLowerCase();
  switch (item.kind) {
    case 'conflict':
      return `Someone on another desk changed this ${what} before your change reached the shop. Compare the two versions and choose which one the shop keeps.`;
    case 'slotTaken':
      return 'Another desk booked this staff member at that time first. Your booking is kept on this desk only — it is not booked until you choose a free time, another staff member, or cancel it.';
    case 'failed':
      return `Your change to this ${what} could not be sent to the shop (${item.error?.message ?? 'the server refused it'}). It is kept on this desk. Retry, or keep the shop’s version.`;
    default:
      return `The shop’s server refused your change to this ${what}: ${item.error?.message ?? 'no reason given'}. It is kept on this desk until you choose.`;
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
  const options = useQuery(trpc.recovery.slotOptions.queryOptions(ref(props.item), { staleTime: 0 }));
  const [slot, setSlot] = useState<number | null>(null);
  const [other, setOther] = useState<string>('');
  const same = options.data?.sameStaff.slice(0, 6) ?? [];
  const chosenSlot = slot ?? same[0]?.startsAt ?? null;
  const others = options.data?.otherStaff ?? [];
  const chosenOther = other || others[0]?.staffId || '';
  const staffName =
    props.item.names.staff[String((props.item.localRow as Row | null)?.staffId)] ?? 'the same staff member';
  if (options.isError) return <ErrorNotice error={envelopeOf(options.error)} />;
  if (!options.data) return <p className="muted">Looking for free times…</p>;
  return (
    <div className="slot-choices">
      <fieldset>
        <legend>Next free times with {staffName}</legend>
        {same.length === 0 ? <p className="muted">No free time in the next two weeks.</p> : null}
        <div className="slot-chips" role="radiogroup" aria-label={`Free times with ${staffName}`}>
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
          Move my booking there
        </button>
      </fieldset>
      <fieldset>
        <legend>Same time, another staff member</legend>
        {others.length === 0 ? (
          <p className="muted">Nobody else is free at that time.</p>
        ) : (
          <label>
            Staff member free at {clock(others[0]!.startsAt, props.zone)}
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
          Book with another staff member
        </button>
      </fieldset>
    </div>
  );
}

function RecoveryItemCard(props: { item: Item; zone: string }) {
  const { item, zone } = props;
  const { busy, error, setError, run } = useRun();
  const local = item.localRow as Row | null;
  const server = item.serverRow as Row | null;
  const rows = fieldRows(local, server, item.names, zone);
  const titles: Record<Item['kind'], string> = {
    conflict: 'Changed on another desk first',
    slotTaken: 'The time was already taken',
    failed: 'Could not be sent',
    rejected: 'Refused by the shop’s server',
  };
  const mineSays = item.changes
    .map((change) => `${opWords[change.op] ?? change.op} at ${clock(change.clientTime, zone)}`)
    .join(', then ');
  return (
    <li
      className={`recovery-item kind-${item.kind}`}
      data-testid="recovery-item"
      data-kind={item.kind}
      data-entity-id={item.entityId}
    >
      <h3>
        <span className={`badge tone-${item.kind === 'conflict' ? 'conflict' : 'failed'}`}>
          {item.kind === 'conflict' ? 'Conflict — review' : 'Failed — retry'}
        </span>{' '}
        {titles[item.kind]}: {summary(item.entityType, local ?? server, item.names, zone)}
      </h3>
      <p>{explanation(item)}</p>
      {mineSays ? <p className="muted">On this desk you {mineSays}.</p> : null}
      {item.kind !== 'slotTaken' ? (
        <table className="table compare" aria-label="Your version and the shop’s version">
          <TableHead columns={['What', 'Your version (this desk)', 'The shop’s version (server)']} />
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
                  {row.differs ? <span className="sr-only"> (different)</span> : null}
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
            Retry
          </button>
        ) : null}
        {item.kind !== 'slotTaken' && item.choices.includes('keepServer') ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run(() => client.recovery.keepServer.mutate(ref(item)))}
          >
            Keep the server version
          </button>
        ) : null}
        {item.kind !== 'slotTaken' && item.choices.includes('applyMine') ? (
          <button
            type="button"
            className={item.kind === 'conflict' ? 'button primary' : 'button'}
            disabled={busy}
            onClick={() => void run(() => client.recovery.applyMine.mutate(ref(item)))}
          >
            Apply my change to the latest version
          </button>
        ) : null}
        {item.choices.includes('cancelBooking') ? (
          <button
            type="button"
            className="button danger"
            disabled={busy}
            onClick={() => void run(() => client.recovery.cancelBooking.mutate(ref(item)))}
          >
            Cancel my booking
          </button>
        ) : item.choices.includes('discard') ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run(() => client.recovery.discard.mutate(ref(item)))}
          >
            Discard my change
          </button>
        ) : null}
      </div>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      {item.error ? <p className="notice-ref">Reference: {item.error.requestId}</p> : null}
    </li>
  );
}

function PendingRowItem(props: { row: PendingRow; zone: string }) {
  const { row, zone } = props;
  const { busy, error, setError, run } = useRun();
  const local = row.localRow as Row | null;
  const isNewBooking = row.entityType === 'appointment' && !row.onServer;
  return (
    <li className="tray-item saving" data-testid="pending-item" data-entity-id={row.entityId}>
      <p className="tray-label">{summary(row.entityType, local, row.names, zone)}</p>
      <p className="tray-state">
        {isNewBooking ? 'Pending sync (not booked)' : 'Pending sync'} — you {opWords[row.op] ?? row.op} at{' '}
        {clock(row.clientTime, zone)}
        {row.attempts > 0 ? `; ${counted(row.attempts, 'attempt')} so far` : ''}.
      </p>
      {isNewBooking ? (
        <button
          type="button"
          className="button small"
          disabled={busy}
          onClick={() => void run(() => client.recovery.discard.mutate(ref(row)))}
        >
          Discard this booking
        </button>
      ) : null}
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </li>
  );
}

export function RecoveryScreen() {
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
      <h1 id="recovery-title">Recovery Center</h1>
      <p className="muted">
        Everything that is not saved, waits for the shop’s server, or needs a decision is listed here until it is
        resolved. Nothing is decided for you.
      </p>
      <div className="row recovery-toolbar">
        <button
          type="button"
          className="button primary"
          disabled={busy || (failed.length === 0 && items.length === 0 && (pending?.count ?? 0) === 0)}
          onClick={() => void retryEverything()}
        >
          Retry all
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
            Send now
          </button>
        ) : null}
        <span className="muted" data-testid="recovery-summary">
          {total === 0
            ? 'Nothing needs attention.'
            : `${items.length} ${items.length === 1 ? 'needs' : 'need'} a decision · ${failed.length} not saved · ${pending?.count ?? 0} pending sync`}
        </span>
      </div>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />

      <section className="panel" aria-labelledby="decisions-title">
        <h2 id="decisions-title">Needs a decision ({items.length})</h2>
        {items.length === 0 ? (
          <p className="muted">
            {paired
              ? 'No conflicts or refused changes.'
              : 'This desk works on its own: there is nothing to reconcile with other desks.'}
          </p>
        ) : null}
        <ul className="recovery-list">
          {items.map((item) => (
            <RecoveryItemCard key={`${item.entityType}:${item.entityId}`} item={item} zone={zone} />
          ))}
        </ul>
      </section>

      <section className="panel" aria-labelledby="failures-title">
        <h2 id="failures-title">Not saved on this desk ({failed.length})</h2>
        {failed.length === 0 ? <p className="muted">No failed changes.</p> : null}
        <ul className="recovery-list">
          {failed.map((change) => (
            <li key={change.keptId ?? change.intentId} className="tray-item failed" data-testid="recovery-failure">
              <p className="tray-label">{change.label}</p>
              <p className="tray-state">Failed at {formatLocalDateTime(change.failedAt, zone)} — retry. Not saved.</p>
              {change.error ? (
                <p className="tray-error">
                  {change.error.message} <span className="muted">(reference {change.error.requestId})</span>
                </p>
              ) : null}
              <div className="row">
                <button
                  type="button"
                  className="button small primary"
                  onClick={() => void run(() => change.retry())}
                >
                  Retry
                </button>
                <button
                  type="button"
                  className="button small ghost"
                  aria-label={`Dismiss: ${change.label}`}
                  onClick={() => void run(() => discardFailedChange(change))}
                >
                  Dismiss (not saved)
                </button>
              </div>
            </li>
          ))}
          {saving.map((intent) => (
            <li key={intent.id} className="tray-item saving">
              {intent.label} — saving since {formatLocalDateTime(intent.startedAt, zone)}
            </li>
          ))}
        </ul>
      </section>

      <MessageAttentionPanel />

      {paired ? (
        <section className="panel" aria-labelledby="pending-title">
          <h2 id="pending-title">Pending sync ({pending?.count ?? 0})</h2>
          {(pending?.count ?? 0) === 0 ? (
            <p className="muted">Every change has reached the shop’s server.</p>
          ) : (
            <p className="muted">
              Saved on this desk, waiting for the shop’s server
              {pending?.oldestAt ? ` since ${formatLocalDateTime(pending.oldestAt, zone)}` : ''}. They are sent
              automatically when the server answers; “Send now” tries at once.
            </p>
          )}
          <ul className="recovery-list">
            {(pending?.rows ?? []).slice(0, 50).map((row) => (
              <PendingRowItem key={row.mutationId} row={row} zone={zone} />
            ))}
          </ul>
          {(pending?.count ?? 0) > 50 ? <p className="muted">…and {(pending?.count ?? 0) - 50} more.</p> : null}
        </section>
      ) : null}

      <section className="panel" aria-labelledby="checks-title">
        <h2 id="checks-title">System checks</h2>
        <ul className="checks">
          {(status?.checks ?? []).map((check) =>
            check.problem ? (
              <li key={check.problem.id} className={`check-${check.status}`} data-testid="recovery-problem">
                <strong>{checkNames[check.name] ?? check.name}:</strong> {check.message}{' '}
                <span className="muted">
                  {check.problem.occurrences > 1
                    ? `(${check.problem.occurrences} times since ${formatLocalDateTime(check.problem.firstAt, zone)}, last at ${formatLocalDateTime(check.problem.lastAt, zone)})`
                    : `(${formatLocalDateTime(check.problem.firstAt, zone)})`}
                </span>{' '}
                <button
                  type="button"
                  className="button small ghost"
                  aria-label={`Dismiss: ${check.problem.title}`}
                  disabled={busy}
                  onClick={() =>
                    void run(async () => {
                      await client.status.dismissProblem.mutate({ id: check.problem!.id });
                      await queryClient.invalidateQueries({ queryKey: trpc.status.get.queryKey() });
                    })
                  }
                >
                  Dismiss
                </button>
              </li>
            ) : (
              <li key={check.name} className={`check-${check.status}`}>
                <strong>{checkNames[check.name] ?? check.name}:</strong> {check.message}
              </li>
            ),
          )}
        </ul>
      </section>
      <SupportReport />
    </section>
  );
}
