/**
 * Reading a payload v2 event: the request time, the body (64 KB at most, JSON only, then its zod schema), path
 * parameters (ids of letters, digits, `-` and `_`) and the query string. Every failure is an HttpError (413, 415,
 * 400 naming the field) raised before a route touches anything.
 */
import type { z } from 'zod';
import { isoOfMs } from '#domain/calendar.ts';
import { parseInput } from '#schemas/common.ts';
import type { StaffApiEvent } from './context.ts';
import { badRequest, HttpError } from './http.ts';

export const MAX_BODY_BYTES = 64 * 1024;

const ID = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * The request time from API Gateway (`requestContext.timeEpoch`), as ISO 8601: written by the calendar's `isoOfMs`,
 * the same text as `Date.prototype.toISOString` at a fraction of its cost (once per request).
 */
export function requestTime(event: StaffApiEvent): string {
  const epoch = event.requestContext?.timeEpoch;
  if (typeof epoch !== 'number' || !Number.isFinite(epoch))
    throw new Error('the event carries no requestContext.timeEpoch');
  return isoOfMs(epoch);
}

/** A header by its lower-case name, whatever the case it came in. */
function header(event: StaffApiEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name) return headers[key];
  return undefined;
}

/** The body as `rawBody` sized it: the text as sent, or the bytes of a base64 body. */
export type SizedBody = string | Buffer;

/** The raw body, refused with 413 when its bytes are over the limit. */
export function rawBody(event: StaffApiEvent): SizedBody {
  const body = event.body ?? '';
  if (!event.isBase64Encoded) {
    // a text body's size is that of its UTF-8 bytes, counted without encoding them (never fewer than its length)
    if (body.length > MAX_BODY_BYTES || Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) throw tooLarge();
    return body;
  }
  // a cheap bound before decoding: base64 is 4/3 the size of its bytes
  if (body.length > Math.ceil((MAX_BODY_BYTES * 4) / 3) + 4) throw tooLarge();
  const bytes = Buffer.from(body, 'base64');
  if (bytes.length > MAX_BODY_BYTES) throw tooLarge();
  return bytes;
}

const tooLarge = () =>
  new HttpError(413, 'PayloadTooLarge', `the body must be at most ${MAX_BODY_BYTES / 1024} KB`, [
    { field: 'body', message: `must be at most ${MAX_BODY_BYTES} bytes` },
  ]);

/** `application/json` or `application/<x>+json`, with an optional charset of UTF-8. */
function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  if (contentType === 'application/json') return true; // the usual form, without parameters to read
  const [type, ...params] = contentType.split(';').map((p) => p.trim().toLowerCase());
  if (!type || !/^application\/([a-z0-9.-]+\+)?json$/.test(type)) return false;
  return params.every((p) => !p.startsWith('charset=') || /^charset="?utf-8"?$/.test(p));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Lone surrogates (half of a UTF-16 pair): the only text that UTF-8 cannot carry as it is. */
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The JSON text of a body: a base64 body's bytes decoded as UTF-8 (invalid UTF-8 throws); a text body as it is, since
 * it arrived as UTF-8. A text body with surrogates goes through UTF-8 and back, which writes each lone one as U+FFFD
 * just as the wire would (`String.prototype.toWellFormed`, not in our ES2023 library).
 */
function textOf(body: SizedBody): string {
  if (typeof body !== 'string') return utf8.decode(body);
  return SURROGATE.test(body) ? Buffer.from(body, 'utf8').toString('utf8') : body;
}

/** The body parsed as JSON and checked with `schema` (`body`: the body as `rawBody` sized it, if it has). */
export function jsonBody<S extends z.ZodType>(
  event: StaffApiEvent,
  schema: S,
  body: SizedBody = rawBody(event),
): z.output<S> {
  if (!isJson(header(event, 'content-type')))
    throw new HttpError(
      415,
      'UnsupportedMediaType',
      'the body must be JSON (content-type: application/json)',
      [{ field: 'content-type', message: 'must be application/json' }],
    );
  let value: unknown;
  try {
    value = JSON.parse(textOf(body));
  } catch {
    throw badRequest([{ field: 'body', message: 'must be valid JSON in UTF-8' }]);
  }
  const parsed = parseInput(schema, value);
  if (!parsed.ok) throw badRequest(parsed.errors);
  return parsed.value;
}

/** A path parameter that must be an id; 400 naming it otherwise. */
export function idParam(params: Readonly<Record<string, string>>, name: string): string {
  const value = params[name];
  if (value === undefined || !ID.test(value))
    throw badRequest([{ field: name, message: 'must be an id of 1 to 100 letters, digits, - and _' }]);
  return value;
}

/** The query string as a map (the first value of a repeated name; API Gateway joins repeats with commas). */
export function queryOf(event: StaffApiEvent): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.queryStringParameters ?? {}))
    if (value !== undefined) out[name] = value;
  return out;
}
