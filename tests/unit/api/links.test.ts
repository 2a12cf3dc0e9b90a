import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { devTokenKey, signDevToken, verifyDevToken } from '#functions/api/dev-tokens.ts';
import { actionLinkUrl, linkUrl, loadLinkKey, signLink, verifyLink } from '#functions/api/links.ts';

const KEY = 'link-key-for-tests';
const link = {
  taskId: 'case1-task-x',
  staffId: 'com-1',
  action: 'COMPLETE_TASK',
  expiresAt: '2026-01-06T10:00:00Z',
} as const;

function flip(text: string, at: number): string {
  const c = text[at] === 'A' ? 'B' : 'A';
  return text.slice(0, at) + c + text.slice(at + 1);
}

describe('signed links', () => {
  it('carries a link id, task, staff member, action and expiry, and verifies before expiry', () => {
    const token = signLink(KEY, { ...link, linkId: 'link-1' });
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyLink(KEY, token, '2026-01-06T09:59:59Z')).toEqual({
      ok: true,
      claims: {
        linkId: 'link-1',
        taskId: 'case1-task-x',
        staffId: 'com-1',
        action: 'COMPLETE_TASK',
        expiresAt: '2026-01-06T10:00:00.000Z',
      },
    });
  });

  it('gives every link its own id unless one is given', () => {
    const a = verifyLink(KEY, signLink(KEY, link), 0);
    const b = verifyLink(KEY, signLink(KEY, link), 0);
    expect(a.ok && b.ok && a.claims.linkId !== b.claims.linkId).toBe(true);
  });

  it('refuses a link at and after its expiry, still telling whose it was', () => {
    const token = signLink(KEY, link);
    const at = verifyLink(KEY, token, Date.parse(link.expiresAt));
    expect(at).toMatchObject({
      ok: false,
      problem: 'EXPIRED',
      claims: { staffId: 'com-1', taskId: 'case1-task-x' },
    });
  });

  it('refuses a tampered payload, a tampered signature and another key', () => {
    const token = signLink(KEY, link);
    const [v, payload, sig] = token.split('.') as [string, string, string];
    const other = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), s: 'com-2' }),
    ).toString('base64url');
    expect(verifyLink(KEY, `${v}.${other}.${sig}`, 0)).toEqual({ ok: false, problem: 'BAD_SIGNATURE' });
    expect(verifyLink(KEY, `${v}.${payload}.${flip(sig, 3)}`, 0)).toEqual({
      ok: false,
      problem: 'BAD_SIGNATURE',
    });
    expect(verifyLink('another key', token, 0)).toEqual({ ok: false, problem: 'BAD_SIGNATURE' });
  });

  it('refuses malformed tokens without throwing', () => {
    for (const bad of ['', 'v1', 'v1..', 'v2.a.b', 'v1.a.b.c', 'v1.!!.sig', 'x'.repeat(2000), 'dev.abc.def'])
      expect(verifyLink(KEY, bad, 0).ok).toBe(false);
  });

  it('refuses to sign ids that could break the format', () => {
    expect(() => signLink(KEY, { ...link, taskId: 'a.b' })).toThrow();
    expect(() => signLink(KEY, { ...link, action: 'DELETE' as never })).toThrow();
  });

  it('makes an action link address valid for 72 hours from the notice time', () => {
    const url = actionLinkUrl(KEY, 'https://api.example', {
      taskId: 't1',
      staffId: 'com-1',
      now: '2026-01-05T10:00:00Z',
    });
    const token = url.replace('https://api.example/links/', '');
    expect(verifyLink(KEY, token, '2026-01-08T09:59:59Z')).toMatchObject({
      ok: true,
      claims: { taskId: 't1', action: 'COMPLETE_TASK' },
    });
    expect(verifyLink(KEY, token, '2026-01-08T10:00:00Z')).toMatchObject({ ok: false, problem: 'EXPIRED' });
  });

  it('builds the link page address on the API', () => {
    expect(linkUrl('https://api.example/', 'v1.a.b')).toBe('https://api.example/links/v1.a.b');
  });
});

describe('link key', () => {
  it('comes from LINK_KEY locally', async () => {
    await expect(loadLinkKey({ LINK_KEY: 'local' })).resolves.toBe('local');
  });

  it('comes from Secrets Manager in the cloud, fetched once per container', async () => {
    let calls = 0;
    const secrets = {
      send: async (command: unknown) => {
        calls += 1;
        expect(command).toBeInstanceOf(GetSecretValueCommand);
        return { SecretString: 'from-secret' };
      },
    } as never;
    const env = { LINK_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-2:1:secret:k-cached' };
    await expect(loadLinkKey(env, secrets)).resolves.toBe('from-secret');
    await expect(loadLinkKey(env, secrets)).resolves.toBe('from-secret');
    expect(calls).toBe(1);
  });

  it('does not keep a failed fetch', async () => {
    let calls = 0;
    const secrets = {
      send: async () => {
        calls += 1;
        if (calls === 1) throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
        return { SecretString: 'second' };
      },
    } as never;
    const env = { LINK_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-2:1:secret:k-retry' };
    await expect(loadLinkKey(env, secrets)).rejects.toThrow('throttled');
    await expect(loadLinkKey(env, secrets)).resolves.toBe('second');
  });

  it('fails clearly with no key configured', async () => {
    await expect(loadLinkKey({})).rejects.toThrow(/LINK_KEY/);
  });
});

describe('development bearer tokens', () => {
  const key = devTokenKey(KEY);

  it('name the staff member they were minted for', () => {
    expect(verifyDevToken(key, signDevToken(key, 'admin-1'))).toBe('admin-1');
  });

  it('are refused when tampered with or made with the link key itself', () => {
    const token = signDevToken(key, 'com-1');
    const [p, , sig] = token.split('.') as [string, string, string];
    expect(
      verifyDevToken(key, `${p}.${Buffer.from('admin-1').toString('base64url')}.${sig}`),
    ).toBeUndefined();
    expect(verifyDevToken(key, signDevToken(KEY, 'com-1'))).toBeUndefined();
    expect(verifyDevToken(key, signLink(KEY, link))).toBeUndefined();
  });
});
