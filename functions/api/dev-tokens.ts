/**
 * Development bearer tokens, for the local runtime only: `dev.<staffId base64url>.<HMAC-SHA256>` under a key derived
 * from the local link key (a different purpose, so a link token never passes as a bearer token or back). The local
 * server verifies the token and puts the same claims into the event as the Cognito JWT authorizer does in the cloud
 * (`custom:staffId` and `sub`), so the handler code is the same. In the cloud `LINK_KEY` is never set, so no dev token
 * is ever minted there, and API Gateway's JWT authorizer is the only way in.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { LinkKey } from './links.ts';

const PREFIX = 'dev';
const STAFF_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The dev-token key derived from the local link key. */
export function devTokenKey(linkKey: LinkKey): Buffer {
  return createHmac('sha256', linkKey).update('resettle staff api development bearer token v1').digest();
}

function signature(key: LinkKey, encodedStaffId: string): Buffer {
  return createHmac('sha256', key).update(`${PREFIX}.${encodedStaffId}`).digest();
}

export function signDevToken(key: LinkKey, staffId: string): string {
  if (!STAFF_ID.test(staffId)) throw new Error('signDevToken: not a staff id');
  const encoded = Buffer.from(staffId).toString('base64url');
  return `${PREFIX}.${encoded}.${signature(key, encoded).toString('base64url')}`;
}

/** The staff id a dev token was minted for, or undefined when it is not one of ours. */
export function verifyDevToken(key: LinkKey, token: string): string | undefined {
  if (typeof token !== 'string' || token.length > 300) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) return undefined;
  const [, encoded, sig] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]+$/.test(encoded) || !/^[A-Za-z0-9_-]+$/.test(sig)) return undefined;
  const expected = signature(key, encoded);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const staffId = Buffer.from(encoded, 'base64url').toString('utf8');
  return STAFF_ID.test(staffId) ? staffId : undefined;
}

/** The claims the JWT authorizer would put in `requestContext.authorizer.jwt.claims`. */
export function claimsFor(staffId: string): Record<string, string> {
  return { sub: staffId, 'custom:staffId': staffId, token_use: 'access' };
}
