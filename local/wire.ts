/**
 * Wire helpers shared by the local endpoint's services: reading bodies, answering in AWS's JSON protocols
 * (JSON 1.0 RPC and REST JSON), and the errors both carry (`__type` in the body, `x-amzn-ErrorType` header).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error answered in AWS's shape: `code` is the error type the SDK maps to its exception class. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** extra members of the error structure, e.g. `Reason` and `Fields` of a ValidationException */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export const REGION = 'eu-west-2';
export const ACCOUNT_ID = '000000000000';

const BODY_LIMIT = 16 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        reject(new AwsError('RequestEntityTooLargeException', 'Request body too large', 413));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Parses a JSON request body; an empty body is `{}`. */
export function parseJsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AwsError('SerializationException', 'Malformed JSON in the request body');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new AwsError('SerializationException', 'The request body must be a JSON object');
  return value as Record<string, unknown>;
}

/** Dates become epoch seconds (the JSON protocols' default timestamp format); `undefined` members are dropped. */
export function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      if (member === undefined || key === '$metadata') continue;
      out[key] = toWire(member);
    }
    return out;
  }
  return value;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(toWire(body));
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(text)),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  res.end(text);
}

/** An error as the JSON protocols carry it: status, `x-amzn-ErrorType` and `{ __type, message }`. */
export function sendError(res: ServerResponse, error: unknown, contentType = 'application/json'): void {
  const aws =
    error instanceof AwsError
      ? error
      : new AwsError('InternalFailure', `Internal error: ${(error as Error)?.message ?? String(error)}`, 500);
  if (!(error instanceof AwsError)) console.error('local endpoint: internal error', error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(
    res,
    aws.status,
    { __type: aws.code, message: aws.message, Message: aws.message, ...aws.extra },
    contentType,
    { 'x-amzn-errortype': aws.code },
  );
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  Boolean(value) && typeof value === 'object' && !Array.isArray(value);

/** A required string member, or a ValidationException naming it. */
export function requiredString(input: Record<string, unknown>, name: string, code = 'ValidationException') {
  const value = input[name];
  if (typeof value !== 'string' || value.length === 0)
    throw new AwsError(
      code,
      `1 validation error detected: Value at '${name}' failed to satisfy constraint: Member must not be null`,
    );
  return value;
}

/** The service name of a SigV4 `Authorization` header's credential scope (`Credential=AK/date/region/service/...`). */
export function signingService(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /Credential=[^/,\s]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization);
  return match?.[1];
}
