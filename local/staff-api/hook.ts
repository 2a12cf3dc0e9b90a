/**
 * The staff API's hook into the local stack (`npm run local`, `--api-port`, default 3000): starts the local HTTP
 * server in front of the same Lambda handler, seeds a local administrator (if absent) and answers its development
 * bearer token, which the stack prints in its ready line. With that token, `POST /staff` creates the other staff
 * members and answers a token for each.
 */

import { devTokenKey, signDevToken } from '#functions/api/dev-tokens.ts';
import type { LinkKey } from '#functions/api/links.ts';
import type { JourneyDeps } from '#functions/services/deps.ts';
import { journeyDeps, prepareDeps } from '#handlers/runtime.ts';
import { createStaffApiHandler } from '#handlers/staff-api/index.ts';
import { type StaffApiServer, startStaffApiServer } from './server.ts';

export const LOCAL_ADMIN = {
  staffId: 'admin',
  name: 'Local administrator',
  email: 'admin@resettle.local',
  role: 'ADMIN',
} as const;

/** What the stack gives the hook. */
export interface StaffApiHookContext {
  /** the local AWS endpoint, e.g. http://127.0.0.1:4566 */
  readonly endpoint?: string;
  /** the runtime clock: request times come from it; `track` keeps virtual time still during a request */
  readonly clock: { now(): number; track?<T>(work: Promise<T>): Promise<T> };
  /** the handlers' environment (TABLE_NAME, LINK_KEY, state machine ARNs ...) */
  readonly env: Record<string, string | undefined>;
  /** the port to listen on (default 3000; 0 picks a free one) */
  readonly port?: number;
  readonly host?: string;
  /** ports to use instead of those built from the environment (tests) */
  readonly deps?: () => JourneyDeps;
}

export interface StaffApiHookResult {
  readonly url: string;
  /** development bearer token of the local administrator */
  readonly adminToken: string;
  readonly server: StaffApiServer;
  close(): Promise<void>;
}

export async function startLocalStaffApi(ctx: StaffApiHookContext): Promise<StaffApiHookResult> {
  const linkKey: LinkKey | undefined = ctx.env.LINK_KEY;
  if (!linkKey) throw new Error('the local staff API needs LINK_KEY in the environment (the local link key)');
  if (!ctx.deps) await prepareDeps();
  const deps = ctx.deps ?? journeyDeps;
  if (!(await deps().repository.getStaff(LOCAL_ADMIN.staffId))) await deps().repository.putStaff(LOCAL_ADMIN);
  const handler = createStaffApiHandler({ env: ctx.env, deps });
  const server = await startStaffApiServer({
    handler: (event, context) => handler(event, context as never),
    linkKey,
    clock: ctx.clock,
    port: ctx.port ?? 3000,
    ...(ctx.host ? { host: ctx.host } : {}),
  });
  return {
    url: server.url,
    adminToken: signDevToken(devTokenKey(linkKey), LOCAL_ADMIN.staffId),
    server,
    close: () => server.close(),
  };
}

/** The hook in the shape the stack takes: context in, `{ url, adminToken }` out. */
export const staffApiHook = startLocalStaffApi;
