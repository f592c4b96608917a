import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatLocalDateTime } from '../../src-shared/time';
import { trpc } from '../api/client';
import { commands, newKey } from '../api/commands';
import { useSettings, useWritesLocked } from '../api/hooks';
import { QueryError } from '../components/QueryError';
import { TableHead } from '../components/TableHead';
import { runAction } from '../state/actions';
import { confirmedWording } from '../state/wording';

/**
 * Settings → Records → Deleted (issue 15): the clients and bookings someone deleted, who did and
 * when, each with Restore — an event like any other, with undo (docs/architecture.md §7).
 */

type Kind = 'client' | 'appointment';
const kinds: { kind: Kind; label: string }[] = [
  { kind: 'client', label: 'Clients' },
  { kind: 'appointment', label: 'Bookings' },
];

/** When, by whom and why a record was deleted, and its Restore button: the same for a client and a booking. */
function DeletionCells(props: {
  row: { deletedAt: number; deletedByName: string | null; reason: string | null };
  zone: string;
  locked: boolean;
  label: string;
  onRestore: () => void;
}) {
  return (
    <>
      <td>{formatLocalDateTime(props.row.deletedAt, props.zone)}</td>
      <td>{props.row.deletedByName ?? 'Someone on another desk'}</td>
      <td>{props.row.reason ?? ''}</td>
      <td>
        <button
          type="button"
          className="button small"
          disabled={props.locked}
          aria-label={props.label}
          onClick={props.onRestore}
        >
          Restore
        </button>
      </td>
    </>
  );
}

export function DeletedRecordsSection() {
  const zone = useSettings().data?.timeZone ?? 'UTC';
  const [kind, setKind] = useState<Kind>('client');
  const list = useQuery(trpc.history.deleted.queryOptions({ kind, limit: 50 }, { staleTime: 0 }));
  const locked = useWritesLocked();

  const restoreClient = (row: { id: string; version: number; name: string }) =>
    runAction({
      label: `Restore ${row.name}`,
      successMessage: confirmedWording(`Restored ${row.name}`),
      entityId: row.id,
      undoGroup: 'client',
      run: () => commands.client.restore({ idempotencyKey: newKey(), id: row.id, expectedVersion: row.version }),
    }).catch(() => undefined);
  const restoreBooking = (row: {
    id: string;
    version: number;
    clientName: string;
    serviceName: string;
    startsAt: number;
  }) =>
    runAction({
      label: `Restore ${row.clientName}’s ${row.serviceName}`,
      successMessage: confirmedWording(
        `Restored ${row.clientName}’s ${row.serviceName} on ${formatLocalDateTime(row.startsAt, zone)}`,
      ),
      entityId: row.id,
      undoGroup: 'appointment',
      run: () => commands.appointment.undelete({ idempotencyKey: newKey(), id: row.id, expectedVersion: row.version }),
    }).catch(() => undefined);

  const rows = list.data?.rows ?? [];
  return (
    <section className="panel" aria-labelledby="deleted-title" data-testid="deleted-records">
      <h2 id="deleted-title">Deleted</h2>
      <p className="muted">Nothing is ever lost: a deleted client or booking is kept, and can be brought back here.</p>
      <div className="row" role="group" aria-label="Show deleted">
        {kinds.map((choice) => (
          <button
            key={choice.kind}
            type="button"
            className="button small"
            aria-pressed={kind === choice.kind}
            onClick={() => setKind(choice.kind)}
          >
            {choice.label}
          </button>
        ))}
      </div>
      {list.isError ? <QueryError error={list.error} /> : null}
      {list.data && rows.length === 0 ? (
        <p className="muted">{kind === 'client' ? 'No deleted clients.' : 'No deleted bookings.'}</p>
      ) : null}
      {rows.length > 0 ? (
        <table className="table" aria-label={kind === 'client' ? 'Deleted clients' : 'Deleted bookings'}>
          <TableHead columns={[kind === 'client' ? 'Client' : 'Booking', 'Deleted', 'By', 'Why']} actions />
          <tbody>
            {rows.map((row) => {
              const client = 'name' in row;
              return (
                <tr key={row.id}>
                  <td>
                    {client
                      ? row.name
                      : `${row.clientName}: ${row.serviceName} with ${row.staffName}, ${formatLocalDateTime(row.startsAt, zone)}`}
                    {client && row.phone ? <span className="muted"> · {row.phone}</span> : null}
                  </td>
                  <DeletionCells
                    row={row}
                    zone={zone}
                    locked={locked}
                    label={client ? `Restore ${row.name}` : `Restore ${row.clientName}’s ${row.serviceName}`}
                    onRestore={() => void (client ? restoreClient(row) : restoreBooking(row))}
                  />
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {list.data && list.data.total > rows.length ? (
        <p className="muted">
          Showing the newest {rows.length} of {list.data.total}.
        </p>
      ) : null}
    </section>
  );
}
