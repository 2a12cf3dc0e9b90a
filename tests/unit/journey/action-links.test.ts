import { describe, expect, it } from 'vitest';
import { verifyLink } from '#functions/api/links.ts';
import { journeyDepsFromEnv } from '#handlers/aws-deps.ts';

const KEY = 'a-local-link-signing-key-of-32-bytes!';
const env = { TABLE_NAME: 'resettle-test', STAFF_PORTAL_URL: 'http://127.0.0.1:3000/' };

describe('action links in notices', () => {
  it('signs a link for the recipient and the task, valid from the notice time for 72 hours', () => {
    const deps = journeyDepsFromEnv(env, KEY);
    const url = deps.taskLink?.('task-1', 'com-1', 'PROMPT', '2027-01-04T09:00:00.000Z');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/links\/v1\./);
    const token = url!.slice(url!.indexOf('/links/') + '/links/'.length);
    const verified = verifyLink(KEY, token, '2027-01-06T09:00:00.000Z');
    expect(verified).toMatchObject({ ok: true, claims: { taskId: 'task-1', staffId: 'com-1' } });
    expect(verifyLink(KEY, token, '2027-01-07T09:00:01.000Z')).toMatchObject({ ok: false });
    expect(
      verifyLink('another-key-another-key-another-key', token, '2027-01-05T09:00:00.000Z'),
    ).toMatchObject({
      ok: false,
    });
  });

  it('falls back to the portal task page without a signing key', () => {
    expect(journeyDepsFromEnv(env, undefined).taskLink).toBeUndefined();
  });
});
