import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { EARLIEST_DATE, formatLocalDateTime, LATEST_DATE, localDateOf } from '../../src-shared/time';
import { trpc } from '../api/client';
import { commands, newKey } from '../api/commands';
import { envelopeOf, type Envelope } from '../api/errors';
import { useSettings, useWritesLocked } from '../api/hooks';
import { QueryError } from '../components/QueryError';
import { ErrorNotice } from '../components/ErrorNotice';
import { HistoryTimeline } from '../components/HistoryTimeline';
import { refreshAll, runAction } from '../state/actions';
import { useDesk } from '../state/desk';
import { confirmedWording } from '../state/wording';
import { BookAgain } from './BookAgain';
import { ClientConsent } from './clients/ClientConsent';
import { ClientForms } from './clients/ClientForms';
import { ClientRemoval, ErasedNotice } from './clients/ClientRemoval';
import { ImportClients } from './clients/ImportClients';
import { TableHead } from '../components/TableHead';
import { isTooLong, LengthLimit, textLimits } from '../components/LengthLimit';
import { SubmitForm } from '../components/SubmitForm';
import { visitStatusLabels } from '../format';
import { useT } from '../i18n';
import { shownName } from '../clientNames';
import { DateField } from '../components/DateTimeFields';

// Visits carry no sync state, so an active visit is called Scheduled, never Booked or Confirmed.
const statusText: Record<string, string> = { ...visitStatusLabels, booked: 'Scheduled' };

/** The profile's visit counts, in the order they read. */
const visitCounts = [
  { of: 'upcoming', label: 'upcoming' },
  { of: 'attended', label: 'past' },
  { of: 'noShows', label: 'noShows' },
  { of: 'cancelled', label: 'cancelled' },
] as const;

