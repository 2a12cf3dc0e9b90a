import { afterEach, describe, expect, it, vi } from 'vitest';

describe("a handler's ports from the environment (functions/handlers/runtime.ts)", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('are built once prepareDeps has loaded the AWS adapters, and once per container', async () => {
    vi.stubEnv('TABLE_NAME', 'resettle-test');
    vi.stubEnv('AWS_REGION', 'eu-west-2');
    const runtime = await import('#handlers/runtime.ts');
    expect(() => runtime.journeyDeps()).toThrow('journeyDeps() before prepareDeps()');
    await runtime.prepareDeps();
    const deps = runtime.journeyDeps();
    expect(deps.repository.constructor.name).toBe('DynamoDbRepository');
    expect(deps.notifier.constructor.name).toBe('AwsNotifier');
    expect(runtime.journeyDeps()).toBe(deps);
  });

  it('are those put in place, without loading anything, when a test or the simulator gives its own', async () => {
    const runtime = await import('#handlers/runtime.ts');
    const own = { newId: () => 'x' } as never;
    runtime.useJourneyDeps(own);
    expect(runtime.journeyDeps()).toBe(own);
    runtime.useJourneyDeps(undefined);
  });
});
