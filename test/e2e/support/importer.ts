import { expect, type Locator } from './playwright';

/** The importer's last two steps, clients or appointments alike: check only, then import, each answered by its sentence. */
export async function checkOnlyThenImport(dialog: Locator, sentences: { checked: string; imported: string }): Promise<void> {
  await dialog.getByRole('button', { name: 'Check only (dry run)' }).click();
  await expect(dialog.getByTestId('import-result')).toHaveText(sentences.checked);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByTestId('import-result')).toHaveText(sentences.imported);
}
