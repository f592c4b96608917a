import type { AppointmentStatus, Message, MessageStatus } from './entities';
import { resources, type Language } from './i18n';
import { shownLanguage } from './registry/wording';

type MessageKind = Message['kind'];
type MessageChannel = Message['channel'];

/**
 * Statuses and kinds in words, from the `words` catalogue: the `...In` forms in a language (the
 * language on screen unless told), the constants in English for files written for the shop's records.
 */

/** A visit's status in words, wherever it is shown or written (screens, history, exports). */
export const appointmentStatusWordsIn = (language: Language = shownLanguage()): Readonly<Record<AppointmentStatus, string>> => resources[language].words.appointmentStatus;
/** What a message is, in words (screens, exports). */
export const messageKindWordsIn = (language: Language = shownLanguage()): Readonly<Record<MessageKind, string>> => resources[language].words.messageKind;
export const channelWordsIn = (language: Language = shownLanguage()): Readonly<Record<MessageChannel, string>> => resources[language].words.channel;
/** A message's state in a word or two, for a file (the screens say more, with the next step). */
export const messageStatusWordsIn = (language: Language = shownLanguage()): Readonly<Record<MessageStatus, string>> => resources[language].words.messageStatus;

export const appointmentStatusWords = appointmentStatusWordsIn('en');
export const messageKindWords = messageKindWordsIn('en');
export const channelWords = channelWordsIn('en');
export const messageStatusWords = messageStatusWordsIn('en');
