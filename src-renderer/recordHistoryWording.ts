import type { HistoryEntry } from './api/types';
import { fieldInSentenceOf } from '../src-shared/fieldNames';
import { changesOf, describeChange, history, nounOfOp, whoOf, type Lookup } from './format';

/**
 * One line of a record's history (a client, a staff member, a service, the shop settings) in a
 * receptionist's words: "You changed Zoë Smith's phone from 07700 900001 to 07700 900002".
 */
export interface RecordLine {
  /** The whole sentence, with who did it. */
  headline: string;
  /** The same without who ("changed Zoë Smith's phone from … to …"): what an Undo toast names. */
  what: string;
  /** One sentence per field when a change touched several. */
  details: string[];
}

type Entry = Pick<
  HistoryEntry,
  'type' | 'entityType' | 'actorStaffId' | 'actorName' | 'undoesEventType' | 'before' | 'after'
>;

// Values whose raw form means nothing to a person (a colour code, a week of opening times): the
// sentence says that they changed, not what to.
const withoutValues = new Set(['colour', 'openingHours']);

const opOf = (type: string) => type.split('.')[1] ?? type;

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "Zoë Smith's phone", or "the shop name" for the shop settings, whose fields name the shop already. */
function fieldOf(entityType: string, name: string, field: string): string {
  return entityType === 'settings' ? history('record.settingsField', { field }) : history('record.field', { owner: name, field });
}

/** "Zoë Smith's details", "the shop settings": what a change of several fields changed. */
function detailsOf(entityType: string, name: string): string {
  return entityType === 'settings' ? history('record.settings') : history('record.details', { name });
}

interface FieldChange {
  key: string;
  /** The field as the sentence names it: "phone" in English, "el teléfono" in Spanish. */
  label: string;
  /** Whether that name is plural ("notes", "las notas"): the verb of an undo agrees with it. */
  plural: boolean;
  before: string;
  after: string;
}

/**
 * The field's name inside a sentence, from the catalogue (src-shared/fieldNames.ts), so each
 * language puts its own article; the label lower-cased only for a field the catalogue has not named.
 */
function inSentence(key: string, label: string): { label: string; plural: boolean } {
  const named = fieldInSentenceOf(key);
  return named === undefined ? { label: label.replace(/ \(min\)$/, '').toLowerCase(), plural: false } : { label: named.name, plural: named.plural };
}

/** The fields an event changed, named for a sentence ("duration", "25 min"); the PIN without its value. */
function fieldChanges(entry: Entry, lookup: Lookup): FieldChange[] {
  const list: FieldChange[] = changesOf(entry.before, entry.after, lookup, false).map((change) => {
    const minutes = change.key.endsWith('Min');
    const unit = (value: string) => (minutes && value !== '—' ? history('value.minutes', { value }) : value);
    return {
      key: change.key,
      ...inSentence(change.key, change.field),
      before: unit(change.before),
      after: unit(change.after),
    };
  });
  if (('pinHash' in entry.before || 'pinHash' in entry.after) && entry.before.pinHash !== entry.after.pinHash) {
    list.push({
      key: 'pinHash',
      label: history('record.pin'),
      plural: false,
      before: entry.before.pinHash ? history('value.set') : '—',
      after: entry.after.pinHash ? history('value.set') : '—',
    });
  }
  return list;
}

/** "changed Zoë Smith's phone from 07700 900001 to 07700 900002", "removed Zoë Smith's e-mail". */
function changePhrase(change: FieldChange, owner: Owner): string {
  if (change.key === 'pinHash') {
    if (change.before === '—') return history('record.setPin');
    return change.after === '—' ? history('record.removedPin') : history('record.changedPin');
  }
  const field = owner(change.label);
  if (withoutValues.has(change.key)) return history('record.changed', { field });
  if (change.before === '—') return history('record.set', { field, after: change.after });
  if (change.after === '—') return history('record.removed', { field, before: change.before, context: numberOf(change) });
  return history('record.fromTo', { field, before: change.before, after: change.after });
}

/** Names a field as the record's own ("Zoë Smith's phone"). */
type Owner = (label: string) => string;

/** The catalogue's variant for a plural field (`record.back_plural`: "Zoë Smith's notes are back as they were"). */
const numberOf = (change: FieldChange): 'plural' | undefined => (change.plural ? 'plural' : undefined);

/** What an undo put back: "Zoë Smith's phone is 07700 900001 again". */
function restoredPhrase(change: FieldChange, owner: Owner): string {
  if (change.key === 'pinHash') return change.after === '—' ? history('record.pinRemovedAgain') : history('record.pinBack');
  const context = numberOf(change);
  if (withoutValues.has(change.key) || change.after === '—') return history('record.back', { field: owner(change.label), context });
  return history('record.again', { field: owner(change.label), after: change.after, context });
}

/** The history line of one event of a client, staff member, service or the shop settings. */
export function recordLine(entry: Entry, meId: string | null, name: string, lookup: Lookup): RecordLine {
  const who = whoOf(entry, meId);
  const owner: Owner = (label) => fieldOf(entry.entityType, name, label);
  const op = opOf(entry.type);
  const line = (what: string, details: string[] = []): RecordLine => ({ headline: history('sentence', { who, what }), what, details });
  if (op === 'create') return line(entry.entityType === 'settings' ? history('record.created') : history('describe.what', { what: describeChange(entry), name }));
  if (op === 'update' || op === 'undo') {
    const changes = fieldChanges(entry, lookup);
    if (op === 'undo') {
      const undone = entry.undoesEventType ?? null;
      if (undone !== null && opOf(undone) !== 'update')
        return line(history('undo.theOf', { name: nounOfOp(undone), what: entry.entityType === 'settings' ? history('record.settings') : name }));
      const first = changes[0];
      if (changes.length === 1 && first !== undefined) return line(history('undo.aChangeColon', { what: restoredPhrase(first, owner) }));
      return line(
        history('undo.aChangeTo', { what: detailsOf(entry.entityType, name) }),
        changes.map((change) => capitalised(restoredPhrase(change, owner))),
      );
    }
    const first = changes[0];
    if (changes.length === 1 && first !== undefined) return line(changePhrase(first, owner));
    return line(
      history('activity.changedThing', { what: detailsOf(entry.entityType, name) }),
      changes.map((change) => capitalised(changePhrase(change, owner))),
    );
  }
  // Archive, deactivate, delete and their opposites: the verb says it all ("Deleted: — → yes" says nothing).
  return line(history('describe.what', { what: describeChange(entry), name }));
}
