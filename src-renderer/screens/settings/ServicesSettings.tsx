import { Fragment, useState } from 'react';
import { useServices, useStaff, useWritesLocked } from '../../api/hooks';
import { TableHead } from '../../components/TableHead';
import { commands, Dot, useAct, useHistoryToggle, useIsOwner } from './common';
import { formatMoney } from './money';
import type { ServiceView } from './rows';
import { ServiceDialog } from './ServiceDialog';

/** "Everyone", or the names of the people who do it. */
function whoDoes(service: ServiceView, names: Map<string, string>): string {
  if (service.performedBy === null) return 'Everyone';
  const list = service.performedBy.map((skill) => names.get(skill.staffId) ?? 'a former staff member');
  return list.length === 0 ? 'Nobody' : list.join(', ');
}

const minutes = (value: number) => (value === 0 ? '—' : `${value} min`);

export function ServicesSettings() {
  const services = useServices().data ?? [];
  const staff = useStaff().data ?? [];
  const names = new Map(staff.map((member) => [member.id, member.name]));
  const locked = useWritesLocked();
  const isOwner = useIsOwner();
  const { act, notice } = useAct();
  const history = useHistoryToggle();
  const [showArchived, setShowArchived] = useState(false);
  // The id, not the row: the dialog edits the latest version once a first save has changed it.
  const [editing, setEditing] = useState<string | null>(null);
  const editedService = services.find((service) => service.id === editing) ?? null;
  const disabled = locked || !isOwner;
  const archivedCount = services.filter((service) => service.archived).length;
  const shown = services.filter((service) => showArchived || !service.archived);
  const columns = ['Service', 'Category', 'Duration', 'Buffer before', 'Buffer after', 'Price', 'Who does it', 'Status'];
  return (
    <section className="panel" aria-labelledby="services-title">
      <div className="panel-head">
        <h2 id="services-title">Services</h2>
        <label className="check">
          <input type="checkbox" checked={showArchived} onChange={(event) => setShowArchived(event.target.checked)} />
          Show archived ({archivedCount})
        </label>
        <button type="button" className="button primary" disabled={disabled} onClick={() => setEditing('new')}>
          Add a service
        </button>
      </div>
      <table className="table services-table">
        <TableHead columns={columns} actions />
        <tbody>
          {shown.map((service) => (
            <Fragment key={service.id}>
              <tr className={service.archived ? 'archived' : undefined}>
                <td>
                  {service.colour === null ? null : <Dot colour={service.colour} />} {service.name}
                  {service.needsPatchTest ? <span className="muted"> · needs a patch test</span> : null}
                </td>
                <td>{service.category ?? '—'}</td>
                <td className="nowrap">{service.durationMin} min</td>
                <td className="nowrap">{minutes(service.bufferBeforeMin)}</td>
                <td className="nowrap">{minutes(service.bufferAfterMin)}</td>
                <td className="nowrap money">{formatMoney(service.priceCents)}</td>
                <td>{whoDoes(service, names)}</td>
                <td>{service.archived ? 'Archived' : 'Offered'}</td>
                <td className="row-actions">
                  <button type="button" className="button small" disabled={disabled} aria-label={`Edit ${service.name}`} onClick={() => setEditing(service.id)}>
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button small"
                    disabled={disabled}
                    aria-label={`${service.archived ? 'Offer again' : 'Archive'} ${service.name}`}
                    title={service.archived ? 'Take bookings for it again' : 'Take no new bookings for it; its history and past visits stay'}
                    onClick={() =>
                      void act(`${service.archived ? 'Offered again' : 'Archived'}: ${service.name}`, 'service', service.id, (key) =>
                        (service.archived ? commands.service.unarchive : commands.service.archive)({
                          idempotencyKey: key,
                          id: service.id,
                          expectedVersion: service.version,
                        }),
                      )
                    }
                  >
                    {service.archived ? 'Offer again' : 'Archive'}
                  </button>
                  {history.button(service.id, service.name)}
                </td>
              </tr>
              {history.row('service', service, service.name, columns.length + 1)}
            </Fragment>
          ))}
        </tbody>
      </table>
      {shown.length === 0 ? <p className="muted">No services yet: add the first with “Add a service”.</p> : null}
      {notice}
      {editing === 'new' || editedService !== null ? <ServiceDialog service={editedService} onClose={() => setEditing(null)} /> : null}
    </section>
  );
}
