/** The phase executions of a journey, in its case's partition: recorded once, then their final status. */
import type { ExecutionRecord, ExecutionStatus } from '#domain/entities.ts';
import { withoutUndefined } from '../item-store.ts';
import { ExecutionNotFound } from '../repository.ts';
import { casePartition, executionKey, requireId, timeKey } from '../repository-keys.ts';
import { exists, itemOf, notExists, sortBy, type Table, toRecord } from './records.ts';

export async function putExecution(table: Table, record: ExecutionRecord): Promise<boolean> {
  requireId(record.caseId, 'caseId');
  requireId(record.name, 'name');
  timeKey(record.startedAt, 'startedAt');
  const item = itemOf(executionKey(record.caseId, record.name), 'EXECUTION', record);
  return (await table.store.put(item, notExists)).ok;
}

export async function updateExecutionStatus(
  table: Table,
  caseId: string,
  name: string,
  status: ExecutionStatus,
  stoppedAt?: string,
): Promise<ExecutionRecord> {
  requireId(caseId, 'caseId');
  requireId(name, 'name');
  if (stoppedAt !== undefined) timeKey(stoppedAt, 'stoppedAt');
  const written = await table.store.update(
    executionKey(caseId, name),
    { set: withoutUndefined({ status, stoppedAt }) },
    exists,
  );
  if (!written.ok) throw new ExecutionNotFound(name);
  return toRecord<ExecutionRecord>(written.item);
}

export async function listExecutionsByCase(table: Table, caseId: string): Promise<ExecutionRecord[]> {
  const partition = casePartition(requireId(caseId, 'caseId'));
  const items = await table.store.query({ partition, beginsWith: 'EXEC#' });
  return sortBy(
    items.map((item) => toRecord<ExecutionRecord>(item)),
    (record) => timeKey(record.startedAt, 'startedAt'),
    (record) => record.n,
  );
}
