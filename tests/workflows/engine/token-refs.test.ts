import { describe, expect, it } from 'vitest';
import { makeToken, parseToken } from '#engine/tokens.ts';

describe('task tokens', () => {
  it('name their execution, frame and attempt, whether recently issued or long ago', () => {
    const random = () => 0.5;
    const first = makeToken({ executionArn: 'arn:first', frameId: 3, attempt: 2 }, 1, random);
    // more than the engine keeps at hand: the first token drops out of the recent ones and is decoded instead
    const later = Array.from({ length: 5000 }, (_, i) =>
      makeToken({ executionArn: `arn:${i}`, frameId: i, attempt: 1 }, i + 2, random),
    );
    expect(parseToken(first)).toEqual({ executionArn: 'arn:first', frameId: 3, attempt: 2 });
    expect(parseToken(later[0]!)).toEqual({ executionArn: 'arn:0', frameId: 0, attempt: 1 });
    expect(parseToken(later[4999]!)).toEqual({ executionArn: 'arn:4999', frameId: 4999, attempt: 1 });
    expect(new Set(later).size).toBe(5000);
    expect(parseToken('not-a-token')).toBeUndefined();
  });
});
