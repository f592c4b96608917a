import { ERASED_NAME } from '../src-shared/erasure';
import { screenT } from './i18n';

/**
 * A client's name as a screen shows it. An erased client's records keep one fixed marker in place
 * of the name (src-shared/erasure.ts, docs/architecture.md §28) — the same bytes on every desk and
 * the server whatever their language, and still right after the shop changes language — and the
 * screen says it in the shop's language.
 */
export function shownName(name: string): string {
  return name === ERASED_NAME ? screenT('erasure')('erasedName') : name;
}
