import { Fragment, useEffect, useState } from 'react';
import { weekdays, type Weekday } from '../../src-shared/time';
import type { OpeningHours } from '../../src-shared/entities';
import { commands, newKey, type CommandResult } from '../api/commands';
import { envelopeOf, type Envelope } from '../api/errors';
import { useServices, useSession, useSettings, useStaff, useWritesLocked } from '../api/hooks';
import { ErrorNotice } from '../components/ErrorNotice';
import { HistoryTimeline } from '../components/HistoryTimeline';
import { refreshAll, runAction } from '../state/actions';
import type { UndoGroup } from '../api/commands';
import { confirmedWording } from '../state/wording';
import { BackupsSection } from './BackupsSettings';
import { SyncSection } from './SyncSettings';
import { TableHead } from '../components/TableHead';

const dayNames: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

function useAct() {
  const [error, setError] = useState<Envelope | null>(null);
  const act = async (label: string, group: UndoGroup, entityId: string | undefined, run: (key: string) => Promise<CommandResult>) => {
    setError(null);
    const key = newKey();
    try {
      await runAction({ label, successMessage: confirmedWording(label), undoGroup: group, ...(entityId ? { entityId } : {}), run: () => run(key) });
      return true;
    } catch (caught) {
      const envelope = envelopeOf(caught);
      if (!envelope.retryable) setError(envelope);
      return false;
    }
  };
  const notice = <ErrorNotice error={error} onRefresh={() => void refreshAll().then(() => setError(null))} onDismiss={() => setError(null)} />;
  return { act, notice };
}

/** A "History" button that opens a record's history below it (the same timeline as an appointment's). */
function useHistoryToggle() {
  const [openId, setOpenId] = useState<string | null>(null);
  const meId = useSession().data?.actor.staffId ?? null;
  const locked = useWritesLocked();
  const button = (id: string, name: string) => (
    <button
      type="button"
      className="button small"
      aria-expanded={openId === id}
      aria-label={`${openId === id ? 'Hide' : 'Show'} the history of ${name}`}
      onClick={() => setOpenId(openId === id ? null : id)}
    >
      {openId === id ? 'Hide history' : 'History'}
    </button>
  );
  const timeline = (entityType: UndoGroup, record: { id: string; version: number }, name: string) =>
    openId === record.id ? (
      <HistoryTimeline
        entityType={entityType}
        entityId={record.id}
        version={record.version}
        name={name}
        meId={meId}
        locked={locked}
        title={`History of ${name}`}
      />
    ) : null;
  /** The timeline as a table row under the record's row, when open. */
  const row = (entityType: UndoGroup, record: { id: string; version: number }, name: string, columns: number) =>
    openId === record.id ? (
      <tr>
        <td colSpan={columns}>{timeline(entityType, record, name)}</td>
      </tr>
    ) : null;
  return { button, timeline, row };
}

