import { useState } from 'react';
import { commands, newKey, type CommandInput, type CommandResult, type UndoGroup } from '../../api/commands';
import { envelopeOf, type Envelope } from '../../api/errors';
import type { Say } from '../../../src-shared/say';
import { useSession, useStaff } from '../../api/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { HistoryTimeline } from '../../components/HistoryTimeline';
import { refreshAll, runAction } from '../../state/actions';
import { confirmedWording } from '../../state/wording';
import { useT } from '../../i18n';

export { commands };

/** What a settings panel changes in the shop's settings: any of its fields, the rest left as they are. */
export type SettingsChanges = Omit<CommandInput<'settings', 'update'>, 'idempotencyKey' | 'id' | 'expectedVersion'>;

/** A change to the shop's settings, made on the version the panel shows (an older one is refused). */
export function updateSettings(key: string, settings: { id: string; version: number }, changes: SettingsChanges): Promise<CommandResult> {
  return commands.settings.update({ idempotencyKey: key, id: settings.id, expectedVersion: settings.version, ...changes });
}

/** Does a VALIDATION_ERROR's field path (e.g. `openingHours.mon.0.close`) fall under `prefix` (e.g. `openingHours.mon`)? */
export function pathFallsUnder(field: string, prefix: string): boolean {
  const parts = field.split('.');
  const wanted = prefix.split('.');
  // The router may hold the field deeper (args.…), so look for the prefix anywhere in the path.
  for (let start = 0; start + wanted.length <= parts.length; start += 1) {
    if (wanted.every((part, index) => parts[start + index] === part)) return true;
  }
  return false;
}

function fieldOf(error: Envelope | null): string | null {
  if (error?.code !== 'VALIDATION_ERROR') return null;
  const field = error.details?.field;
  return typeof field === 'string' ? field : null;
}

/**
 * Runs a change as every screen does (toast with undo — none when `group` is null, for a change
 * that is final, such as a signature —, the tray on a failure that can be retried)
 * and keeps a refusal for the form. A VALIDATION_ERROR about a field the form shows (`inline`) is
 * shown next to that field (`errorAt`); anything else in the notice under the form.
 */
export function useAct(inline: readonly string[] = []) {
  const [error, setError] = useState<Envelope | null>(null);
  const act = async (label: string, group: UndoGroup | null, entityId: string | undefined, run: (key: string) => Promise<CommandResult>) => {
    setError(null);
    const key = newKey();
    try {
      await runAction({ label, successMessage: confirmedWording(label), ...(group === null ? {} : { undoGroup: group }), ...(entityId ? { entityId } : {}), run: () => run(key) });
      return true;
    } catch (caught) {
      const envelope = envelopeOf(caught);
      if (!envelope.retryable) setError(envelope);
      return false;
    }
  };
  const field = fieldOf(error);
  const shownInline = field !== null && inline.some((prefix) => pathFallsUnder(field, prefix));
  /** The refusal's words when they are about this field. */
  const errorAt = (prefix: string): string | null => (field !== null && shownInline && pathFallsUnder(field, prefix) ? (error?.message ?? null) : null);
  /** The same refusal as catalogue words (its key and params), for a form that places it by what it is about. */
  const sayAt = (prefix: string): Say | null => (errorAt(prefix) === null ? null : (error?.say ?? null));
  const notice = shownInline ? null : (
    <ErrorNotice error={error} onRefresh={() => void refreshAll().then(() => setError(null))} onDismiss={() => setError(null)} />
  );
  return { act, notice, errorAt, sayAt, clearError: () => setError(null), showError: setError };
}

export { describedBy, FieldError } from '../../components/FieldError';

export function useIsOwner(): boolean {
  const session = useSession().data;
  const staff = useStaff().data ?? [];
  return staff.find((member) => member.id === session?.actor.staffId)?.role === 'owner';
}

export { Dot } from '../../components/Dot';

/** A "History" button that opens a record's history below it (the same timeline as an appointment's). */
export function useHistoryToggle() {
  const { t } = useT('settings');
  const [openId, setOpenId] = useState<string | null>(null);
  const button = (id: string, name: string) => (
    <button
      type="button"
      className="button small"
      aria-expanded={openId === id}
      aria-label={openId === id ? t('hideHistoryOf', { name }) : t('showHistoryOf', { name })}
      onClick={() => setOpenId(openId === id ? null : id)}
    >
      {openId === id ? t('hideHistory') : t('history')}
    </button>
  );
  const timeline = (entityType: UndoGroup, record: { id: string; version: number }, name: string) =>
    openId === record.id ? (
      <HistoryTimeline entityType={entityType} record={record} name={name} title={t('historyOf', { name })} />
    ) : null;
  /** The timeline as a table row under the record's row, when open. */
  const row = (entityType: UndoGroup, record: { id: string; version: number }, name: string, columns: number) =>
    openId === record.id ? (
      <tr>
        <td colSpan={columns}>{timeline(entityType, record, name)}</td>
      </tr>
    ) : null;
  return { button, timeline, row };
}

/** Save and, once something changed, "Discard changes" beneath an edited form. */
export function SaveOrDiscard(props: { saveLabel: string; disabled: boolean; dirty: boolean; onDiscard: () => void }) {
  const { t } = useT('settings');
  return (
    <div className="form-actions">
      <button type="submit" className="button primary" disabled={props.disabled || !props.dirty}>
        {props.saveLabel}
      </button>
      {props.dirty ? (
        <button type="button" className="button ghost" onClick={props.onDiscard}>
          {t('discardChanges')}
        </button>
      ) : null}
    </div>
  );
}
