import type { FormField } from '../../../src-shared/entities';

/** A patch-test consent with a question of each kind (docs/architecture.md §27), shared by the forms tests. */
export const consentFields: FormField[] = [
  { key: 'patch-test', label: 'Have you had a patch test in the last 48 hours?', kind: 'yesNo', required: true, choices: [] },
  { key: 'skin', label: 'Any skin conditions we should know about?', kind: 'text', required: false, choices: [] },
  { key: 'hair', label: 'Hair type', kind: 'choice', required: true, choices: ['Fine', 'Medium', 'Thick'] },
  { key: 'tested-on', label: 'Date of the patch test', kind: 'date', required: false, choices: [] },
];

export const consentAnswers = { 'patch-test': true, skin: 'None', hair: 'Thick', 'tested-on': '2026-06-01' };
