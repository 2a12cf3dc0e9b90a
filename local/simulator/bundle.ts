/**
 * Builds an entry module of the simulator, with all the project's code it reaches, into ES modules with esbuild
 * (a devDependency): the entry, and a chunk for what is reached only through a dynamic import (the handlers, the
 * AWS ports, dynalite), so that a process or a worker thread runs plain JavaScript: no TypeScript transform of each
 * module as it loads, and none of tsx's per-closure helper calls (it keeps function names with a call wherever a
 * function is made). Packages stay external and load from node_modules as usual, so the bundle is written under
 * node_modules/.cache, where their imports resolve. Each module keeps its own `import.meta.dirname`, `filename` and
 * `url` (the journey runtime finds the workflow definitions by them), written in as literals of its source file.
 * The build takes well under a second; the simulator benchmark's worker processes run the bundle.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Bundle {
  /** the bundled module, to `import()` or to start a Worker with */
  readonly url: URL;
  /** how long the build took */
  readonly seconds: number;
  /** every file of the bundle (the entry and the chunks its dynamic imports load): URL to source */
  files(): Map<string, string>;
  /** deletes the bundle (once it is loaded, or the workers that load it have started) */
  remove(): void;
}

const sourceImportMeta: Plugin = {
  name: 'source-import-meta',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta')) return undefined;
      const contents = source
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path))
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: 'ts' };
    });
  },
};

/** Bare specifiers (packages, `node:` modules) stay imports; relative and `#` subpath imports are bundled. */
const packagesExternal: Plugin = {
  name: 'packages-external',
  setup(build) {
    build.onResolve({ filter: /^[^./#]/ }, (args) => ({ path: args.path, external: true }));
  },
};

/** Bundles `entry` (a path from the repository root, e.g. `local/simulator/shard-worker.ts`). */
export async function bundle(entry: string): Promise<Bundle> {
  const started = performance.now();
  const { build } = await import('esbuild');
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'resettle-simulator-'));
  const outfile = join(dir, `${entry.replace(/^.*\//, '').replace(/\.ts$/, '')}.mjs`);
  try {
    await build({
      entryPoints: [join(ROOT, entry)],
      outdir: dir,
      outExtension: { '.js': '.mjs' },
      // a dynamic import stays one (a chunk of its own), so that what it reaches, packages included, loads only
      // when asked for: the AWS ports and their SDK clients, dynalite (the simulator uses neither)
      splitting: true,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'error',
      plugins: [packagesExternal, sourceImportMeta],
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: pathToFileURL(outfile),
    seconds: (performance.now() - started) / 1000,
    files: () =>
      new Map(
        readdirSync(dir)
          .filter((name) => name.endsWith('.mjs'))
          .map((name) => [pathToFileURL(join(dir, name)).href, readFileSync(join(dir, name), 'utf8')]),
      ),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
