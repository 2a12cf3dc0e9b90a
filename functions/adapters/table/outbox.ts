/**
 * The outbox: a notification is claimed (written PENDING under its deterministic key) before it is sent, so it
 * is never sent twice; then SENT (without its address and text), or FAILED and retried. A case's outbox is listed
 * through GSI2.
 */
import type { NewOutboxRecord, OutboxRecord } from '#domain/entities.ts';
import type { Condition, Update } from '../item-store.ts';
import { OutboxNotFound, OutboxNotPending } from '../repository.ts';
import {
  caseOutboxSortKey,
  casePartition,
  expiryAfter,
  GSI2,
  outboxItemKey,
  requireId,
  timeKey,
} from '../repository-keys.ts';
import { itemOf, notExists, type Table, toRecord } from './records.ts';

/** the write conditions, built once (they are only read) */
const pendingOrFailed: Condition = {
  or: [{ equals: ['status', 'PENDING'] }, { equals: ['status', 'FAILED'] }],
};
const pending: Condition = { equals: ['status', 'PENDING'] };
const failed: Condition = { equals: ['status', 'FAILED'] };

/**
 * What a record keeps once sent: the address and the text go (they were needed only to send; a resend renders
 * afresh), so personal data stays in the table no longer than it is used. What was sent, to whom (a staff id), when
 * and as which message stay for the case view and the reports.
 */
const SENT_DROPS: readonly string[] = ['to', 'subject', 'body'];
const sent = (messageId: string, sentAt: string): Update => ({
  set: { status: 'SENT', messageId, sentAt },
  remove: SENT_DROPS,
});

export async function claimOutbox(table: Table, record: NewOutboxRecord): Promise<boolean> {
  requireId(record.key, 'key');
  requireId(record.caseId, 'caseId');
  const retention = table.options.outboxRetentionDays;
  const item = itemOf(outboxItemKey(record.key), 'OUTBOX', record, {
    status: 'PENDING',
    attempts: 1,
    gsi2pk: casePartition(record.caseId),
    gsi2sk: caseOutboxSortKey(record.createdAt, record.key),
    expiresAt: retention === undefined ? undefined : expiryAfter(record.createdAt, retention, 'createdAt'),
  });
  return (await table.store.put(item, notExists)).ok;
}

export async function markOutboxSent(
  table: Table,
  key: string,
  messageId: string,
  sentAt: string,
): Promise<OutboxRecord> {
  requireId(key, 'key');
  timeKey(sentAt, 'sentAt');
  const written = await table.store.update(outboxItemKey(key), sent(messageId, sentAt), pendingOrFailed);
  if (written.ok) return toRecord<OutboxRecord>(written.item);
  if (!written.existing) throw new OutboxNotFound(key);
  throw new OutboxNotPending(key, written.existing.status);
}

export async function markOutboxFailed(
  table: Table,
  key: string,
  error: string,
  failedAt: string,
): Promise<OutboxRecord> {
  requireId(key, 'key');
  timeKey(failedAt, 'failedAt');
  const written = await table.store.update(
    outboxItemKey(key),
    { set: { status: 'FAILED', error, failedAt } },
    pending,
  );
  if (written.ok) return toRecord<OutboxRecord>(written.item);
  if (!written.existing) throw new OutboxNotFound(key);
  throw new OutboxNotPending(key, written.existing.status);
}

export async function retryOutbox(table: Table, key: string, now: string): Promise<boolean> {
  requireId(key, 'key');
  timeKey(now, 'now');
  const written = await table.store.update(
    outboxItemKey(key),
    { set: { status: 'PENDING' }, add: { attempts: 1 } },
    failed,
  );
  if (!written.ok && !written.existing) throw new OutboxNotFound(key);
  return written.ok;
}

export async function getOutbox(table: Table, key: string): Promise<OutboxRecord | undefined> {
  const item = await table.store.get(outboxItemKey(requireId(key, 'key')));
  return item ? toRecord<OutboxRecord>(item) : undefined;
}

export async function listOutboxByCase(table: Table, caseId: string): Promise<OutboxRecord[]> {
  const partition = casePartition(requireId(caseId, 'caseId'));
  const items = await table.store.query({ index: GSI2, partition, beginsWith: 'OUTBOX#' });
  return items.map((item) => toRecord<OutboxRecord>(item));
}
