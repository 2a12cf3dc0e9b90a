/**
 * `npm run local` as a developer runs it: the CLI prints exactly one `ready {…}` line on stdout, serves the
 * project's own state machines from the manifest, and stops cleanly on SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import { WORKFLOWS } from '#functions/manifest.ts';
import { clientConfig, local, ROOT } from './local-stack-support.ts';

let child: ChildProcess | undefined;

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

describe('npm run local', () => {
  it('prints one ready line, serves the manifest workflows and exits 0 on SIGTERM', async () => {
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'local/cli.ts',
        '--port',
        '0',
        '--api-port',
        '0',
        '--clock',
        'virtual',
        '--start-time',
        '2027-01-04T09:00:00Z',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr!.on('data', (chunk) => {
      stderr += chunk;
    });
    const lines: string[] = [];
    const reader = createInterface({ input: child.stdout! });
    const ready = new Promise<string>((resolve, reject) => {
      reader.on('line', (line) => {
        lines.push(line);
        if (line.startsWith('ready ')) resolve(line);
      });
      child!.once('exit', (code) => reject(new Error(`exited ${code} before ready: ${stderr}`)));
    });
    const line = await ready;
    const info = JSON.parse(line.slice('ready '.length));
    expect(Object.keys(info).sort()).toEqual(['adminToken', 'api', 'endpoint']);
    expect(info.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const sfn = new SFNClient(clientConfig(info.endpoint));
    const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
    expect(stateMachines?.map((m) => m.name).sort()).toEqual(
      WORKFLOWS.map((w) => `resettle-local-${w.name}`).sort(),
    );
    sfn.destroy();
    expect((await local(info.endpoint, '/_local/health')).json).toMatchObject({
      status: 'ok',
      mode: 'virtual',
    });

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(lines).toEqual([line]);
  });
});
