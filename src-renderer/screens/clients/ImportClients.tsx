import { useEffect, useRef, useState } from 'react';
import type { ImportKind } from '../../../src-shared/entities';
import { appointmentImportFields, importFields, type AnyImportMapping } from '../../../src-shared/importMapping';
import { client } from '../../api/client';
import { newKey } from '../../api/commands';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { RadioChoices } from '../../components/RadioChoices';
import { TableHead } from '../../components/TableHead';
import { useAttempt } from '../../components/useAttempt';
import { refreshAll } from '../../state/actions';
import { useT } from '../../i18n';

/**
 * Importing clients from another tool's CSV export (docs/architecture.md §29): choose the file
 * (read here and sent to the desk in pieces, the same in Electron and in a browser), check the
 * guessed columns, see each row's problem and each duplicate, check only or import, follow the
 * progress (cancel while the rows are checked), and undo the whole import from its result.
 */

type Preview = Awaited<ReturnType<typeof client.imports.preview.mutate>>;
type Progress = Awaited<ReturnType<typeof client.imports.progress.query>>;
type Choice = 'skip' | 'merge' | 'keepBoth';
type Field = NonNullable<AnyImportMapping[number]>;

const PIECE = 512 * 1024;
const MAX_MB = 20;

function base64Of(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

async function upload(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const { uploadId } = await client.imports.beginUpload.mutate({ fileName: file.name, bytes: file.size });
  for (let offset = 0; offset < bytes.length; offset += PIECE)
    await client.imports.uploadPiece.mutate({ uploadId, offset, base64: base64Of(bytes.subarray(offset, offset + PIECE)) });
  return uploadId;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function ImportClients(props: { onClose: () => void }) {
  const { t } = useT('import');
  const { busy, error, setError, attempt } = useAttempt();
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [choice, setChoice] = useState<Choice>('skip');
  const [progress, setProgress] = useState<(Progress & { jobId: string }) | null>(null);
  const [undone, setUndone] = useState(false);
  const [kind, setKind] = useState<ImportKind>('clients');
  const open = useRef(true);
  useEffect(() => () => void (open.current = false), []);

  const read = (id: string, mapping: AnyImportMapping | undefined, duplicates: Choice, of: ImportKind = kind) =>
    attempt(async () => setPreview(await client.imports.preview.mutate({ uploadId: id, kind: of, duplicates, ...(mapping === undefined ? {} : { mapping }) })));

  const choose = (file: File | undefined) => {
    if (file === undefined) return;
    setPreview(null);
    setProgress(null);
    void attempt(async () => {
      const id = await upload(file);
      setUploadId(id);
      setPreview(await client.imports.preview.mutate({ uploadId: id, kind, duplicates: choice }));
    });
  };

  const run = (dryRun: boolean) => {
    if (uploadId === null || preview === null) return;
    setUndone(false);
    void attempt(async () => {
      const { jobId } = await client.imports.start.mutate({ uploadId, kind, mapping: preview.mapping, duplicates: choice, dryRun, idempotencyKey: newKey() });
      for (;;) {
        const now = await client.imports.progress.query({ jobId });
        if (!open.current) return;
        setProgress({ ...now, jobId });
        if (now.phase !== 'checking' && now.phase !== 'saving') break;
        await wait(150);
      }
      if (!dryRun) await refreshAll();
    });
  };

  const undo = () => {
    const outcome = progress?.outcome;
    if (outcome?.batchId == null || outcome.batchEventId === null) return;
    void attempt(async () => {
      await client.imports.undo.mutate({ idempotencyKey: newKey(), id: outcome.batchId!, expectedVersion: 1, eventId: outcome.batchEventId! });
      setUndone(true);
      await refreshAll();
    });
  };

  const running = progress !== null && (progress.phase === 'checking' || progress.phase === 'saving');
  const finished = progress?.phase === 'done' && progress.outcome !== null && !progress.outcome.dryRun ? progress.outcome : null;
  const fieldLabel = (field: Field) => t(`fields.${field}`);
  const fields: readonly Field[] = kind === 'appointments' ? appointmentImportFields : importFields;

  return (
    <Dialog title={t(kind === 'appointments' ? 'titleAppointments' : 'title')} onClose={props.onClose} wide>
      <div className="import-clients" data-testid="import-clients">
        {finished === null ? (
          <>
            <RadioChoices
              legend={t('kindTitle')}
              name="import-kind"
              choices={(['clients', 'appointments'] as const).map((value) => ({ value, label: t(`kinds.${value}`) }))}
              value={kind}
              disabled={busy || running}
              onChoose={(value) => {
                setKind(value);
                setProgress(null);
                if (uploadId !== null) void read(uploadId, undefined, choice, value);
              }}
            />
            <p>{t(kind === 'appointments' ? 'chooseIntroAppointments' : 'chooseIntro', { limit: MAX_MB })}</p>
            <label>
              {t('file')}
              <input type="file" accept=".csv,text/csv" disabled={busy || running} onChange={(event) => choose(event.target.files?.[0])} />
            </label>
          </>
        ) : null}
        {preview !== null && finished === null ? (
          <>
            <h3>{t('mappingTitle')}</h3>
            <p className="muted">{t('mappingIntro')}</p>
            <table className="table" data-testid="import-mapping">
              <TableHead columns={[t('column'), t('fillsField'), t('example')]} />
              <tbody>
                {preview.headers.map((header, column) => (
                  <tr key={`${column}-${header}`}>
                    <td>{header}</td>
                    <td>
                      <select
                        aria-label={t('fillsColumn', { header })}
                        value={preview.mapping[column] ?? ''}
                        disabled={busy || running}
                        onChange={(event) => {
                          const mapping = preview.mapping.map((field, i) => (i === column ? ((event.target.value || null) as Field | null) : field));
                          if (uploadId !== null) void read(uploadId, mapping, choice);
                        }}
                      >
                        <option value="">{t('leaveOut')}</option>
                        {fields.map((field) => (
                          <option key={field} value={field}>
                            {fieldLabel(field)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="muted">{preview.sample.map((row) => row[column] ?? '').filter(Boolean).slice(0, 3).join(' · ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {preview.mappingProblem === null ? null : (
              <p className="notice notice-error" role="alert">
                {t(`mappingProblems.${preview.mappingProblem}`)}
              </p>
            )}
            <RadioChoices
              legend={t('duplicatesTitle')}
              name="import-duplicates"
              choices={(['skip', 'merge', 'keepBoth'] as const).map((value) => ({ value, label: t(`choices.${value}`) }))}
              value={choice}
              disabled={busy || running}
              hidden={kind === 'appointments'}
              onChoose={(value) => {
                setChoice(value);
                if (uploadId !== null) void read(uploadId, preview.mapping, value);
              }}
            >
              <p className="muted">{t('duplicatesIntro')}</p>
            </RadioChoices>
            {/* A mapping that cannot be imported reads no rows: a summary of zeros would say otherwise. */}
            {preview.mappingProblem !== null ? null : (
              <p data-testid="import-summary">
                <strong>
                  {preview.kind === 'appointments'
                    ? t('summaryAppointments', { file: preview.fileName, rows: preview.rows, add: preview.wouldAdd, clients: preview.wouldAddClients, skip: preview.wouldSkip, problems: preview.problemCount })
                    : t('summary', { file: preview.fileName, rows: preview.rows, add: preview.wouldAdd, merge: preview.wouldMerge, skip: preview.wouldSkip, problems: preview.problemCount })}
                </strong>
              </p>
            )}
            {preview.problems.length === 0 ? null : (
              <>
                <h3>{t('problemsTitle')}</h3>
                <div className="import-list">
                  <table className="table" data-testid="import-problems">
                    <TableHead columns={[t('row'), t('problem')]} />
                    <tbody>
                      {preview.problems.map((problem) => (
                        <tr key={problem.row}>
                          <td>{problem.row}</td>
                          <td>{problem.reason}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {preview.problemCount > preview.problems.length ? <p className="muted">{t('moreProblems', { count: preview.problemCount - preview.problems.length })}</p> : null}
              </>
            )}
            {preview.duplicates.length === 0 ? null : (
              <>
                <h3>{t(preview.kind === 'appointments' ? 'duplicatesListTitleAppointments' : 'duplicatesListTitle')}</h3>
                <div className="import-list">
                  <table className="table" data-testid="import-duplicates">
                    <TableHead columns={[t('row'), t('clientInFile'), t('matches'), t('matchedBy'), t('outcomeTitle')]} />
                    <tbody>
                      {preview.duplicates.map((duplicate) => (
                        <tr key={duplicate.row}>
                          <td>{duplicate.row}</td>
                          <td>{duplicate.name}</td>
                          <td>{duplicate.matches}</td>
                          <td>{t(`by.${duplicate.matchedBy}`)}</td>
                          <td>{t(`outcome.${duplicate.outcome}`)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </>
        ) : null}
        {progress === null ? null : <ImportProgress progress={progress} fileName={preview?.fileName ?? ''} undone={undone} kind={kind} />}
        <ErrorNotice error={error} onDismiss={() => setError(null)} />
        <div className="dialog-actions">
          {running && progress?.phase === 'checking' ? (
            <button type="button" className="button" onClick={() => void client.imports.cancel.mutate({ jobId: progress.jobId })}>
              {t('cancel')}
            </button>
          ) : null}
          {finished !== null && finished.batchId !== null && !undone ? (
            <button type="button" className="button danger" disabled={busy} onClick={undo}>
              {t('undo')}
            </button>
          ) : null}
          <button type="button" className="button ghost" onClick={props.onClose}>
            {t('close')}
          </button>
          {preview !== null && finished === null ? (
            <>
              <button type="button" className="button" disabled={busy || running || preview.mappingProblem !== null} onClick={() => run(true)}>
                {t('checkOnly')}
              </button>
              <button type="button" className="button primary" disabled={busy || running || preview.mappingProblem !== null} onClick={() => run(false)}>
                {t('import')}
              </button>
            </>
          ) : null}
        </div>
      </div>
    </Dialog>
  );
}

function ImportProgress(props: { progress: Progress; fileName: string; undone: boolean; kind: ImportKind }) {
  const { t } = useT('import');
  const { phase, done, total, outcome } = props.progress;
  if (phase === 'checking')
    return (
      <div role="status">
        <p>{t('checking', { done, total })}</p>
        <progress max={total} value={done} />
      </div>
    );
  if (phase === 'saving') return <p role="status">{t('saving', { total })}</p>;
  if (phase === 'cancelled') return <p role="status">{t('cancelled')}</p>;
  if (phase === 'failed') return <p className="notice notice-error" role="alert">{t('failed', { reason: props.progress.error ?? '' })}</p>;
  if (outcome === null) return null;
  const of = props.kind === 'appointments' ? 'Appointments' : '';
  if (props.undone) return <p role="status" className="notice">{t(`undone${of}`)}</p>;
  const counts = { added: outcome.added, merged: outcome.merged, skipped: outcome.skipped, problems: outcome.problems, file: props.fileName };
  const sentence = outcome.dryRun ? t(`dryRunResult${of}`, counts) : outcome.batchId === null ? t(`nothingNew${of}`, counts) : t(`result${of}`, counts);
  return (
    <p role="status" className="notice" data-testid="import-result">
      {sentence}
    </p>
  );
}
