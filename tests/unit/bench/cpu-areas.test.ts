import type { Profiler } from 'node:inspector';
import { describe, expect, it } from 'vitest';
import { areaOf, attribute, bundleLineFiles } from '../../../bench/cpu-areas.ts';

const BUNDLE_URL = 'file:///repo/node_modules/.cache/x/profile-shards.mjs';
// what esbuild writes: a `// path` line before each module's code (line numbers are 0-based in a profile)
const BUNDLE = [
  'import { z } from "zod";', // 0: before any module
  '// functions/adapters/memory/item-store.ts', // 1
  'function get() {}', // 2
  '// local/engine/runtime.ts', // 3
  'function drive() {}', // 4
  'function step() {}', // 5
].join('\n');

const frame = (id: number, functionName: string, url: string, lineNumber: number): Profiler.ProfileNode => ({
  id,
  callFrame: { functionName, scriptId: '1', url, lineNumber, columnNumber: 0 },
});

describe('CPU profile attribution (npm run profile)', () => {
  it('maps a line of the bundle to the module it came from', () => {
    const fileAt = bundleLineFiles(BUNDLE);
    expect(fileAt(0)).toBeUndefined();
    expect(fileAt(2)).toBe('functions/adapters/memory/item-store.ts');
    expect(fileAt(4)).toBe('local/engine/runtime.ts');
    expect(fileAt(5)).toBe('local/engine/runtime.ts');
  });

  it('names the area of each part of the code base', () => {
    expect(areaOf('local/engine/states-task.ts')).toBe('engine');
    expect(areaOf('functions/adapters/item-store.ts')).toBe('in-memory DynamoDB');
    expect(areaOf('functions/adapters/table/cases.ts')).toBe('repository and other adapters');
    expect(areaOf('functions/handlers/open-staff-task/index.ts')).toBe('handlers, staff API and schemas');
    expect(areaOf('local/simulator/cohort-run.ts')).toBe('simulator and its staff API client');
    expect(areaOf('node_modules/zod/v4/core/schemas.js')).toBe('npm zod');
    expect(areaOf('node_modules/@middy/core/index.js')).toBe('npm @middy/core');
  });

  it('adds up self time by area and by function, leaving out the wait before the first sample', () => {
    const profile: Profiler.Profile = {
      nodes: [
        frame(1, '(root)', '', -1),
        frame(2, 'drive', BUNDLE_URL, 4),
        frame(3, 'step', BUNDLE_URL, 5),
        frame(4, 'get', BUNDLE_URL, 2),
        frame(5, '(garbage collector)', '', -1),
        frame(6, 'parse', 'file:///repo/node_modules/zod/v4/core/schemas.js', 10),
      ],
      startTime: 0,
      endTime: 10_000,
      // microseconds since the sample before; the first since the profiler started
      samples: [2, 2, 3, 4, 5, 6, 4],
      timeDeltas: [90_000, 1000, 1000, 2000, 3000, 1000, 2000],
    };
    const { totalMs, areas, functions } = attribute(profile, new Map([[BUNDLE_URL, BUNDLE]]));
    expect(totalMs).toBe(10);
    expect(areas).toEqual([
      { name: 'in-memory DynamoDB', ms: 4 },
      { name: '(garbage collector)', ms: 3 },
      { name: 'engine', ms: 2 },
      { name: 'npm zod', ms: 1 },
    ]);
    expect(functions[0]).toEqual({ name: 'get (functions/adapters/memory/item-store.ts)', ms: 4 });
    expect(functions).toContainEqual({ name: 'drive (local/engine/runtime.ts)', ms: 1 });
    expect(functions).toContainEqual({ name: 'parse (node_modules/zod/v4/core/schemas.js)', ms: 1 });
  });

  it('maps frames of a chunk by its own lines', () => {
    const CHUNK_URL = 'file:///repo/node_modules/.cache/x/chunk-ABC.mjs';
    const CHUNK = ['// local/clock/runtime-clock.ts', 'function tick() {}'].join('\n');
    const profile: Profiler.Profile = {
      nodes: [frame(1, '(root)', '', -1), frame(2, 'tick', CHUNK_URL, 1), frame(3, 'step', BUNDLE_URL, 5)],
      startTime: 0,
      endTime: 4000,
      samples: [2, 2, 3],
      timeDeltas: [0, 1000, 3000],
    };
    const { areas } = attribute(
      profile,
      new Map([
        [BUNDLE_URL, BUNDLE],
        [CHUNK_URL, CHUNK],
      ]),
    );
    expect(areas).toEqual([
      { name: 'engine', ms: 3 },
      { name: 'virtual clock', ms: 1 },
    ]);
  });
});
