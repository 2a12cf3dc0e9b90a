/**
 * Engine benchmarks (figures, not tests):
 * 1. transitions/second of a JSONPath Pass/Choice counting loop, our engine vs aws-local-stepfunctions (peer);
 * 2. wall time for 10,000 executions that each wait 40 times across 9 virtual months (virtual clock);
 * 3. transitions/second of the JSONata loop carrying a 100 KiB string (the cost of the payload quota check).
 */
import { Engine } from '#engine/index.ts';
import { createClock } from '#local/clock/runtime-clock.ts';

const COUNT_TO = 5_000; // 2 states per count; 5,000 stays under the 25,000-event history limit
const RUNS = 10;
const counting = {
  StartAt: 'Inc',
  States: {
    Inc: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)' }, Next: 'Loop' },
    Loop: {
      Type: 'Choice',
      Choices: [{ Variable: '$.n', NumericLessThan: COUNT_TO, Next: 'Inc' }],
      Default: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
};
const TRANSITIONS = RUNS * (2 * COUNT_TO + 1);
const ROLE = 'arn:aws:iam::000000000000:role/bench';

const countingAta = {
  QueryLanguage: 'JSONata',
  StartAt: 'Inc',
  States: {
    Inc: { Type: 'Pass', Output: { n: '{% $states.input.n + 1 %}' }, Next: 'Loop' },
    Loop: {
      Type: 'Choice',
      Choices: [{ Condition: `{% $states.input.n < ${COUNT_TO} %}`, Next: 'Inc' }],
      Default: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
};

/** The JSONata loop carrying a 100 KiB string in a new object at every step (the payload quota is checked on each). */
const BLOB = 'x'.repeat(100 * 1024);
const countingAtaBlob = {
  ...countingAta,
  States: {
    ...countingAta.States,
    Inc: {
      Type: 'Pass',
      Output: { n: '{% $states.input.n + 1 %}', blob: '{% $states.input.blob %}' },
      Next: 'Loop',
    },
  },
};

async function ours(runs = RUNS, definition: object = counting, input = '{"n":0}'): Promise<number> {
  const clock = createClock({ mode: 'virtual', startTime: Date.parse('2026-01-01T00:00:00Z') });
  const engine = new Engine({ clock });
  const { stateMachineArn } = await engine.createStateMachine({
    name: 'count',
    definition: JSON.stringify(definition),
    roleArn: ROLE,
  });
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    const done = new Promise<string>((resolve) => {
      const off = engine.onExecutionClosed((e) => {
        off();
        resolve(e.status);
      });
    });
    await engine.startExecution({ stateMachineArn, input });
    const status = await done;
    if (status !== 'SUCCEEDED') throw new Error(`counting run ${status}`);
  }
  const seconds = (performance.now() - started) / 1000;
  await engine.close();
  clock.close();
  return (runs * (2 * COUNT_TO + 1)) / seconds;
}

async function peer(runs = RUNS): Promise<number> {
  const P = Promise as unknown as { withResolvers?: unknown };
  if (!P.withResolvers) {
    P.withResolvers = <T>() => {
      let resolve!: (v: T) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    };
  }
  const { StateMachine } = await import('aws-local-stepfunctions');
  const sm = new StateMachine(counting as never);
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    const out = (await sm.run({ n: 0 }).result) as { n: number };
    if (out.n !== COUNT_TO) throw new Error('peer counted wrong');
  }
  return (runs * (2 * COUNT_TO + 1)) / ((performance.now() - started) / 1000);
}

const EXECUTIONS = 10_000;
const WAITS = 40;
const NINE_MONTHS_S = 273 * 86400;
const waiting = {
  QueryLanguage: 'JSONata',
  StartAt: 'Init',
  States: {
    Init: { Type: 'Pass', Assign: { n: 0 }, Next: 'Wait' },
    Wait: {
      Type: 'Wait',
      Seconds: '{% $states.input.every %}',
      Assign: { n: '{% $n + 1 %}' },
      Next: 'Again',
    },
    Again: { Type: 'Choice', Choices: [{ Condition: `{% $n < ${WAITS} %}`, Next: 'Wait' }], Default: 'Done' },
    Done: { Type: 'Succeed', Output: { waited: '{% $n %}' } },
  },
};

async function longWaits(): Promise<{ seconds: number; virtualDays: number; heapMb: number }> {
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  const clock = createClock({ mode: 'manual', startTime: t0 });
  const engine = new Engine({ clock });
  const { stateMachineArn } = await engine.createStateMachine({
    name: 'waits',
    definition: JSON.stringify(waiting),
    roleArn: ROLE,
  });
  const started = performance.now();
  let closed = 0;
  let failed = 0;
  const all = new Promise<void>((resolve) => {
    engine.onExecutionClosed((e) => {
      if (e.status !== 'SUCCEEDED') failed++;
      if (++closed === EXECUTIONS) resolve();
    });
  });
  for (let i = 0; i < EXECUTIONS; i++) {
    // staggered: every execution has its own timers (the worst case for the timer queue)
    const every = Math.floor(NINE_MONTHS_S / WAITS) - (i % 3600);
    await engine.startExecution({
      stateMachineArn,
      name: `case-${i}-custody-1`,
      input: JSON.stringify({ every }),
    });
  }
  clock.setMode('virtual');
  await all;
  const seconds = (performance.now() - started) / 1000;
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  if (failed) throw new Error(`${failed} executions did not succeed`);
  const virtualDays = (clock.now() - t0) / 86400_000;
  await engine.close();
  clock.close();
  return { seconds, virtualDays, heapMb };
}

export default async function run(): Promise<void> {
  await ours(2); // warm-up (JIT) for both
  await peer(2);
  const median = async (f: () => Promise<number>) => {
    const r = [await f(), await f(), await f()].sort((x, y) => x - y);
    return r[1]!;
  };
  const a = await median(() => ours());
  const b = await median(() => peer());
  console.log(`counting loop (JSONPath Pass/Choice, ${TRANSITIONS} transitions, median of 3):`);
  console.log(`  engine                  ${Math.round(a).toLocaleString('en-GB')} transitions/s`);
  console.log(`  aws-local-stepfunctions ${Math.round(b).toLocaleString('en-GB')} transitions/s`);
  console.log(`  ratio                   ${(a / b).toFixed(1)}x (target 10x)`);
  const c = await median(() => ours(RUNS, countingAta));
  console.log(
    `  same loop in JSONata (engine only, the peer ignores JSONata): ${Math.round(c).toLocaleString('en-GB')} transitions/s`,
  );
  const w = await longWaits();
  console.log(
    `${EXECUTIONS.toLocaleString('en-GB')} executions x ${WAITS} waits over ${w.virtualDays.toFixed(0)} virtual days (JSONata, virtual clock):`,
  );
  console.log(`  wall time ${w.seconds.toFixed(1)} s (target <= 20 s), heap ${w.heapMb.toFixed(0)} MB`);
  // after the long waits, so its garbage does not count in their heap figure
  const blob = await median(() => ours(RUNS, countingAtaBlob, JSON.stringify({ n: 0, blob: BLOB })));
  console.log(
    `the JSONata counting loop carrying a 100 KiB string (payload quota checked at each step): ${Math.round(blob).toLocaleString('en-GB')} transitions/s`,
  );
}
