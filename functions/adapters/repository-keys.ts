/**
 * The single-table key design, in one place (docs/data-model.md explains it).
 *
 *   entity        pk                     sk                          GSI1 (gsi1pk / gsi1sk)                GSI2 (gsi2pk / gsi2sk)
 *   Case          CASE#<caseId>          CASE                        OFFICER#<staffId> / CASE#<release>#<id> CRN#<crn> / CASE#<createdAt>#<caseId>
 *                                                                    (open cases only)
 *   CRN claim     CRN#<crn>              CLAIM
 *   Staff         STAFF#<staffId>        STAFF                       ROLE#<role> / STAFF#<staffId>
 *   Task          TASK#<taskId>          TASK                        ASSIGNEE#<staffId> / DUE#<dueAt>#<id>  CASE#<caseId> / TASK#<status>#<taskId>
 *                                                                    (open tasks only)
 *   Appointment   CASE#<caseId>          APPT#<appointmentId>
 *   Audit         CASE#<caseId>          AUDIT#<at>#<auditId>        ACTOR#<actorId> / AUDIT#<at>#<auditId>
 *                 (or AUDIT#<auditId>    AUDIT when no case)
 *   Execution     CASE#<caseId>          EXEC#<name>
 *   Outbox        OUTBOX#<key>           OUTBOX                                                             CASE#<caseId> / OUTBOX#<createdAt>#<key>
 *   Link use      LINK#<linkId>          LINK
 *
 * Timestamps in keys are normalised to `toISOString()` (UTC, milliseconds) so that string order is time order.
 */
import { isIsoKeyForm } from '#domain/epoch-days.ts';
import { InvalidRepositoryArgument } from './repository.ts';

export const GSI1 = 'GSI1';
export const GSI2 = 'GSI2';

export const caseKey = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' });
export const crnClaimKey = (crn: string) => ({ pk: `CRN#${crn}`, sk: 'CLAIM' });
export const staffKey = (staffId: string) => ({ pk: `STAFF#${staffId}`, sk: 'STAFF' });
export const taskKey = (taskId: string) => ({ pk: `TASK#${taskId}`, sk: 'TASK' });
export const appointmentKey = (caseId: string, appointmentId: string) => ({
  pk: `CASE#${caseId}`,
  sk: `APPT#${appointmentId}`,
});
export const executionKey = (caseId: string, name: string) => ({ pk: `CASE#${caseId}`, sk: `EXEC#${name}` });
export const outboxItemKey = (key: string) => ({ pk: `OUTBOX#${key}`, sk: 'OUTBOX' });
export const linkKey = (linkId: string) => ({ pk: `LINK#${linkId}`, sk: 'LINK' });
export const auditKey = (caseId: string | undefined, at: string, auditId: string) =>
  caseId === undefined
    ? { pk: `AUDIT#${auditId}`, sk: 'AUDIT' }
    : { pk: `CASE#${caseId}`, sk: `AUDIT#${timeKey(at, 'at')}#${auditId}` };

export const casePartition = (caseId: string) => `CASE#${caseId}`;
export const officerCaseloadPartition = (staffId: string) => `OFFICER#${staffId}`;
export const crnHistoryPartition = (crn: string) => `CRN#${crn}`;
export const rolePartition = (role: string) => `ROLE#${role}`;
export const assigneePartition = (staffId: string) => `ASSIGNEE#${staffId}`;
export const actorPartition = (actorId: string) => `ACTOR#${actorId}`;

export const caseloadSortKey = (releaseDate: string, caseId: string) => `CASE#${releaseDate}#${caseId}`;
export const crnHistorySortKey = (createdAt: string, caseId: string) =>
  `CASE#${timeKey(createdAt, 'createdAt')}#${caseId}`;
export const assigneeSortKey = (dueAt: string, taskId: string) => `DUE#${timeKey(dueAt, 'dueAt')}#${taskId}`;
export const caseTaskSortKey = (status: string, taskId: string) => `TASK#${status}#${taskId}`;
export const caseOutboxSortKey = (createdAt: string, key: string) =>
  `OUTBOX#${timeKey(createdAt, 'createdAt')}#${key}`;
export const actorAuditSortKey = (at: string, auditId: string) => `AUDIT#${timeKey(at, 'at')}#${auditId}`;

/** normalised timestamps, remembered: the same instants recur across a journey's writes and sorts */
const timeKeys = new Map<string, string>();
const TIME_KEYS_KEPT = 10_000;
/** the last one asked for: most calls ask for the same instant as the call before (a write's keys share its time) */
let lastValue: string | undefined;
let lastKey = '';

/** An ISO timestamp as it sorts in keys (UTC, milliseconds). Parsing is not reading the clock. */
export function timeKey(value: string, field: string): string {
  if (value === lastValue && lastValue !== undefined) return lastKey;
  if (typeof value === 'string' && isIsoKeyForm(value)) {
    lastValue = value;
    lastKey = value;
    return value;
  }
  const known = typeof value === 'string' ? timeKeys.get(value) : undefined;
  if (known !== undefined) {
    lastValue = value;
    lastKey = known;
    return known;
  }
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw new InvalidRepositoryArgument(field, `not an ISO 8601 timestamp: ${String(value)}`);
  const key = new Date(ms).toISOString();
  if (timeKeys.size >= TIME_KEYS_KEPT) timeKeys.clear();
  timeKeys.set(value, key);
  lastValue = value;
  lastKey = key;
  return key;
}

/** Epoch seconds `days` after an ISO timestamp, for the TTL attribute. */
export function expiryAfter(at: string, days: number, field: string): number {
  return Math.floor(Date.parse(timeKey(at, field)) / 1000) + Math.round(days * 86_400);
}

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function requireDay(value: string, field: string): string {
  if (typeof value !== 'string' || !CALENDAR_DAY.test(value)) {
    throw new InvalidRepositoryArgument(field, 'not a calendar day (YYYY-MM-DD)');
  }
  return value;
}

export function requireId(value: string, field: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 512) {
    throw new InvalidRepositoryArgument(field, 'must be a non-empty string of at most 512 characters');
  }
  return value;
}
