/** Task tokens: opaque to callers, but they name their execution, frame and attempt, so no lookup table is needed. */
export interface TokenRef {
  executionArn: string;
  frameId: number;
  attempt: number;
}

/**
 * The references of the tokens issued last, so a token coming back (SendTaskSuccess and the like) is not decoded
 * again; older tokens (or ones issued before a restart) are decoded as before.
 */
const issued = new Map<string, TokenRef>();
const ISSUED_KEPT = 4096;
/**
 * The tokens in `issued` in the order issued, as a ring (`oldest` is the next to go once it is full): finding a
 * Map's first key instead skips every entry deleted before it until the Map is next rebuilt.
 */
const order: string[] = [];
let oldest = 0;

export function makeToken(ref: TokenRef, seq: number, random: () => number): string {
  const nonce = Math.floor(random() * 0x7fffffff).toString(36);
  const token = Buffer.from(
    JSON.stringify([ref.executionArn, ref.frameId, ref.attempt, seq, nonce]),
    'utf8',
  ).toString('base64url');
  if (order.length < ISSUED_KEPT) order.push(token);
  else {
    issued.delete(order[oldest]!);
    order[oldest] = token;
    oldest = (oldest + 1) % ISSUED_KEPT;
  }
  issued.set(token, { executionArn: ref.executionArn, frameId: ref.frameId, attempt: ref.attempt });
  return token;
}

/** The token's reference, or undefined when it is not a token this engine issued. */
export function parseToken(token: string): TokenRef | undefined {
  const known = issued.get(token);
  if (known !== undefined) return { ...known };
  if (
    typeof token !== 'string' ||
    token.length === 0 ||
    token.length > 2048 ||
    !/^[A-Za-z0-9_-]+$/.test(token)
  )
    return undefined;
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(v) || typeof v[0] !== 'string' || !Number.isInteger(v[1]) || !Number.isInteger(v[2]))
      return undefined;
    return { executionArn: v[0], frameId: v[1], attempt: v[2] };
  } catch {
    return undefined;
  }
}
