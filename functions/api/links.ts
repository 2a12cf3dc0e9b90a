/**
 * Signed action links for staff emails: `signLink` makes a token, `verifyLink` checks it. A token is
 *
 *   v1.<payload>.<signature>
 *
 * with `payload` the base64url JSON `{ l: linkId, t: taskId, s: staffId, a: action, e: expiresAt }` and `signature`
 * the base64url HMAC-SHA256 of `v1.<payload>` under the link-signing key. Ids only: no personal data, no task token.
 * Verification is pure (no clock, no storage): single use is the repository's `useLink(linkId)`, done by the
 * `POST /links/{token}` route. The key is Secrets Manager's `LINK_KEY_SECRET_ARN` in the cloud (fetched once per
 * container) or `LINK_KEY` locally (`loadLinkKey`).
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** What a link may do. Each completes the task with an outcome; tasks that need answers are done in the portal. */
export const LINK_ACTIONS = ['COMPLETE_TASK', 'TASK_NOT_REQUIRED'] as const;
export type LinkAction = (typeof LINK_ACTIONS)[number];

export type LinkKey = string | Uint8Array;

export interface LinkClaims {
  /** random; the single-use record's key */
  readonly linkId: string;
  readonly taskId: string;
  /** the staff member the link was sent to */
  readonly staffId: string;
  readonly action: LinkAction;
  /** ISO 8601 instant */
  readonly expiresAt: string;
}

export type LinkProblem = 'MALFORMED' | 'BAD_SIGNATURE' | 'EXPIRED';

export type LinkVerification =
  | { readonly ok: true; readonly claims: LinkClaims }
  /** `claims` is present when the signature holds (an expired link), so the refusal can be audited against them */
  | { readonly ok: false; readonly problem: LinkProblem; readonly claims?: LinkClaims };

const VERSION = 'v1';
/** Longer tokens are refused unread. */
export const MAX_TOKEN_LENGTH = 1024;
const ID = /^[A-Za-z0-9_-]{1,100}$/;

function hmac(key: LinkKey, text: string): Buffer {
  return createHmac('sha256', key).update(text).digest();
}

function validClaims(value: unknown): value is { l: string; t: string; s: string; a: string; e: string } {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.l === 'string' &&
    ID.test(v.l) &&
    typeof v.t === 'string' &&
    ID.test(v.t) &&
    typeof v.s === 'string' &&
    ID.test(v.s) &&
    typeof v.a === 'string' &&
    (LINK_ACTIONS as readonly string[]).includes(v.a) &&
    typeof v.e === 'string' &&
    !Number.isNaN(Date.parse(v.e))
  );
}

/** A signed token for one action on one task by one staff member, valid until `expiresAt`. */
export function signLink(
  key: LinkKey,
  link: Omit<LinkClaims, 'linkId'> & { readonly linkId?: string },
): string {
  const claims = {
    l: link.linkId ?? randomUUID(),
    t: link.taskId,
    s: link.staffId,
    a: link.action,
    e: new Date(Date.parse(link.expiresAt)).toISOString(),
  };
  if (!validClaims(claims))
    throw new Error('signLink: ids must be 1-100 of [A-Za-z0-9_-], a known action, a time');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signed = `${VERSION}.${payload}`;
  return `${signed}.${hmac(key, signed).toString('base64url')}`;
}

/** Checks format, signature (timing-safe) and expiry at `now`. Never throws on a bad token. */
export function verifyLink(key: LinkKey, token: string, now: string | number): LinkVerification {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH)
    return { ok: false, problem: 'MALFORMED' };
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION) return { ok: false, problem: 'MALFORMED' };
  const [version, payload, signature] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]+$/.test(payload) || !/^[A-Za-z0-9_-]+$/.test(signature))
    return { ok: false, problem: 'MALFORMED' };
  const expected = hmac(key, `${version}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, problem: 'BAD_SIGNATURE' };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, problem: 'MALFORMED' };
  }
  if (!validClaims(decoded)) return { ok: false, problem: 'MALFORMED' };
  const claims: LinkClaims = {
    linkId: decoded.l,
    taskId: decoded.t,
    staffId: decoded.s,
    action: decoded.a as LinkAction,
    expiresAt: decoded.e,
  };
  const nowMs = typeof now === 'number' ? now : Date.parse(now);
  if (!(nowMs < Date.parse(claims.expiresAt))) return { ok: false, problem: 'EXPIRED', claims };
  return { ok: true, claims };
}

/** The URL of a link's page on the staff API, e.g. `https://api.example/links/v1.xxx.yyy`. */
export function linkUrl(apiBaseUrl: string, token: string): string {
  return `${apiBaseUrl.replace(/\/+$/, '')}/links/${token}`;
}

/** How long an emailed action link stays valid by default. */
export const DEFAULT_LINK_TTL_HOURS = 72;

/**
 * The address of a signed action link for a notice: valid `ttlHours` from `now` (the time the notice is made, from
 * the event, never the wall clock). For notification templates: `deps.taskLink` can be built on this.
 */
export function actionLinkUrl(
  key: LinkKey,
  apiBaseUrl: string,
  link: {
    readonly taskId: string;
    readonly staffId: string;
    readonly now: string;
    readonly action?: LinkAction;
    readonly ttlHours?: number;
  },
): string {
  const expiresAt = new Date(Date.parse(link.now) + (link.ttlHours ?? DEFAULT_LINK_TTL_HOURS) * 3_600_000);
  return linkUrl(
    apiBaseUrl,
    signLink(key, {
      taskId: link.taskId,
      staffId: link.staffId,
      action: link.action ?? 'COMPLETE_TASK',
      expiresAt: expiresAt.toISOString(),
    }),
  );
}

let cached: { source: string; key: Promise<LinkKey> } | undefined;
/** The container's Secrets Manager client, made on the first fetch (never where `LINK_KEY` is set). */
let secretsClient: Pick<SecretsManagerClient, 'send'> | undefined;

/**
 * The link-signing key: `LINK_KEY` (local) or the secret `LINK_KEY_SECRET_ARN` (cloud, fetched once per container and
 * kept). Throws when neither is set: links cannot be made or checked without it. The SDK client is loaded and made
 * only to fetch the secret: not on every call, and not at all locally.
 */
export function loadLinkKey(
  env: Record<string, string | undefined> = process.env,
  secrets?: Pick<SecretsManagerClient, 'send'>,
): Promise<LinkKey> {
  if (env.LINK_KEY) return Promise.resolve(env.LINK_KEY);
  const arn = env.LINK_KEY_SECRET_ARN;
  if (!arn) return Promise.reject(new Error('neither LINK_KEY nor LINK_KEY_SECRET_ARN is set'));
  if (cached?.source === arn) return cached.key;
  const key = fetchSecret(arn, secrets);
  cached = { source: arn, key };
  // a failed fetch is not kept: the next request tries again
  key.catch(() => {
    if (cached?.key === key) cached = undefined;
  });
  return key;
}

async function fetchSecret(arn: string, secrets: Pick<SecretsManagerClient, 'send'> | undefined) {
  const sdk = await import('@aws-sdk/client-secrets-manager');
  let client = secrets;
  if (!client) {
    secretsClient ??= new sdk.SecretsManagerClient({});
    client = secretsClient;
  }
  const out = await client.send(new sdk.GetSecretValueCommand({ SecretId: arn }));
  if (!out.SecretString) throw new Error('the link-signing secret has no string value');
  return out.SecretString as LinkKey;
}
