import { beforeEach, describe, expect, it } from 'vitest';
import { signLink } from '#functions/api/links.ts';
import { type ApiUnderTest, aCase, anOpenTask, apiUnderTest, LINK_KEY } from './support.ts';

let api: ApiUnderTest;
const TASK = 'case1-task-licence-conditions-explained';
const link = (overrides: Partial<Parameters<typeof signLink>[1]> = {}) =>
  signLink(LINK_KEY, {
    linkId: 'link-1',
    taskId: TASK,
    staffId: 'com-1',
    action: 'COMPLETE_TASK',
    expiresAt: '2026-01-08T10:00:00Z',
    ...overrides,
  });

beforeEach(async () => {
  api = await apiUnderTest();
  await aCase(api, 'CUSTODY');
  await anOpenTask(api);
});

const refusals = async () =>
  (await api.deps.repository.listAuditByCase('case1')).filter((a) => a.result === 'REFUSED');

describe('GET /links/{token}', () => {
  it('says what the link will do and changes nothing (mail scanners follow links)', async () => {
    const res = await api.call('GET', `/links/${link()}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('mark this task as done');
    expect(res.text).toContain('<form method="post">');
    expect(api.changes()).toEqual({ writes: 0, schedules: 0, started: 0, tokens: 0, sent: 0 });
    expect(await api.deps.repository.getLinkUse('link-1')).toBeUndefined();
  });

  it('tells a portal-only task apart without spending anything', async () => {
    await anOpenTask(
      api,
      { taskId: 'case1-task-pre-release-assessment', type: 'PRE_RELEASE_ASSESSMENT' },
      'token-2',
    );
    const res = await api.call('GET', `/links/${link({ taskId: 'case1-task-pre-release-assessment' })}`);
    expect(res.status).toBe(409);
    expect(res.text).toContain('staff portal');
  });
});

describe('POST /links/{token}', () => {
  it('completes the task once, as the staff member the link was sent to', async () => {
    const res = await api.call('POST', `/links/${link()}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('marked as done');
    expect(await api.deps.repository.getTask(TASK)).toMatchObject({
      status: 'DONE',
      completedBy: 'com-1',
      outcome: 'DONE',
    });
    expect(api.deps.workflows.tokens).toHaveLength(1);
    expect((await api.deps.repository.listAuditByCase('case1')).at(-1)).toMatchObject({
      actorId: 'com-1',
      action: 'COMPLETE_TASK',
      route: 'POST /links/{token}',
      result: 'ALLOWED',
    });
  });

  it('refuses a second use: nothing changes, the attempt is audited', async () => {
    await api.call('POST', `/links/${link()}`);
    const before = api.deps.workflows.tokens.length;
    const again = await api.call('POST', `/links/${link()}`);
    expect(again.status).toBe(409);
    expect(again.text).toContain('already been used');
    expect(api.deps.workflows.tokens).toHaveLength(before);
    expect(await refusals()).toEqual([
      expect.objectContaining({ actorId: 'com-1', reason: 'link already used' }),
    ]);
  });

  it('refuses an expired link (410), audited against its staff member', async () => {
    const res = await api.call('POST', `/links/${link({ expiresAt: '2026-01-05T09:59:59Z' })}`);
    expect(res.status).toBe(410);
    expect((await api.deps.repository.getTask(TASK))?.status).toBe('OPEN');
    expect(await refusals()).toEqual([
      expect.objectContaining({ actorId: 'com-1', reason: 'link expired', targetId: TASK }),
    ]);
  });

  it('refuses a tampered link (403), audited as anonymous', async () => {
    const [v, payload, sig] = link().split('.') as [string, string, string];
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        e: '2030-01-01T00:00:00.000Z',
      }),
    ).toString('base64url');
    const res = await api.call('POST', `/links/${v}.${forged}.${sig}`);
    expect(res.status).toBe(403);
    expect((await api.deps.repository.getTask(TASK))?.status).toBe('OPEN');
    expect(await api.deps.repository.listAuditByActor('anonymous')).toEqual([
      expect.objectContaining({
        action: 'USE_LINK',
        result: 'REFUSED',
        reason: 'link not valid',
        route: 'POST /links/{token}',
      }),
    ]);
  });

  it("refuses a link for another staff member's task, and one opened by someone else signed in", async () => {
    const foreign = await api.call('POST', `/links/${link({ linkId: 'link-2', staffId: 'com-2' })}`);
    expect(foreign.status).toBe(403);
    const otherUser = await api.call('POST', `/links/${link({ linkId: 'link-3' })}`, { as: 'com-2' });
    expect(otherUser.status).toBe(403);
    expect((await api.deps.repository.getTask(TASK))?.status).toBe('OPEN');
    expect(await api.deps.repository.getLinkUse('link-3')).toBeUndefined();
    expect((await refusals()).map((r) => r.reason)).toEqual([
      'link of another staff member',
      'link of another staff member',
    ]);
  });

  it('lets the manager who received an escalation use their own link', async () => {
    const res = await api.call('POST', `/links/${link({ staffId: 'spo-1', action: 'TASK_NOT_REQUIRED' })}`);
    expect(res.status).toBe(200);
    expect(await api.deps.repository.getTask(TASK)).toMatchObject({
      status: 'DONE',
      outcome: 'NOT_REQUIRED',
      completedBy: 'spo-1',
    });
  });

  it('says so when the task is no longer open, spending nothing', async () => {
    await api.call('POST', `/tasks/${TASK}/complete`, { as: 'com-1', body: {} });
    const res = await api.call('POST', `/links/${link()}`);
    expect(res.status).toBe(409);
    expect(res.text).toContain('already been completed');
    expect(await api.deps.repository.getLinkUse('link-1')).toBeUndefined();
  });
});
