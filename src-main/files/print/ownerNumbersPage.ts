import { DEFAULT_LOCALE, type LocaleSettings } from '../../../src-shared/locale/settings';
import { tIn, type Language } from '../../../src-shared/i18n';
import { formatterOf } from '../../../src-shared/locale/format';
import { formatHours, formatShare } from '../../../src-shared/reports';
import { formatLocalDate, formatLocalDateTime, formatShortLocalDate } from '../../../src-shared/time';
import type { OwnerNumbers } from '../../core/reports/ownerNumbers';
import { escapeHtml, pageGeometry, type PageGeometry, type PaperSize } from './schedule';

/**
 * The owner's numbers on paper (docs/architecture.md §26): the figures as text a PDF reader (and
 * pdftotext) reads back, beside simple bars drawn as inline SVG on the server — no script, no
 * chart library, nothing fetched. Rendered to PDF by the day schedule's PdfRenderer.
 */

const esc = (value: string | number) => escapeHtml(String(value));

interface Bar {
  label: string;
  value: number;
  /** What the bar says beside it (the value in words: "£40.00", "72%"). */
  text: string;
}

/** Columns, one per day: the first and last day and the tallest value are labelled. */
function columnsSvg(bars: readonly Bar[], title: string): string {
  const width = 190;
  const height = 40;
  const top = Math.max(1, ...bars.map((bar) => bar.value));
  const step = width / Math.max(1, bars.length);
  const rects = bars
    .map((bar, index) => {
      const tall = (bar.value / top) * (height - 8);
      return `<rect x="${(index * step + step * 0.1).toFixed(2)}" y="${(height - 4 - tall).toFixed(2)}" width="${(step * 0.8).toFixed(2)}" height="${tall.toFixed(2)}" fill="#3b6ea5"><title>${esc(bar.label)}: ${esc(bar.text)}</title></rect>`;
    })
    .join('');
  const first = bars[0];
  const last = bars[bars.length - 1];
  const tallest = bars.reduce<Bar | undefined>((best, bar) => (best === undefined || bar.value > best.value ? bar : best), undefined);
  const labels = [
    first ? `<text x="0" y="${height}" font-size="2.6">${esc(first.label)}</text>` : '',
    last && last !== first ? `<text x="${width}" y="${height}" font-size="2.6" text-anchor="end">${esc(last.label)}</text>` : '',
    tallest ? `<text x="${width}" y="3" font-size="2.6" text-anchor="end">${esc(`${tallest.label}: ${tallest.text}`)}</text>` : '',
  ].join('');
  return `<svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="${width}mm" height="${height}mm">${rects}${labels}</svg>`;
}

/** One row per item, its bar as long as its share of the longest (or of 1 for shares). */
function rowsSvg(bars: readonly Bar[], title: string, scaleTop?: number): string {
  const rowHeight = 6;
  const labelWidth = 55;
  const barWidth = 100;
  const top = scaleTop ?? Math.max(1, ...bars.map((bar) => bar.value));
  const rows = bars
    .map((bar, index) => {
      const y = index * rowHeight;
      const long = Math.min(1, bar.value / top) * barWidth;
      return `<text x="0" y="${y + 4}" font-size="3">${esc(bar.label)}</text><rect x="${labelWidth}" y="${y + 1}" width="${long.toFixed(2)}" height="4" fill="#3b6ea5"/><text x="${labelWidth + long + 2}" y="${y + 4}" font-size="3">${esc(bar.text)}</text>`;
    })
    .join('');
  const height = Math.max(rowHeight, bars.length * rowHeight);
  return `<svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 190 ${height}" width="190mm" height="${height}mm">${rows}</svg>`;
}

