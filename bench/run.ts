/**
 * Runs every `bench/*.bench.ts` module in turn (each exports `default async function run(): Promise<void>`
 * or does its work at import). Usage: `npm run bench [-- <name filter>]`.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();

for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const started = performance.now();
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default?: () => Promise<void> };
  if (typeof mod.default === 'function') await mod.default();
  console.log(`(${file}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
