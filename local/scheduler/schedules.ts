/**
 * The local EventBridge Scheduler: schedule groups and schedules as the API describes them, each armed on the
 * runtime's clock (`clock.schedule`) and, when due, handed to `deliver` (the stack invokes the Lambda or starts the
 * execution). Schedules are written to `schedules.json` in the data directory after every change, and re-armed on
 * start: one that fell due while the stack was stopped fires at once (at least once, as on AWS).
 *
 * A one-time schedule is completed, and deleted with `ActionAfterCompletion: DELETE`, only once its target call has
 * settled and only if it was not updated meanwhile, so a restart mid-delivery delivers again rather than never.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Clock, TimerHandle } from '#local/clock/clock.ts';
import { ACCOUNT_ID, AwsError, REGION } from '../wire.ts';
import { nextFireTime, parseExpression } from './expressions.ts';

export interface ScheduleTarget {
  readonly Arn: string;
  readonly RoleArn: string;
  readonly Input?: string;
  readonly RetryPolicy?: { MaximumEventAgeInSeconds?: number; MaximumRetryAttempts?: number };
  readonly [other: string]: unknown;
}

export interface ScheduleRecord {
  Name: string;
  GroupName: string;
  Arn: string;
  ScheduleExpression: string;
  ScheduleExpressionTimezone?: string;
  StartDate?: number;
  EndDate?: number;
  Description?: string;
  State: 'ENABLED' | 'DISABLED';
  KmsKeyArn?: string;
  Target: ScheduleTarget;
  FlexibleTimeWindow: { Mode: 'OFF' | 'FLEXIBLE'; MaximumWindowInMinutes?: number };
  ActionAfterCompletion: 'NONE' | 'DELETE';
  CreationDate: number;
  LastModificationDate: number;
  /** local: bumped on every update, so a delivery never completes a schedule changed under it */
  revision: number;
  /** local: the last scheduled time delivered; a completed one-time schedule never fires again */
  lastFired?: number;
  completed?: boolean;
}

export interface ScheduleGroupRecord {
  Name: string;
  Arn: string;
  State: 'ACTIVE';
  CreationDate: number;
  LastModificationDate: number;
}

/**
 * One delivery: the schedule and the time it was scheduled for. `deliver` must settle once the first attempt has
 * (retries are the deliverer's own clock timers, never awaited here: awaiting a timer inside a timer would hold
 * virtual time still forever).
 */
export interface Delivery {
  readonly schedule: ScheduleRecord;
  readonly scheduledTime: number;
}

export type Deliver = (delivery: Delivery) => Promise<void>;

const key = (group: string, name: string) => `${group}/${name}`;

/** A deterministic offset inside a flexible window (the same schedule always lands at the same point). */
function flexibleOffset(record: ScheduleRecord): number {
  const window = record.FlexibleTimeWindow;
  if (window.Mode !== 'FLEXIBLE' || !window.MaximumWindowInMinutes) return 0;
  let hash = 0;
  for (const c of key(record.GroupName, record.Name)) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return (hash % (window.MaximumWindowInMinutes * 60)) * 1000;
}

export class Schedules {
  private readonly schedules = new Map<string, ScheduleRecord>();
  private readonly groups = new Map<string, ScheduleGroupRecord>();
  private readonly timers = new Map<string, TimerHandle>();
  private readonly file: string | undefined;
  private closed = false;

  constructor(
    private readonly clock: Clock,
    private readonly deliver: Deliver,
    dataDir?: string,
  ) {
    this.file = dataDir ? join(dataDir, 'schedules.json') : undefined;
    if (this.file && existsSync(this.file)) {
      const saved = JSON.parse(readFileSync(this.file, 'utf8')) as {
        groups: ScheduleGroupRecord[];
        schedules: ScheduleRecord[];
      };
      for (const g of saved.groups) this.groups.set(g.Name, g);
      for (const s of saved.schedules) this.schedules.set(key(s.GroupName, s.Name), s);
    }
    this.ensureGroup('default');
    for (const record of this.schedules.values()) this.arm(record);
  }

  groupArn = (name: string) => `arn:aws:scheduler:${REGION}:${ACCOUNT_ID}:schedule-group/${name}`;
  scheduleArn = (group: string, name: string) =>
    `arn:aws:scheduler:${REGION}:${ACCOUNT_ID}:schedule/${group}/${name}`;

  ensureGroup(name: string): ScheduleGroupRecord {
    let group = this.groups.get(name);
    if (!group) {
      const now = this.clock.now();
      group = {
        Name: name,
        Arn: this.groupArn(name),
        State: 'ACTIVE',
        CreationDate: now,
        LastModificationDate: now,
      };
      this.groups.set(name, group);
      this.save();
    }
    return group;
  }

  createGroup(name: string): ScheduleGroupRecord {
    if (this.groups.has(name))
      throw new AwsError('ConflictException', `Schedule group ${name} already exists.`, 409);
    return this.ensureGroup(name);
  }

  getGroup(name: string): ScheduleGroupRecord {
    const group = this.groups.get(name);
    if (!group)
      throw new AwsError('ResourceNotFoundException', `Schedule group ${name} does not exist.`, 404);
    return group;
  }

