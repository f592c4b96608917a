import { z } from 'zod';
import { resources } from './i18n';
import { fieldSayOf, placeInWeekOf, wordsOfKey } from './fieldNames';
import { hasSayKey, sayIn, saySchema, type Say, type SayKey, type SayParam } from './say';
import { storableCopy } from './text';

/** The rules' refusals of a command that is well formed but may not happen now (the slot is taken, the visit is past). */
export const ruleRefusalCodes = [
  'SLOT_TAKEN',
  'OUTSIDE_OPENING_HOURS',
  'OUTSIDE_SCHEDULE',
  'STAFF_NOT_QUALIFIED',
  'START_IN_PAST',
  'ALREADY_UNDONE',
  'UNDO_NOT_ALLOWED',
  'INVALID_TRANSITION',
] as const;

/** Every failure the app or the sync server can report, by code (docs/architecture.md §4). */
export const errorCodes = [
  'VALIDATION_ERROR',
  'NOT_FOUND',
  'VERSION_CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  ...ruleRefusalCodes,
  'DB_TRANSACTION_FAILED',
  'DB_NEWER_THAN_APP',
  'DB_UNREADABLE',
  'MIGRATION_FAILED',
  'WRITES_LOCKED',
  'AUTH_REQUIRED',
  'AUTH_TOKEN_INVALID',
  'FORBIDDEN',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'MUTATION_GAP',
  'MUTATION_ID_REUSED',
  'NETWORK_UNAVAILABLE',
  'INTERNAL_ERROR',
  /** A message provider refused a message for good (its 4xx, or SMTP's 5xx), with its reason. */
  'PROVIDER_REFUSED',
  /** A visit would use more of a product than is in stock (docs/architecture.md §25); the person may book anyway. */
  'OUT_OF_STOCK',
  /** A signed intake form is kept as it was signed: any later change is refused (docs/architecture.md §27). */
  'FORM_SIGNED',
] as const;

export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** The one error envelope, on IPC, over HTTP and inside sync outcomes. */
export const errorEnvelopeSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  retryable: z.boolean(),
  requestId: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  /** The message as words of the `errors` catalogue, so the desk can say it in the shop's language. */
  say: saySchema.optional(),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** Only these failures can succeed when simply tried again. */
const retryableCodes: ReadonlySet<ErrorCode> = new Set([
  'DB_TRANSACTION_FAILED',
  'RATE_LIMITED',
  'NETWORK_UNAVAILABLE',
  'INTERNAL_ERROR',
]);

/** HTTP status for each code, used by the sync server and browser mode. */
export const httpStatusOf: Record<ErrorCode, number> = {
  VALIDATION_ERROR: 400,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  SLOT_TAKEN: 409,
  OUTSIDE_OPENING_HOURS: 409,
  OUTSIDE_SCHEDULE: 409,
  STAFF_NOT_QUALIFIED: 409,
  START_IN_PAST: 409,
  ALREADY_UNDONE: 409,
  UNDO_NOT_ALLOWED: 409,
  INVALID_TRANSITION: 409,
  DB_TRANSACTION_FAILED: 503,
  DB_NEWER_THAN_APP: 500,
  DB_UNREADABLE: 500,
  MIGRATION_FAILED: 500,
  WRITES_LOCKED: 412,
  AUTH_REQUIRED: 401,
  AUTH_TOKEN_INVALID: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  MUTATION_GAP: 409,
  MUTATION_ID_REUSED: 409,
  NETWORK_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
  PROVIDER_REFUSED: 502,
  OUT_OF_STOCK: 409,
  FORM_SIGNED: 409,
};

/** The one error type. Thrown inside a transaction so it rolls back; turned into an envelope at the edge. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: Record<string, unknown> | undefined;
  /** The message in the catalogue's words (made by `refuse`); absent, the message is English only. */
  readonly say: Say | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, options?: { cause?: unknown; say?: Say }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.retryable = retryableCodes.has(code);
    this.details = details;
    this.say = options?.say;
  }

  toEnvelope(requestId: string): ErrorEnvelope {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      requestId,
      ...(this.details === undefined ? {} : { details: this.details }),
      ...(this.say === undefined ? {} : { say: this.say }),
    };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/**
 * The schemas' own problems ("must be at most 200 characters") as catalogue phrases: each English
 * phrase of `errors:problems` read back as a pattern, its `{{params}}` the parts that vary.
 */