/** A self-contained HTML page of the owner's numbers for a range, in the given language. */
export function renderOwnerNumbersHtml(
  numbers: OwnerNumbers,
  options: { printedAt: number; locale?: LocaleSettings; paperSize?: PaperSize },
): string {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const language: Language = locale.language;
  const t = tIn(language, 'dashboard');
  const formatMoney = formatterOf(locale).money;
  const geometry = ownerNumbersGeometry(options.paperSize ?? 'A4');
  const { totals } = numbers;
  const none = t('notes.noShare');
  // Label and value on one line of a two-column table: read back in that order by any PDF reader.
  const figure = (label: string, value: string) => `<tr><th scope="row">${esc(label)}</th><td class="value">${esc(value)}</td></tr>`;
  const days = t('page.days', { from: formatLocalDate(numbers.range.from, locale), to: formatLocalDate(numbers.range.to, locale) });
  const dayBars = (pick: (day: OwnerNumbers['days'][number]) => number, text: (value: number) => string) =>
    numbers.days.map((day) => ({ label: formatShortLocalDate(day.date, locale), value: pick(day), text: text(pick(day)) }));
  const dayTable =
    numbers.days.length <= 62
      ? `<table><thead><tr><th>${esc(t('table.date'))}</th><th>${esc(t('figures.bookings'))}</th><th>${esc(t('figures.completed'))}</th><th>${esc(t('figures.cancelled'))}</th><th>${esc(t('figures.noShows'))}</th><th>${esc(t('figures.revenue'))}</th></tr></thead><tbody>${numbers.days
          .map(
            (day) =>
              `<tr><td>${esc(formatShortLocalDate(day.date, locale))}</td><td>${day.bookings}</td><td>${day.completed}</td><td>${day.cancelled}</td><td>${day.noShows}</td><td>${esc(formatMoney(day.serviceCents + day.retailCents))}</td></tr>`,
          )
          .join('')}</tbody></table>`
      : '';
  const staffRows = numbers.utilisation
    .map(
      (row) =>
        `<tr><td>${esc(row.name)}</td><td>${esc(t('hours', { hours: formatHours(row.bookedMinutes, locale) }))}</td><td>${esc(t('hours', { hours: formatHours(row.scheduledMinutes, locale) }))}</td><td>${esc(formatShare(row.utilisation, '—', locale))}</td></tr>`,
    )
    .join('');
  const serviceRows = numbers.topServices
    .map((row) => `<tr><td>${esc(row.name)}</td><td>${row.visits}</td><td>${esc(formatMoney(row.cents))}</td></tr>`)
    .join('');
  const stock =
    numbers.stockUsed.length === 0
      ? `<p class="note">${esc(t('table.nothing'))}</p>`
      : `<table><thead><tr><th>${esc(t('table.product'))}</th><th>${esc(t('table.quantity'))}</th></tr></thead><tbody>${numbers.stockUsed
          .map((row) => `<tr><td>${esc(row.name)}</td><td>${esc(t('quantity', { quantity: row.quantity, unit: row.unit }))}</td></tr>`)
          .join('')}</tbody></table>`;
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(`${numbers.shopName} — ${t('title')} — ${days}`)}</title>
<style>
@page { size: ${geometry.paperSize === 'A4' ? 'A4' : 'letter'} portrait; margin: ${geometry.marginMm}mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 9pt; color: #000; background: #fff;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { font-size: 14pt; margin: 0 0 1mm 0; }
h2 { font-size: 11pt; margin: 5mm 0 1.5mm 0; break-after: avoid; }
.sub { font-size: 10pt; margin: 0; }
.meta, .note { font-size: 8pt; color: #333; margin: 1mm 0 0 0; }
.figures { width: auto; margin-top: 3mm; }
.figures th { font-weight: normal; background: #fff; padding-right: 6mm; }
.figures .value { font-size: 11pt; font-weight: bold; text-align: right; }
.chart { display: block; margin: 1mm 0; }
section { break-inside: avoid; }
table { border-collapse: collapse; width: 100%; }
tr { break-inside: avoid; }
th, td { border: 0.3mm solid #999; padding: 0.8mm 1.4mm; text-align: left; }
th { background: #eee; }
</style>
</head>
<body data-paper="${geometry.paperSize}">
<header>
<h1>${esc(numbers.shopName)} — ${esc(t('title'))}</h1>
<p class="sub">${esc(days)}</p>
<p class="meta">${esc(t('page.meta', { zone: numbers.timeZone, when: formatLocalDateTime(options.printedAt, numbers.timeZone, locale) }))}</p>
</header>
<table class="figures"><tbody>
${figure(t('figures.bookings'), String(totals.bookings))}
${figure(t('figures.completed'), String(totals.completed))}
${figure(t('figures.noShowRate'), `${formatShare(totals.noShowRate, none, locale)} (${totals.noShows})`)}
${figure(t('figures.lateCancellationRate'), `${formatShare(totals.lateCancellationRate, none, locale)} (${totals.lateCancellations})`)}
${figure(t('figures.serviceTakings'), formatMoney(totals.serviceCents))}
${figure(t('figures.retailTakings'), formatMoney(totals.retailCents))}
${figure(t('figures.revenue'), formatMoney(totals.revenueCents))}
${figure(t('figures.newClients'), String(numbers.clients.newClients))}
${figure(t('figures.returningClients'), String(numbers.clients.returningClients))}
</tbody></table>
<p class="note">${esc(t('notes.late'))} ${esc(t('notes.takings'))}</p>
<section>
<h2>${esc(t('charts.bookingsPerDay'))}</h2>
${columnsSvg(dayBars((day) => day.bookings, String), t('charts.bookingsPerDay'))}
</section>
<section>
<h2>${esc(t('charts.takingsPerDay'))}</h2>
${columnsSvg(dayBars((day) => day.serviceCents + day.retailCents, formatMoney), t('charts.takingsPerDay'))}
</section>
<section>
<h2>${esc(t('charts.utilisation'))}</h2>
${rowsSvg(numbers.utilisation.map((row) => ({ label: row.name, value: row.utilisation ?? 0, text: formatShare(row.utilisation, '—', locale) })), t('charts.utilisation'), 1)}
<table><thead><tr><th>${esc(t('table.staff'))}</th><th>${esc(t('table.booked'))}</th><th>${esc(t('table.scheduled'))}</th><th>${esc(t('table.utilisation'))}</th></tr></thead><tbody>${staffRows}</tbody></table>
<p class="note">${esc(t('notes.utilisation'))}</p>
</section>
<section>
<h2>${esc(t('charts.topServices'))}</h2>
${numbers.topServices.length === 0 ? `<p class="note">${esc(t('table.nothing'))}</p>` : `${rowsSvg(numbers.topServices.map((row) => ({ label: row.name, value: row.visits, text: String(row.visits) })), t('charts.topServices'))}<table><thead><tr><th>${esc(t('table.service'))}</th><th>${esc(t('table.visits'))}</th><th>${esc(t('table.takings'))}</th></tr></thead><tbody>${serviceRows}</tbody></table>`}
</section>
<section>
<h2>${esc(t('charts.stockUsed'))}</h2>
${stock}
</section>
${dayTable === '' ? '' : `<section><h2>${esc(t('charts.bookingsPerDay'))}</h2>${dayTable}</section>`}
</body>
</html>
`;
}

/** Portrait, the full printable width: the page is a column of figures and charts. */
export function ownerNumbersGeometry(paperSize: PaperSize): PageGeometry {
  return pageGeometry(paperSize, null);
}

export function ownerNumbersFileName(numbers: Pick<OwnerNumbers, 'range'>): string {
  return `caredesk-numbers-${numbers.range.from}-to-${numbers.range.to}.pdf`;
}
