/**
 * Writes `docs/json-schema/<name>.json` for every input schema, then formats them with Biome so `npm run lint`
 * stays clean: `npx tsx functions/schemas/write-json-schema.ts`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchemas } from './json-schema.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(root, 'docs/json-schema');
mkdirSync(outDir, { recursive: true });
const files: string[] = [];
for (const [name, schema] of Object.entries(jsonSchemas())) {
  const file = join(outDir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  files.push(file);
  console.log(`wrote docs/json-schema/${name}.json`);
}
const biome = spawnSync('npx', ['biome', 'format', '--write', ...files], { cwd: root, stdio: 'inherit' });
if (biome.status !== 0) console.warn('biome format failed: the files are written but not formatted');
