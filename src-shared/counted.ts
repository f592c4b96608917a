/**
 * "1 change", "4 changes": a count with its noun, so no screen says "change(s)". Message
 * catalogues with plural rules replace this once the desk speaks more than one language.
 */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** The verb that agrees with a count: "has" / "have", "is" / "are"… */
export function agreeing(count: number, singular: string, plural: string): string {
  return count === 1 ? singular : plural;
}
