/**
 * The local AWS endpoint: one node:http server on loopback answering the AWS APIs the project uses in their wire
 * protocols. A request is routed by `X-Amz-Target` (the JSON RPC protocols: Step Functions, DynamoDB, End User
 * Messaging SMS), else by the service name in the SigV4 credential scope of its `Authorization` header (`ses`,
 * `scheduler`, `lambda`), else by its REST path; `/_local/*` are the runtime's own routes (clock, outbox, health).
 * Every AWS request is `clock.track`ed: virtual time does not move while one is being answered.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '#local/clock/clock.ts';
import { AwsError, sendError, signingService } from './wire.ts';

type Handle = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
type HandleOperation = (req: IncomingMessage, res: ServerResponse, operation: string) => Promise<void>;

export interface EndpointRoutes {
  readonly stepFunctions: HandleOperation;
  readonly dynamodb: Handle;
  readonly sms: HandleOperation;
  readonly ses: Handle;
  readonly scheduler: Handle;
  readonly lambda: Handle;
  /** `/_local/*`: not tracked (advancing the clock waits for tracked work to settle) */
  readonly control: Handle;
}

type Route = { kind: 'control' | 'plain'; handle: Handle };

function routeByTarget(target: string, routes: EndpointRoutes): Route {
  const dot = target.indexOf('.');
  const prefix = dot < 0 ? target : target.slice(0, dot);
  const operation = dot < 0 ? '' : target.slice(dot + 1);
  switch (prefix) {
    case 'AWSStepFunctions':
      return { kind: 'plain', handle: (req, res) => routes.stepFunctions(req, res, operation) };
    case 'DynamoDB_20120810':
      return { kind: 'plain', handle: routes.dynamodb };
    case 'PinpointSMSVoiceV2':
      return { kind: 'plain', handle: (req, res) => routes.sms(req, res, operation) };
    default:
      return {
        kind: 'plain',
        handle: async (_req, res) =>
          sendError(
            res,
            new AwsError('UnknownOperationException', `The local endpoint does not serve ${target}`),
          ),
      };
  }
}

export function route(req: IncomingMessage, routes: EndpointRoutes): Route {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (path.startsWith('/_local/')) return { kind: 'control', handle: routes.control };
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string' && target) return routeByTarget(target, routes);
  const service = signingService(req.headers.authorization);
  if (service === 'ses' || service === 'email' || path.startsWith('/v2/email/'))
    return { kind: 'plain', handle: routes.ses };
  if (service === 'scheduler' || path.startsWith('/schedules') || path.startsWith('/schedule-groups'))
    return { kind: 'plain', handle: routes.scheduler };
  if (service === 'lambda' || path.startsWith('/2015-03-31/functions/'))
    return { kind: 'plain', handle: routes.lambda };
  const form = String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  if (req.method === 'POST' && path === '/' && form) return { kind: 'plain', handle: routes.ses };
  return {
    kind: 'plain',
    handle: async (_req, res) =>
      sendError(
        res,
        new AwsError(
          'UnknownOperationException',
          `No local service answers ${req.method} ${path}${service ? ` (signed for ${service})` : ''}`,
          404,
        ),
      ),
  };
}

export interface RunningEndpoint {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

export async function startEndpoint(options: {
  routes: EndpointRoutes;
  clock: Clock;
  port?: number;
  host?: string;
}): Promise<RunningEndpoint> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    const { kind, handle } = route(req, options.routes);
    const work = handle(req, res).catch((error) => sendError(res, error));
    if (kind === 'plain') void options.clock.track(work);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4566, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
