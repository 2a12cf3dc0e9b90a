/**
 * The trail of staff actions: audit records (by case in its partition, by actor through GSI1, each kept once)
 * and the single use of each signed link.
 */
import type { AuditRecord, LinkUse } from '#domain/entities.ts';
import { withoutUndefined } from '../item-store.ts';
import { LinkAlreadyUsed, type UseLinkInput } from '../repository.ts';
import {
  actorAuditSortKey,
  actorPartition,
  auditKey,
  casePartition,
  expiryAfter,
  GSI1,
  linkKey,
  requireId,
  timeKey,
} from '../repository-keys.ts';
import { itemOf, notExists, type Table, toRecord } from './records.ts';

export async function putAudit(table: Table, record: AuditRecord): Promise<boolean> {
  requireId(record.auditId, 'auditId');
  requireId(record.actorId, 'actorId');
  if (record.caseId !== undefined) requireId(record.caseId, 'caseId');
  const retention = table.options.auditRetentionDays;
  const item = itemOf(auditKey(record.caseId, record.at, record.auditId), 'AUDIT', record, {
    gsi1pk: actorPartition(record.actorId),
    gsi1sk: actorAuditSortKey(record.at, record.auditId),
    expiresAt: retention === undefined ? undefined : expiryAfter(record.at, retention, 'at'),
  });
  return (await table.store.put(item, notExists)).ok;
}

export async function listAuditByCase(table: Table, caseId: string): Promise<AuditRecord[]> {
  const partition = casePartition(requireId(caseId, 'caseId'));
  const items = await table.store.query({ partition, beginsWith: 'AUDIT#' });
  return items.map((item) => toRecord<AuditRecord>(item));
}

export async function listAuditByActor(table: Table, actorId: string): Promise<AuditRecord[]> {
  const partition = actorPartition(requireId(actorId, 'actorId'));
  const items = await table.store.query({ index: GSI1, partition, beginsWith: 'AUDIT#' });
  return items.map((item) => toRecord<AuditRecord>(item));
}

export async function useLink(
  table: Table,
  linkId: string,
  now: string,
  input: UseLinkInput = {},
): Promise<LinkUse> {
  requireId(linkId, 'linkId');
  const usedAt = now;
  const nowKey = timeKey(now, 'now');
  let expiresAt: number | undefined;
  if (input.linkExpiresAt !== undefined) {
    // keep the use at least a day past the link's own expiry, so an expired TTL never makes a link usable again
    const until = Date.parse(timeKey(input.linkExpiresAt, 'linkExpiresAt'));
    expiresAt = expiryAfter(new Date(Math.max(until, Date.parse(nowKey))).toISOString(), 1, 'linkExpiresAt');
  }
  const record: LinkUse = withoutUndefined({
    linkId,
    usedAt,
    staffId: input.staffId,
    taskId: input.taskId,
  });
  const written = await table.store.put(itemOf(linkKey(linkId), 'LINK', record, { expiresAt }), notExists);
  if (written.ok) return record;
  throw new LinkAlreadyUsed(linkId, written.existing?.usedAt ?? 'unknown');
}

export async function getLinkUse(table: Table, linkId: string): Promise<LinkUse | undefined> {
  const item = await table.store.get(linkKey(requireId(linkId, 'linkId')));
  return item ? toRecord<LinkUse>(item) : undefined;
}
