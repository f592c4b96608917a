import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPdfRenderer, renderSchedulePdf, type SchedulePdf } from '../../../src-main/files/print/pdf';
import { buildPrintableSchedule, geometryOf, renderScheduleHtml, type PaperSize } from '../../../src-main/files/print/schedule';
import { DAY, SHOP, seedShop, tempDir, type Shop } from './fixtures';

/** Acceptance 1 of issue 6: the day's PDF read back with poppler (pdftotext, pdftoppm). */

const outDir = resolve('test-results/pdf');
const PT_PER_MM = 72 / 25.4;
const renderer = chromiumPdfRenderer();
let shop: Shop;
const now = Date.UTC(2026, 2, 10, 7, 30);

function pdftotext(file: string, extra: string[] = []): string {
  return execFileSync('pdftotext', ['-layout', ...extra, file, '-'], { encoding: 'utf8' });
}

function pageCount(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? '0');
}

function pageSizePt(file: string): { width: number; height: number } {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const match = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  return { width: Number(match?.[1]), height: Number(match?.[2]) };
}

interface Word {
  page: number;
  xMin: number;
  xMax: number;
  yMin: number;
  text: string;
}

function words(file: string): Word[] {
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  const out: Word[] = [];
  let page = 0;
  for (const line of xml.split('\n')) {
    if (line.includes('<page ')) page += 1;
    const match = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*)<\/word>/.exec(line);
    if (match) out.push({ page, xMin: Number(match[1]), yMin: Number(match[2]), xMax: Number(match[3]), text: match[4] ?? '' });
  }
  return out;
}

const squash = (text: string) => text.replace(/\s+/g, ' ');

async function make(name: string, input: Parameters<typeof renderSchedulePdf>[1]): Promise<{ result: SchedulePdf; file: string }> {
  const result = await renderSchedulePdf(shop.store, input, { renderer, now });
  const file = join(outDir, `${name}.pdf`);
  writeFileSync(file, result.pdf);
  writeFileSync(join(outDir, `${name}.html`), result.html);
  execFileSync('pdftoppm', ['-png', '-r', '70', file, join(outDir, name)]);
  return { result, file };
}

/** The text of one staff column (all pages), cropped by the geometry the HTML declares. */
function columnText(file: string, result: SchedulePdf, index: number): string {
  const { geometry } = result;
  const size = pageSizePt(file);
  const x = (geometry.marginMm + geometry.timeColMm + index * geometry.staffColMm) * PT_PER_MM;
  const w = geometry.staffColMm * PT_PER_MM;
  return pdftotext(file, [
    '-r', '72',
    '-x', String(Math.floor(x + 1)),
    '-y', '0',
    '-W', String(Math.floor(w - 2)),
    '-H', String(Math.ceil(size.height)),
  ]);
}

beforeAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  shop = await seedShop(join(tempDir(), 'desk.sqlite'));
}, 120_000);

afterAll(async () => {
  await renderer.close();
  shop?.store.close();
});

