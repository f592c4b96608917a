import { z } from 'zod';
import { holdsTime, idSchema, localDateSchema, paperSizes } from '../../../src-shared/entities';
import type { AppointmentStatus } from '../../../src-shared/entities';
import { AppError, parseOrThrow } from '../../../src-shared/errors';
import { localClockOf } from '../../../src-shared/time';
import { shownClientName, tIn, type Language } from '../../../src-shared/i18n';
import { formatterOf } from '../../../src-shared/locale/format';
import type { LocaleSettings } from '../../../src-shared/locale/settings';
import { dayView } from '../../core/appointments/dayView';
import { requireShopSettings } from '../../core/settings/queries';
import type { Store } from '../../core/store/open';

/**
 * The printable daily schedule (docs/architecture.md §7): one self-contained HTML page per shop-local day,
 * all staff in columns or one staff member as a list. The HTML has no external resource and no
 * script, so the same string prints from Electron (printToPDF / print) and from Chromium in Node.
 */

export type PaperSize = (typeof paperSizes)[number];

export const printDayInputSchema = z.strictObject({
  date: localDateSchema,
  staffId: idSchema.optional(),
  includeCancelled: z.boolean().optional(),
  /** Defaults to the shop's paper size setting. */
  paperSize: z.enum(paperSizes).optional(),
});
export type PrintDayInput = z.input<typeof printDayInputSchema>;

export interface PrintItem {
  id: string;
  startsAt: number;
  endsAt: number;
  /** 'HH:mm' on the shop's clock. */
  start: string;
  /** 'HH:mm–HH:mm'. */
  timeLabel: string;
  clientName: string;
  serviceName: string;
  staffId: string;
  staffName: string;
  notes: string;
  status: AppointmentStatus;
}

/** Time blocked on a column (lunch, a meeting), printed among the bookings. */
export interface PrintBlock {
  id: string;
  startsAt: number;
  /** 'HH:mm' on the shop's clock. */
  start: string;
  /** 'HH:mm–HH:mm'. */
  timeLabel: string;
  /** "Lunch", "Meeting", "Cleaning", "Blocked". */
  kindLabel: string;
  note: string;
}

export interface PrintColumn {
  staffId: string;
  staffName: string;
  colour: string;
  /** When the person works that day, "09:00–13:00, 14:00–18:00", or "Not working" (their schedule, time off). */
  hoursLabel: string;
  /** The person does not work that day (hoursLabel then says so in words). */
  off: boolean;
  items: PrintItem[];
  blocks: PrintBlock[];
}

export interface PrintableSchedule {
  shopName: string;
  date: string;
  dateLabel: string;
  timeZone: string;
  paperSize: PaperSize;
  /** Set when the page is one staff member's list. */
  staffMember: { id: string; name: string } | null;
  includeCancelled: boolean;
  closed: boolean;
  columns: PrintColumn[];
  counts: { booked: number; noShow: number; cancelled: number };
  printedAtLabel: string;
  /** The shop's language and formats: the page's words, dates and times (docs/architecture.md §22). */
  locale: LocaleSettings;
}

/** At most this many staff columns share one table; more staff continue in a second table. */
export const MAX_COLUMNS_PER_TABLE = 6;

/** Page geometry in millimetres: the HTML uses exactly these widths (table-layout: fixed). */
export interface PageGeometry {
  paperSize: PaperSize;
  landscape: boolean;
  widthMm: number;
  heightMm: number;
  marginMm: number;
  /** The first column (times) of the all-staff grid; 0 for a staff list. */
  timeColMm: number;
  /** Each staff column of the all-staff grid. */
  staffColMm: number;
}

const paperMm: Record<PaperSize, { width: number; height: number }> = {
  A4: { width: 210, height: 297 },
  Letter: { width: 215.9, height: 279.4 },
};

export const PAGE_MARGIN_MM = 10;
export const TIME_COLUMN_MM = 16;