const schemaProblems = Object.entries(resources.en.errors.problems).map(([key, english]) => {
  const names: string[] = [];
  const source = english
    .split(/\{\{(\w+)\}\}/)
    .map((part, index) => (index % 2 === 1 ? (names.push(part), '(.+?)') : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return { key: `problems.${key}` as SayKey, pattern: new RegExp(`^${source}$`), names };
});

/** A phrase the schemas say: its catalogue key when there is one, else the words as they are (still correct in English). */
function problemOfText(text: string): string | Say {
  for (const { key, pattern, names } of schemaProblems) {
    const found = pattern.exec(text);
    if (found === null) continue;
    return names.length === 0 ? { key } : { key, params: Object.fromEntries(names.map((name, index) => [name, found[index + 1] ?? ''])) };
  }
  return text;
}

/** What is wrong, in words that follow the field's name ("must not be empty"). */
function plainProblem(issue: z.core.$ZodIssue): string | Say {
  // The schemas' own messages are such fragments; zod's defaults are sentences in its own terms.
  if (/^[a-z]/.test(issue.message)) return problemOfText(issue.message);
  switch (issue.code) {
    case 'invalid_type':
      return { key: /received undefined/.test(issue.message) ? 'problems.missing' : 'problems.wrongKind' };
    case 'too_small':
    case 'too_big': {
      const limit = String(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const bound = issue.code === 'too_small' ? 'AtLeast' : 'AtMost';
      if (issue.origin === 'string') {
        return issue.code === 'too_small' && limit === '1' ? { key: 'problems.empty' } : { key: `problems.characters${bound}`, params: { limit } };
      }
      if (issue.origin === 'array' || issue.origin === 'set') return { key: `problems.entries${bound}`, params: { limit } };
      return { key: `problems.number${bound}`, params: { limit } };
    }
    case 'invalid_value':
      return { key: 'problems.notAChoice' };
    case 'invalid_format':
      return { key: 'problems.wrongForm' };
    default:
      return { key: 'problems.invalid' };
  }
}

/** A path as details name it; a field name echoed from the input is made storable (it goes into stored outcomes). */
const pathOf = (path: readonly PropertyKey[]) => path.map((part) => storableCopy(String(part)).slice(0, 100)).join('.') || '(input)';

/** "Monday's opening hours are missing": the hours of a day are many, so a problem that says "is" has an "are" form. */
function ofMany(problem: string | Say): string | Say {
  if (typeof problem === 'string') return problem.replace(/^is /, 'are ');
  const many = `${problem.key}Many`;
  return hasSayKey(many) ? { ...problem, key: many } : problem;
}

/**
 * "Name must not be empty.", "Monday's first opening interval: closing time must be after the
 * opening time." — the field in words, never its path (the path stays in the details).
 */
function sentence(path: readonly PropertyKey[], problem: string | Say, name: SayParam | undefined = fieldSayOf(path)): Say {
  const place = placeInWeekOf(path);
  if (place !== undefined) {
    const last = String(path.at(-1));
    if (name !== undefined && (last === 'open' || last === 'close')) return { key: 'validation.placeField', params: { place: place.say, name: { key: `inSentence.${last}` }, problem } };
    return { key: 'validation.place', params: { place: place.say, problem: place.many ? ofMany(problem) : problem } };
  }
  if (name !== undefined) return { key: 'validation.field', params: { name, problem } };
  const words = wordsOfKey(path);
  if (words !== undefined) return { key: 'validation.field', params: { name: words, problem } };
  return { key: 'validation.request', params: { problem } };
}

/** A zod failure becomes VALIDATION_ERROR naming the first offending field (and listing all of them). */
export function validationError(error: z.ZodError): AppError {
  const issues = error.issues.flatMap((issue) => {
    // An unknown field is named itself, not the object that holds it.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const path = [...issue.path, key];
        // A key no form sends (a script's typo): the key itself is what to correct, so it is quoted.
        const name = fieldSayOf([key]) ?? `"${pathOf([key])}"`;
        const problem: Say = { key: 'problems.notAField' };
        return { field: pathOf(path), problem, say: sentence(path, problem, name) };
      });
    }
    // A bad field name inside a record: the record is the field to correct.
    if (issue.code === 'invalid_key') {
      const path = issue.path.slice(0, -1);
      const inner = issue.issues[0];
      const problem: Say = { key: 'problems.badFieldName', params: { problem: inner === undefined ? { key: 'problems.invalid' } : plainProblem(inner) } };
      return [{ field: pathOf(path), problem, say: sentence(path, problem) }];
    }
    const problem = plainProblem(issue);
    return [{ field: pathOf(issue.path), problem, say: sentence(issue.path, problem) }];
  });
  // The details keep each problem in English, as they always have.
  const english = issues.map(({ field, problem, say }) => ({ field, say, problem: typeof problem === 'object' ? sayIn(problem, 'en') : problem }));
  const unique = english.filter((issue, index) => english.findIndex((other) => other.field === issue.field && other.problem === issue.problem) === index);
  const first = unique[0] ?? { field: '(input)', problem: 'is not valid', say: { key: 'validation.requestInvalid' } satisfies Say };
  return new AppError(
    'VALIDATION_ERROR',
    sayIn(first.say, 'en'),
    { field: first.field, issues: unique.map(({ field, problem }) => ({ field, problem })) },
    { say: first.say },
  );
}

/** Parse with a schema or throw the typed VALIDATION_ERROR. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/** Anything unexpected is wrapped so no raw stack or driver text reaches a receptionist. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (error instanceof z.ZodError) return validationError(error);
  const say: Say = { key: 'internal' };
  return new AppError('INTERNAL_ERROR', sayIn(say, 'en'), undefined, { cause: error, say });
}
