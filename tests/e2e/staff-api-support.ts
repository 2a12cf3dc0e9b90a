/**
 * The staff API end to end: the real workflows on the local engine with the real journey handlers (the journey
 * harness), the staff API's Lambda handler behind the local HTTP server, and requests over HTTP with development
 * bearer tokens. Time is the harness's manual clock: it moves only when a test advances it.
 */
import type { Staff } from '#domain/entities.ts';
import { devTokenKey, signDevToken } from '#functions/api/dev-tokens.ts';
import { LOCAL_ADMIN, type StaffApiHookResult, startLocalStaffApi } from '#local/staff-api/hook.ts';
import {
  defaultStaff,
  type JourneyHarness,
  journeyHarness,
  machineArn,
} from '#tests/workflows/journey/harness.ts';

export const LINK_KEY = 'e2e-link-key-0123456789abcdef0123456789';

export interface HttpAnswer {
  readonly status: number;
  readonly type: string;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test convenience
  readonly json: any;
}

export interface RequestOptions {
  /** staff id whose dev token is sent; `null` sends none; a string starting `raw:` is sent as the token itself */
  readonly as?: string | null;
  /** an object is sent as JSON; a string or Buffer as is */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface StaffApiE2e {
  readonly h: JourneyHarness;
  readonly api: StaffApiHookResult;
  request(method: string, path: string, options?: RequestOptions): Promise<HttpAnswer>;
  tokenFor(staffId: string): string;
  /** executions started on the engine, all state machines */
  executions(): Promise<number>;
  close(): Promise<void>;
}

export async function staffApiE2e(
  startTime = '2026-01-05T10:00:00Z',
  staff: readonly Staff[] = defaultStaff(),
): Promise<StaffApiE2e> {
  const h = await journeyHarness({ startTime, staff });
  const api = await startLocalStaffApi({ clock: h.clock, env: { LINK_KEY }, port: 0, deps: () => h.deps });
  const key = devTokenKey(LINK_KEY);
  const tokenFor = (staffId: string) => signDevToken(key, staffId);
  return {
    h,
    api,
    tokenFor,
    async request(method, path, options = {}) {
      const as = options.as === undefined ? LOCAL_ADMIN.staffId : options.as;
      const token = as === null ? undefined : as.startsWith('raw:') ? as.slice(4) : tokenFor(as);
      const body =
        options.body === undefined
          ? undefined
          : typeof options.body === 'string' || Buffer.isBuffer(options.body)
            ? options.body
            : JSON.stringify(options.body);
      const res = await fetch(`${api.url}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...options.headers,
        },
        ...(body !== undefined ? { body } : {}),
      });
      const text = await res.text();
      const type = res.headers.get('content-type') ?? '';
      return { status: res.status, type, text, json: type.includes('json') ? JSON.parse(text) : undefined };
    },
    async executions() {
      let count = 0;
      for (const machine of ['Custody', 'Community', 'StaffTask']) {
        const out = await h.engine.listExecutions({ stateMachineArn: machineArn(machine) });
        count += out.executions?.length ?? 0;
      }
      return count;
    },
    async close() {
      await api.close();
      await h.close();
    },
  };
}
