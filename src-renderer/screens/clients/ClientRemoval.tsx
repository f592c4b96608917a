import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Client } from '../../../src-shared/entities';
import { formatLocalDateTime } from '../../../src-shared/time';
import { trpc } from '../../api/client';
import { commands, newKey } from '../../api/commands';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FormFooter } from '../../components/FormFooter';
import { QueryError } from '../../components/QueryError';
import { SubmitForm } from '../../components/SubmitForm';
import { TextField } from '../../components/TextField';
import { useAttempt } from '../../components/useAttempt';
import { useT } from '../../i18n';
import { runAction } from '../../state/actions';
import { confirmedWording } from '../../state/wording';
import { useIsOwner } from '../settings/common';

/**
 * Taking a client away (docs/architecture.md §28): "Delete client" (anyone; the owner can restore
 * them from Settings → Records) and the owner's "Erase client…", which removes their details for
 * good, after a warning, a reason and the client's name typed out. Both are the registry's ops.
 */

const MINUTE = 60_000;

/** How old a copy is, in the largest whole unit: "2 hours old". */
function useAge() {
  const { t } = useT('erasure');
  return (createdAt: number, now: number) => {
    const minutes = Math.max(0, Math.floor((now - createdAt) / MINUTE));
    if (minutes < 60) return t('age_minutes', { count: minutes });
    if (minutes < 48 * 60) return t('age_hours', { count: Math.floor(minutes / 60) });
    return t('age_days', { count: Math.floor(minutes / (24 * 60)) });
  };
}

/**
 * The backups (and off-site copies) made before `at` — before the erasure, or now when asked
 * before erasing — which still hold the client's details: how many, the newest's and oldest's age.
 */
export function BackupsHolding(props: { at?: number; erased: boolean }) {
  const { t } = useT('erasure');
  const age = useAge();
  const query = useQuery(trpc.backups.before.queryOptions(props.at === undefined ? {} : { at: props.at }, { staleTime: 0 }));
  if (query.isError) return <QueryError error={query.error} />;
  if (!query.data) return <p aria-busy="true">…</p>;
  const now = Date.now();
  const { local, offsite } = query.data;
  const span = (copies: { createdAt: number }[]) => ({
    count: copies.length,
    age: age(copies[0]?.createdAt ?? now, now),
    newest: age(copies[0]?.createdAt ?? now, now),
    oldest: age(copies.at(-1)?.createdAt ?? now, now),
  });
  const folder = offsite.folder ?? '';
  return (
    <div className="notice" data-testid="backups-holding">
      <p>{local.length === 0 ? t('noBackups') : t(props.erased ? 'backupsBefore' : 'backupsNow', span(local))}</p>
      {offsite.copies.length > 0 ? <p>{t('offsite', { ...span(offsite.copies), folder })}</p> : null}
      {offsite.folder !== null && !offsite.reachable ? <p>{t('offsiteAway', { folder })}</p> : null}
      {local.length + offsite.copies.length > 0 ? <p className="muted">{t('backupsAdvice')}</p> : null}
    </div>
  );
}

/** What an erased client's profile says in place of their details. */
export function ErasedNotice(props: { client: Client; zone: string }) {
  const { t } = useT('erasure');
  const erasedAt = props.client.erasedAt ?? 0;
  return (
    <section aria-label={t('eraseDone')} data-testid="erased-notice">
      <p className="notice">{t('erasedNotice', { when: formatLocalDateTime(erasedAt, props.zone) })}</p>
      <BackupsHolding at={erasedAt} erased />
    </section>
  );
}

function DeleteDialog(props: { client: Client; onClose: () => void }) {
  const { t } = useT('erasure');
  const { client } = props;
  const { busy, error, setError, attemptChange } = useAttempt();
  const remove = async () => {
    const key = newKey();
    const outcome = await attemptChange(() =>
      runAction({
        label: t('deleting', { name: client.name }),
        successMessage: confirmedWording(t('deleteDone', { name: client.name })),
        entityId: client.id,
        undoGroup: 'client',
        run: () => commands.client.delete({ idempotencyKey: key, id: client.id, expectedVersion: client.version }),
      }),
    );
    if (outcome !== 'refused') props.onClose();
  };
  return (
    <ConfirmDialog
      title={t('deleteTitle', { name: client.name })}
      onClose={props.onClose}
      keepLabel={t('deleteKeep')}
      confirmLabel={t('deleteButton')}
      onConfirm={() => void remove()}
      busy={busy}
    >
      <p>{t('deleteBody', { name: client.name })}</p>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </ConfirmDialog>
  );
}

function EraseDialog(props: { client: Client; onClose: () => void }) {
  const { t } = useT('erasure');
  const { client } = props;
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const { busy, error, setError, attemptChange } = useAttempt();
  const erase = async () => {
    const key = newKey();
    const outcome = await attemptChange(() =>
      runAction({
        label: t('erasing'),
        successMessage: confirmedWording(t('eraseDone')),
        entityId: client.id,
        // No undo: an erasure is final.
        run: () => commands.client.erase({ idempotencyKey: key, id: client.id, expectedVersion: client.version, reason: reason.trim() }),
      }),
    );
    if (outcome !== 'refused') props.onClose();
  };
  const ready = reason.trim() !== '' && typed.trim() === client.name.trim() && !busy;
  return (
    <Dialog title={t('eraseTitle', { name: client.name })} onClose={props.onClose} wide>
      <SubmitForm className="form" onSubmit={erase}>
        <p>{t('eraseWhat', { name: client.name })}</p>
        <p>
          <strong>{t('eraseFinal')}</strong>
        </p>
        <FutureBookings clientId={client.id} />
        <BackupsHolding erased={false} />
        <TextField label={t('eraseReason')} value={reason} onChange={setReason} placeholder={t('eraseReasonPlaceholder')} required />
        <TextField label={t('eraseConfirm', { name: client.name })} value={typed} onChange={setTyped} autoComplete="off" spellCheck={false} />
        <ErrorNotice error={error} onDismiss={() => setError(null)} />
        <FormFooter backLabel={t('eraseKeep')} onBack={props.onClose} submitLabel={t('eraseSubmit')} disabled={!ready} danger />
      </SubmitForm>
    </Dialog>
  );
}

/** How many bookings still to come erasing the client cancels, said before the owner erases. */
function FutureBookings(props: { clientId: string }) {
  const { t } = useT('erasure');
  const count = useQuery(trpc.clients.futureBookings.queryOptions({ id: props.clientId }, { staleTime: 0 })).data;
  if (count === undefined) return null;
  return <p data-testid="erase-bookings">{count === 0 ? t('eraseNoBookings') : t('eraseBookings', { count })}</p>;
}

/** The profile's Delete and (for the owner) Erase buttons with their dialogs. */
export function ClientRemoval(props: { client: Client; locked: boolean }) {
  const { t } = useT('erasure');
  const isOwner = useIsOwner();
  const [open, setOpen] = useState<'delete' | 'erase' | null>(null);
  const { client } = props;
  return (
    <p className="row">
      {client.deletedAt === null ? (
        <button type="button" className="button" disabled={props.locked} onClick={() => setOpen('delete')}>
          {t('deleteButton')}
        </button>
      ) : null}
      {isOwner ? (
        <button type="button" className="button danger" disabled={props.locked} onClick={() => setOpen('erase')}>
          {t('eraseButton')}
        </button>
      ) : null}
      {open === 'delete' ? <DeleteDialog client={client} onClose={() => setOpen(null)} /> : null}
      {open === 'erase' ? <EraseDialog client={client} onClose={() => setOpen(null)} /> : null}
    </p>
  );
}
