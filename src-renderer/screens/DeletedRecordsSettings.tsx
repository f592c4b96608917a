import type { ParseKeys } from 'i18next';
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
import { useT } from '../i18n';
import { Panel } from '../components/Panel';
import { PressedChoices } from '../components/PressedChoices';
import { shownName } from '../clientNames';

/**
 * Settings → Records → Deleted (issue 15): the clients and bookings someone deleted, who did and
 * when, each with Restore — an event like any other, with undo (docs/architecture.md §7).
 */

type Kind = 'client' | 'appointment';
const kinds: { kind: Kind; label: ParseKeys<'settings'> }[] = [
  { kind: 'client', label: 'clients' },
  { kind: 'appointment', label: 'bookings' },
];

/** When, by whom and why a record was deleted, and its Restore button: the same for a client and a booking. */
function DeletionCells(props: {
  row: { deletedAt: number; deletedByName: string | null; reason: string | null };
  zone: string;
  locked: boolean;
  label: string;
  onRestore: () => void;
}) {
  const { t } = useT('settings');
  return (
    <>
      <td>{formatLocalDateTime(props.row.deletedAt, props.zone)}</td>
      <td>{props.row.deletedByName ?? t('someoneOnAnotherDesk')}</td>
      <td>{props.row.reason ?? ''}</td>
      <td>
        <button
          type="button"
          className="button small"
          disabled={props.locked}
          aria-label={props.label}
          onClick={props.onRestore}
        >
          {t('restore')}
        </button>
      </td>
    </>
  );
}

export function DeletedRecordsSection() {
  const { t } = useT('settings');
  const zone = useSettings().data?.timeZone ?? 'UTC';
  const [kind, setKind] = useState<Kind>('client');
  const list = useQuery(trpc.history.deleted.queryOptions({ kind, limit: 50 }, { staleTime: 0 }));
  const locked = useWritesLocked();

  const restoreClient = (row: { id: string; version: number; name: string }) =>
    runAction({
      label: t('restore2', { name: row.name }),
      successMessage: confirmedWording(t('restored', { name: row.name })),
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
      label: t('restoreS', { clientName: row.clientName, serviceName: row.serviceName }),
      successMessage: confirmedWording(
        t('restoredSOn', { clientName: row.clientName, serviceName: row.serviceName, localDateTime: formatLocalDateTime(row.startsAt, zone) }),
      ),
      entityId: row.id,
      undoGroup: 'appointment',
      run: () => commands.appointment.undelete({ idempotencyKey: newKey(), id: row.id, expectedVersion: row.version }),
    }).catch(() => undefined);

  const rows = list.data?.rows ?? [];
  return (
    <Panel titleId="deleted-title" title={t('deletedRecords')} intro={t('nothingIsEverLostA')} testId="deleted-records">
      <PressedChoices
        label={t('showDeleted')}
        choices={kinds.map((choice) => ({ value: choice.kind, label: t(choice.label) }))}
        value={kind}
        onChoose={setKind}
      />
      {list.isError ? <QueryError error={list.error} /> : null}
      {list.data && rows.length === 0 ? (
        <p className="muted">{kind === 'client' ? t('noDeletedClients') : t('noDeletedBookings')}</p>
      ) : null}
      {rows.length > 0 ? (
        <table className="table" aria-label={kind === 'client' ? t('deletedClients') : t('deletedBookings')}>
          <TableHead columns={[kind === 'client' ? t('client') : t('booking'), t('deleted'), t('by2'), t('why')]} actions />
          <tbody>
            {rows.map((row) => {
              const client = 'name' in row;
              return (
                <tr key={row.id}>
                  <td>
                    {client
                      ? shownName(row.name)
                      : t('with', { clientName: row.clientName, serviceName: row.serviceName, staffName: row.staffName, localDateTime: formatLocalDateTime(row.startsAt, zone) })}
                    {client && row.phone ? <span className="muted"> · {row.phone}</span> : null}
                  </td>
                  <DeletionCells
                    row={row}
                    zone={zone}
                    locked={locked}
                    label={client ? t('restore2', { name: row.name }) : t('restoreS', { clientName: row.clientName, serviceName: row.serviceName })}
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
          {t('showingTheNewestOf', { length: rows.length, total: list.data.total })}
        </p>
      ) : null}
    </Panel>
  );
}
