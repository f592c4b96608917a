import { z } from 'zod';
import { importKinds, type ImportBatch } from '../entities';
import { text } from '../text';
import { createOp, declareEntity } from './declare';
import { newRecord } from './planning';

/**
 * An import of clients or future appointments from another tool's CSV file (docs/architecture.md
 * §29): the file's one history entry ("Imported 9,500 clients from clients.csv"). Each record it
 * adds or fills in is still an ordinary change through the rulebook, made in the same transaction
 * under a key that names the batch (src-main/files/imports/commitImport.ts), so the batch is undone
 * as a whole: its own undo and the undo of every change it made, together (undoImport).
 */

const count = z.int().min(0).max(1_000_000);

// A file of clients or of appointments: its words in the catalogue name neither (the activity sentence says which).
export const importBatch = declareEntity({
  changedBy: 'anyone',
  ops: {
    create: createOp({
      args: z.strictObject({ fileName: text(200, { min: 1 }), kind: z.enum(importKinds).default('clients'), added: count, merged: count, skipped: count }),
      wording: { label: 'File imported', verb: 'imported', name: 'import' },
      plan: (args, context): ImportBatch => newRecord(context, { fileName: args.fileName, kind: args.kind, added: args.added, merged: args.merged, skipped: args.skipped }),
    }),
  },
});