export function pageGeometry(paperSize: PaperSize, staffColumns: number | null): PageGeometry {
  const paper = paperMm[paperSize];
  const perTable = staffColumns === null ? 0 : Math.min(Math.max(staffColumns, 1), MAX_COLUMNS_PER_TABLE);
  // More than three staff columns read better across the long side of the paper.
  const landscape = perTable > 3;
  const widthMm = landscape ? paper.height : paper.width;
  const heightMm = landscape ? paper.width : paper.height;
  const usable = widthMm - 2 * PAGE_MARGIN_MM;
  return {
    paperSize,
    landscape,
    widthMm,
    heightMm,
    marginMm: PAGE_MARGIN_MM,
    timeColMm: perTable === 0 ? 0 : TIME_COLUMN_MM,
    staffColMm: perTable === 0 ? usable : Math.floor(((usable - TIME_COLUMN_MM) / perTable) * 100) / 100,
  };
}

/** Read one day from the store, in the shape the page prints. */
export function buildPrintableSchedule(store: Store, rawInput: PrintDayInput, now: number): PrintableSchedule {
  const input = parseOrThrow(printDayInputSchema, rawInput);
  const settings = requireShopSettings(store);
  const view = dayView(store, { date: input.date, ...(input.staffId === undefined ? {} : { staffId: input.staffId }) });
  const zone = view.timeZone;
  const includeCancelled = input.includeCancelled ?? false;
  if (input.staffId !== undefined && view.staff.length === 0) {
    throw new AppError('NOT_FOUND', tIn(settings.locale.language, 'print')('staffNotOnSchedule'), { field: 'staffId' });
  }
  const format = formatterOf(settings.locale);
  const t = tIn(settings.locale.language, 'print');
  const clockOf = (instant: number) => format.clock(instant, zone);
  const span = (start: number, end: number) => `${clockOf(start)}–${end >= view.dayEnd ? format.clockOf('24:00') : clockOf(end)}`;
  const columns: PrintColumn[] = view.staff.map((member) => ({
    staffId: member.id,
    staffName: member.name,
    colour: member.colour,
    hoursLabel: member.working.length === 0 ? t('notWorking') : member.working.map((stretch) => span(stretch.start, stretch.end)).join(', '),
    off: member.working.length === 0,
    items: [],
    blocks: member.blocks.map((block) => {
      const startsAt = Math.max(block.startsAt, view.dayStart);
      return {
        id: block.id,
        startsAt,
        start: localClockOf(startsAt, zone),
        timeLabel: span(startsAt, Math.min(block.endsAt, view.dayEnd)),
        kindLabel: t(`blocks.${block.kind}`),
        note: block.note,
      };
    }),
  }));
  const byStaff = new Map(columns.map((column) => [column.staffId, column]));
  const counts = { booked: 0, noShow: 0, cancelled: 0 };
  for (const appointment of view.appointments) {
    // Every visit that holds its time counts as booked on paper, whatever its stage.
    if (holdsTime(appointment.status)) counts.booked += 1;
    else if (appointment.status === 'no_show') counts.noShow += 1;
    else counts.cancelled += 1;
    if (appointment.status === 'cancelled' && !includeCancelled) continue;
    const column = byStaff.get(appointment.staffId);
    if (column === undefined) continue;
    const start = localClockOf(appointment.startsAt, zone);
    column.items.push({
      id: appointment.id,
      startsAt: appointment.startsAt,
      endsAt: appointment.endsAt,
      start,
      timeLabel: `${clockOf(appointment.startsAt)}–${clockOf(appointment.endsAt)}`,
      clientName: shownClientName(appointment.client.name, settings.locale.language),
      serviceName: appointment.service.name,
      staffId: appointment.staffId,
      staffName: appointment.staff.name,
      notes: appointment.notes,
      status: appointment.status,
    });
  }
  for (const column of columns) column.items.sort((a, b) => a.startsAt - b.startsAt || a.id.localeCompare(b.id));
  const only = input.staffId === undefined ? null : (columns[0] ?? null);
  return {
    shopName: settings.shopName,
    date: input.date,
    dateLabel: format.longDate(input.date),
    timeZone: zone,
    paperSize: input.paperSize ?? settings.paperSize,
    staffMember: only === null ? null : { id: only.staffId, name: only.staffName },
    includeCancelled,
    closed: view.closed,
    columns,
    counts,
    printedAtLabel: format.dateTime(now, zone),
    locale: settings.locale,
  };
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A visit's stage beside its time on paper; a plain booking needs none. */
function statusBadge(status: AppointmentStatus, language: Language): string {
  if (status === 'booked') return '';
  return `<span class="badge${status === 'cancelled' ? ' cancelled' : ''}">${escapeHtml(tIn(language, 'print')(`status.${status}`))}</span>`;
}

function blockHtml(block: PrintBlock): string {
  const note = block.note.trim() === '' ? '' : `<div class="notes">${escapeHtml(block.note)}</div>`;
  return `<div class="block" data-block-id="${escapeHtml(block.id)}"><div class="when">${escapeHtml(block.timeLabel)} ${escapeHtml(block.kindLabel)}</div>${note}</div>`;
}

/** A column's bookings and blocks starting in one hour ('HH'), in time order. */
function cellHtml(column: PrintColumn, hour: string, language: Language): string {
  const entries = [
    ...column.items.filter((item) => item.start.slice(0, 2) === hour).map((item) => ({ at: item.startsAt, html: itemHtml(item, false, language) })),
    ...column.blocks.filter((block) => block.start.slice(0, 2) === hour).map((block) => ({ at: block.startsAt, html: blockHtml(block) })),
  ].sort((a, b) => a.at - b.at);
  return entries.map((entry) => entry.html).join('');
}

function itemHtml(item: PrintItem, withStaff: boolean, language: Language): string {
  const notes = item.notes.trim() === '' ? '' : `<div class="notes">${escapeHtml(item.notes)}</div>`;
  return [
    `<div class="appt status-${item.status}" data-appointment-id="${escapeHtml(item.id)}">`,
    `<div class="when">${escapeHtml(item.timeLabel)} ${statusBadge(item.status, language)}</div>`,
    `<div class="client">${escapeHtml(item.clientName)}</div>`,
    `<div class="service">${escapeHtml(item.serviceName)}</div>`,
    withStaff ? `<div class="staff">${escapeHtml(item.staffName)}</div>` : '',
    notes,
    '</div>',
  ].join('');
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** All staff: one row per start time, one fixed-width column per staff member. */
function gridHtml(schedule: PrintableSchedule, geometry: PageGeometry): string {
  const { language } = schedule.locale;
  const t = tIn(language, 'print');
  const tables = chunk(schedule.columns, MAX_COLUMNS_PER_TABLE).map((group, index) => {
    // One row per hour of the shop's clock: a cell stacks that staff member's appointments
    // starting in that hour, so rows stay aligned across staff without a row per start time.
    const hours = [
      ...new Set(group.flatMap((column) => [...column.items, ...column.blocks].map((entry) => entry.start.slice(0, 2)))),
    ].sort();
    // Widths as shares of the page's printable width, not millimetres: a printer whose margins
    // are wider than the page asks for shrinks the table instead of cutting off its right edge.
    const usable = geometry.widthMm - 2 * geometry.marginMm;
    const share = (mm: number) => `${Math.floor((mm / usable) * 100_000) / 1000}%`;
    const cols = [
      `<col style="width:${share(geometry.timeColMm)}">`,
      ...group.map(() => `<col style="width:${share(geometry.staffColMm)}">`),
    ].join('');
    const head = `<thead><tr><th class="time">${escapeHtml(t('time'))}</th>${group
      .map(
        (column) =>
          `<th class="staff-head${column.off ? ' off' : ''}" style="border-top-color:${escapeHtml(column.colour)}">${escapeHtml(column.staffName)}<div class="hours">${escapeHtml(column.hoursLabel)}</div></th>`,
      )
      .join('')}</tr></thead>`;
    const rows =
      hours.length === 0
        ? `<tr><td class="time"></td><td class="empty" colspan="${group.length}">${escapeHtml(t('noAppointments'))}</td></tr>`
        : hours
            .map((hour) => {
              const cells = group.map((column) => `<td>${cellHtml(column, hour, language)}</td>`).join('');
              return `<tr><td class="time">${escapeHtml(formatterOf(schedule.locale).hour(`${hour}:00`))}</td>${cells}</tr>`;
            })
            .join('');
    const width = geometry.timeColMm + group.length * geometry.staffColMm;
    return `<table class="grid${index > 0 ? ' continued' : ''}" style="width:${share(width)}"><colgroup>${cols}</colgroup>${head}<tbody>${rows}</tbody></table>`;
  });
  return tables.join('');
}

/** One staff member: a list in time order, their blocks among the bookings. */
function listHtml(schedule: PrintableSchedule, geometry: PageGeometry): string {
  const { language } = schedule.locale;
  const t = tIn(language, 'print');
  const column = schedule.columns[0];
  const items = column?.items ?? [];
  const blocks = column?.blocks ?? [];
  const usable = geometry.widthMm - 2 * geometry.marginMm;
  const widths = { time: 26, client: 50, service: 44 };
  const share = (mm: number) => `${Math.floor((mm / usable) * 100_000) / 1000}%`;
  const notesMm = geometry.staffColMm - widths.time - widths.client - widths.service;
  const rows =
    items.length === 0 && blocks.length === 0
      ? `<tr><td colspan="4" class="empty">${escapeHtml(t('noAppointments'))}</td></tr>`
      : [
          ...items.map((item) => ({
            at: item.startsAt,
            html: `<tr class="status-${item.status}" data-appointment-id="${escapeHtml(item.id)}"><td class="when">${escapeHtml(item.timeLabel)} ${statusBadge(item.status, language)}</td><td class="client">${escapeHtml(item.clientName)}</td><td class="service">${escapeHtml(item.serviceName)}</td><td class="notes">${escapeHtml(item.notes)}</td></tr>`,
          })),
          ...blocks.map((block) => ({
            at: block.startsAt,
            html: `<tr class="block" data-block-id="${escapeHtml(block.id)}"><td class="when">${escapeHtml(block.timeLabel)}</td><td colspan="2">${escapeHtml(block.kindLabel)}</td><td class="notes">${escapeHtml(block.note)}</td></tr>`,
          })),
        ]
          .sort((a, b) => a.at - b.at)
          .map((row) => row.html)
          .join('');
  return `<table class="list" style="width:100%"><colgroup><col style="width:${share(widths.time)}"><col style="width:${share(widths.client)}"><col style="width:${share(widths.service)}"><col style="width:${share(notesMm)}"></colgroup><thead><tr>${(['time', 'client', 'service', 'notes'] as const).map((key) => `<th>${escapeHtml(t(key))}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`;
}

/** The geometry a schedule prints with. */
export function geometryOf(schedule: PrintableSchedule): PageGeometry {
  return pageGeometry(schedule.paperSize, schedule.staffMember === null ? schedule.columns.length : null);
}

/** A complete, self-contained HTML document for the page (no script, no external resource). */
export function renderScheduleHtml(schedule: PrintableSchedule): string {
  const geometry = geometryOf(schedule);
  const title = `${schedule.shopName} — ${schedule.dateLabel}${schedule.staffMember ? ` — ${schedule.staffMember.name}` : ''}`;
  const t = tIn(schedule.locale.language, 'print');
  const { booked, noShow, cancelled } = schedule.counts;
  const summary = [
    t('booked', { count: booked + noShow }),
    noShow > 0 ? t('noShow', { count: noShow }) : '',
    cancelled > 0 ? t(schedule.includeCancelled ? 'cancelledShown' : 'cancelledNotShown', { count: cancelled }) : '',
  ]
    .filter((part) => part !== '')
    .join(' · ');
  const body = schedule.staffMember === null ? gridHtml(schedule, geometry) : listHtml(schedule, geometry);
  const size = `${geometry.paperSize === 'A4' ? 'A4' : 'letter'} ${geometry.landscape ? 'landscape' : 'portrait'}`;
  return `<!doctype html>
<html lang="${formatterOf(schedule.locale).tag}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>
@page { size: ${size}; margin: ${geometry.marginMm}mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 9pt; color: #000; background: #fff;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
header { margin-bottom: 3mm; width: 100%; }
h1 { font-size: 14pt; margin: 0 0 1mm 0; }
.sub { font-size: 10pt; margin: 0; }
.meta { font-size: 8pt; color: #333; margin: 1mm 0 0 0; }
table { table-layout: fixed; border-collapse: collapse; }
table.continued { break-before: page; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.3mm solid #777; padding: 1.2mm 1.4mm; vertical-align: top; text-align: left;
  overflow-wrap: anywhere; word-break: break-word; overflow: hidden; }
th { font-size: 9.5pt; background: #eee; }
th.staff-head { border-top-width: 1.2mm; }
th .hours { font-size: 7.5pt; font-weight: normal; color: #333; }
th.off .hours { font-style: italic; }
.block { border-left: 1mm solid #777; padding-left: 1mm; background: repeating-linear-gradient(135deg, #eee 0 1.2mm, #fff 1.2mm 2.4mm); }
.appt + .block, .block + .appt, .block + .block { margin-top: 1.5mm; }
tr.block td { background: repeating-linear-gradient(135deg, #eee 0 1.2mm, #fff 1.2mm 2.4mm); font-style: italic; }
td.time { font-weight: bold; white-space: nowrap; }
.appt + .appt { margin-top: 1.5mm; padding-top: 1.5mm; border-top: 0.2mm dashed #999; }
.when { font-weight: bold; }
.client { font-weight: bold; font-size: 9.5pt; }
.notes { font-style: italic; color: #222; white-space: pre-wrap; }
.badge { font-size: 7pt; font-weight: bold; border: 0.2mm solid #000; padding: 0 0.8mm; text-transform: uppercase; }
.status-cancelled .client, .status-cancelled .service, tr.status-cancelled td.client { text-decoration: line-through; color: #555; }
.empty { color: #555; font-style: italic; }
</style>
</head>
<body data-paper="${geometry.paperSize}" data-orientation="${geometry.landscape ? 'landscape' : 'portrait'}">
<header>
<h1>${escapeHtml(schedule.shopName)}</h1>
<p class="sub">${escapeHtml(schedule.dateLabel)} — ${escapeHtml(schedule.staffMember ? schedule.staffMember.name : t('allStaffHeading'))}${schedule.closed ? ` — ${escapeHtml(t('shopClosed'))}` : ''}${schedule.staffMember ? ` — ${escapeHtml(schedule.columns[0]?.off === true ? t('notWorkingLower') : t('works', { hours: schedule.columns[0]?.hoursLabel ?? '' }))}` : ''}</p>
<p class="meta">${escapeHtml(summary)} · ${escapeHtml(t('timesIn', { zone: schedule.timeZone }))} · ${escapeHtml(t('printed', { at: schedule.printedAtLabel }))}</p>
</header>
${body}
</body>
</html>
`;
}

/** Suggested file name for a saved PDF: shop-date[-staff].pdf, safe on every file system. */
export function scheduleFileName(schedule: PrintableSchedule): string {
  const safe = (value: string) =>
    value
      .normalize('NFKD')
      .replace(/[^\w.-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'caredesk';
  return `${safe(schedule.shopName)}-${schedule.date}${schedule.staffMember ? `-${safe(schedule.staffMember.name)}` : ''}.pdf`;
}
