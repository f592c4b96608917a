import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { formatMoney } from '../settings/money';
import { formatHours, formatShare, reportRangeSchema, type ReportRange } from '../../../src-shared/reports';
import { addDays, addMonths, todayIn } from '../../../src-shared/time';
import { client, trpc } from '../../api/client';
import { useSession, useSettings } from '../../api/hooks';
import type { OwnerNumbers } from '../../api/types';
import { OutcomeNotice } from '../../components/OutcomeNotice';
import { QueryError } from '../../components/QueryError';
import { TableHead } from '../../components/TableHead';
import { useReportedAttempt } from '../../components/useAttempt';
import { useT } from '../../i18n';
import { keepPdf } from '../../api/keepPdf';
import { DateField } from '../../components/DateTimeFields';

/** The charts load with this screen, not with the desk (docs/architecture.md §26). */
const DashboardCharts = lazy(() => import('./DashboardCharts'));

type T = ReturnType<typeof useT<'dashboard'>>['t'];

/** The quick choices of days, from the shop's today. */
type PresetKey = 'thisMonth' | 'lastMonth' | 'last30' | 'thisYear';

function presets(today: string): { key: PresetKey; range: ReportRange }[] {
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

/** One table of the numbers in its own panel; where `nothing` is given, it stands instead of an empty table. */
function NumbersTable<R>(props: {
  id: string;
  title: string;
  columns: string[];
  rows: readonly R[];
  keyOf: (row: R) => string;
  cells: (row: R) => ReactNode[];
  nothing?: string;
  children?: ReactNode;
}) {
  return (
    <section className="panel" aria-labelledby={props.id}>
      <h3 id={props.id}>{props.title}</h3>
      {props.nothing !== undefined && props.rows.length === 0 ? (
        <p className="muted">{props.nothing}</p>
      ) : (
        <table className="table">
          <TableHead columns={props.columns} />
          <tbody>
            {props.rows.map((row) => (
              <tr key={props.keyOf(row)}>
                {props.cells(row).map((cell, index) => (
                  <td key={props.columns[index]}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.children}
    </section>
  );
}

function Tables({ numbers, t }: { numbers: OwnerNumbers; t: T }) {
  const hours = (minutes: number) => t('hours', { hours: formatHours(minutes) });
  return (
    <div className="chart-grid">
      <NumbersTable
        id="numbers-staff"
        title={t('charts.utilisation')}
        columns={[t('table.staff'), t('table.booked'), t('table.scheduled'), t('table.utilisation')]}
        rows={numbers.utilisation}
        keyOf={(row) => row.staffId}
        cells={(row) => [row.name, hours(row.bookedMinutes), hours(row.scheduledMinutes), formatShare(row.utilisation, '—')]}
      >
        <p className="muted">{t('notes.utilisation')}</p>
      </NumbersTable>
      <NumbersTable
        id="numbers-services"
        title={t('charts.topServices')}
        columns={[t('table.service'), t('table.visits'), t('table.takings')]}
        rows={numbers.topServices}
        keyOf={(row) => row.serviceId}
        cells={(row) => [row.name, row.visits, formatMoney(row.cents)]}
        nothing={t('table.nothing')}
      />
      <NumbersTable
        id="numbers-stock"
        title={t('charts.stockUsed')}
        columns={[t('table.product'), t('table.quantity')]}
        rows={numbers.stockUsed}
        keyOf={(row) => row.productId}
        cells={(row) => [row.name, t('quantity', { quantity: row.quantity, unit: row.unit })]}
        nothing={t('table.nothing')}
      />
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
  // Two choices can name the same days (this month and the last 30 days on a 30-day month's last
  // day): the one pressed is the one chosen, else the first naming the days typed.
  const [chosen, setChosen] = useState<PresetKey | null>(choices[0]!.key);
  const names = (choice: (typeof choices)[number]) => choice.range.from === range.from && choice.range.to === range.to;
  const pressed = choices.find((choice) => choice.key === chosen && names(choice))?.key ?? choices.find(names)?.key;
  const typeRange = (typed: ReportRange) => {
    setChosen(null);
    setRange(typed);
  };
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
      const kept = await keepPdf({ save: () => client.reports.savePdf.mutate(range), make: () => client.reports.pdf.mutate(range) });
      if (kept.kind === 'saved') return t('actions.pdfSaved', { path: kept.path });
      return kept.kind === 'notSaved' ? t('actions.notSaved') : t('actions.pdfDownloaded', { fileName: kept.fileName });
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
            <DateField value={range.from} onChange={(typed) => typeRange({ ...range, from: typed })} />
          </label>
          <label>
            {t('range.to')}
            <DateField value={range.to} onChange={(typed) => typeRange({ ...range, to: typed })} />
          </label>
          <div className="segmented" role="group" aria-label={t('range.legend')}>
            {choices.map((choice) => (
              <button
                key={choice.key}
                type="button"
                className="button"
                aria-pressed={choice.key === pressed}
                onClick={() => {
                  setChosen(choice.key);
                  setRange(choice.range);
                }}
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