function ShopSection() {
  const settings = useSettings().data;
  const locked = useWritesLocked();
  const { act, notice } = useAct();
  const history = useHistoryToggle();
  const [shopName, setShopName] = useState('');
  const [paper, setPaper] = useState<'A4' | 'Letter'>('A4');
  const [hours, setHours] = useState<OpeningHours | null>(null);
  useEffect(() => {
    if (settings) {
      setShopName(settings.shopName);
      setPaper(settings.paperSize);
      setHours(settings.openingHours);
    }
  }, [settings]);
  if (!settings || !hours) return null;
  const setDay = (day: Weekday, open: string, close: string, closed: boolean) =>
    setHours({ ...hours, [day]: closed ? [] : [{ open, close }] });
  return (
    <>
      <section className="panel" aria-labelledby="shop-title">
        <h2 id="shop-title">Shop</h2>
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            void act('Shop details saved', 'settings', settings.id, (key) =>
              commands.settings.update({ idempotencyKey: key, id: settings.id, expectedVersion: settings.version, shopName: shopName.trim(), paperSize: paper }),
            );
          }}
        >
          <div className="row">
            <label>
              Shop name
              <input value={shopName} onChange={(event) => setShopName(event.target.value)} required />
            </label>
            <label>
              Time zone
              <input value={settings.timeZone} readOnly aria-describedby="tz-help" />
            </label>
            <label>
              Paper size for the daily schedule
              <select value={paper} onChange={(event) => setPaper(event.target.value as 'A4' | 'Letter')}>
                <option value="A4">A4</option>
                <option value="Letter">Letter</option>
              </select>
            </label>
          </div>
          <p id="tz-help" className="muted">
            The time zone is fixed once bookings exist, so that no appointment moves by itself.
          </p>
          <button type="submit" className="button" disabled={locked}>
            Save shop details
          </button>
        </form>
        <p>{history.button(settings.id, 'the shop settings')}</p>
        {history.timeline('settings', settings, 'the shop settings')}
      </section>
      <section className="panel" aria-labelledby="hours-title">
        <h2 id="hours-title">Opening hours</h2>
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            void act('Opening hours saved', 'settings', settings.id, (key) =>
              commands.settings.update({ idempotencyKey: key, id: settings.id, expectedVersion: settings.version, openingHours: hours }),
            );
          }}
        >
          <div className="hours-grid">
            {weekdays.map((day) => {
              const interval = hours[day][0];
              const closed = interval === undefined;
              const open = interval?.open ?? '09:00';
              const close = interval?.close ?? '18:00';
              return (
                <div key={day} className="hours-row">
                  <span className="hours-day">{dayNames[day]}</span>
                  <label className="check">
                    <input type="checkbox" checked={closed} onChange={(event) => setDay(day, open, close, event.target.checked)} />
                    Closed
                  </label>
                  <label className="sr-only" htmlFor={`s-open-${day}`}>
                    {dayNames[day]} opens
                  </label>
                  <input id={`s-open-${day}`} type="time" value={open} disabled={closed} onChange={(event) => setDay(day, event.target.value, close, false)} />
                  <label className="sr-only" htmlFor={`s-close-${day}`}>
                    {dayNames[day]} closes
                  </label>
                  <input id={`s-close-${day}`} type="time" value={close} disabled={closed} onChange={(event) => setDay(day, open, event.target.value, false)} />
                  {hours[day].length > 1 ? <span className="muted">+ {hours[day].length - 1} more</span> : null}
                </div>
              );
            })}
          </div>
          <button type="submit" className="button" disabled={locked}>
            Save opening hours
          </button>
        </form>
        {notice}
      </section>
    </>
  );
}

function StaffSection() {
  const staff = useStaff().data ?? [];
  const locked = useWritesLocked();
  const { act, notice } = useAct();
  const history = useHistoryToggle();
  const [name, setName] = useState('');
  const [colour, setColour] = useState('#2e7d5b');
  const [role, setRole] = useState<'owner' | 'staff'>('staff');
  const [pin, setPin] = useState('');
  return (
    <section className="panel" aria-labelledby="staff-title">
      <h2 id="staff-title">Staff</h2>
      <table className="table">
        <TableHead columns={['Name', 'Role', 'PIN', 'Status']} actions />
        <tbody>
          {staff.map((member) => (
            <Fragment key={member.id}>
            <tr>
              <td>
                <span
                  className="dot"
                  aria-hidden="true"
                  ref={(element) => {
                    if (element !== null) element.style.background = member.colour;
                  }}
                />{' '}
                {member.name}
              </td>
              <td>{member.role === 'owner' ? 'Owner' : 'Staff'}</td>
              <td>{member.hasPin ? 'Set' : 'None'}</td>
              <td>{member.active ? 'Active' : 'Inactive'}</td>
              <td>
                {(() => {
                  // One toggle: deactivate an active member, reactivate an inactive one.
                  const verb = member.active ? 'Deactivate' : 'Reactivate';
                  const command = member.active ? commands.staff.deactivate : commands.staff.reactivate;
                  return (
                    <button
                      type="button"
                      className="button small"
                      disabled={locked}
                      aria-label={`${verb} ${member.name}`}
                      onClick={() =>
                        void act(`${verb}d ${member.name}`, 'staff', member.id, (key) =>
                          command({ idempotencyKey: key, id: member.id, expectedVersion: member.version }),
                        )
                      }
                    >
                      {verb}
                    </button>
                  );
                })()}{' '}
                {history.button(member.id, member.name)}
              </td>
            </tr>
            {history.row('staff', member, member.name, 5)}
            </Fragment>
          ))}
        </tbody>
      </table>
      <form
        className="form"
        aria-label="Add a staff member"
        onSubmit={(event) => {
          event.preventDefault();
          void act(`Added ${name}`, 'staff', undefined, (key) =>
            commands.staff.create({ idempotencyKey: key, name: name.trim(), colour, role, ...(pin ? { pin } : {}) }),
          ).then((ok) => {
            if (ok) {
              setName('');
              setPin('');
            }
          });
        }}
      >
        <h3>Add a staff member</h3>
        <div className="row">
          <label>
            Name
            <input value={name} onChange={(event) => setName(event.target.value)} required />
          </label>
          <label>
            Colour
            <input type="color" value={colour} onChange={(event) => setColour(event.target.value)} />
          </label>
          <label>
            Role
            <select value={role} onChange={(event) => setRole(event.target.value as 'owner' | 'staff')}>
              <option value="staff">Staff</option>
              <option value="owner">Owner</option>
            </select>
          </label>
          <label>
            PIN (optional)
            <input type="password" inputMode="numeric" autoComplete="new-password" value={pin} onChange={(event) => setPin(event.target.value)} />
          </label>
        </div>
        <button type="submit" className="button" disabled={locked || name.trim() === ''}>
          Add staff member
        </button>
      </form>
      {notice}
    </section>
  );
}