describe('printable daily schedule', () => {
  it('seeds 40 appointments over 6 staff with some cancelled', () => {
    expect(shop.appointments).toHaveLength(40);
    expect(new Set(shop.appointments.map((a) => a.staffName)).size).toBe(6);
    expect(shop.appointments.filter((a) => a.status === 'cancelled').length).toBeGreaterThanOrEqual(6);
  });

  it('builds fixed-width, self-contained HTML with escaped text', () => {
    const schedule = buildPrintableSchedule(shop.store, { date: DAY }, now);
    const html = renderScheduleHtml(schedule);
    expect(html).toContain('table-layout: fixed');
    expect(html).toMatch(/@page \{ size: A4 landscape; margin: 10mm; \}/);
    expect(html).toContain('Clipper &amp; Co. Salon');
    expect(html).not.toMatch(/<script|https?:\/\//i);
    // Every column has an explicit share of the printable width and together they fit it.
    const widths = [...html.matchAll(/<col style="width:([\d.]+)%">/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(7);
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(100);
    expect(widths.reduce((a, b) => a + b, 0)).toBeGreaterThan(99.9);
  });

  for (const paperSize of ['A4', 'Letter'] as PaperSize[]) {
    it(`all staff on ${paperSize}: every booked appointment in time order per staff, cancelled hidden`, async () => {
      const { result, file } = await make(`day-all-${paperSize}`, { date: DAY, paperSize });
      const size = pageSizePt(file);
      const expected = paperSize === 'A4' ? { width: 841.9, height: 595.3 } : { width: 792, height: 612 };
      expect(size.width).toBeCloseTo(expected.width, 0);
      expect(size.height).toBeCloseTo(expected.height, 0);
      const all = pdftotext(file);
      expect(all).toContain(SHOP);
      expect(all).toContain('Tuesday 10 March 2026');
      for (const appointment of shop.appointments.filter((a) => a.status === 'cancelled')) {
        expect(squash(all)).not.toContain(appointment.clientName);
      }
      for (const [index, member] of shop.staff.entries()) {
        const text = columnText(file, result, index);
        const flat = squash(text);
        // The header of the column is on the page: the column is not clipped away.
        expect(flat, `${member.name} header on ${paperSize}`).toContain(member.name);
        const booked = shop.appointments
          .filter((a) => a.staffName === member.name && a.status === 'booked')
          .sort((a, b) => a.startsAt - b.startsAt);
        expect(booked.length).toBeGreaterThan(3);
        let cursor = 0;
        const labels = booked.map((a) => result.schedule.columns[index]!.items.find((item) => item.id === a.id)!.timeLabel);
        for (const [n, appointment] of booked.entries()) {
          const at = flat.indexOf(labels[n]!, cursor);
          expect(at, `${appointment.start} ${appointment.clientName} in ${member.name}'s column after position ${cursor}`).toBeGreaterThanOrEqual(cursor);
          const next = n + 1 < labels.length ? flat.indexOf(labels[n + 1]!, at + 1) : flat.length;
          const segment = flat.slice(at, next === -1 ? flat.length : next);
          expect(segment).toContain(appointment.clientName);
          expect(segment).toContain(appointment.serviceName);
          expect(appointment.start).toBe(labels[n]!.slice(0, 5));
          cursor = at + 1;
        }
        // Nobody else's appointments leaked into this column.
        for (const other of shop.appointments.filter((a) => a.staffName !== member.name)) {
          expect(flat).not.toContain(other.clientName);
        }
      }
      // No word runs over its column boundary or off the printable area.
      const { geometry } = result;
      const left = geometry.marginMm * PT_PER_MM;
      const bounds = [left, left + geometry.timeColMm * PT_PER_MM];
      for (let i = 1; i <= shop.staff.length; i += 1) bounds.push(bounds[1]! + i * geometry.staffColMm * PT_PER_MM);
      const right = size.width - left;
      expect(bounds.at(-1)!).toBeLessThanOrEqual(right + 0.5);
      const headerBottom = 80;
      for (const word of words(file)) {
        expect(word.xMin).toBeGreaterThanOrEqual(left - 0.5);
        expect(word.xMax).toBeLessThanOrEqual(right + 0.5);
        if (word.page === 1 && word.yMin < headerBottom) continue;
        const straddles = bounds.some((b) => word.xMin < b - 0.5 && word.xMax > b + 0.5);
        expect(straddles, `"${word.text}" crosses a column edge`).toBe(false);
      }
      expect(pageCount(file)).toBeGreaterThanOrEqual(1);
      const pngs = readdirSync(outDir).filter((f) => f.startsWith(`day-all-${paperSize}`) && f.endsWith('.png'));
      expect(pngs.length).toBe(pageCount(file));
    });
  }

  it('fits the page when the printer keeps wider margins than the page asks for (no right edge cut off)', async () => {
    const schedule = buildPrintableSchedule(shop.store, { date: DAY, paperSize: 'A4' }, now);
    const wideMm = 25;
    const html = renderScheduleHtml(schedule).replace(/@page \{ size: A4 landscape; margin: 10mm; \}/, `@page { size: A4 landscape; margin: ${wideMm}mm; }`);
    expect(html).toContain(`margin: ${wideMm}mm`);
    const file = join(outDir, 'day-all-A4-wide-margins.pdf');
    writeFileSync(file, await renderer.render(html, { ...geometryOf(schedule), marginMm: wideMm }));
    execFileSync('pdftoppm', ['-png', '-r', '70', file, join(outDir, 'day-all-A4-wide-margins')]);
    const size = pageSizePt(file);
    const right = size.width - wideMm * PT_PER_MM;
    const all = words(file);
    for (const member of shop.staff) expect(all.some((word) => member.name.startsWith(word.text))).toBe(true);
    for (const word of all) expect(word.xMax, `"${word.text}" inside the right margin`).toBeLessThanOrEqual(right + 0.5);
  });

  it('prints when each person works and their blocks among the bookings', async () => {
    const schedule = buildPrintableSchedule(shop.store, { date: DAY, paperSize: 'A4' }, now);
    for (const column of schedule.columns) expect(column.hoursLabel).toBe('08:00–20:00');
    const first = schedule.columns[0]!;
    const lunchAt = Date.parse(`${DAY}T12:00:00Z`);
    first.blocks.push({ id: 'lunch-1', startsAt: lunchAt, start: '12:00', timeLabel: '12:00–13:00', kindLabel: 'Lunch', note: 'Team lunch' });
    schedule.columns[1]!.hoursLabel = 'Not working';
    const html = renderScheduleHtml(schedule);
    const file = join(outDir, 'day-all-A4-blocks.pdf');
    writeFileSync(file, await renderer.render(html, geometryOf(schedule)));
    execFileSync('pdftoppm', ['-png', '-r', '70', file, join(outDir, 'day-all-A4-blocks')]);
    const text = squash(columnText(file, { geometry: geometryOf(schedule) } as SchedulePdf, 0));
    expect(text).toContain('12:00–13:00 Lunch');
    expect(text).toContain('Team lunch');
    expect(squash(columnText(file, { geometry: geometryOf(schedule) } as SchedulePdf, 1))).toContain('Not working');
  });

  it('shows cancelled appointments, marked, when asked', async () => {
    const { file } = await make('day-all-A4-with-cancelled', { date: DAY, paperSize: 'A4', includeCancelled: true });
    const flat = squash(pdftotext(file));
    for (const appointment of shop.appointments) expect(flat).toContain(appointment.clientName);
    const cancelled = shop.appointments.filter((a) => a.status === 'cancelled').length;
    expect(flat.match(/CANCELLED/g)?.length).toBe(cancelled);
    expect(flat).toContain(`${cancelled} cancelled (shown)`);
  });

  for (const paperSize of ['A4', 'Letter'] as PaperSize[]) {
    it(`one staff member as a list on ${paperSize}, in time order with notes`, async () => {
      const member = shop.staff[1]!;
      const { file } = await make(`day-${member.name.replace(' ', '-')}-${paperSize}`, {
        date: DAY,
        staffId: member.id,
        paperSize,
      });
      const size = pageSizePt(file);
      expect(size.width).toBeLessThan(size.height); // portrait
      const text = pdftotext(file);
      const lines = text.split('\n');
      expect(text).toContain(member.name);
      const booked = shop.appointments
        .filter((a) => a.staffName === member.name && a.status === 'booked')
        .sort((a, b) => a.startsAt - b.startsAt);
      let lastLine = -1;
      for (const appointment of booked) {
        const line = lines.findIndex((l) => l.includes(appointment.start) && l.includes(appointment.clientName));
        expect(line, `${appointment.start} ${appointment.clientName}`).toBeGreaterThan(lastLine);
        expect(lines[line]).toContain(appointment.serviceName);
        if (appointment.notes !== '') expect(squash(text)).toContain(appointment.notes);
        lastLine = line;
      }
      for (const other of shop.appointments.filter((a) => a.staffName !== member.name)) {
        expect(squash(text)).not.toContain(other.clientName);
      }
    });
  }

  it('reports an unknown staff member and a bad date as typed errors', () => {
    expect(() => buildPrintableSchedule(shop.store, { date: '2026-13-40' }, now)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_ERROR' }),
    );
    expect(() =>
      buildPrintableSchedule(shop.store, { date: DAY, staffId: '00000000-0000-4000-8000-00000000dead' }, now),
    ).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