function ClientProfile(props: { id: string }) {
  const { t } = useT('clients');
  const zone = useSettings().data?.timeZone ?? 'UTC';
  const locked = useWritesLocked();
  const query = useQuery(trpc.clients.visits.queryOptions({ id: props.id }));
  const [form, setForm] = useState({ name: '', phone: '', email: '', notes: '', allergies: '', patchTestOn: '', preferences: '' });
  const [error, setError] = useState<Envelope | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  const setDate = useDesk((state) => state.setDate);
  const select = useDesk((state) => state.select);
  const setScreen = useDesk((state) => state.setScreen);
  const data = query.data;
  useEffect(() => {
    if (data) {
      const { client: row } = data;
      setForm({ name: row.name, phone: row.phone ?? '', email: row.email ?? '', notes: row.notes, allergies: row.allergies, patchTestOn: row.patchTestOn ?? '', preferences: row.preferences });
    }
  }, [data]);
  if (query.isError) return <QueryError error={query.error} />;
  if (!data) return <p aria-busy="true">{t('loading')}</p>;
  const { client } = data;
  // "Book again" from the profile: the latest finished visit (visits come newest first).
  const lastDone = data.visits.find((visit) => visit.status === 'completed');
  const save = async () => {
    setError(null);
    const key = newKey();
    try {
      await runAction({
        label: t('update', { name: client.name }),
        successMessage: confirmedWording(t('updated', { name: form.name })),
        entityId: client.id,
        undoGroup: 'client',
        run: () =>
          commands.client.update({
            idempotencyKey: key,
            id: client.id,
            expectedVersion: client.version,
            name: form.name.trim(),
            phone: form.phone.trim() || null,
            email: form.email.trim() || null,
            notes: form.notes,
            allergies: form.allergies,
            patchTestOn: form.patchTestOn === '' ? null : form.patchTestOn,
            preferences: form.preferences,
          }),
      });
    } catch (caught) {
      const envelope = envelopeOf(caught);
      if (!envelope.retryable) setError(envelope);
    }
  };
  const changed =
    form.name !== client.name ||
    form.phone !== (client.phone ?? '') ||
    form.email !== (client.email ?? '') ||
    form.notes !== client.notes ||
    form.allergies !== client.allergies ||
    form.patchTestOn !== (client.patchTestOn ?? '') ||
    form.preferences !== client.preferences;
  return (
    <article className="profile" aria-labelledby="profile-title" data-testid="client-profile">
      <h2 id="profile-title">{shownName(client.name)}</h2>
      <ul className="stats" aria-label={t('visitCounts')}>
        {visitCounts.map((count) => (
          <li key={count.of}>
            <strong>{data.counts[count.of]}</strong>
            {t(count.label)}
          </li>
        ))}
      </ul>
      {client.erasedAt !== null ? (
        <ErasedNotice client={client} zone={zone} />
      ) : (
        <>
          <SubmitForm className="form" onSubmit={save}>
            <div className="row">
              <label>
                {t('name')}
                <input value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} required />
              </label>
              <label>
                {t('phone')}
                <input value={form.phone} onChange={(event) => setForm({ ...form, phone: event.target.value })} inputMode="tel" />
              </label>
              <label>
                {t('eMail')}
                <input type="email" value={form.email} onChange={(event) => setForm({ ...form, email: event.target.value })} />
              </label>
            </div>
            <label>
              {t('notes')}
              <textarea rows={2} value={form.notes} aria-describedby="client-notes-limit" onChange={(event) => setForm({ ...form, notes: event.target.value })} />
            </label>
            <LengthLimit id="client-notes-limit" value={form.notes} max={textLimits.notes} />
            <fieldset className="client-alert-fields">
              <legend>{t('alertsShownWhenBooking')}</legend>
              <div className="row">
                <label>
                  {t('allergies')}
                  <input value={form.allergies} placeholder={t('eGAllergicToAmmonia')} onChange={(event) => setForm({ ...form, allergies: event.target.value })} />
                </label>
                <label>
                  {t('lastPatchTest')}
                  <DateField value={form.patchTestOn} min={EARLIEST_DATE} max={LATEST_DATE} onChange={(typed) => setForm({ ...form, patchTestOn: typed })} />
                </label>
              </div>
              <label>
                {t('preferences')}
                <input value={form.preferences} placeholder={t('eGPrefersAQuiet')} onChange={(event) => setForm({ ...form, preferences: event.target.value })} />
              </label>
            </fieldset>
            <ErrorNotice error={error} onRefresh={() => void refreshAll().then(() => setError(null))} onDismiss={() => setError(null)} />
            <button type="submit" className="button" disabled={!changed || locked || isTooLong(form.notes, textLimits.notes)}>
              {t('saveClient')}
            </button>
          </SubmitForm>
          <ClientConsent client={client} zone={zone} />
          <ClientForms clientId={client.id} zone={zone} />
          <ClientRemoval client={client} locked={locked} />
        </>
      )}
      <p>
        <button type="button" className="button" aria-expanded={showHistory} onClick={() => setShowHistory(!showHistory)}>
          {showHistory ? t('hideHistory') : t('showHistory')}
        </button>
      </p>
      {showHistory ? (
        <HistoryTimeline entityType="client" record={client} name={client.name} title={t('historyOf', { name: shownName(client.name) })} />
      ) : null}
      {lastDone === undefined ? null : (
        <BookAgain appointmentId={lastDone.id} clientName={client.name} serviceName={lastDone.service.name} zone={zone} />
      )}
      <h3>{t('visits')}</h3>
      {data.visits.length === 0 ? <p className="muted">{t('noVisitsYet')}</p> : null}
      <table className="table" data-testid="visits">
        <TableHead columns={[t('when'), t('service'), t('staff'), t('status')]} />
        <tbody>
          {data.visits.map((visit) => (
            <tr key={visit.id}>
              <td>
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    setDate(localDateOf(visit.startsAt, zone));
                    select(visit.id);
                    setScreen('day');
                  }}
                >
                  {formatLocalDateTime(visit.startsAt, zone)}
                </button>
              </td>
              <td>{visit.service.name}</td>
              <td>{visit.staff.name}</td>
              <td>
                {visit.status === 'booked' ? t('scheduled') : (statusText[visit.status] ?? visit.status)}
                {visit.cancelReason ? <span className="muted"> · {visit.cancelReason}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}

export function ClientsScreen() {
  const { t } = useT('clients');
  const clientId = useDesk((state) => state.clientId);
  const openClient = useDesk((state) => state.openClient);
  const [query, setQuery] = useState('');
  const [importing, setImporting] = useState(false);
  const { t: tImport } = useT('import');
  const results = useQuery(trpc.clients.search.queryOptions({ query, limit: 50 }));
  return (
    <section className="screen clients" aria-labelledby="clients-title">
      <div className="clients-list">
        <div className="clients-head">
          <h1 id="clients-title">{t('clients')}</h1>
          <button type="button" className="button" onClick={() => setImporting(true)}>
            {tImport('open')}
          </button>
        </div>
        {importing ? <ImportClients onClose={() => setImporting(false)} /> : null}
        <label htmlFor="client-filter">{t('findAClient')}</label>
        <input id="client-filter" type="search" value={query} onChange={(event) => setQuery(event.target.value)} placeholder={t('nameOrPhone')} />
        {results.isError ? <QueryError error={results.error} /> : null}
        <ul className="list" aria-label={t('clients')}>
          {(results.data ?? []).map((client) => (
            <li key={client.id}>
              <button type="button" className="result" aria-current={client.id === clientId ? 'true' : undefined} onClick={() => openClient(client.id)}>
                <strong>{shownName(client.name)}</strong>
                <span className="muted">{client.phone ?? ''}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      <div className="clients-detail">{clientId ? <ClientProfile id={clientId} /> : <p className="muted">{t('chooseAClientToSee')}</p>}</div>
    </section>
  );
}
