/**
 * The staff API on the local runtime: a node:http server that does what API Gateway does in the cloud and calls the
 * same Lambda handler. It turns each request into an HTTP API payload v2 event (`routeKey`, `rawPath`, headers,
 * query, body, `requestContext.timeEpoch` from the runtime's clock), checks the development bearer token as the
 * Cognito JWT authorizer would and injects the same claims, then writes the handler's result back.
 *
 *   const server = await startStaffApiServer({ handler, linkKey, clock, port: 3000 });
 *   // server.url -> http://127.0.0.1:3000
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StaffApiEvent } from '#functions/api/context.ts';
import { claimsFor, devTokenKey, verifyDevToken } from '#functions/api/dev-tokens.ts';
import type { HttpResult } from '#functions/api/http.ts';
import type { LinkKey } from '#functions/api/links.ts';
import { routeKey } from '#functions/api/route.ts';
import { matchRoute } from '#functions/api/router.ts';
import { httpApiEvent } from './event.ts';

/** Bodies beyond this are refused here (API Gateway's own limit is 10 MB); the API's limit (64 KB) is the handler's. */
const SERVER_BODY_LIMIT = 1024 * 1024;

export type StaffApiLambda = (event: StaffApiEvent, context: object) => Promise<HttpResult>;

export interface StaffApiServerOptions {
  readonly handler: StaffApiLambda;
  /** the local link key: development bearer tokens are checked with a key derived from it */
  readonly linkKey: LinkKey;
  /** the runtime's clock: `now()` is the request time; `track` keeps virtual time still while a request runs */
  readonly clock: { now(): number; track?<T>(work: Promise<T>): Promise<T> };
  /** default 3000; 0 picks a free port */
  readonly port?: number;
  readonly host?: string;
}

export interface StaffApiServer {
  readonly url: string;
  readonly port: number;
  /** requests answered so far */
  readonly requests: () => number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer | 'TOO_LARGE'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= SERVER_BODY_LIMIT) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > SERVER_BODY_LIMIT ? 'TOO_LARGE' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function send(res: ServerResponse, result: HttpResult): void {
  const body = result.isBase64Encoded ? Buffer.from(result.body, 'base64') : Buffer.from(result.body, 'utf8');
  res.writeHead(result.statusCode, { ...result.headers, 'content-length': String(body.length) });
  res.end(body);
}

const gatewayError = (statusCode: number, message: string): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message }),
});

/** The route key API Gateway would give (`$default` when no route matches) and whether it needs a bearer token. */
function routeOf(
  method: string,
  path: string,
): { key: string; params?: Record<string, string>; link: boolean } {
  try {
    const { route, params } = matchRoute(method, path);
    return { key: routeKey(route), params, link: route.auth === 'link' };
  } catch {
    return { key: '$default', link: false };
  }
}

export function toEvent(
  req: IncomingMessage,
  body: Buffer,
  timeEpoch: number,
  claims: Record<string, string> | undefined,
): StaffApiEvent {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = (req.method ?? 'GET').toUpperCase();
  const rawPath = (req.url ?? '/').split('?')[0] || '/';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  const route = routeOf(method, rawPath);
  const text = body.length > 0 && isUtf8(body);
  return httpApiEvent({
    method,
    rawPath,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(route.params ? { pathParameters: route.params } : {}),
    ...(body.length > 0 ? { body: text ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !text,
    timeEpoch,
    ...(claims ? { claims } : {}),
    requestId: randomUUID(),
    routeKey: route.key,
    apiId: 'local',
    domainName: headers.host ?? 'localhost',
    domainPrefix: 'local',
    protocol: `HTTP/${req.httpVersion}`,
    sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
    userAgent: headers['user-agent'] ?? '',
  });
}

export async function startStaffApiServer(options: StaffApiServerOptions): Promise<StaffApiServer> {
  const tokenKey = devTokenKey(options.linkKey);
  let answered = 0;
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    if (body === 'TOO_LARGE') return send(res, gatewayError(413, 'Request Entity Too Large'));
    const method = (req.method ?? 'GET').toUpperCase();
    const route = routeOf(method, (req.url ?? '/').split('?')[0] || '/');
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const staffId = bearer ? verifyDevToken(tokenKey, bearer) : undefined;
    // as the JWT authorizer: every route but the signed-link ones needs a valid token (unknown routes go through)
    if (!route.link && route.key !== '$default' && !staffId)
      return send(res, gatewayError(401, 'Unauthorized'));
    const event = toEvent(req, body, options.clock.now(), staffId ? claimsFor(staffId) : undefined);
    const call = options.handler(event, {
      functionName: 'staffApi',
      awsRequestId: event.requestContext.requestId,
    });
    const result = await (options.clock.track ? options.clock.track(call) : call);
    send(res, result);
  };
  const server = createServer((req, res) => {
    serve(req, res)
      .catch(() => send(res, gatewayError(500, 'Internal Server Error')))
      .finally(() => {
        answered += 1;
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    requests: () => answered,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
