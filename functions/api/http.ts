/**
 * HTTP answers of the staff API: JSON and HTML results in the API Gateway payload v2 shape, and `HttpError`, which a
 * route throws to answer 4xx (the router turns it into a JSON problem). Error bodies name the field and the reason,
 * never echo a value from the request.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FieldError } from '#schemas/common.ts';

export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; body: string };

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function json(statusCode: number, body: unknown): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS },
    body: JSON.stringify(body),
  };
}

export function html(statusCode: number, body: string): HttpResult {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      ...SECURITY_HEADERS,
    },
    body,
  };
}

export type ErrorCode =
  | 'InvalidInput'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'MethodNotAllowed'
  | 'Conflict'
  | 'PayloadTooLarge'
  | 'UnsupportedMediaType'
  | 'ServiceUnavailable'
  | 'InternalError';

/** A 4xx/5xx answer: `{ error, message, errors?, existingId? }`. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly errors?: readonly FieldError[],
    readonly extra?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  toResult(): HttpResult {
    return json(this.statusCode, {
      error: this.code,
      message: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extra,
    });
  }
}

export const badRequest = (errors: readonly FieldError[]) =>
  new HttpError(400, 'InvalidInput', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);

export const notFound = (entity: string, field: string) =>
  new HttpError(404, 'NotFound', `${entity} not found`, [{ field, message: `no such ${entity}` }]);

export const forbidden = (message: string) => new HttpError(403, 'Forbidden', message);

export const conflict = (message: string, extra?: Record<string, string>) =>
  new HttpError(409, 'Conflict', message, undefined, extra);

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** A small self-contained page (no scripts, no external resources). `bodyHtml` must already be escaped. */
export function page(title: string, bodyHtml: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} - Resettle</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
button{font-size:1.1rem;padding:.5rem 1.2rem}.note{color:#555}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${bodyHtml}
</body></html>
`;
}
