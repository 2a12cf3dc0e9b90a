/**
 * Task tokens: opaque to callers, but they name their execution, frame and attempt, so no lookup table is needed:
 * `<execution ARN, base64url>.<frame>.<attempt>.<sequence>.<nonce>`, the numbers in base 36. A token is only ever
 * honoured when it is the one its frame's task holds, so the nonce and sequence make it unguessable and unique.
 *
 * Built by joining strings, not by encoding a JSON array: making a token was the engine's costliest function, and
 * reading one back is a split and one decode. Tokens of the earlier form (base64url of the JSON array), which a
 * local stack's store may still hold, are read as before.
 */
export interface TokenRef {
  executionArn: string;
  frameId: number;
  attempt: number;
}

export function makeToken(ref: TokenRef, seq: number, random: () => number): string {
  const nonce = Math.floor(random() * 0x7fffffff).toString(36);
  const arn = Buffer.from(ref.executionArn, 'utf8').toString('base64url');
  return `${arn}.${ref.frameId.toString(36)}.${ref.attempt.toString(36)}.${seq.toString(36)}.${nonce}`;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const BASE36 = /^[0-9a-z]+$/;

/** The token's reference, or undefined when it is not a token this engine issued. */
export function parseToken(token: string): TokenRef | undefined {
  if (typeof token !== 'string' || token.length === 0 || token.length > 2048) return undefined;
  if (!token.includes('.')) return parseJsonToken(token);
  const parts = token.split('.');
  if (parts.length !== 5 || !BASE64URL.test(parts[0]!)) return undefined;
  for (let i = 1; i < 5; i++) if (!BASE36.test(parts[i]!)) return undefined;
  return {
    executionArn: Buffer.from(parts[0]!, 'base64url').toString('utf8'),
    frameId: Number.parseInt(parts[1]!, 36),
    attempt: Number.parseInt(parts[2]!, 36),
  };
}

/** A token of the earlier form: base64url of `[executionArn, frameId, attempt, seq, nonce]`. */
function parseJsonToken(token: string): TokenRef | undefined {
  if (!BASE64URL.test(token)) return undefined;
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(v) || typeof v[0] !== 'string' || !Number.isInteger(v[1]) || !Number.isInteger(v[2]))
      return undefined;
    return { executionArn: v[0], frameId: v[1], attempt: v[2] };
  } catch {
    return undefined;
  }
}
