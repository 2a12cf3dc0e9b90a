/**
 * Reading a payload v2 event: the request time, the body (64 KB at most, JSON only, then its zod schema), path
 * parameters (ids of letters, digits, `-` and `_`) and the query string. Every failure is an HttpError (413, 415,
 * 400 naming the field) raised before a route touches anything.
 */
import type { z } from 'zod';
import { parseInput } from '#schemas/common.ts';
import type { StaffApiEvent } from './context.ts';
import { badRequest, HttpError } from './http.ts';

export const MAX_BODY_BYTES = 64 * 1024;

const ID = /^[A-Za-z0-9_-]{1,100}$/;

/** The request time from API Gateway (`requestContext.timeEpoch`), as ISO 8601. */
export function requestTime(event: StaffApiEvent): string {
  const epoch = event.requestContext?.timeEpoch;
  if (typeof epoch !== 'number' || !Number.isFinite(epoch))
    throw new Error('the event carries no requestContext.timeEpoch');
  return new Date(epoch).toISOString();
}

function header(event: StaffApiEvent, name: string): string | undefined {
  for (const [key, value] of Object.entries(event.headers ?? {}))
    if (key.toLowerCase() === name) return value;
  return undefined;
}

/** The raw body as bytes, refused with 413 when over the limit. */
export function rawBody(event: StaffApiEvent): Buffer {
  const body = event.body ?? '';
  // a cheap bound before decoding: base64 is 4/3 the size of its bytes, UTF-8 at most 3 bytes a character
  if (body.length > (event.isBase64Encoded ? Math.ceil((MAX_BODY_BYTES * 4) / 3) + 4 : MAX_BODY_BYTES))
    throw tooLarge();
  const bytes = event.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
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
  const [type, ...params] = contentType.split(';').map((p) => p.trim().toLowerCase());
  if (!type || !/^application\/([a-z0-9.-]+\+)?json$/.test(type)) return false;
  return params.every((p) => !p.startsWith('charset=') || /^charset="?utf-8"?$/.test(p));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body parsed as JSON and checked with `schema` (`bytes`: the body as `rawBody` read it, if it has). */
export function jsonBody<S extends z.ZodType>(
  event: StaffApiEvent,
  schema: S,
  bytes: Buffer = rawBody(event),
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
    value = JSON.parse(utf8.decode(bytes));
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
