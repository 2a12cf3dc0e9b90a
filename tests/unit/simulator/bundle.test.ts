import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bundle, bundle } from '#local/simulator/bundle.ts';

/**
 * The packages a run of the bundle can load, leaving out what only the `skip`ped chunks reach: the entry, every
 * chunk a dynamic import loads, and what each of them imports statically.
 */
function loadablePackages(files: ReadonlyMap<string, string>, entry: string, skip: RegExp): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (url: string) => {
    if (seen.has(url) || skip.test(url)) return;
    seen.add(url);
    const source = files.get(url);
    if (source === undefined) throw new Error(`no bundle file ${url}`);
    // esbuild writes a static import as `import … from "x";` or `import "x";` at the start of a line
    for (const [, from, bare] of source.matchAll(
      /^import\s(?:[^;]*?\sfrom\s*)?"([^"]+)";|^import\s*"([^"]+)";/gm,
    )) {
      const specifier = (from ?? bare)!;
      if (specifier.startsWith('./')) visit(new URL(specifier, url).href);
      else packages.add(specifier);
    }
    for (const [, chunk] of source.matchAll(/\bimport\("(\.\/[^"]+)"\)/g)) visit(new URL(chunk!, url).href);
  };
  visit(entry);
  return packages;
}

describe('the simulator bundle (local/simulator/bundle.ts)', () => {
  let built: Bundle;
  beforeAll(async () => {
    built = await bundle('local/simulator/shard-worker.ts');
  }, 60_000);
  afterAll(() => built?.remove());

  it('loads the AWS SDK only through the AWS ports, and dynalite only for `--store dynamodb`', () => {
    const files = built.files();
    const loadable = (skip: RegExp) => [...loadablePackages(files, built.url.href, skip)];
    const sdkOrDynalite = (p: string) => p.startsWith('@aws-sdk/') || p === 'dynalite';
    // the handlers' aws-deps.ts, and the DynamoDB store (dynalite.ts and the repository) that `--store dynamodb` loads
    const simulated = loadable(/\/(aws-deps|dynalite|dynamodb-repository)-\w+\.mjs$/);
    expect(simulated).toContain('zod');
    expect(simulated).toContain('jsonata');
    expect(simulated.filter(sdkOrDynalite)).toEqual([]);
    // a test that can fail: with those chunks, the SDK clients and dynalite are there
    const everything = loadable(/^$/);
    expect(everything).toContain('@aws-sdk/client-sesv2');
    expect(everything).toContain('dynalite');
  });

  it('lists its files as URL and source', () => {
    const files = built.files();
    expect(files.get(built.url.href)).toBe(readFileSync(fileURLToPath(built.url), 'utf8'));
    expect(files.size).toBeGreaterThan(1);
  });
});
