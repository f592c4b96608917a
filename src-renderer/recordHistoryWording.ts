import type { HistoryEntry } from './api/types';
import { changesOf, describeChange, nounOfOp, whoOf, type Lookup } from './format';

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

/** "Zoë Smith's (phone)", or "the (shop name)" for the shop settings, whose fields name the shop already. */
function ownerOf(entityType: string, name: string): string {
  return entityType === 'settings' ? 'the' : `${name}'s`;
}

/** "Zoë Smith's details", "the shop settings": what a change of several fields changed. */
function detailsOf(entityType: string, name: string): string {
  return entityType === 'settings' ? 'the shop settings' : `${name}'s details`;
}

interface FieldChange {
  key: string;
  label: string;
  before: string;
  after: string;
}

/** The fields an event changed, named for a sentence ("duration", "25 min"); the PIN without its value. */
function fieldChanges(entry: Entry, lookup: Lookup): FieldChange[] {
  const list: FieldChange[] = changesOf(entry.before, entry.after, lookup, false).map((change) => {
    const minutes = change.key.endsWith('Min');
    const unit = (value: string) => (minutes && value !== '—' ? `${value} min` : value);
    return {
      key: change.key,
      label: change.field.replace(/ \(min\)$/, '').toLowerCase(),
      before: unit(change.before),
      after: unit(change.after),
    };
  });
  if (('pinHash' in entry.before || 'pinHash' in entry.after) && entry.before.pinHash !== entry.after.pinHash) {
    list.push({
      key: 'pinHash',
      label: 'PIN',
      before: entry.before.pinHash ? 'set' : '—',
      after: entry.after.pinHash ? 'set' : '—',
    });
  }
  return list;
}

/** "changed Zoë Smith's phone from 07700 900001 to 07700 900002", "removed Zoë Smith's e-mail". */
function changePhrase(change: FieldChange, owner: string): string {
  if (change.key === 'pinHash') {
    if (change.before === '—') return 'set a PIN';
    return change.after === '—' ? 'removed the PIN' : 'changed the PIN';
  }
  if (withoutValues.has(change.key)) return `changed ${owner} ${change.label}`;
  if (change.before === '—') return `set ${owner} ${change.label} to ${change.after}`;
  if (change.after === '—') return `removed ${owner} ${change.label} (it was ${change.before})`;
  return `changed ${owner} ${change.label} from ${change.before} to ${change.after}`;
}

/** What an undo put back: "Zoë Smith's phone is 07700 900001 again". */
function restoredPhrase(change: FieldChange, owner: string): string {
  if (change.key === 'pinHash') return change.after === '—' ? 'the PIN is removed again' : 'the PIN is back as it was';
  if (withoutValues.has(change.key) || change.after === '—') return `${owner} ${change.label} is back as it was`;
  return `${owner} ${change.label} is ${change.after} again`;
}

/** The history line of one event of a client, staff member, service or the shop settings. */
export function recordLine(entry: Entry, meId: string | null, name: string, lookup: Lookup): RecordLine {
  const who = whoOf(entry, meId);
  const owner = ownerOf(entry.entityType, name);
  const op = opOf(entry.type);
  const line = (what: string, details: string[] = []): RecordLine => ({ headline: `${who} ${what}`, what, details });
  if (op === 'create')
    return line(
      entry.entityType === 'settings'
        ? 'created the shop settings'
        : `${describeChange(entry)} ${name}`,
    );
  if (op === 'update' || op === 'undo') {
    const changes = fieldChanges(entry, lookup);
    if (op === 'undo') {
      const undone = entry.undoesEventType ?? null;
      if (undone !== null && opOf(undone) !== 'update')
        return line(`undid the ${nounOfOp(undone)} of ${entry.entityType === 'settings' ? 'the shop settings' : name}`);
      const first = changes[0];
      if (changes.length === 1 && first !== undefined) return line(`undid a change: ${restoredPhrase(first, owner)}`);
      return line(
        `undid a change to ${detailsOf(entry.entityType, name)}`,
        changes.map((change) => capitalised(restoredPhrase(change, owner))),
      );
    }
    const first = changes[0];
    if (changes.length === 1 && first !== undefined) return line(changePhrase(first, owner));
    return line(
      `changed ${detailsOf(entry.entityType, name)}`,
      changes.map((change) => capitalised(changePhrase(change, owner))),
    );
  }
  // Archive, deactivate, delete and their opposites: the verb says it all ("Deleted: — → yes" says nothing).
  return line(`${describeChange(entry)} ${name}`);
}
