import { expect, type Page } from './support/playwright';
import { DateTime } from 'luxon';
import { bookViaForm, callDesk, card, expectAccessible, openSettings, screenButton, screenshots, switchTo, test, testKey, ZONE } from './helpers';
import { aMonthBefore, openDeskAt, ownDesk } from './support/ownDesk';
import { asData, longDate, say } from './support/spoken';
import { demoShop } from './support/demoShop';

/**
 * Issue 14's intake forms in Chromium, on their own demo desk (docs/architecture.md §27), acceptance:
 * "A service with a consent form: the form is on the attention list until filled at check-in; the
 * signed form shows in the client's history and cannot be edited afterwards." The owner sets it up
 * as she would (Settings → Forms, then the Colour service); a form without questions and a signature
 * without a name are refused beside the field, in words. Thursday 8 October 2026, 10:00 in London.
 */

const at = DateTime.fromISO('2026-10-08T10:00', { zone: ZONE }).toMillis();
const date = '2026-10-08';
const desk = ownDesk(Number(process.env.CAREDESK_E2E_FORMS_PORT ?? 4560), { shopTime: aMonthBefore(at), startTimeoutMs: 90_000 });

const CLIENT = 'Zoë Patch';
const FORM = 'Patch-test consent';
/** The owner's own words (a question, a service) and then the desk's (an answer, a date) as the screen runs them together. */
const dataThen = (data: string, words: string) => {
  const said = say(words);
  return new RegExp(`${asData(data).source}${typeof said === 'string' ? asData(said).source : `(?:${said.source})`}`, 'u');
};

/** The overdue-form item of the attention list, whether it leads the banner or sits lower in the list. */
async function overdueItem(page: Page) {
  const banner = page.getByTestId('status-banner');
  const more = banner.getByTestId('banner-attention-more');
  if ((await more.count()) > 0 && (await banner.getByTestId('attention-list').count()) === 0) await more.click();
  return banner.getByText(`${CLIENT}'s patch-test consent is missing`);
}

