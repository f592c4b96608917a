import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS_ID } from '../../../src-shared/entities';
import { systemStatus } from '../../../src-main/agents/status/systemStatus';
import { updateShopSettings } from '../../../src-main/core/settings/commands';
import { requireShopSettings } from '../../../src-main/core/settings/queries';
import { key, seedShop, tempDir, type Shop } from '../shell/fixtures';

/** Issue 15, acceptance 3: the system checks the desk shows are written in the shop's language. */

let shop: Shop;
const now = Date.UTC(2026, 10, 30, 10, 30);
const statusOf = () => systemStatus(shop.store, now, { agent: null, freeBytes: () => 2048 * 1024 * 1024 });

beforeAll(async () => {
  shop = await seedShop(join(tempDir(), 'desk.sqlite'));
}, 120_000);

afterAll(() => shop?.store.close());

describe('the system checks', () => {
  it('read in English, as before, until the shop chooses Spanish; then in Spanish', () => {
    const english = statusOf().checks.map((check) => check.message);
    expect(english).toContain('2048 MB of disk space free.');
    expect(english).toContain('This machine works on its own (standalone): every saved change is confirmed here.');

    updateShopSettings(
      { ...shop.desk, actor: shop.owner },
      {
        idempotencyKey: key('locale'),
        id: SETTINGS_ID,
        expectedVersion: requireShopSettings(shop.store).version,
        locale: { language: 'es', dateFormat: 'dd/MM/yyyy', clock: '24h', weekStart: 1, currency: 'EUR' },
      },
    );
    const spanish = statusOf().checks.map((check) => check.message);
    expect(spanish).toContain('2048 MB de espacio libre en disco.');
    expect(spanish).toContain('Este puesto funciona por su cuenta (independiente): cada cambio guardado se confirma aquí.');
    expect(spanish).toContain('La base de datos escribe con normalidad.');
  });
});
