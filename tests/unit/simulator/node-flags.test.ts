import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHARD_WORKER_FLAGS, SIMULATOR_V8_FLAGS } from '#local/simulator/node-flags.ts';

const scripts = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

describe("the simulator's V8 flags", () => {
  it.each(['start', 'simulate'])('npm run %s passes them to tsx before the script', (name) => {
    const words = scripts[name]!.split(' ');
    expect(words[0]).toBe('tsx');
    const script = words.indexOf('local/simulator/cli.ts');
    expect(script).toBeGreaterThan(0);
    expect(words.slice(1, script)).toEqual([...SIMULATOR_V8_FLAGS]);
  });

  it('benchmark workers run with them and one collector thread', () => {
    expect(SHARD_WORKER_FLAGS).toEqual(['--single-threaded-gc', ...SIMULATOR_V8_FLAGS]);
  });

  it('are flags this Node.js accepts', () => {
    // node refuses an option it does not know ("bad option") before running anything
    const ran = spawnSync(process.execPath, [...SHARD_WORKER_FLAGS, '-e', '0'], { encoding: 'utf8' });
    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
  });
});
