/**
 * The project's own handlers and workflows on the local stack, driven only over HTTP and the SDK: a case registered
 * through the staff API starts its custody phase at R-12 weeks (a schedule), moves to community at release (the
 * release schedule answering the task token) and completes six months later; staff are emailed through SES.
 */
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningStack, startStack } from '#local/stack.ts';
import { staffApiHook } from '#local/staff-api/hook.ts';
import { advance, clientConfig, local } from './local-stack-support.ts';

let stack: RunningStack;
let sfn: SFNClient;

beforeAll(async () => {
  stack = await startStack({
    port: 0,
    apiPort: 0,
    clock: 'manual',
    startTime: '2026-01-05T09:00:00Z',
    api: staffApiHook,
  });
  sfn = new SFNClient(clientConfig(stack.endpoint));
});

afterAll(async () => {
  sfn?.destroy();
  await stack?.close();
});

async function api(path: string, token: string, body: unknown) {
  const response = await fetch(`${stack.api!.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, string> };
}

async function runs(workflow: string): Promise<string[]> {
  const { executions } = await sfn.send(
    new ListExecutionsCommand({ stateMachineArn: stack.stateMachines[workflow] }),
  );
  return (executions ?? []).map((e) => `${e.name?.replace(/^[0-9a-f-]{36}-/, '')} ${e.status}`);
}

describe('a journey on the local stack', () => {
  it('runs custody, release and community to completion on the manual clock', async () => {
    const admin = stack.api!.adminToken!;
    expect(
      (await api('/staff', admin, { staffId: 'spo-1', name: 'S', email: 's@probation.example', role: 'SPO' }))
        .status,
    ).toBe(201);
    const com = await api('/staff', admin, {
      staffId: 'com-1',
      name: 'C',
      email: 'c@probation.example',
      role: 'COM',
      managerId: 'spo-1',
    });
    const registered = await api('/cases', com.json.devToken!, {
      crn: 'X123456',
      nomsId: 'A1234BC',
      prisonId: 'LEI',
      sentenceType: 'LICENCE',
      risk: 'LOW',
      mappaLevel: 0,
      iom: false,
      releaseDate: '2026-04-27',
      responsibleOfficerId: 'com-1',
    });
    expect(registered.status).toBe(201);
    expect(await runs('Custody')).toEqual([]);

    await advance(stack.endpoint, { to: '2026-02-05T09:00:00Z' }); // past R-12 weeks
    expect(await runs('Custody')).toEqual(['custody-1 RUNNING']);
    const emails = (await local(stack.endpoint, '/_local/outbox')).json as { channel: string; to: string }[];
    expect(emails.some((m) => m.channel === 'EMAIL' && m.to === 'c@probation.example')).toBe(true);

    await advance(stack.endpoint, { to: '2026-04-28T09:00:00Z' }); // past release
    expect(await runs('Custody')).toEqual(['custody-1 SUCCEEDED']);
    expect(await runs('Community')).toEqual(['community-1 RUNNING']);

    await advance(stack.endpoint, { to: '2026-11-05T09:00:00Z' }); // past R + 6 months
    expect(await runs('Community')).toEqual(['community-1 SUCCEEDED']);
  });
});
