import { afterEach, describe, expect, it } from 'vitest';
import { shownName } from '../../../src-renderer/clientNames';
import { screenTranslator, showLanguage } from '../../../src-renderer/i18n';
import { ERASED_NAME } from '../../../src-shared/erasure';

describe('a client name on screen', () => {
  afterEach(() => showLanguage('en'));

  it('says the erased marker in the shop language and leaves every other name as typed', async () => {
    await screenTranslator.changeLanguage('es');
    expect(shownName(ERASED_NAME)).toBe('Cliente borrado');
    expect(shownName('Erased Clientele')).toBe('Erased Clientele');
    await screenTranslator.changeLanguage('en');
    expect(shownName(ERASED_NAME)).toBe('Erased client');
    expect(shownName('Zoë Smith')).toBe('Zoë Smith');
  });
});
