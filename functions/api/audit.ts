/**
 * The staff API's audit trail: every change and every refused attempt, with who, what, when and which route (the
 * route template, never the raw path, so no token or id from the URL leaks into it). Reasons are fixed phrases:
 * never personal data or text from the request.
 */
import type { AuditRecord, AuditResult } from '#domain/entities.ts';
import type { ApiContext } from './context.ts';

/** The actor of an attempt nobody could be identified for (a tampered link). */
export const ANONYMOUS_ACTOR = 'anonymous';

export interface AuditEntry {
  readonly actorId: string;
  readonly action: string;
  readonly route: string;
  readonly result: AuditResult;
  readonly reason?: string;
  readonly caseId?: string;
  readonly targetId?: string;
}

export async function audit(ctx: ApiContext, entry: AuditEntry, now: string): Promise<void> {
  const record: AuditRecord = {
    auditId: ctx.deps.newId(),
    actorId: entry.actorId,
    action: entry.action,
    route: entry.route,
    result: entry.result,
    at: now,
    ...(entry.reason ? { reason: entry.reason } : {}),
    ...(entry.caseId ? { caseId: entry.caseId } : {}),
    ...(entry.targetId ? { targetId: entry.targetId } : {}),
  };
  await ctx.deps.repository.putAudit(record);
}