  listGroups(): ScheduleGroupRecord[] {
    return [...this.groups.values()].sort((a, b) => a.Name.localeCompare(b.Name));
  }

  deleteGroup(name: string): void {
    if (name === 'default') throw new AwsError('ValidationException', 'The default group cannot be deleted.');
    this.getGroup(name);
    for (const s of this.list({ group: name })) this.remove(s);
    this.groups.delete(name);
    this.save();
  }

  get(group: string, name: string): ScheduleRecord {
    const record = this.schedules.get(key(group, name));
    if (!record) throw new AwsError('ResourceNotFoundException', `Schedule ${name} does not exist.`, 404);
    return record;
  }

  list(filter: { group?: string; prefix?: string; state?: string } = {}): ScheduleRecord[] {
    return [...this.schedules.values()]
      .filter(
        (s) =>
          (filter.group === undefined || s.GroupName === filter.group) &&
          (filter.prefix === undefined || s.Name.startsWith(filter.prefix)) &&
          (filter.state === undefined || s.State === filter.state),
      )
      .sort((a, b) => a.GroupName.localeCompare(b.GroupName) || a.Name.localeCompare(b.Name));
  }

  /** Create (`existing` false) or replace (true) a schedule; the record has been validated by the API layer. */
  put(
    input: Omit<ScheduleRecord, 'Arn' | 'CreationDate' | 'LastModificationDate' | 'revision'>,
    mode: 'create' | 'update',
  ): ScheduleRecord {
    this.getGroup(input.GroupName);
    const k = key(input.GroupName, input.Name);
    const existing = this.schedules.get(k);
    if (mode === 'create' && existing)
      throw new AwsError('ConflictException', `Schedule ${input.Name} already exists.`, 409);
    if (mode === 'update' && !existing)
      throw new AwsError('ResourceNotFoundException', `Schedule ${input.Name} does not exist.`, 404);
    const now = this.clock.now();
    const record: ScheduleRecord = {
      ...input,
      Arn: this.scheduleArn(input.GroupName, input.Name),
      CreationDate: existing?.CreationDate ?? now,
      LastModificationDate: now,
      revision: (existing?.revision ?? 0) + 1,
    };
    this.disarm(k);
    this.schedules.set(k, record);
    this.save();
    this.arm(record);
    return record;
  }

  delete(group: string, name: string): void {
    this.remove(this.get(group, name));
    this.save();
  }

  /** The next time each enabled schedule fires (diagnostics, tests). */
  pending(): { arn: string; at: number }[] {
    return [...this.timers.entries()].map(([k, t]) => ({ arn: this.schedules.get(k)?.Arn ?? k, at: t.at }));
  }

  close(): void {
    this.closed = true;
    for (const k of [...this.timers.keys()]) this.disarm(k);
  }

  private remove(record: ScheduleRecord): void {
    const k = key(record.GroupName, record.Name);
    this.disarm(k);
    this.schedules.delete(k);
  }

  private disarm(k: string): void {
    const handle = this.timers.get(k);
    if (handle) this.clock.cancel(handle);
    this.timers.delete(k);
  }

  private arm(record: ScheduleRecord): void {
    if (this.closed || record.State !== 'ENABLED' || record.completed) return;
    const parsed = parseExpression(record.ScheduleExpression);
    const at = nextFireTime(parsed, {
      timeZone: record.ScheduleExpressionTimezone,
      startDate: record.StartDate,
      endDate: record.EndDate,
      createdAt: record.CreationDate,
      ...(record.lastFired !== undefined ? { after: record.lastFired } : {}),
    });
    if (at === undefined) return;
    const k = key(record.GroupName, record.Name);
    const fireAt = at + flexibleOffset(record);
    this.timers.set(
      k,
      this.clock.schedule(fireAt, () => this.fire(k, record.revision, at)),
    );
  }

  private async fire(k: string, revision: number, scheduledTime: number): Promise<void> {
    this.timers.delete(k);
    const record = this.schedules.get(k);
    if (!record || record.revision !== revision || this.closed) return;
    const oneTime = record.ScheduleExpression.startsWith('at(');
    if (!oneTime) {
      // a recurring schedule is re-armed for its next time before this delivery runs
      record.lastFired = scheduledTime;
      this.save();
      this.arm(record);
    }
    try {
      await this.deliver({ schedule: record, scheduledTime });
    } catch (error) {
      console.error(`local scheduler: delivery of ${record.Arn} failed`, error);
    }
    if (!oneTime || this.closed) return;
    const current = this.schedules.get(k);
    if (!current || current.revision !== revision) return;
    if (current.ActionAfterCompletion === 'DELETE') this.schedules.delete(k);
    else {
      current.lastFired = scheduledTime;
      current.completed = true;
    }
    this.save();
  }

  private save(): void {
    if (!this.file || this.closed) return;
    const tmp = `${this.file}.tmp`;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(
      tmp,
      JSON.stringify({ groups: [...this.groups.values()], schedules: [...this.schedules.values()] }),
    );
    renameSync(tmp, this.file);
  }
}
