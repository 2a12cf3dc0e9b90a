/**
 * Where a CPU profile's time went, by area of the code base and by function, for a profile of a bundled module
 * (local/simulator/bundle.ts) and its chunks. esbuild writes a `// <path>` line before each module it bundles, so a
 * line of a bundle file maps back to its source file.
 */
import type { Profiler } from 'node:inspector';

export interface Share {
  readonly name: string;
  readonly ms: number;
}

export interface CpuAttribution {
  readonly totalMs: number;
  /** self time by area, largest first */
  readonly areas: readonly Share[];
  /** self time by function (`name (source file)`), largest first */
  readonly functions: readonly Share[];
}

/** The area a source file belongs to (a path from the repository root, or `node_modules/<package>/…`). */
export function areaOf(path: string): string {
  if (path.startsWith('node_modules/')) {
    const [scope, name] = path.split('/').slice(1);
    return `npm ${scope?.startsWith('@') ? `${scope}/${name}` : scope}`;
  }
  if (path.startsWith('local/engine/')) return 'engine';
  if (path.startsWith('local/clock/')) return 'virtual clock';
  if (/^local\/(simulator|staff-api)\/|^local\/json-copy\.ts$/.test(path))
    return 'simulator and its staff API client';
  if (path.startsWith('functions/adapters/memory/') || path === 'functions/adapters/item-store.ts')
    return 'in-memory DynamoDB';
  if (path.startsWith('functions/adapters/')) return 'repository and other adapters';
  if (path.startsWith('functions/domain/')) return 'domain';
  if (path.startsWith('functions/services/') || path.startsWith('functions/notifications/'))
    return 'services and notifications';
  if (/^functions\/(handlers|api|schemas)\//.test(path)) return 'handlers, staff API and schemas';
  return path.split('/').slice(0, 2).join('/');
}

const MODULE_MARK = /^\/\/ ((?:functions|local|bench|infra)\/\S+\.ts)$/;

/** For each line of the bundle, the source file it came from (undefined before the first module). */
export function bundleLineFiles(bundleSource: string): (line: number) => string | undefined {
  const starts: number[] = [];
  const files: string[] = [];
  bundleSource.split('\n').forEach((text, line) => {
    const mark = MODULE_MARK.exec(text);
    if (mark) {
      starts.push(line);
      files.push(mark[1]!);
    }
  });
  return (line) => {
    let low = 0;
    let high = starts.length - 1;
    let found: string | undefined;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (starts[middle]! <= line) {
        found = files[middle];
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  };
}

/**
 * Self time by area and by function (a sample's self time is the time since the sample before it). Frames of
 * the bundle are mapped to their source file; frames with no script are V8's own: `(garbage collector)`,
 * `(idle)`, or a builtin such as `runMicrotasks`.
 */
export function attribute(
  profile: Profiler.Profile,
  /** each file of the bundle (the entry and its chunks): URL to source */
  bundleFiles: ReadonlyMap<string, string>,
): CpuAttribution {
  const lineFiles = new Map<string, (line: number) => string | undefined>();
  const fileAt = (url: string, line: number) => {
    let at = lineFiles.get(url);
    if (!at) {
      at = bundleLineFiles(bundleFiles.get(url)!);
      lineFiles.set(url, at);
    }
    return at(line);
  };
  const selfMs = new Map<number, number>();
  const { samples = [], timeDeltas = [] } = profile;
  // the first delta runs from the profiler's start to the first sample: time spent starting, not running
  for (let i = 1; i < samples.length; i++)
    selfMs.set(samples[i]!, (selfMs.get(samples[i]!) ?? 0) + (timeDeltas[i] ?? 0) / 1000);
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let totalMs = 0;
  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    if (ms === 0) continue;
    totalMs += ms;
    const { url, functionName, lineNumber } = node.callFrame;
    let file: string;
    let area: string;
    if (bundleFiles.has(url)) {
      file = fileAt(url, lineNumber) ?? 'the bundle';
      area = areaOf(file);
    } else if (url.includes('/node_modules/')) {
      file = `node_modules/${url.split('/node_modules/').pop()}`;
      area = areaOf(file);
    } else if (url === '') {
      file = 'V8';
      area = functionName.startsWith('(') ? functionName : 'V8 builtins (runMicrotasks, …)';
    } else {
      file = url;
      area = 'Node.js internals';
    }
    add(areas, area, ms);
    add(functions, `${functionName || '(anonymous)'} (${file})`, ms);
  }
  const sorted = (map: Map<string, number>) =>
    [...map].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
  return { totalMs, areas: sorted(areas), functions: sorted(functions) };
}
