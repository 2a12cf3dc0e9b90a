import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HANDLERS } from '#functions/manifest.ts';
import { useJourneyDeps } from '#handlers/runtime.ts';
import { aCaseIn, memoryDeps, type TestDeps } from './support.ts';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;
// The staff API's handler speaks HTTP (payload v2 events); its own tests cover it.
const journey = HANDLERS.filter((h) => h.entry.startsWith('functions/handlers/') && !h.api);
const load = async (name: string): Promise<Handler> => {
  const spec = journey.find((h) => h.name === name)!;
  return ((await import(`../../../${spec.entry}`)) as { handler: Handler }).handler;
};

let deps: TestDeps;
beforeEach(async () => {
  deps = await memoryDeps();
  useJourneyDeps(deps);
});
afterEach(() => useJourneyDeps(undefined));

describe('journey handlers', () => {
  it('every journey handler of the manifest exports a handler', async () => {
    expect(journey.length).toBe(18);
    for (const spec of journey) expect(typeof (await load(spec.name)), spec.name).toBe('function');
  });

  it.each(journey.map((h) => h.name))(
    '%s: a malformed payload is InvalidInput naming the field, and nothing is written',
    async (name) => {
      const handler = await load(name);
      deps.repository.resetStats();
      const error = await handler({ caseId: 'bad id with spaces', now: 'yesterday' }, {}).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ name: 'InvalidInput' });
      expect((error as { errors: { field: string }[] }).errors.length).toBeGreaterThan(0);
      expect(deps.repository.stats().writes).toBe(0);
      expect(deps.notifier.sent).toEqual([]);
    },
  );

  it('registration as an event: a bad prison number is refused with its field; a good one is created once', async () => {
    const handler = await load('registerCase');
    const registration = {
      crn: 'X123456',
      nomsId: 'A1234BC',
      prisonId: 'LEI',
      sentenceType: 'LICENCE',
      risk: 'LOW',
      mappaLevel: 0,
      iom: false,
      releaseDate: '2026-04-27',
      responsibleOfficerId: 'com-1',
    };
    await expect(
      handler({ registration: { ...registration, nomsId: '1234' }, requestTime: '2026-01-05T10:00:00Z' }, {}),
    ).rejects.toMatchObject({ name: 'InvalidInput', errors: [{ field: 'registration.nomsId' }] });
    const first = await handler({ registration, requestTime: '2026-01-05T10:00:00Z' }, {});
    const second = await handler({ registration, requestTime: '2026-01-05T10:05:00Z' }, {});
    expect(first).toMatchObject({ created: true });
    expect(second).toMatchObject({ created: false, caseId: (first as { caseId: string }).caseId });
  });

  it('openStaffTask run twice (a retry) prompts once', async () => {
    await aCaseIn(deps, 'CUSTODY');
    const handler = await load('openStaffTask');
    const payload = {
      task: {
        caseId: 'case1',
        taskId: 'case1-task-resettlement-plan',
        key: 'RESETTLEMENT_PLAN',
        type: 'RESETTLEMENT_PLAN',
        dueAt: '2026-02-23T17:00:00.000Z',
      },
      executionName: 'case1-task-resettlement-plan',
      now: '2026-02-16T09:00:00.000Z',
    };
    await handler(payload, {});
    await handler({ ...payload, now: '2026-02-16T09:00:04.000Z' }, {});
    expect(deps.notifier.sent).toHaveLength(1);
  });

  it('openStaffTask takes the waiting path only when its payload carries the token, and keeps the token', async () => {
    await aCaseIn(deps, 'CUSTODY');
    const handler = await load('openStaffTask');
    const payload = (key: string) => ({
      task: {
        caseId: 'case1',
        taskId: `case1-task-${key.toLowerCase().replaceAll('_', '-')}`,
        key,
        type: key,
        dueAt: '2026-02-23T17:00:00.000Z',
      },
      executionName: `case1-task-${key.toLowerCase().replaceAll('_', '-')}`,
      now: '2026-02-16T09:00:00.000Z',
    });
    const waiting = await handler({ ...payload('RESETTLEMENT_PLAN'), taskToken: 'token-1' }, {});
    const planned = await handler(payload('PRE_RELEASE_ASSESSMENT'), {});
    // the token path answers whether the step waits (here it is replanned at once: the spec has no ladder)
    expect(waiting).toEqual({ waiting: false });
    expect(planned).toMatchObject({ status: 'OPEN', taskId: 'case1-task-pre-release-assessment' });
    expect((await deps.repository.getTask('case1-task-resettlement-plan'))?.taskToken).toBe('token-1');
    expect((await deps.repository.getTask('case1-task-pre-release-assessment'))?.taskToken).toBeUndefined();
  });

  it('the release trigger fired twice by the schedule releases once', async () => {
    await aCaseIn(deps, 'CUSTODY');
    const handler = await load('releaseTrigger');
    const event = { action: 'RELEASE', caseId: 'case1', scheduledTime: '2026-04-27T07:00:00Z' };
    expect(await handler(event, {})).toEqual({ released: true, releasedOn: '2026-04-27' });
    expect(await handler(event, {})).toEqual({ released: false, reason: 'ALREADY_RELEASED' });
  });

  it('a transient AWS error leaves as TransientError, which the workflows retry', async () => {
    await aCaseIn(deps, 'CUSTODY');
    const handler = await load('planReferrals');
    const original = deps.repository.getCase.bind(deps.repository);
    deps.repository.getCase = async () => {
      throw Object.assign(new Error('Rate exceeded'), {
        name: 'ThrottlingException',
        $metadata: { httpStatusCode: 400 },
      });
    };
    await expect(handler({ caseId: 'case1', now: '2026-02-16T09:00:00.000Z' }, {})).rejects.toMatchObject({
      name: 'TransientError',
    });
    deps.repository.getCase = original;
  });
});
