import { keptValue } from './history.ts';
import type { ExecutionRecord } from './types.ts';

/*
 * An execution's input and output as the API gives them: JSON strings. A child execution (started by a task)
 * and a succeeded execution keep only the values, in their `ExecutionStarted` and `ExecutionSucceeded` events
 * (the same values serialise to the same strings); a string is made when first asked for (DescribeExecution, a
 * `.sync` parent, a close listener, the store) and kept. Most are never asked for, and every one kept stayed in
 * memory for the rest of the run.
 */

/** The execution's input, a JSON string. */
export function inputText(exec: ExecutionRecord): string {
  if (exec.input === undefined) {
    const started = exec.history[0];
    exec.input = JSON.stringify(
      started?.t === 'ExecutionStarted' ? (keptValue(started, 'input') ?? null) : null,
    );
  }
  return exec.input;
}

/** The execution's output, a JSON string, once it has succeeded (undefined before, and when it did not). */
export function outputText(exec: ExecutionRecord): string | undefined {
  if (exec.output === undefined && exec.status === 'SUCCEEDED') {
    const history = exec.history;
    for (let i = history.length - 1; i >= 0; i--)
      if (history[i]!.t === 'ExecutionSucceeded') {
        exec.output = JSON.stringify(keptValue(history[i]!, 'output') ?? null);
        break;
      }
  }
  return exec.output;
}
