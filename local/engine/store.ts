import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { inputText, outputText } from './execution-text.ts';
import { millisPast, msAndPrevious, previousId, sinceStart, wholeSeconds } from './history.ts';
import type {
  EventRecord,
  ExecutionDynamic,
  ExecutionRecord,
  ExecutionStatic,
  MachineRecord,
  StoredEvent,
} from './types.ts';

export interface StoredExecution {
  static: ExecutionStatic;
  dynamic: ExecutionDynamic;
  history: StoredEvent[];
}

export interface StoredState {
  machines: MachineRecord[];
  executions: StoredExecution[];
}

/**
 * Where the engine persists state machines and executions. Writes are synchronous (called at the end of every
 * engine step), so a step's effects are durable before the clock moves on.
 */
export interface EngineStore {
  load(): Promise<StoredState>;
  saveMachine(machine: MachineRecord): void;
  deleteMachine(stateMachineArn: string): void;
  /** `fixed` only the first time; `dynamic` every time (status, frames, timers, tokens); `events` the new ones */
  saveExecution(fixed: ExecutionStatic | undefined, dynamic: ExecutionDynamic, events: StoredEvent[]): void;
  close(): Promise<void>;
}

/** An execution's events from `from` on, as the store keeps them: their times in epoch milliseconds. */
export function storedEvents(exec: ExecutionRecord, from: number): StoredEvent[] {
  const start = exec.startDate;
  const events: StoredEvent[] = [];
  for (let i = from; i < exec.history.length; i++) {
    const ev = exec.history[i]!;
    const { sec: _sec, mp: _mp, ...rest } = ev;
    events.push({ ...rest, p: previousId(ev, i + 1), ts: start + sinceStart(exec.history, i) });
  }
  return events;
}

/** Stored events as an execution keeps them (see EventRecord): times from its start. */
export function loadedEvents(stored: readonly StoredEvent[], startDate: number): EventRecord[] {
  return stored.map(({ ts, p, ...rest }, i) => {
    const since = ts - startDate;
    const sec = wholeSeconds(since);
    return { ...rest, sec, mp: msAndPrevious(millisPast(since, sec), i + 1, p) };
  });
}

/** An execution's fixed part (written once) and changing part (written after every step). */
export function splitExecution(exec: ExecutionRecord): { fixed: ExecutionStatic; dynamic: ExecutionDynamic } {
  const {
    history: _h,
    persisted: _p,
    compiled: _c,
    context: _x,
    frames,
    executionArn,
    stateMachineArn,
    name,
    input: _i,
    output: _o,
    definition,
    roleArn,
    startDate,
    ...rest
  } = exec;
  const { stateMachineAliasArn, stateMachineVersionArn, parentArn, ...dyn } = rest;
  const fixed: ExecutionStatic = {
    executionArn,
    stateMachineArn,
    name,
    input: inputText(exec),
    definition,
    roleArn,
    startDate,
  };
  if (stateMachineAliasArn) fixed.stateMachineAliasArn = stateMachineAliasArn;
  if (stateMachineVersionArn) fixed.stateMachineVersionArn = stateMachineVersionArn;
  if (parentArn) fixed.parentArn = parentArn;
  const output = outputText(exec);
  return {
    fixed,
    dynamic: {
      ...dyn,
      ...(output === undefined ? {} : { output }),
      executionArn,
      frames: frames.values(),
    },
  };
}

type Line =
  | { m: MachineRecord }
  | { dm: string }
  | { xs: ExecutionStatic }
  | { xd: ExecutionDynamic; h: StoredEvent[] };

class Fold {
  machines = new Map<string, MachineRecord>();
  execs = new Map<string, StoredExecution>();

  apply(line: Line): void {
    if ('m' in line) this.machines.set(line.m.stateMachineArn, line.m);
    else if ('dm' in line) this.machines.delete(line.dm);
    else if ('xs' in line) {
      const prev = this.execs.get(line.xs.executionArn);
      this.execs.set(line.xs.executionArn, {
        static: line.xs,
        dynamic: prev?.dynamic as ExecutionDynamic,
        history: prev?.history ?? [],
      });
    } else {
      const e = this.execs.get(line.xd.executionArn);
      if (!e) return;
      e.dynamic = line.xd;
      for (const ev of line.h) e.history.push(ev);
    }
  }

  state(): StoredState {
    return {
      machines: [...this.machines.values()],
      executions: [...this.execs.values()].filter((e) => e.dynamic),
    };
  }

  lines(): Line[] {
    const out: Line[] = [];
    for (const m of this.machines.values()) out.push({ m });
    for (const e of this.execs.values()) {
      if (!e.dynamic) continue;
      out.push({ xs: e.static });
      out.push({ xd: e.dynamic, h: e.history });
    }
    return out;
  }
}

/** Keeps a serialized copy in memory: a new Engine given the same store resumes as after a restart. */
export class MemoryStore implements EngineStore {
  private readonly log: string[] = [];

  async load(): Promise<StoredState> {
    const fold = new Fold();
    for (const l of this.log) fold.apply(JSON.parse(l) as Line);
    return fold.state();
  }
  saveMachine(machine: MachineRecord): void {
    this.log.push(JSON.stringify({ m: machine }));
  }
  deleteMachine(stateMachineArn: string): void {
    this.log.push(JSON.stringify({ dm: stateMachineArn }));
  }
  saveExecution(fixed: ExecutionStatic | undefined, dynamic: ExecutionDynamic, events: StoredEvent[]): void {
    if (fixed) this.log.push(JSON.stringify({ xs: fixed }));
    this.log.push(JSON.stringify({ xd: dynamic, h: events }));
  }
  async close(): Promise<void> {}
}

/**
 * A JSON-lines journal in a data directory (`journal.jsonl`). Loading folds the journal and rewrites it compacted;
 * a torn last line (a crash mid-write) is ignored.
 */
export class FileStore implements EngineStore {
  private fd: number | undefined;
  private readonly file: string;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'journal.jsonl');
  }

  async load(): Promise<StoredState> {
    const fold = new Fold();
    if (existsSync(this.file)) {
      const lines = readFileSync(this.file, 'utf8').split('\n');
      lines.forEach((text, i) => {
        if (!text) return;
        try {
          fold.apply(JSON.parse(text) as Line);
        } catch (error) {
          if (i < lines.length - 2)
            throw new Error(
              `Corrupt engine journal ${this.file} at line ${i + 1}: ${(error as Error).message}`,
            );
        }
      });
    }
    const tmp = `${this.file}.tmp`;
    writeFileSync(
      tmp,
      fold
        .lines()
        .map((l) => `${JSON.stringify(l)}\n`)
        .join(''),
    );
    renameSync(tmp, this.file);
    this.fd = openSync(this.file, 'a');
    return fold.state();
  }

  private write(line: Line): void {
    if (this.fd === undefined) this.fd = openSync(this.file, 'a');
    appendFileSync(this.fd, `${JSON.stringify(line)}\n`);
  }
  saveMachine(machine: MachineRecord): void {
    this.write({ m: machine });
  }
  deleteMachine(stateMachineArn: string): void {
    this.write({ dm: stateMachineArn });
  }
  saveExecution(fixed: ExecutionStatic | undefined, dynamic: ExecutionDynamic, events: StoredEvent[]): void {
    if (fixed) this.write({ xs: fixed });
    this.write({ xd: dynamic, h: events });
  }
  async close(): Promise<void> {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
