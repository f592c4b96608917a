import type { Desk } from '../../../src-main/core/commands/execute';
import type { Store } from '../../../src-main/core/store/open';
import {
  beginUpload,
  importProgress,
  previewImport,
  startImport,
  UPLOAD_PIECE_BYTES,
  uploadPiece,
} from '../../../src-main/files/imports/importJobs';
import type { DuplicateChoice } from '../../../src-main/files/imports/planImport';
import type { ImportKind } from '../../../src-shared/entities';
import type { AnyImportMapping } from '../../../src-shared/importMapping';
import { key } from './shop';

/** A file brought to the importer the way the Clients screen brings it: in pieces. */
export function uploadFile(store: Store, fileName: string, content: string | Uint8Array, now = 0): string {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  const { uploadId } = beginUpload(store, { fileName, bytes: bytes.byteLength }, now);
  for (let offset = 0; offset < bytes.byteLength; offset += UPLOAD_PIECE_BYTES)
    uploadPiece(store, { uploadId, offset, base64: bytes.subarray(offset, offset + UPLOAD_PIECE_BYTES).toString('base64') });
  return uploadId;
}

export function preview(desk: Desk, uploadId: string, duplicates: DuplicateChoice = 'skip', mapping?: AnyImportMapping, kind?: ImportKind) {
  return previewImport(desk, {
    ...(kind === undefined ? {} : { kind }), uploadId, duplicates, ...(mapping === undefined ? {} : { mapping }) });
}

/** Runs an import job to its end and answers its last progress report. */
export async function runImport(
  desk: Desk,
  uploadId: string,
  options: { duplicates?: DuplicateChoice; dryRun?: boolean; mapping?: AnyImportMapping; idempotencyKey?: string; kind?: ImportKind } = {},
) {
  const mapping = options.mapping ?? preview(desk, uploadId, 'skip', undefined, options.kind).mapping;
  const { jobId } = startImport(desk, {
    uploadId,
    ...(options.kind === undefined ? {} : { kind: options.kind }),
    mapping,
    duplicates: options.duplicates ?? 'skip',
    dryRun: options.dryRun ?? false,
    idempotencyKey: options.idempotencyKey ?? key('import'),
  });
  for (;;) {
    const progress = importProgress(desk.store, jobId);
    if (progress.phase !== 'checking' && progress.phase !== 'saving') return { jobId, ...progress };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** One file, chosen and imported to the end with the guessed mapping. */
export async function importText(desk: Desk, fileName: string, content: string | Uint8Array, options: Parameters<typeof runImport>[2] = {}) {
  return runImport(desk, uploadFile(desk.store, fileName, content, desk.now()), options);
}
