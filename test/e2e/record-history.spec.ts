import { expect, type Page } from './support/playwright';
import { DEMO_OWNER_PIN } from '../../src-main/core/demo/plan';
import { expectAccessible, openDesk, screenButton, screenshots, switchTo, test } from './helpers';
import { e2eLanguage } from './support/spoken';

async function goTo(page: Page, screen: string) {
  await screenButton(page, screen).click();
  await expect(page.getByRole('heading', { name: screen, level: 1 })).toBeVisible();
}

test("a client's history reads in words and undoes a phone change", async ({ page }) => {
  test.setTimeout(120_000);
  await openDesk(page);
  await goTo(page, 'Clients');
  await page.getByRole('list', { name: 'Clients' }).getByRole('button').first().click();
  const profile = page.getByTestId('client-profile');
  await expect(profile).toBeVisible();
  const name = await profile.getByRole('heading', { level: 2 }).innerText();
  const phone = profile.getByRole('textbox', { name: 'Phone' });
  const before = await phone.inputValue();
  expect(before, 'the demo client has a phone number').not.toBe('');
  const after = before === '07700 900002' ? '07700 900003' : '07700 900002';

  await phone.fill(after);
  await profile.getByRole('button', { name: 'Save client' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: `Updated ${name}` })).toBeVisible();

  await profile.getByRole('button', { name: 'Show history' }).click();
  const history = profile.getByRole('region', { name: `History of ${name}` });
  await expect(history.getByRole('heading', { name: `History of ${name}` })).toBeVisible();
  const newest = history.getByRole('listitem').first();
  await expect(newest).toContainText(`You changed ${name}'s phone from ${before} to ${after}`);
  await expect(newest).toContainText('Sam Taylor');
  await expectAccessible(page, 'client history');
  await screenshots(page, 'record-history-client');
  await expect(history).not.toContainText('(client)');
  await expect(history).not.toContainText('→');

  await newest.getByRole('button', { name: `Undo: You changed ${name}'s phone from ${before} to ${after}` }).click();
  await expect(phone).toHaveValue(before);
  await expect(history.getByRole('listitem').first()).toContainText(`You undid a change: ${name}'s phone is ${before} again`);
  await expect(history.getByTestId('undone-by-link')).toContainText('Undone by: You undid a change');
  // An undone change cannot be undone twice: its Undo is gone, the undo's own is offered.
  // (Sentence starts: written out in each language, as a start is no catalogue text.)
  await expect(history.getByRole('button', { name: e2eLanguage === 'es' ? /^Deshacer: Sam Taylor \(tú\) cambió/ : /^Undo: You changed/ })).toHaveCount(0);
  await expect(history.getByRole('button', { name: e2eLanguage === 'es' ? /^Deshacer: Sam Taylor \(tú\) deshizo/ : /^Undo: You undid/ })).toBeVisible();
  await screenshots(page, 'record-history-client-undone');
});

test("the shop settings' history undoes a change of the shop's name; a service's undoes its archiving", async ({ page }) => {
  test.setTimeout(120_000);
  await openDesk(page);
  await switchTo(page, 'Maya Okafor', DEMO_OWNER_PIN);
  await goTo(page, 'Settings');
  const shop = page.getByRole('region', { name: 'Shop' });
  const shopName = shop.getByRole('textbox', { name: 'Shop name' });
  const before = await shopName.inputValue();
  const after = `${before} (test)`;
  await shopName.fill(after);
  await shop.getByRole('button', { name: 'Save shop details' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Shop details saved' })).toBeVisible();

  await shop.getByRole('button', { name: 'Show the history of the shop settings' }).click();
  const history = shop.getByRole('region', { name: 'History of the shop settings' });
  const newest = history.getByRole('listitem').first();
  // "the shop name" reads as two desk words ("the shop", "name"): each language's sentence is written out.
  const changed = e2eLanguage === 'es' ? `Maya Okafor (tú) cambió el nombre del salón de ${before} a ${after}` : `You changed the shop name from ${before} to ${after}`;
  await expect(newest).toContainText(changed);
  await expectAccessible(page, 'shop settings history');
  await screenshots(page, 'record-history-shop');
  await newest.getByRole('button', { name: e2eLanguage === 'es' ? `Deshacer: ${changed}` : `Undo: ${changed}` }).click();
  await expect(shopName).toHaveValue(before);
  await expect(history.getByRole('listitem').first()).toContainText(
    e2eLanguage === 'es'
      ? new RegExp(`Maya Okafor \\(tú\\) deshizo un cambio: el nombre del salón vuelve a ser ${before.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}`, 'u')
      : `You undid a change: the shop name is ${before} again`,
  );

  // Staff members and services open the same history from their own settings sections.
  const sections = page.getByRole('navigation', { name: 'Settings sections' });
  await sections.getByRole('button', { name: /^Staff/ }).click();
  const staffPanel = page.getByRole('region', { name: 'Staff' });
  await staffPanel.getByRole('button', { name: /^Show the history of / }).first().click();
  await expect(staffPanel.getByRole('region', { name: /^History of / })).toBeVisible();
  await sections.getByRole('button', { name: /^Services/ }).click();
  const services = page.getByRole('region', { name: 'Services' });
  // An archived service leaves the list unless archived ones are shown.
  await services.getByRole('checkbox', { name: /Show archived/ }).check();
  const firstService = services.locator('tbody tr').first();
  const service = (await firstService.locator('td').first().innerText()).trim();
  await expect(firstService).toContainText('Offered');
  await services.getByRole('button', { name: `Archive ${service}` }).click();
  await expect(firstService).toContainText('Archived');
  await services.getByRole('button', { name: `Show the history of ${service}` }).click();
  const serviceHistory = services.getByRole('region', { name: `History of ${service}` });
  const archived = e2eLanguage === 'es' ? `Maya Okafor (tú) archivó el servicio ${service}` : `You archived the service ${service}`;
  await expect(serviceHistory.getByRole('listitem').first()).toContainText(archived);
  await expectAccessible(page, 'staff and service history');
  await screenshots(page, 'record-history-staff-services');
  await serviceHistory.getByRole('button', { name: e2eLanguage === 'es' ? `Deshacer: ${archived}` : `Undo: ${archived}` }).click();
  await expect(firstService).toContainText('Offered');
  await expect(serviceHistory.getByRole('listitem').first()).toContainText(`You undid the archiving of ${service}`);
  await switchTo(page, 'Sam Taylor');
});
