import { describe, expect, it } from 'vitest';
import { ERASED_NAME } from '../../../src-shared/erasure';
import { ERASED_CANCEL_REASON } from '../../../src-shared/erasureFollowUps';
import { shownClientName, tIn } from '../../../src-shared/i18n';

/** Issue 15: what an erasure leaves (the name's marker, the cancelled bookings' reason) is stored the same everywhere and said in the shop's language where shown. */
describe('an erased client’s name', () => {
  it('stands on its own in the shop’s language; any other name as typed', () => {
    expect(shownClientName(ERASED_NAME, 'es')).toBe('Cliente borrado');
    expect(shownClientName(ERASED_NAME, 'en')).toBe('Erased client');
    expect(shownClientName('Erased Clientele', 'es')).toBe('Erased Clientele');
  });

  it('inside a translated sentence, in the sentence’s language, in the main process’s and the server’s translators too', () => {
    expect(tIn('es', 'attention')('waitlistMatch.title', { client: ERASED_NAME, service: 'Corte' })).toBe('Cliente borrado espera una cita de Corte');
    expect(tIn('en', 'attention')('waitlistMatch.title', { client: ERASED_NAME, service: 'Haircut' })).toBe('Erased client is waiting for Haircut');
    // A stored text the erasure cleaned, shown through a sentence.
    expect(tIn('es', 'attention')('sourceFailed.detail', { reason: `Call ${ERASED_NAME} back` })).toBe('Call Cliente borrado back');
  });

  it('the reason of each booking the erasure cancelled, likewise', () => {
    expect(tIn('es', 'attention')('sourceFailed.detail', { reason: ERASED_CANCEL_REASON })).toBe('Se borraron los datos del cliente');
    expect(tIn('en', 'attention')('sourceFailed.detail', { reason: ERASED_CANCEL_REASON })).toBe('Client erased');
  });
});
