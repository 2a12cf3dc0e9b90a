/**
 * What the simulator sees of the system without asking it: the repository's writes (tasks created, completed,
 * cancelled; journeys closed) and the notices sent. Staff behaviour is triggered by the notices, as a person's is by
 * an email; reading the system back instead would add reads to the DynamoDB figures the summary reports.
 */
import type { EmailMessage, SmsMessage } from '#adapters/notifier.ts';
import { MemoryNotifier } from '#adapters/notifier.ts';
import type { ResettleRepository } from '#adapters/repository.ts';
import type { Task } from '#domain/entities.ts';
import type { NotificationKind } from '#domain/types.ts';

/** An open task as created by the journey (kept only while it is open). */
export type OpenTask = Pick<Task, 'taskId' | 'caseId' | 'type' | 'assigneeId' | 'dueAt' | 'createdAt'>;

export interface Notice {
  readonly caseId: string;
  /** the task or appointment it is about */
  readonly subjectId: string;
  readonly kind: NotificationKind;
  readonly channel: 'EMAIL' | 'SMS';
}

export interface JourneyObserver {
  /** open tasks by id */
  readonly openTasks: ReadonlyMap<string, OpenTask>;
  /** closed journeys: case id → when */
  readonly closed: ReadonlyMap<string, { readonly outcome: string; readonly at: string }>;
  /** wraps a repository so that its writes are seen (every call passes through unchanged) */
  observe(repository: ResettleRepository): ResettleRepository;
  /** a notifier that sends nothing anywhere, keeps nothing, and reports every notice */
  readonly notifier: MemoryNotifier;
  onNotice(listener: (notice: Notice) => void): void;
  onClosed(listener: (caseId: string) => void): void;
}

/** Outbox keys are `<caseId>:<subjectId>:<kind>:<n>:<recipient>:<channel>` (ids never hold a colon). */
export function parseOutboxKey(key: string): Notice | undefined {
  const parts = key.split(':');
  if (parts.length !== 6) return undefined;
  const [caseId, subjectId, kind, , , channel] = parts as [string, string, string, string, string, string];
  if (channel !== 'EMAIL' && channel !== 'SMS') return undefined;
  return { caseId, subjectId, kind: kind as NotificationKind, channel };
}

class SilentNotifier extends MemoryNotifier {
  private count = 0;
  constructor(private readonly report: (key: string) => void) {
    super();
  }
  override async sendEmail(message: EmailMessage): Promise<{ messageId: string }> {
    this.report(message.key);
    return { messageId: `sim-email-${++this.count}` };
  }
  override async sendSms(message: SmsMessage): Promise<{ messageId: string }> {
    this.report(message.key);
    return { messageId: `sim-sms-${++this.count}` };
  }
}

export function journeyObserver(): JourneyObserver {
  const openTasks = new Map<string, OpenTask>();
  const closed = new Map<string, { outcome: string; at: string }>();
  const noticeListeners: ((notice: Notice) => void)[] = [];
  const closedListeners: ((caseId: string) => void)[] = [];
  const notifier = new SilentNotifier((key) => {
    const notice = parseOutboxKey(key);
    if (notice) for (const listener of noticeListeners) listener(notice);
  });
  const watched: Partial<ResettleRepository> = {};
  return {
    openTasks,
    closed,
    notifier,
    onNotice: (listener) => noticeListeners.push(listener),
    onClosed: (listener) => closedListeners.push(listener),
    observe(repository) {
      watched.createTask = async (task) => {
        const result = await repository.createTask(task);
        const t = result.record;
        if (t.status === 'OPEN' && !openTasks.has(t.taskId))
          openTasks.set(t.taskId, {
            taskId: t.taskId,
            caseId: t.caseId,
            type: t.type,
            assigneeId: t.assigneeId,
            dueAt: t.dueAt,
            createdAt: t.createdAt,
          });
        return result;
      };
      watched.completeTask = async (taskId, input) => {
        const task = await repository.completeTask(taskId, input);
        openTasks.delete(taskId);
        return task;
      };
      watched.cancelOpenTasks = async (caseId, now) => {
        const cancelled = await repository.cancelOpenTasks(caseId, now);
        for (const task of cancelled) openTasks.delete(task.taskId);
        return cancelled;
      };
      watched.closeCase = async (caseId, input) => {
        const kase = await repository.closeCase(caseId, input);
        if (!closed.has(caseId)) {
          closed.set(caseId, { outcome: kase.outcome ?? input.outcome, at: kase.closedAt ?? input.now });
          for (const listener of closedListeners) listener(caseId);
        }
        return kase;
      };
      return withOverrides(repository, watched);
    },
  };
}

/**
 * An object that answers as `target` does, every method bound to it once (no proxy in the way of the journeys'
 * hundreds of thousands of calls), but with `overrides` in place of some methods.
 */
function withOverrides<T extends object>(target: T, overrides: Partial<T>): T {
  const out: Record<PropertyKey, unknown> = {};
  for (
    let from: object | null = target;
    from && from !== Object.prototype;
    from = Object.getPrototypeOf(from)
  ) {
    for (const key of Reflect.ownKeys(from)) {
      if (key === 'constructor' || Object.hasOwn(out, key)) continue;
      const value: unknown = Reflect.get(target, key);
      if (typeof value === 'function') out[key] = value.bind(target);
      else Object.defineProperty(out, key, { get: () => Reflect.get(target, key), enumerable: true });
    }
  }
  return Object.assign(out, overrides) as T;
}
