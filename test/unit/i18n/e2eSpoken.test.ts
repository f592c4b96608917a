import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The e2e suite's translator (test/e2e/support/spoken.ts): a spec written in English finds the
 * Spanish screen through the catalogues, and a text that is not the desk's (a client's name) is
 * left alone, so a screen left in English fails the Spanish run.
 */
async function spokenIn(language: string) {
  vi.resetModules();
  vi.stubEnv('CAREDESK_E2E_LANGUAGE', language);
  return import('../../e2e/support/spoken');
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the e2e suite in Spanish', () => {
  it('says a catalogue text as the Spanish catalogue does', async () => {
    const { say } = await spokenIn('es');
    expect(say('Book appointment')).toBe('Reservar cita');
    expect(say('Who is at the desk?')).toBe('¿Quién está en recepción?');
  });

  it('says a sentence a template made with the same values, in the Spanish order', async () => {
    const { say } = await spokenIn('es');
    const said = say('New appointment with Priya Shah at 13:00');
    expect(said).toBeInstanceOf(RegExp);
    expect('Nueva cita con Priya Shah a las 13:00').toMatch(said);
    expect('New appointment with Priya Shah at 13:00').not.toMatch(said);
  });

  it('says the start of a sentence, the rest matching whatever the screen says', async () => {
    const { say } = await spokenIn('es');
    const said = say('Booked Ursula Undo');
    expect('Cita de Ursula Undo reservada a las 11:00 con Luca Romano — confirmado.').toMatch(said);
    expect('Cita de Rita Reschedule reservada a las 11:00 con Luca Romano').not.toMatch(said);
  });

  it('reads a name the Spanish names and the English leaves out ("You" is "{{name}} (tú)") as any name', async () => {
    const { say } = await spokenIn('es');
    const said = say('You');
    expect('Sam Taylor (tú)').toMatch(said);
    expect(String(said)).not.toContain('{{');
  });

  it('leaves the shop’s own words alone', async () => {
    const { say } = await spokenIn('es');
    expect(say('Ursula Undo')).toBe('Ursula Undo');
    expect(say('11:00–11:45')).toBe('11:00–11:45');
  });

  it('says the plain words of a pattern and keeps its anchors', async () => {
    const { sayPattern } = await spokenIn('es');
    const said = sayPattern(/^Free at /);
    expect('Libre a las 13:00').toMatch(said);
    expect('Ya no libre a las 13:00').not.toMatch(said);
  });

  it('changes nothing in English', async () => {
    const { say, sayPattern } = await spokenIn('en');
    expect(say('Book appointment')).toBe('Book appointment');
    const pattern = /^Free at /;
    expect(sayPattern(pattern)).toBe(pattern);
  });
});
