import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpError } from '#functions/api/http.ts';
import { jsonBody, MAX_BODY_BYTES, rawBody, requestTime } from '#functions/api/request.ts';
import { httpApiEvent } from '#local/staff-api/event.ts';

const schema = z.object({ notes: z.string() });

function event(body: string, options: { base64?: boolean; contentType?: string; timeEpoch?: number } = {}) {
  return httpApiEvent({
    method: 'POST',
    rawPath: '/x',
    headers: { 'Content-Type': options.contentType ?? 'application/json' },
    body,
    isBase64Encoded: options.base64 ?? false,
    timeEpoch: options.timeEpoch ?? Date.UTC(2027, 2, 28, 23, 59, 59, 7),
    requestId: 'r1',
    apiId: 'api',
    domainName: 'api.test',
  });
}

function statusOf(run: () => unknown): number | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof HttpError ? error.statusCode : undefined;
  }
  return undefined;
}

describe('reading the request', () => {
  it('writes the request time as Date.prototype.toISOString does', () => {
    for (const ms of [0, Date.UTC(2027, 2, 28, 23, 59, 59, 7), Date.UTC(2031, 11, 31, 23, 59, 59, 999)])
      expect(requestTime(event('', { timeEpoch: ms }))).toBe(new Date(ms).toISOString());
  });

  it("stamps the event's requestContext.time as API Gateway does (day/Mon/year:hh:mm:ss +0000)", () => {
    expect(event('').requestContext.time).toBe('28/Mar/2027:23:59:59 +0000');
    expect(event('', { timeEpoch: Date.UTC(2031, 0, 5, 7, 3, 9) }).requestContext.time).toBe(
      '05/Jan/2031:07:03:09 +0000',
    );
  });

  it('counts a text body in UTF-8 bytes: 413 past the limit, even when its length is within it', () => {
    const euros = '€'.repeat(Math.floor(MAX_BODY_BYTES / 3) + 1); // 3 bytes each
    expect(euros.length).toBeLessThan(MAX_BODY_BYTES);
    expect(statusOf(() => rawBody(event(JSON.stringify({ notes: euros }))))).toBe(413);
    expect(statusOf(() => rawBody(event('x'.repeat(MAX_BODY_BYTES))))).toBeUndefined();
  });

  it('parses a text body as sent, and a base64 body from its UTF-8 bytes (400 when they are not UTF-8)', () => {
    const text = JSON.stringify({ notes: 'café 🚀' });
    expect(jsonBody(event(text), schema)).toEqual({ notes: 'café 🚀' });
    expect(jsonBody(event(Buffer.from(text).toString('base64'), { base64: true }), schema)).toEqual({
      notes: 'café 🚀',
    });
    const notUtf8 = Buffer.from([0x7b, 0xff, 0x7d]).toString('base64');
    expect(statusOf(() => jsonBody(event(notUtf8, { base64: true }), schema))).toBe(400);
  });

  it('reads a lone surrogate in a text body as U+FFFD, as UTF-8 on the wire carries it', () => {
    const body = `{"notes":"a${'\uD800'}b"}`;
    expect(jsonBody(event(body), schema)).toEqual({ notes: 'a\uFFFDb' });
  });

  it('finds the content type whatever its case, and refuses a body that is not JSON with 415', () => {
    expect(
      jsonBody(event('{"notes":"x"}', { contentType: 'application/json; charset=UTF-8' }), schema),
    ).toEqual({ notes: 'x' });
    expect(statusOf(() => jsonBody(event('{"notes":"x"}', { contentType: 'text/plain' }), schema))).toBe(415);
  });
});
