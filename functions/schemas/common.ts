/**
 * Building blocks of the input schemas, each with field-level messages, and `parseInput`, which turns a zod failure
 * into `{ field, message }` pairs (field paths as dotted strings). Messages never echo the input value.
 */
import { z } from 'zod';

export interface FieldError {
  /** dotted path of the field at fault (`releaseDate`, `answers.pathways.HEALTH.status`); `body` for the whole */
  readonly field: string;
  readonly message: string;
}

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: FieldError[] };

/** A zod error option: "is required" when the field is missing, `message` when it is there but wrong. */
export function requiredOr(message: string) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : message) };
}

export const MAX_ID_LENGTH = 64;
export const MAX_NAME_LENGTH = 200;
export const MAX_DETAIL_LENGTH = 200;
export const MAX_NOTES_LENGTH = 2000;
export const MAX_REASON_LENGTH = 500;

/** An identifier of our own (staff id, manager id): letters, digits, `-` and `_`. */
export const idSchema = z
  .string(requiredOr('must be text'))
  .regex(/^[A-Za-z0-9_-]+$/, { error: 'must contain only letters, digits, - and _' })
  .max(MAX_ID_LENGTH, { error: `must be at most ${MAX_ID_LENGTH} characters` });

export function enumSchema<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, requiredOr(`must be one of ${values.join(', ')}`));
}

/** A Europe/London calendar day, written `YYYY-MM-DD`, that exists (2026-02-29 does not). */
export const localDateSchema = z.iso.date(requiredOr('must be a real date written YYYY-MM-DD'));

/** An ISO-8601 instant with a zone (`Z` or `+01:00`). */
export const instantSchema = z.iso.datetime({
  offset: true,
  ...requiredOr('must be an ISO-8601 date and time with a zone, e.g. 2026-05-26T09:00:00Z'),
});

export const emailSchema = z.email(requiredOr('must be an email address'));

/**
 * A UK mobile number in E.164 (`+447...`), or in national form (`07...`); spaces, hyphens and brackets are ignored.
 * Returns the E.164 form, or undefined when the number is not a UK mobile.
 */
export function normaliseUkMobile(raw: string): string | undefined {
  const compact = raw.replace(/[\s\-()]/g, '');
  if (/^\+447\d{9}$/.test(compact)) return compact;
  if (/^07\d{9}$/.test(compact)) return `+44${compact.slice(1)}`;
  return undefined;
}

export const UK_MOBILE_MESSAGE = 'must be a UK mobile number, e.g. +447700900123 or 07700 900123';

/** A UK mobile number, normalised to E.164. */
export const ukMobileSchema = z.string(requiredOr(UK_MOBILE_MESSAGE)).transform((value, ctx) => {
  const normalised = normaliseUkMobile(value);
  if (normalised === undefined) {
    ctx.issues.push({ code: 'custom', message: UK_MOBILE_MESSAGE, input: value });
    return z.NEVER;
  }
  return normalised;
});

export function boundedText(max: number) {
  return z
    .string(requiredOr('must be text'))
    .max(max, { error: `must be at most ${max} characters` })
    .refine((v) => v.trim().length > 0, { error: 'must not be blank' });
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** zod issues as `{ field, message }`; an unknown field is reported by its own path. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        out.push({ field: pathOf([...issue.path, key]), message: 'is not a known field' });
    } else if (issue.path.length === 0 && issue.code === 'invalid_type') {
      out.push({ field: 'body', message: 'must be a JSON object' });
    } else {
      out.push({ field: pathOf(issue.path) || 'body', message: issue.message });
    }
  }
  return out;
}

/** Parses an input with its schema: the value, or the field errors (nothing is thrown). */
export function parseInput<S extends z.ZodType>(schema: S, body: unknown): ParseResult<z.output<S>> {
  const result = schema.safeParse(body);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: fieldErrors(result.error) };
}
