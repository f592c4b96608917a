import { Fragment, useState } from 'react';
import { useServices, useStaff, useWritesLocked } from '../../api/hooks';
import { TableHead } from '../../components/TableHead';
import { commands, Dot, useAct, useHistoryToggle, useIsOwner } from './common';
import { formatMoney } from './money';
import type { ServiceView } from './rows';
import { ServiceDialog } from './ServiceDialog';
import { useT, screenT } from '../../i18n';
import { CheckField } from '../../components/CheckField';

/** "Everyone", or the names of the people who do it. */
function whoDoes(service: ServiceView, names: Map<string, string>): string {
  const t = screenT('settings');
  if (service.performedBy === null) return t('everyone');
  const list = service.performedBy.map((skill) => names.get(skill.staffId) ?? t('aFormerStaffMember'));
  return list.length === 0 ? t('nobody') : list.join(', ');
}

const minutes = (value: number) => {
  const t = screenT('settings');
  return (value === 0 ? '—' : t('min2', { value }));
};

export function ServicesSettings() {
  const { t } = useT('settings');
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
  const columns = [t('service'), t('category'), t('duration'), t('bufferBefore'), t('bufferAfter'), t('price'), t('whoDoesIt'), t('status')];
  return (
    <section className="panel" aria-labelledby="services-title">
      <div className="panel-head">
        <h2 id="services-title">{t('services')}</h2>
        <CheckField label={t('showArchived', { archivedCount })} checked={showArchived} onChange={setShowArchived} />
        <button type="button" className="button primary" disabled={disabled} onClick={() => setEditing('new')}>
          {t('addAService')}
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
                  {service.needsPatchTest ? <span className="muted">{t('needsAPatchTest')}</span> : null}
                </td>
                <td>{service.category ?? '—'}</td>
                <td className="nowrap">{t('min', { durationMin: service.durationMin })}</td>
                <td className="nowrap">{minutes(service.bufferBeforeMin)}</td>
                <td className="nowrap">{minutes(service.bufferAfterMin)}</td>
                <td className="nowrap money">{formatMoney(service.priceCents)}</td>
                <td>{whoDoes(service, names)}</td>
                <td>{service.archived ? t('archived') : t('offered')}</td>
                <td className="row-actions">
                  <button type="button" className="button small" disabled={disabled} aria-label={t('edit2', { name: service.name })} onClick={() => setEditing(service.id)}>
                    {t('edit')}
                  </button>
                  <button
                    type="button"
                    className="button small"
                    disabled={disabled}
                    aria-label={service.archived ? t('offerAgainName', { name: service.name }) : t('archiveName', { name: service.name })}
                    title={service.archived ? t('takeBookingsForItAgain') : t('takeNoNewBookingsFor')}
                    onClick={() =>
                      void act(`${service.archived ? t('offeredAgain') : t('archived')}: ${service.name}`, 'service', service.id, (key) =>
                        (service.archived ? commands.service.unarchive : commands.service.archive)({
                          idempotencyKey: key,
                          id: service.id,
                          expectedVersion: service.version,
                        }),
                      )
                    }
                  >
                    {service.archived ? t('offerAgain') : t('archive')}
                  </button>
                  {history.button(service.id, service.name)}
                </td>
              </tr>
              {history.row('service', service, service.name, columns.length + 1)}
            </Fragment>
          ))}
        </tbody>
      </table>
      {shown.length === 0 ? <p className="muted">{t('noServicesYetAddThe')}</p> : null}
      {notice}
      {editing === 'new' || editedService !== null ? <ServiceDialog service={editedService} onClose={() => setEditing(null)} /> : null}
    </section>
  );
}
