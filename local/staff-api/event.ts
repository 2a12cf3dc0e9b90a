/**
 * An API Gateway HTTP API (payload format 2.0) event for the staff API handler, as the cloud would hand it over
 * after its JWT authorizer: the request time is `timeEpoch` and the caller's claims sit under `authorizer.jwt`.
 * The local server, the simulator and the unit tests build their requests with it.
 */
import { isoOfMs } from '#domain/epoch-days.ts';
import type { StaffApiEvent } from '#functions/api/context.ts';

export interface HttpApiRequest {
  readonly method: string;
  readonly rawPath: string;
  readonly rawQueryString?: string;
  readonly headers: Record<string, string>;
  readonly queryStringParameters?: Record<string, string>;
  readonly pathParameters?: Record<string, string>;
  /** the body as sent: text, or base64 with `isBase64Encoded` */
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  readonly timeEpoch: number;
  /** the JWT claims the authorizer passed on; absent for an unauthenticated request */
  readonly claims?: Record<string, string>;
  readonly requestId: string;
  readonly routeKey?: string;
  /** who is asking and through what */
  readonly apiId: string;
  readonly domainName: string;
  /** default: the domain name's first label */
  readonly domainPrefix?: string;
  readonly protocol?: string;
  readonly sourceIp?: string;
  readonly userAgent?: string;
}

export function httpApiEvent(request: HttpApiRequest): StaffApiEvent {
  const routeKey = request.routeKey ?? '$default';
  return {
    version: '2.0',
    routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString ?? '',
    headers: request.headers,
    ...(request.queryStringParameters ? { queryStringParameters: request.queryStringParameters } : {}),
    ...(request.pathParameters ? { pathParameters: request.pathParameters } : {}),
    ...(request.body !== undefined ? { body: request.body } : {}),
    isBase64Encoded: request.isBase64Encoded ?? false,
    requestContext: {
      accountId: '000000000000',
      apiId: request.apiId,
      domainName: request.domainName,
      domainPrefix: request.domainPrefix ?? request.domainName.split('.')[0]!,
      http: {
        method: request.method,
        path: request.rawPath,
        protocol: request.protocol ?? 'HTTP/1.1',
        sourceIp: request.sourceIp ?? '127.0.0.1',
        userAgent: request.userAgent ?? '',
      },
      requestId: request.requestId,
      routeKey,
      stage: '$default',
      time: requestTime(request.timeEpoch),
      timeEpoch: request.timeEpoch,
      ...(request.claims
        ? {
            authorizer: {
              principalId: '',
              integrationLatency: 0,
              jwt: { claims: request.claims, scopes: null },
            },
          }
        : {}),
    },
  } as StaffApiEvent;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The request time as API Gateway writes it: `12/Mar/2020:19:03:58 +0000` (built from the ISO form, which is cheap). */
function requestTime(epoch: number): string {
  const iso = isoOfMs(epoch);
  return `${iso.slice(8, 10)}/${MONTHS[Number(iso.slice(5, 7)) - 1]}/${iso.slice(0, 4)}:${iso.slice(11, 19)} +0000`;
}
