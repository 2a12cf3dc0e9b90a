/**
 * `npm run local`: the whole system on this machine, in the foreground, on 127.0.0.1.
 *
 *   npm run local -- [--clock real|virtual|manual] [--start-time <iso>] [--port 4566] [--api-port 3000]
 *                    [--no-api] [--data-dir <dir>] [--log-level WARN]
 *
 * When ready it prints exactly one line to stdout, `ready {"endpoint": …, "api": …, "adminToken": …}`; everything
 * else goes to stderr. SIGINT/SIGTERM close it cleanly (the data directory then holds everything for a restart).
 * Usage and AWS CLI examples: docs/local.md.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ClockMode } from '#local/clock/clock.ts';
import { type ApiHook, startStack } from './stack.ts';

const USAGE = `usage: npm run local -- [--clock real|virtual|manual] [--start-time <iso>] [--port <n>]
                        [--api-port <n>] [--no-api] [--data-dir <dir>] [--log-level <level>]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    fail(`--${name} must be a port number (0 for any free port)`);
  return n;
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      clock: { type: 'string', default: 'real' },
      'start-time': { type: 'string' },
      port: { type: 'string' },
      'api-port': { type: 'string' },
      'no-api': { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}
try {
  args = parse();
} catch (error) {
  fail((error as Error).message);
}
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const mode = args.clock as ClockMode;
if (!['real', 'virtual', 'manual'].includes(mode)) fail('--clock must be real, virtual or manual');
const startTime = args['start-time'];
if (startTime !== undefined && !Number.isFinite(Date.parse(startTime)))
  fail('--start-time must be an ISO instant');

/** The staff API, when its hook is there (local/staff-api/hook.ts). */
async function apiHook(): Promise<ApiHook | undefined> {
  if (args['no-api']) return undefined;
  try {
    const module = (await import('./staff-api/hook.ts')) as { staffApiHook?: ApiHook };
    return module.staffApiHook;
  } catch (error) {
    process.stderr.write(`staff API not started: ${(error as Error).message}\n`);
    return undefined;
  }
}

const api = await apiHook();
const stack = await startStack({
  clock: mode,
  ...(startTime !== undefined ? { startTime } : {}),
  port: port(args.port, 4566, 'port'),
  apiPort: port(args['api-port'], 3000, 'api-port'),
  ...(args['data-dir'] ? { dataDir: resolve(args['data-dir']) } : {}),
  ...(args['log-level'] ? { logLevel: args['log-level'] } : {}),
  ...(api ? { api } : {}),
}).catch((error: Error) => {
  process.stderr.write(`local stack failed to start: ${error.stack ?? error.message}\n`);
  process.exit(1);
});

process.stderr.write(
  `local AWS endpoint ${stack.endpoint} (clock ${stack.clock.mode}, now ${new Date(stack.clock.now()).toISOString()}, data ${stack.dataDir})\n`,
);
process.stdout.write(
  `ready ${JSON.stringify({ endpoint: stack.endpoint, api: stack.api?.url ?? null, adminToken: stack.api?.adminToken ?? null })}\n`,
);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`${signal}: stopping the local stack\n`);
  stack.close().then(
    () => process.exit(0),
    (error: Error) => {
      process.stderr.write(`error while stopping: ${error.message}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