test('a consent form: set up by the owner, overdue until signed at check-in, then read-only in the client history', async ({ page }) => {
  test.setTimeout(300_000);
  await openDeskAt(page, desk, at, date);
  await switchTo(page, 'Maya Okafor', '1234');

  // Settings → Forms: a form with no questions is refused beside "Questions", in words.
  await openSettings(page, 'Forms');
  await page.getByRole('button', { name: 'Add a form' }).click();
  const editor = page.getByRole('dialog', { name: 'Add a form' });
  await editor.getByLabel('Name of the form').fill(FORM);
  await editor.getByRole('button', { name: 'Save form' }).click();
  const questions = editor.getByRole('group', { name: 'Questions' });
  await expect(questions).toHaveAccessibleDescription('Add at least one question: a form without questions has nothing to fill in.');
  await screenshots(page, '93-forms-no-questions');
  await expectAccessible(page, 'form without questions');

  // A yes/no, a text and a date; the typed-name signature ends every form.
  const asked = [
    { label: 'Have you reacted to hair colour before?', kind: 'Yes / no', required: true },
    { label: 'Anything else we should know?', kind: 'Text', required: false },
    { label: 'Date of the patch test', kind: 'Date', required: true },
  ];
  for (const [index, question] of asked.entries()) {
    await editor.getByRole('button', { name: 'Add a question' }).click();
    const row = questions.getByRole('listitem').nth(index);
    await row.getByLabel(`Question ${index + 1}`).fill(question.label);
    await row.getByLabel('Kind of answer').selectOption({ label: question.kind });
    if (question.required) await row.getByLabel('Needs an answer').check();
  }
  await expect(editor).toContainText("Every form ends with the client's full name typed as their signature.");
  await screenshots(page, '94-forms-template');
  await editor.getByRole('button', { name: 'Save form' }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByRole('row', { name: new RegExp(FORM) })).toContainText('3 questions');

  // The Colour service asks for it.
  await openSettings(page, 'Services');
  await page.getByRole('button', { name: `Edit ${demoShop.services.colour}` }).click();
  const service = page.getByRole('dialog');
  await service.getByRole('group', { name: 'Forms the client signs' }).getByLabel(FORM).check();
  await service.getByRole('button', { name: 'Save service' }).click();
  await expect(service).toBeHidden();

  // Sam books Zoë a colour at 14:30: the card, the drawer and the attention list say the form is missing.
  await switchTo(page, 'Sam Taylor');
  await screenButton(page, 'Day').click();
  await bookViaForm(page, { client: CLIENT, staff: 'Sam Taylor', service: `${demoShop.services.colour} — 90 min`, date, time: '14:30' });
  await expect(page.getByRole('dialog', { name: 'New appointment' })).toBeHidden();
  await expect(card(page, CLIENT).getByTestId('forms-missing')).toHaveText(`Form missing: ${FORM} missing`);
  await expect(await overdueItem(page)).toBeVisible();
  await expect(page.getByTestId('status-banner')).toContainText(`${demoShop.services.colour} at 14:30 today`);
  await card(page, CLIENT).scrollIntoViewIfNeeded();
  await screenshots(page, '95-forms-overdue');

  await card(page, CLIENT).click();
  const drawer = page.getByTestId('drawer');
  await expect(drawer.getByTestId('forms-missing')).toHaveText(`${FORM} missing`);
  await screenshots(page, '96-forms-drawer-missing');
  await drawer.getByRole('button', { name: 'Check in', exact: true }).click();
  await drawer.getByRole('button', { name: `The client has arrived: fill in ${FORM} now` }).click();

  // At check-in: every answer, then Sign without a name is refused beside the signature.
  const fill = page.getByRole('dialog', { name: `${FORM} — ${CLIENT}` });
  await fill.getByRole('group', { name: /Have you reacted to hair colour before/ }).getByLabel('No').check();
  await fill.getByLabel('Anything else we should know?').fill('Sensitive scalp');
  await fill.getByLabel(asData('Date of the patch test')).fill('2026-10-01');
  await fill.getByRole('button', { name: 'Sign' }).click();
  const signature = fill.getByLabel("Client's full name (signature)");
  await expect(signature).toHaveAccessibleDescription('Type the client’s full name as their signature.');
  await screenshots(page, '97-forms-no-signature');
  await expectAccessible(page, 'form without a signature');
  await signature.fill(CLIENT);
  await fill.getByRole('button', { name: 'Sign' }).click();
  await expect(fill).toBeHidden();
  // Signing is final: its toast offers no Undo.
  await expect(page.getByTestId('toast').filter({ hasText: `Signed ${FORM} for ${CLIENT}` })).toBeVisible();
  await expect(page.getByTestId('toast').filter({ hasText: `Signed ${FORM} for ${CLIENT}` }).getByRole('button', { name: /Undo/ })).toHaveCount(0);

  // Signed: gone from the card, the drawer's mark and the attention list; no way to fill it again.
  await expect(drawer.getByText(/Signed by Zoë Patch, /)).toBeVisible();
  await expect(drawer.getByTestId('forms-missing')).toHaveCount(0);
  await expect(card(page, CLIENT).getByTestId('forms-missing')).toHaveCount(0);
  await expect(page.getByTestId('status-banner').getByText(`${CLIENT}'s patch-test consent is missing`)).toHaveCount(0);
  await expect(drawer.getByRole('button', { name: new RegExp(`Fill in ${FORM}`) })).toHaveCount(0);
  await drawer.getByRole('button', { name: `View ${FORM}` }).click();
  await expect(drawer.locator('.signed-form')).toContainText('Sensitive scalp');
  await screenshots(page, '98-forms-signed-drawer');

  // The client's history: the signed form, read-only, its answers as signed.
  await screenButton(page, 'Clients').click();
  await page.getByLabel('Find a client').fill('Zoë Patch');
  await page.getByRole('list', { name: 'Clients' }).getByRole('button', { name: /Zoë Patch/ }).first().click();
  const history = page.getByTestId('client-profile').locator('section.client-forms');
  await expect(history.getByRole('heading', { name: 'Signed forms' })).toBeVisible();
  await expect(history).toContainText(asData(`${FORM} — ${demoShop.services.colour},`));
  await expect(history).toContainText('Signed by Zoë Patch');
  await expect(history).toContainText('Signed forms are kept as signed: they cannot be changed.');
  await history.getByRole('button', { name: `View ${FORM}` }).click();
  await expect(history).toContainText(dataThen('Have you reacted to hair colour before?', 'No'));
  await expect(history).toContainText(asData(`Date of the patch test${longDate('2026-10-01')}`));
  await expect(history.getByRole('textbox')).toHaveCount(0);
  await expect(history.getByRole('radio')).toHaveCount(0);
  await history.scrollIntoViewIfNeeded();
  await screenshots(page, '99-forms-client-history');
  await expectAccessible(page, 'client history with a signed form');

  // Even through the desk's router, a second signature is refused in words and changes nothing.
  const day = await callDesk<{ appointments: { clientId: string; client: { name: string } }[] }>(page, desk.url, 'appointments.day', { date }, 'query');
  const clientId = day.appointments.find((visit) => visit.client.name === CLIENT)!.clientId;
  const [form] = await callDesk<{ id: string; version: number }[]>(page, desk.url, 'formResponses.ofClient', { id: clientId }, 'query');
  const refused = await page.request.post(`${desk.url}/trpc/formResponses.sign`, {
    headers: testKey,
    data: { json: { idempotencyKey: 'e2e-forms-second-sign', id: form!.id, expectedVersion: form!.version, answers: {}, signedName: 'Someone Else' } },
  });
  expect(refused.status()).toBe(409);
  expect(await refused.text()).toContain('Zoë Patch has already signed this form, so it can no longer be changed.');
});
