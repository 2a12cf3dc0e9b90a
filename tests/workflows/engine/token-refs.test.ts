import { describe, expect, it } from 'vitest';
import { makeToken, parseToken } from '#engine/tokens.ts';

describe('task tokens', () => {
  const random = () => 0.5;
  const arn =
    'arn:aws:states:eu-west-2:000000000000:execution:resettle-StaffTask:case1-task-pre-release-assessment';

  it('name their execution, frame and attempt', () => {
    const token = makeToken({ executionArn: arn, frameId: 37, attempt: 2 }, 1, random);
    expect(parseToken(token)).toEqual({ executionArn: arn, frameId: 37, attempt: 2 });
    const many = Array.from({ length: 5000 }, (_, i) =>
      makeToken({ executionArn: `arn:${i}`, frameId: i, attempt: 1 }, i + 2, random),
    );
    expect(parseToken(many[4999]!)).toEqual({ executionArn: 'arn:4999', frameId: 4999, attempt: 1 });
    expect(new Set(many).size).toBe(5000);
  });

  it('differ for each task of the same frame and attempt (the sequence), and are URL-safe', () => {
    const ref = { executionArn: arn, frameId: 3, attempt: 1 };
    const a = makeToken(ref, 1, random);
    const b = makeToken(ref, 2, random);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_.-]+$/);
  });

  it('still read the earlier form, base64url of a JSON array (a local stack may have stored some)', () => {
    const earlier = Buffer.from(JSON.stringify([arn, 5, 3, 9, 'x1']), 'utf8').toString('base64url');
    expect(parseToken(earlier)).toEqual({ executionArn: arn, frameId: 5, attempt: 3 });
  });

  it('are not made up from anything else', () => {
    for (const bad of ['', 'not-a-token', 'a.b', 'YQ.1.1.1', 'YQ.1.1.1.x!', 'Y$Q.1.1.1.x', 'x'.repeat(2049)])
      expect(parseToken(bad)).toBeUndefined();
  });
});
