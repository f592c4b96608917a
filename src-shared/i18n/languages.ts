import { z } from 'zod';

/** The languages CareDesk speaks: English and one more, each catalogue complete (docs/architecture.md §22). */
export const languages = ['en', 'es'] as const;
export type Language = (typeof languages)[number];
export const languageSchema = z.enum(languages);

/** Each language named in itself, as a language picker shows it. */
export const languageNames: Record<Language, string> = { en: 'English', es: 'Español' };
