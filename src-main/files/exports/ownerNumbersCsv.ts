import { tIn, type Language } from '../../../src-shared/i18n';
import { moneyCell } from '../../../src-shared/money';
import type { OwnerNumbers } from '../../core/reports/ownerNumbers';
import { csvText, type CsvColumn } from './csv';

interface Line {
  figure: string;
  of: string;
  value: string | number | null;
}

const shareCell = (share: number | null) => (share === null ? null : (share * 100).toFixed(1));

/**
 * The owner's numbers as one CSV (docs/architecture.md §26): a line per figure, per day for the
 * daily ones, per person and per service for theirs — three columns a spreadsheet can pivot. Money
 * in pounds with two decimals, shares in per cent with one; an empty cell where there is nothing to
 * count (no bookings). Names go through the one writer's formula escaping.
 *
 * The owner reads it in a spreadsheet, so its headers and figure names are in the shop's language
 * (no default: the caller names it); its numbers stay plain decimals and its days ISO dates, which
 * any spreadsheet reads whatever its own language. (The clients' and appointments' exports keep
 * their English headers: they must read back into the importer.)
 */
export function ownerNumbersCsv(numbers: OwnerNumbers, language: Language): string {
  const t = tIn(language, 'dashboard');
  const all = t('csv.wholeRange');
  const { totals } = numbers;
  const lines: Line[] = [
    { figure: t('figures.bookings'), of: all, value: totals.bookings },
    { figure: t('figures.completed'), of: all, value: totals.completed },
    { figure: t('figures.cancelled'), of: all, value: totals.cancelled },
    { figure: t('figures.lateCancellations'), of: all, value: totals.lateCancellations },
    { figure: t('figures.noShows'), of: all, value: totals.noShows },
    { figure: `${t('figures.noShowRate')} (%)`, of: all, value: shareCell(totals.noShowRate) },
    { figure: `${t('figures.lateCancellationRate')} (%)`, of: all, value: shareCell(totals.lateCancellationRate) },
    { figure: t('figures.serviceTakings'), of: all, value: moneyCell(totals.serviceCents) },
    { figure: t('figures.retailTakings'), of: all, value: moneyCell(totals.retailCents) },
    { figure: t('figures.revenue'), of: all, value: moneyCell(totals.revenueCents) },
    { figure: t('figures.newClients'), of: all, value: numbers.clients.newClients },
    { figure: t('figures.returningClients'), of: all, value: numbers.clients.returningClients },
  ];
  for (const day of numbers.days) {
    lines.push(
      { figure: t('figures.bookings'), of: day.date, value: day.bookings },
      { figure: t('figures.completed'), of: day.date, value: day.completed },
      { figure: t('figures.cancelled'), of: day.date, value: day.cancelled },
      { figure: t('figures.noShows'), of: day.date, value: day.noShows },
      { figure: t('figures.serviceTakings'), of: day.date, value: moneyCell(day.serviceCents) },
      { figure: t('figures.retailTakings'), of: day.date, value: moneyCell(day.retailCents) },
    );
  }
  for (const row of numbers.utilisation) {
    lines.push(
      { figure: `${t('table.booked')} (h)`, of: row.name, value: (row.bookedMinutes / 60).toFixed(2) },
      { figure: `${t('table.scheduled')} (h)`, of: row.name, value: (row.scheduledMinutes / 60).toFixed(2) },
      { figure: `${t('table.utilisation')} (%)`, of: row.name, value: shareCell(row.utilisation) },
    );
  }
  for (const row of numbers.topServices) {
    lines.push({ figure: t('table.visits'), of: row.name, value: row.visits }, { figure: t('table.takings'), of: row.name, value: moneyCell(row.cents) });
  }
  for (const row of numbers.stockUsed) lines.push({ figure: t('charts.stockUsed'), of: `${row.name} (${row.unit})`, value: row.quantity });
  const columns: CsvColumn<Line>[] = [
    { header: t('csv.figure'), value: (line) => line.figure },
    { header: t('csv.for'), value: (line) => line.of },
    { header: t('csv.value'), value: (line) => line.value },
  ];
  return csvText(columns, lines);
}
