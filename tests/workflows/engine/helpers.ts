import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { Engine, type EngineOptions } from '#engine/index.ts';
import type { ClockMode } from '#local/clock/clock.ts';
import { createClock, type RuntimeClock } from '#local/clock/runtime-clock.ts';

export const T0 = Date.parse('2026-01-01T00:00:00.000Z');

export interface Harness {
  clock: RuntimeClock;
  engine: Engine;
  /** create (or reuse) a machine from a definition object; returns its ARN */
  machine(definition: object, name?: string): Promise<string>;
  start(arn: string, input?: unknown, name?: string): Promise<string>;
  /** create, start, run the clock until nothing is left; returns the description and history */
  run(definition: object, input?: unknown, opts?: { until?: number }): Promise<RunResult>;
  describe(executionArn: string): ReturnType<Engine['describeExecution']>;
  history(executionArn: string): Promise<HistoryEvent[]>;
}

export interface RunResult {
  arn: string;
  status: string | undefined;
  output: unknown;
  error: string | undefined;
  cause: string | undefined;
  history: HistoryEvent[];
}

let counter = 0;

export function harness(options: Partial<EngineOptions> & { mode?: ClockMode } = {}): Harness {
  const { mode, ...rest } = options;
  const clock = createClock({ mode: mode ?? 'manual', startTime: T0 });
  const engine = new Engine({ clock, ...rest });
  const h: Harness = {
    clock,
    engine,
    async machine(definition, name = `sm-${++counter}`) {
      const r = await engine.createStateMachine({
        name,
        definition: JSON.stringify(definition),
        roleArn: 'arn:aws:iam::000000000000:role/test',
      });
      return r.stateMachineArn!;
    },
    async start(arn, input = {}, name) {
      const r = await engine.startExecution({ stateMachineArn: arn, input: JSON.stringify(input), name });
      return r.executionArn!;
    },
    async run(definition, input = {}, opts = {}) {
      const arn = await h.start(await h.machine(definition), input);
      await clock.runUntilIdle(opts.until);
      return result(arn);
    },
    describe: (executionArn) => engine.describeExecution({ executionArn }),
    async history(executionArn) {
      const events: HistoryEvent[] = [];
      let nextToken: string | undefined;
      do {
        const page = await engine.getExecutionHistory({ executionArn, maxResults: 1000, nextToken });
        events.push(...(page.events ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
      return events;
    },
  };
  const result = async (arn: string): Promise<RunResult> => {
    const d = await h.describe(arn);
    return {
      arn,
      status: d.status,
      output: d.output === undefined ? undefined : JSON.parse(d.output),
      error: d.error,
      cause: d.cause,
      history: await h.history(arn),
    };
  };
  return h;
}

export const types = (history: HistoryEvent[]): string[] => history.map((e) => e.type!);
export const ofType = (history: HistoryEvent[], type: string): HistoryEvent[] =>
  history.filter((e) => e.type === type);
/** seconds since T0 of each event of a type */
export const secondsOf = (history: HistoryEvent[], type: string): number[] =>
  ofType(history, type).map((e) => (e.timestamp!.getTime() - T0) / 1000);

export const JSONATA = { QueryLanguage: 'JSONata' } as const;

/** A JSONata machine of one Task state, `Call`, that ends the execution: `task` gives its Resource and the rest. */
export const oneTask = (task: Record<string, unknown>) => ({
  ...JSONATA,
  StartAt: 'Call',
  States: { Call: { Type: 'Task', ...task, End: true } },
});
