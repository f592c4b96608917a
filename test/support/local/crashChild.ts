/**
 * The child of the crash test (acceptance 7): books and reschedules in a tight loop on a real
 * SQLite file and prints "<appointmentId> <version>" for each committed change, only after the
 * command has returned. The parent SIGKILLs it at random moments.
 *
 * Usage: node --import tsx test/support/local/crashChild.ts <file> <json: {staffIds, serviceIds, clientIds, actorId, seed, migrationsFolder}>
 * (the test bundles it with esbuild first when it can, to start faster).
 */
import { writeSync } from 'node:fs';
import { clockStartingAt } from '../../../src-shared/clock';
import { createAppointment, rescheduleAppointment } from '../../../src-main/core/appointments/commands';
import { openStore } from '../../../src-main/core/store/open';
import { loadRow } from '../../../src-main/core/store/rows';
import { appointments } from '../../../src-main/core/store/schema';
import { isAppError } from '../../../src-shared/errors';

export interface Setup {
  staffIds: string[];
  serviceIds: string[];
  clientIds: string[];
  actorId: string;
  seed: number;
  /** Passed explicitly so that a bundled copy of this script finds the migrations too. */
  migrationsFolder: string;
  /** How many 15-minute slots to book into (default 60 days' worth); few slots mean many clashes. */
  slotCount?: number;
}

const [file, json] = process.argv.slice(2);
if (file === undefined || json === undefined) throw new Error('usage: crashChild <file> <setup json>');
const setup = JSON.parse(json) as Setup;

// A small deterministic PRNG (mulberry32), so a failing seed can be replayed.
let state = setup.seed >>> 0;
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const store = openStore(file, { migrationsFolder: setup.migrationsFolder });
// The shop's time starts a month before the slots below, whatever the machine's date: a start that has passed would be refused.
const desk = { store, actor: { staffId: setup.actorId, role: 'staff' as const }, now: clockStartingAt(Date.UTC(2026, 5, 1, 6, 0)).now };
const ids = store.db
  .select({ id: appointments.id })
  .from(appointments)
  .all()
  .map((row) => row.id);
let n = 0;

function report(line: string): void {
  // Synchronous write straight to fd 1: the line is out before the next command starts.
  writeSync(1, `${line}\n`);
}

report(`ready ${ids.length}`);
/** 15-minute slots over 60 days, so that reschedules keep finding room and sometimes clash. */
const slotCount = setup.slotCount ?? 60 * 96;
const slot = () => Date.UTC(2026, 6, 1, 0, 0) + Math.floor(random() * slotCount) * 15 * 60_000;

for (;;) {
  n += 1;
  const key = `crash-${setup.seed}-${n}-${Math.floor(random() * 1e9)}`;
  try {
    if (ids.length < 5 || random() < 0.4) {
      const result = createAppointment(desk, {
        idempotencyKey: key,
        clientId: pick(setup.clientIds),
        staffId: pick(setup.staffIds),
        serviceId: pick(setup.serviceIds),
        startsAt: slot(),
        allowOutsideHours: true,
      });
      ids.push(result.row.id);
      report(`${result.row.id} ${result.row.version}`);
    } else {
      const id = pick(ids);
      const current = loadRow(store, 'appointment', id);
      if (current === null) throw new Error(`appointment ${id} vanished`);
      const result = rescheduleAppointment(desk, {
        idempotencyKey: key,
        id,
        expectedVersion: current.version,
        startsAt: slot(),
        ...(random() < 0.3 ? { staffId: pick(setup.staffIds) } : {}),
        allowOutsideHours: true,
      });
      report(`${result.row.id} ${result.row.version}`);
    }
  } catch (error) {
    // A clash, or (with two processes on one file) a change the other one made first.
    if (!isAppError(error) || (error.code !== 'SLOT_TAKEN' && error.code !== 'VERSION_CONFLICT')) {
      report(`error ${isAppError(error) ? error.code : String(error)}`);
      throw error;
    }
  }
}