function ServicesSection() {
  const services = useServices().data ?? [];
  const locked = useWritesLocked();
  const { act, notice } = useAct();
  const history = useHistoryToggle();
  const [name, setName] = useState('');
  const [duration, setDuration] = useState(30);
  const [buffer, setBuffer] = useState(0);
  return (
    <section className="panel" aria-labelledby="services-title">
      <h2 id="services-title">Services</h2>
      <table className="table">
        <TableHead columns={['Service', 'Duration', 'Buffer after', 'Status']} actions />
        <tbody>
          {services.map((service) => (
            <Fragment key={service.id}>
            <tr>
              <td>{service.name}</td>
              <td>{service.durationMin} min</td>
              <td>{service.bufferAfterMin} min</td>
              <td>{service.archived ? 'Archived' : 'Offered'}</td>
              <td>
                <button
                  type="button"
                  className="button small"
                  disabled={locked}
                  aria-label={`${service.archived ? 'Offer again' : 'Archive'} ${service.name}`}
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
                </button>{' '}
                {history.button(service.id, service.name)}
              </td>
            </tr>
            {history.row('service', service, service.name, 5)}
            </Fragment>
          ))}
        </tbody>
      </table>
      <form
        className="form"
        aria-label="Add a service"
        onSubmit={(event) => {
          event.preventDefault();
          void act(`Added service ${name}`, 'service', undefined, (key) =>
            commands.service.create({ idempotencyKey: key, name: name.trim(), durationMin: duration, bufferAfterMin: buffer }),
          ).then((ok) => ok && setName(''));
        }}
      >
        <h3>Add a service</h3>
        <div className="row">
          <label>
            Name
            <input value={name} onChange={(event) => setName(event.target.value)} required />
          </label>
          <label>
            Duration (min)
            <input type="number" min={5} max={720} value={duration} onChange={(event) => setDuration(Number(event.target.value))} />
          </label>
          <label>
            Buffer after (min)
            <input type="number" min={0} max={240} value={buffer} onChange={(event) => setBuffer(Number(event.target.value))} />
          </label>
        </div>
        <button type="submit" className="button" disabled={locked || name.trim() === ''}>
          Add service
        </button>
      </form>
      {notice}
    </section>
  );
}

export function SettingsScreen() {
  const session = useSession().data;
  const staff = useStaff().data ?? [];
  const isOwner = staff.find((member) => member.id === session?.actor.staffId)?.role === 'owner';
  return (
    <section className="screen settings" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      {!isOwner ? <p className="notice notice-warn">Only the shop owner can change these settings. Switch to the owner at the desk to edit them.</p> : null}
      <ShopSection />
      <StaffSection />
      <ServicesSection />
      <SyncSection isOwner={isOwner} />
      <BackupsSection isOwner={isOwner} />
      <section className="panel" aria-labelledby="updates-title">
        <h2 id="updates-title">Updates</h2>
        <p className="muted">Updates are handled by the desktop app. In browser mode there is nothing to update here.</p>
      </section>
    </section>
  );
}
