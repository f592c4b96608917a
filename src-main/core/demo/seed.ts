import * as appointments from '../appointments/commands';
import * as clients from '../clients/commands';
import type { CommandResult, Desk } from '../commands/execute';
import * as services from '../services/commands';
import * as settings from '../settings/commands';
import { getShopSettings } from '../settings/queries';
import { createStaffMember } from '../staff/commands';
import type { Store } from '../store/open';
import { newId } from '../../../src-shared/ids';
import { demoPlan, type DemoOptions, type DemoStep } from './plan';

/** The command functions' input types are wide unions; the plan's inputs are checked by their schemas at run time. */
type Run = (desk: Desk, input: Record<string, unknown>) => CommandResult;
const run = (fn: unknown) => fn as Run;
const setUpShop = run(settings.setUpShop);
const createService = run(services.createService);
const createClient = run(clients.createClient);
const createAppointment = run(appointments.createAppointment);
const cancelAppointment = run(appointments.cancelAppointment);
const markNoShow = run(appointments.markNoShow);

const key = () => `demo-${newId()}`;

/** Apply one demo step to the store through the ordinary command functions. */
async function applyStep(desk: Desk, step: DemoStep): Promise<void> {
  const idempotencyKey = key();
  switch (step.kind) {
    case 'settings':
      setUpShop(desk, { idempotencyKey, ...step.input });
      return;
    case 'service':
      createService(desk, { idempotencyKey, ...step.input });
      return;
    case 'staff':
      await createStaffMember(desk, { idempotencyKey, ...step.input });
      return;
    case 'signIn':
      desk.actor = { staffId: step.input.staffId, role: 'owner' };
      return;
    case 'client':
      createClient(desk, { idempotencyKey, ...step.input });
      return;
    case 'appointment':
      createAppointment(desk, { idempotencyKey, ...step.input });
      return;
    case 'cancel':
      cancelAppointment(desk, { idempotencyKey, ...step.input });
      return;
    case 'noShow':
      markNoShow(desk, { idempotencyKey, ...step.input });
      return;
  }
}

/**
 * Fill an empty store with the demo shop. Returns false (and changes nothing) when the shop is
 * already set up, so `--demo` on an existing data folder never mixes demo rows into real ones.
 * `now` is the launcher's clock reading: the same instant gives the same shop.
 */
export async function seedDemo(store: Store, options: DemoOptions): Promise<boolean> {
  if (getShopSettings(store) !== null) return false;
  const now = options.now;
  const desk: Desk = { store, actor: { staffId: null, role: null }, now: () => now };
  const steps = demoPlan({ ...options, now });
  store.sqlite.pragma('synchronous = NORMAL');
  try {
    for (const step of steps) await applyStep(desk, step);
  } finally {
    store.sqlite.pragma('synchronous = FULL');
  }
  return true;
}
