import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../src-main/api/appRouter';
import { addDays, todayIn } from '../../src-shared/time';
import { shownFormat } from '../../src-shared/locale/format';
import { trpc } from '../api/client';
import { commands, newKey } from '../api/commands';
import { useServices, useSettings, useStaff, useWritesLocked } from '../api/hooks';
import type { ClientRow } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { QueryError } from '../components/QueryError';
import { RemoveButton } from '../components/RemoveButton';
import { runAction } from '../state/actions';
import { confirmedWording } from '../state/wording';
import { ClientPicker } from './AppointmentDialog';
import { ServiceSelect, StaffSelect } from '../components/StaffSelect';
import { SubmitForm } from '../components/SubmitForm';
import { useAttempt } from '../components/useAttempt';
import { FormFooter } from '../components/FormFooter';
import { TableHead } from '../components/TableHead';
import { useT } from '../i18n';
import { DateField, TimeField } from '../components/DateTimeFields';
import { shownName } from '../clientNames';

export type WaitingEntry = inferRouterOutputs<AppRouter>['waitlist']['list'][number];

/** "Tue 2 Jun – Fri 5 Jun, 09:00–12:00": a waitlist entry's window as a receptionist says it. */
export function windowWording(entry: { fromDate: string; toDate: string; fromTime: string; toTime: string }): string {
  // The shop's short day ("Tue 2 Jun", "mar 2 jun"), not pieces cut from an English date.
  const shown = shownFormat();
  const days = entry.fromDate === entry.toDate ? shown.shortDay(entry.fromDate) : `${shown.shortDay(entry.fromDate)} – ${shown.shortDay(entry.toDate)}`;
  return `${days}, ${shown.clockOf(entry.fromTime)}–${shown.clockOf(entry.toTime)}`;
}

function AddToWaitlist(props: { onDone: () => void }) {
  const { t } = useT('waitlist');
  const zone = useSettings().data?.timeZone ?? 'UTC';
  const services = (useServices().data ?? []).filter((service) => !service.archived);
  const staff = (useStaff().data ?? []).filter((member) => member.active);
  const today = todayIn(zone, Date.now());
  const [client, setClient] = useState<ClientRow | null>(null);
  const [form, setForm] = useState({ serviceId: '', staffId: '', fromDate: today, toDate: addDays(today, 14), fromTime: '09:00', toTime: '18:00', note: '' });
  const { busy: saving, error, attemptChange } = useAttempt();
  const set = (patch: Partial<typeof form>) => setForm((current) => ({ ...current, ...patch }));
  const ready = client !== null && form.serviceId !== '' && form.fromDate !== '' && form.toDate !== '';
  const save = async () => {
    if (client === null) return;
    const key = newKey();
    const service = services.find((item) => item.id === form.serviceId);
    await attemptChange(async () => {
      await runAction({
        label: t('addToTheWaitlist', { name: client.name }),
        successMessage: confirmedWording(t('addedToWaitlist', { name: client.name, service: service?.name ?? t('aService') })),
        undoGroup: 'waitlist',
        run: () =>
          commands.waitlist.create({
            idempotencyKey: key,
            clientId: client.id,
            serviceId: form.serviceId,
            staffId: form.staffId === '' ? null : form.staffId,
            fromDate: form.fromDate,
            toDate: form.toDate,
            fromTime: form.fromTime,
            toTime: form.toTime,
            ...(form.note.trim() ? { note: form.note.trim() } : {}),
          }),
      });
      props.onDone();
    });
  };
  return (
    <SubmitForm className="form panel" aria-label={t('addToTheWaitlist2')} onSubmit={save}>
      <ClientPicker value={client} onChange={setClient} />
      <div className="row">
        <ServiceSelect value={form.serviceId} onChange={(serviceId) => set({ serviceId })} services={services} />
        <StaffSelect value={form.staffId} onChange={(staffId) => set({ staffId })} staff={staff} label={t('with')} anyone={t('anyone')} />
      </div>
      <div className="row">
        <label>
          {t('fromDay')}
          <DateField value={form.fromDate} onChange={(typed) => set({ fromDate: typed })} required />
        </label>
        <label>
          {t('toDay')}
          <DateField value={form.toDate} min={form.fromDate} onChange={(typed) => set({ toDate: typed })} required />
        </label>
        <label>
          {t('earliest')}
          <TimeField value={form.fromTime} stepMinutes={15} onChange={(typed) => set({ fromTime: typed })} required />
        </label>
        <label>
          {t('latest')}
          <TimeField value={form.toTime} stepMinutes={15} onChange={(typed) => set({ toTime: typed })} required />
        </label>
      </div>
      <label>
        {t('noteOptional')}
        <input value={form.note} maxLength={500} onChange={(event) => set({ note: event.target.value })} />
      </label>
      <ErrorNotice error={error} />
      <FormFooter
        backLabel={t('discard')}
        onBack={props.onDone}
        submitLabel={saving ? t('saving') : t('addToWaitlist')}
        disabled={!ready || saving}
      />
    </SubmitForm>
  );
}

/** Clients waiting for a time: who, for what, with whom, when they can come. Freed times are matched in the drawer. */
export function WaitlistScreen() {
  const { t } = useT('waitlist');
  const list = useQuery(trpc.waitlist.list.queryOptions());
  const locked = useWritesLocked();
  const [adding, setAdding] = useState(false);
  const remove = async (entry: WaitingEntry) => {
    const key = newKey();
    await runAction({
      label: t('removeFromTheWaitlist', { name: entry.client.name }),
      successMessage: confirmedWording(t('removedFromTheWaitlist', { name: entry.client.name })),
      entityId: entry.id,
      undoGroup: 'waitlist',
      run: () => commands.waitlist.delete({ idempotencyKey: key, id: entry.id, expectedVersion: entry.version }),
    }).catch(() => undefined);
  };
  return (
    <section className="screen" aria-labelledby="waitlist-title">
      <header className="screen-head">
        <h1 id="waitlist-title">{t('waitlist')}</h1>
        {adding ? null : (
          <button type="button" className="button primary" disabled={locked} onClick={() => setAdding(true)}>
            {t('addToWaitlist')}
          </button>
        )}
      </header>
      <p className="muted">{t('whenABookingIsCancelled')}</p>
      {adding ? <AddToWaitlist onDone={() => setAdding(false)} /> : null}
      {list.isError ? <QueryError error={list.error} /> : null}
      {list.data && list.data.length === 0 ? <p className="muted">{t('nobodyIsWaiting')}</p> : null}
      {list.data && list.data.length > 0 ? (
        <table className="table" data-testid="waitlist">
          <TableHead columns={[t('client'), t('service'), t('with'), t('canCome'), t('note')]} actions />
          <tbody>
            {list.data.map((entry) => (
              <tr key={entry.id}>
                <td>
                  {shownName(entry.client.name)}
                  {entry.client.phone ? <span className="muted"> · {entry.client.phone}</span> : null}
                </td>
                <td>{entry.service.name}</td>
                <td>{entry.staffName ?? t('anyone')}</td>
                <td>{windowWording(entry)}</td>
                <td>{entry.note}</td>
                <td>
                  <RemoveButton disabled={locked} onRemove={() => void remove(entry)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
