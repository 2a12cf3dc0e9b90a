/**
 * Staff tasks, each in its own partition (the staff API holds only a task id): OPEN until completed or
 * cancelled, on the assignee's due list (GSI1, open only) and the case's task list (GSI2, by status).
 */
import type { Task } from '#domain/entities.ts';
import { type Condition, type Item, type Update, withoutUndefined } from '../item-store.ts';
import {
  type CompleteTaskInput,
  type CreateResult,
  InvalidRepositoryArgument,
  TaskNotFound,
  TaskNotOpen,
  type TaskTokenInput,
} from '../repository.ts';
import {
  assigneePartition,
  assigneeSortKey,
  casePartition,
  caseTaskSortKey,
  GSI1,
  GSI2,
  requireId,
  taskKey,
  timeKey,
} from '../repository-keys.ts';
import { itemOf, notExists, sortBy, type Table, toRecord } from './records.ts';

const taskOpen: Condition = { equals: ['status', 'OPEN'] };

export async function createTask(table: Table, input: Omit<Task, 'status'>): Promise<CreateResult<Task>> {
  requireId(input.taskId, 'taskId');
  requireId(input.caseId, 'caseId');
  requireId(input.assigneeId, 'assigneeId');
  timeKey(input.createdAt, 'createdAt');
  if (!Number.isInteger(input.ladderStep) || input.ladderStep < 0) {
    throw new InvalidRepositoryArgument('ladderStep', 'must be a non-negative integer');
  }
  const record: Task = withoutUndefined({ ...input, status: 'OPEN' });
  const item = itemOf(taskKey(record.taskId), 'TASK', record, {
    gsi1pk: assigneePartition(record.assigneeId),
    gsi1sk: assigneeSortKey(record.dueAt, record.taskId),
    gsi2pk: casePartition(record.caseId),
    gsi2sk: caseTaskSortKey('OPEN', record.taskId),
  });
  const written = await table.store.put(item, notExists);
  if (written.ok) return { created: true, record };
  if (!written.existing) throw new Error(`task ${input.taskId} refused but not found`);
  return { created: false, record: toRecord<Task>(written.existing) };
}

export async function getTask(table: Table, taskId: string): Promise<Task | undefined> {
  const item = await table.store.get(taskKey(requireId(taskId, 'taskId')));
  return item ? toRecord<Task>(item) : undefined;
}

/** The task token stays on the record, so a retried completion can still send SendTaskSuccess. */
export async function completeTask(table: Table, taskId: string, input: CompleteTaskInput): Promise<Task> {
  requireId(taskId, 'taskId');
  timeKey(input.completedAt, 'completedAt');
  const set = withoutUndefined({
    status: 'DONE',
    completedAt: input.completedAt,
    completedBy: input.completedBy,
    outcome: input.outcome,
    gsi2sk: caseTaskSortKey('DONE', taskId),
  });
  return closeTask(table, taskId, set);
}

export async function setTaskToken(table: Table, taskId: string, input: TaskTokenInput): Promise<Task> {
  requireId(taskId, 'taskId');
  requireId(input.taskToken, 'taskToken');
  return updateOpenTask(table, taskId, { set: withoutUndefined(input) });
}

export async function rescheduleTask(table: Table, taskId: string, dueAt: string): Promise<Task> {
  requireId(taskId, 'taskId');
  timeKey(dueAt, 'dueAt');
  return updateOpenTask(table, taskId, { set: { dueAt, gsi1sk: assigneeSortKey(dueAt, taskId) } });
}

/** Closing takes the task off the assignee's due list (GSI1). */
function closeTask(table: Table, taskId: string, set: Item): Promise<Task> {
  return updateOpenTask(table, taskId, { set, remove: ['gsi1pk', 'gsi1sk'] });
}

/** An update of an OPEN task: TaskNotFound when there is none, TaskNotOpen (with its status) when it is closed. */
async function updateOpenTask(table: Table, taskId: string, update: Update): Promise<Task> {
  const written = await table.store.update(taskKey(taskId), update, taskOpen);
  if (written.ok) return toRecord<Task>(written.item);
  if (!written.existing) throw new TaskNotFound(taskId);
  throw new TaskNotOpen(taskId, written.existing.status);
}

export async function cancelOpenTasks(table: Table, caseId: string, now: string): Promise<Task[]> {
  timeKey(now, 'now');
  const open = await listOpenTasksByCase(table, caseId);
  const cancelled: Task[] = [];
  for (const task of open) {
    try {
      cancelled.push(
        await closeTask(table, task.taskId, {
          status: 'CANCELLED',
          cancelledAt: now,
          gsi2sk: caseTaskSortKey('CANCELLED', task.taskId),
        }),
      );
    } catch (error) {
      if (!(error instanceof TaskNotOpen || error instanceof TaskNotFound)) throw error;
    }
  }
  return cancelled;
}

export function listOpenTasksByCase(table: Table, caseId: string): Promise<Task[]> {
  return tasksOfCase(table, caseId, 'TASK#OPEN#');
}

export function listTasksByCase(table: Table, caseId: string): Promise<Task[]> {
  return tasksOfCase(table, caseId, 'TASK#');
}

async function tasksOfCase(table: Table, caseId: string, beginsWith: string): Promise<Task[]> {
  const partition = casePartition(requireId(caseId, 'caseId'));
  const items = await table.store.query({ index: GSI2, partition, beginsWith });
  return sortBy(
    items.map((item) => toRecord<Task>(item)),
    (task) => timeKey(task.dueAt, 'dueAt'),
    (task) => task.taskId,
  );
}

export async function listOpenTasksByAssignee(table: Table, assigneeId: string): Promise<Task[]> {
  const partition = assigneePartition(requireId(assigneeId, 'assigneeId'));
  const items = await table.store.query({ index: GSI1, partition, beginsWith: 'DUE#' });
  return items.map((item) => toRecord<Task>(item));
}
