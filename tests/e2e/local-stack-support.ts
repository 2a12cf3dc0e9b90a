/**
 * Shared by the local-stack e2e tests: SDK client configuration for the local endpoint (no AWS account needed),
 * the fixture stack options, and the `/_local` routes over HTTP.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_HANDLERS, FIXTURE_WORKFLOWS } from './fixtures/manifest.ts';

export const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

export const fixtureStack = { handlers: FIXTURE_HANDLERS, workflows: FIXTURE_WORKFLOWS, root: ROOT } as const;

export const clientConfig = (endpoint: string) => ({
  endpoint,
  region: 'eu-west-2',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

export async function local(
  endpoint: string,
  path: string,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: test helper; the JSON is asserted field by field
): Promise<{ status: number; json: any }> {
  const response = await fetch(`${endpoint}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: response.status, json: await response.json() };
}

/** Advance the manual clock (0: just let all work settle); answers the new time. */
export async function advance(
  endpoint: string,
  body: { advanceSeconds: number } | { to: string },
): Promise<string> {
  const { status, json } = await local(endpoint, '/_local/clock', body);
  if (status !== 200) throw new Error(`clock: ${status} ${JSON.stringify(json)}`);
  return json.now as string;
}

export const settle = (endpoint: string) => advance(endpoint, { advanceSeconds: 0 });
