import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { formatMoney } from '../settings/money';
import { formatHours, formatShare, reportRangeSchema, type ReportRange } from '../../../src-shared/reports';
import { addDays, addMonths, todayIn } from '../../../src-shared/time';
import { client, transport, trpc } from '../../api/client';
import { useSession, useSettings } from '../../api/hooks';
import type { OwnerNumbers } from '../../api/types';
import { OutcomeNotice } from '../../components/OutcomeNotice';
import { QueryError } from '../../components/QueryError';
import { TableHead } from '../../components/TableHead';
import { useReportedAttempt } from '../../components/useAttempt';
import { useT } from '../../i18n';
import { download } from '../PrintDialog';
import { DateField } from '../../components/DateTimeFields';

/** The charts load with this screen, not with the desk (docs/architecture.md §26). */
const DashboardCharts = lazy(() => import('./DashboardCharts'));

type T = ReturnType<typeof useT<'dashboard'>>['t'];

/** The quick choices of days, from the shop's today. */
function presets(today: string): { key: 'thisMonth' | 'lastMonth' | 'last30' | 'thisYear'; range: ReportRange }[] {
  const monthStart = `${today.slice(0, 7)}-01`;
  return [
    { key: 'thisMonth', range: { from: monthStart, to: addDays(addMonths(monthStart, 1), -1) } },
    { key: 'lastMonth', range: { from: addMonths(monthStart, -1), to: addDays(monthStart, -1) } },
    { key: 'last30', range: { from: addDays(today, -29), to: today } },
    { key: 'thisYear', range: { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` } },
  ];
}

function Figure(props: { label: string; value: string; detail?: string }) {
  return (
    <div className="figure" role="group" aria-label={props.label}>
      <div className="figure-label">{props.label}</div>
      <div className="figure-value">{props.value}</div>
      {props.detail === undefined ? null : <div className="figure-detail muted">{props.detail}</div>}
    </div>
  );
}

function Figures({ numbers, t }: { numbers: OwnerNumbers; t: T }) {
  const { totals, clients } = numbers;
  const none = t('notes.noShare');
  return (
    <div className="figures" data-testid="numbers-figures">
      <Figure label={t('figures.bookings')} value={String(totals.bookings)} detail={`${t('figures.completed')}: ${totals.completed}`} />
      <Figure label={t('figures.noShowRate')} value={formatShare(totals.noShowRate, none)} detail={`${t('figures.noShows')}: ${totals.noShows}`} />
      <Figure
        label={t('figures.lateCancellationRate')}
        value={formatShare(totals.lateCancellationRate, none)}
        detail={`${t('figures.lateCancellations')}: ${totals.lateCancellations} · ${t('figures.cancelled')}: ${totals.cancelled}`}
      />
      <Figure
        label={t('figures.revenue')}
        value={formatMoney(totals.revenueCents)}
        detail={`${t('figures.serviceTakings')}: ${formatMoney(totals.serviceCents)} · ${t('figures.retailTakings')}: ${formatMoney(totals.retailCents)}`}
      />
      <Figure label={t('figures.newClients')} value={String(clients.newClients)} detail={`${t('figures.returningClients')}: ${clients.returningClients}`} />
    </div>
  );
}

function Tables({ numbers, t }: { numbers: OwnerNumbers; t: T }) {
  const hours = (minutes: number) => t('hours', { hours: formatHours(minutes) });
  return (
    <div className="chart-grid">
      <section className="panel" aria-labelledby="numbers-staff">
        <h3 id="numbers-staff">{t('charts.utilisation')}</h3>
        <table className="table">
          <TableHead columns={[t('table.staff'), t('table.booked'), t('table.scheduled'), t('table.utilisation')]} />
          <tbody>
            {numbers.utilisation.map((row) => (
              <tr key={row.staffId}>
                <td>{row.name}</td>
                <td>{hours(row.bookedMinutes)}</td>
                <td>{hours(row.scheduledMinutes)}</td>
                <td>{formatShare(row.utilisation, '—')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">{t('notes.utilisation')}</p>
      </section>
      <section className="panel" aria-labelledby="numbers-services">
        <h3 id="numbers-services">{t('charts.topServices')}</h3>
        {numbers.topServices.length === 0 ? (
          <p className="muted">{t('table.nothing')}</p>
        ) : (
          <table className="table">
            <TableHead columns={[t('table.service'), t('table.visits'), t('table.takings')]} />
            <tbody>
              {numbers.topServices.map((row) => (
                <tr key={row.serviceId}>
                  <td>{row.name}</td>
                  <td>{row.visits}</td>
                  <td>{formatMoney(row.cents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-labelledby="numbers-stock">
        <h3 id="numbers-stock">{t('charts.stockUsed')}</h3>
        {numbers.stockUsed.length === 0 ? (
          <p className="muted">{t('table.nothing')}</p>
        ) : (
          <table className="table">
            <TableHead columns={[t('table.product'), t('table.quantity')]} />
            <tbody>
              {numbers.stockUsed.map((row) => (
                <tr key={row.productId}>
                  <td>{row.name}</td>
                  <td>{t('quantity', { quantity: row.quantity, unit: row.unit })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

/** The owner's numbers over a range of the shop's days: figures, charts, PDF and CSV (issue 14). */
export function DashboardScreen() {
  const { t } = useT('dashboard');
  const zone = useSettings().data?.timeZone ?? 'UTC';
  const isOwner = useSession().data?.actor.role === 'owner';
  const today = todayIn(zone, Date.now());
  const choices = presets(today);
  const [range, setRange] = useState<ReportRange>(choices[0]!.range);
  const valid = reportRangeSchema.safeParse(range).success;
  const numbers = useQuery(trpc.reports.ownerNumbers.queryOptions(range, { enabled: isOwner && valid }));
  const { busy, error, setError, message, report } = useReportedAttempt();

  if (!isOwner) {
    return (
      <section className="panel" aria-labelledby="numbers-title">
        <h2 id="numbers-title">{t('title')}</h2>
        <p className="muted">{t('ownerOnly')}</p>
      </section>
    );
  }
  const savePdf = () =>
    void report(async () => {
      if (transport() === 'ipc') {
        const saved = await client.reports.savePdf.mutate(range);
        return saved.saved ? t('actions.pdfSaved', { path: saved.path }) : t('actions.notSaved');
      }
      const made = await client.reports.pdf.mutate(range);
      download(made.fileName, made.pdfBase64);
      return t('actions.pdfDownloaded', { fileName: made.fileName });
    });
  const saveCsv = () =>
    void report(async () => {
      const saved = await client.reports.saveCsv.mutate(range);
      return saved.saved ? t('actions.csvSaved', { path: saved.path }) : t('actions.notSaved');
    });

  return (
    <div className="numbers" data-testid="numbers-screen">
      <section className="panel" aria-labelledby="numbers-title">
        <div className="panel-head">
          <h2 id="numbers-title">{t('title')}</h2>
          <button type="button" className="button" disabled={busy || !valid} onClick={savePdf}>
            {t('actions.savePdf')}
          </button>
          <button type="button" className="button" disabled={busy || !valid} onClick={saveCsv}>
            {t('actions.exportCsv')}
          </button>
        </div>
        <p className="muted">{t('intro')}</p>
        <fieldset className="row">
          <legend>{t('range.legend')}</legend>
          <label>
            {t('range.from')}
            <DateField value={range.from} onChange={(typed) => setRange({ ...range, from: typed })} />
          </label>
          <label>
            {t('range.to')}
            <DateField value={range.to} onChange={(typed) => setRange({ ...range, to: typed })} />
          </label>
          <div className="segmented" role="group" aria-label={t('range.legend')}>
            {choices.map((choice) => (
              <button
                key={choice.key}
                type="button"
                className="button"
                aria-pressed={choice.range.from === range.from && choice.range.to === range.to}
                onClick={() => setRange(choice.range)}
              >
                {t(`range.${choice.key}`)}
              </button>
            ))}
          </div>
        </fieldset>
        {valid ? null : <p role="alert">{t('range.tooLong')}</p>}
        <OutcomeNotice message={message} error={error} onDismiss={() => setError(null)} />
      </section>
      {numbers.error ? <QueryError error={numbers.error} /> : null}
      {numbers.data === undefined ? (
        valid && !numbers.error ? <p className="muted">{t('loading')}</p> : null
      ) : (
        <>
          <Figures numbers={numbers.data} t={t} />
          <p className="muted">
            {t('notes.late')} {t('notes.takings')}
          </p>
          <Suspense fallback={<p className="muted">{t('loading')}</p>}>
            <DashboardCharts numbers={numbers.data} />
          </Suspense>
          <Tables numbers={numbers.data} t={t} />
        </>
      )}
    </div>
  );
}
