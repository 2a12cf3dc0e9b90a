/**
 * Staff act through the staff API's Lambda handler, called in process with API Gateway HTTP API payload v2 events:
 * the request time is the virtual clock's (`requestContext.timeEpoch`) and the caller is the staff member in the
 * claims the JWT authorizer would put there. No HTTP server and no SDK call: the simulator's hot path stays in
 * process, yet every registration and staff action passes the same routing, authentication, role checks, schemas and
 * audit as in the cloud.
 */
import { claimsFor } from '#functions/api/dev-tokens.ts';
import type { HttpResult } from '#functions/api/http.ts';
import type { JourneyDeps } from '#functions/services/deps.ts';
import { createStaffApiHandler } from '#handlers/staff-api/index.ts';
import { httpApiEvent } from '#local/staff-api/event.ts';

export interface ApiAnswer {
  readonly status: number;
  /** the parsed JSON body, when there is one */
  // biome-ignore lint/suspicious/noExplicitAny: answers of several routes
  readonly json: any;
}

export interface StaffApiClient {
  request(staffId: string, method: string, path: string, body?: unknown): Promise<ApiAnswer>;
  /** requests made */
  readonly requests: () => number;
}

export function staffApiClient(options: {
  readonly deps: () => JourneyDeps;
  readonly now: () => number;
}): StaffApiClient {
  // no LINK_KEY: the simulator needs no signed links nor development tokens (it puts the claims in itself)
  const handler = createStaffApiHandler({ env: {}, deps: options.deps });
  let requests = 0;
  return {
    requests: () => requests,
    async request(staffId, method, path, body) {
      const timeEpoch = options.now();
      const requestId = `sim-${++requests}`;
      const event = httpApiEvent({
        method,
        rawPath: path,
        headers: {
          host: 'api.resettle.example',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        timeEpoch,
        claims: claimsFor(staffId),
        requestId,
        apiId: 'simulator',
        domainName: 'api.resettle.example',
        userAgent: 'resettle-simulator',
      });
      const result = (await handler(event, {
        functionName: 'staffApi',
        awsRequestId: requestId,
      } as never)) as HttpResult;
      return new Answer(result);
    },
  };
}

/**
 * An answer whose body is parsed when first read: the simulator reads few (a new case's id, refusals). A class,
 * as an object literal with a getter is built by a slow runtime call each time.
 */
class Answer implements ApiAnswer {
  readonly status: number;
  private parsed: { json: unknown } | undefined;
  constructor(private readonly result: HttpResult) {
    this.status = result.statusCode;
  }
  get json(): unknown {
    this.parsed ??= { json: parseBody(this.result) };
    return this.parsed.json;
  }
}

function parseBody(result: HttpResult): unknown {
  const text = result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString('utf8') : result.body;
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
