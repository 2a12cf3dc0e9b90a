import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { appointmentOutcomeSchema } from '#schemas/appointment-outcome.ts';
import { breachOutcomeSchema } from '#schemas/breach-outcome.ts';
import { parseInput } from '#schemas/common.ts';
import { checkEventTiming, externalEventSchema } from '#schemas/external-event.ts';
import { checkReleaseDateChangeTiming, releaseDateChangeSchema } from '#schemas/release-date-change.ts';
import { taskCompletionSchema } from '#schemas/task-completion.ts';

function errorsOf(schema: z.ZodType, body: unknown) {
  const r = parseInput(schema, body);
  return r.ok ? [] : r.errors;
}

describe('release date change schema', () => {
  it('accepts a date and a reason', () => {
    expect(errorsOf(releaseDateChangeSchema, { releaseDate: '2026-06-30', reason: 'PAROLE' })).toEqual([]);
  });

  it.each([
    ['releaseDate', { releaseDate: '2026-06-31', reason: 'HDC' }, 'must be a real date written YYYY-MM-DD'],
    ['reason', { releaseDate: '2026-06-30' }, 'is required'],
    [
      'reason',
      { releaseDate: '2026-06-30', reason: 'WHIM' },
      'must be one of DEFERRED, BROUGHT_FORWARD, HDC, PAROLE, CORRECTION, OTHER',
    ],
  ])('reports %s: %j', (field, body, message) => {
    expect(errorsOf(releaseDateChangeSchema, body)).toContainEqual({ field, message });
  });

  it('refuses a new date that is not after the request day', () => {
    expect(checkReleaseDateChangeTiming({ releaseDate: '2026-05-26' }, '2026-05-26T09:00:00Z')).toHaveLength(
      1,
    );
    expect(checkReleaseDateChangeTiming({ releaseDate: '2026-05-27' }, '2026-05-26T09:00:00Z')).toEqual([]);
  });
});

describe('external event schema', () => {
  it('accepts an event with a zoned instant and a short detail', () => {
    expect(
      errorsOf(externalEventSchema, { type: 'RECALLED', occurredAt: '2026-07-01T10:00:00+01:00' }),
    ).toEqual([]);
    expect(
      errorsOf(externalEventSchema, {
        type: 'WITHDRAWN',
        occurredAt: '2026-07-01T09:00:00Z',
        detail: 'DUPLICATE',
      }),
    ).toEqual([]);
  });

  it.each([
    [
      'type',
      { type: 'ESCAPED', occurredAt: '2026-07-01T09:00:00Z' },
      expect.stringMatching(/^must be one of RELEASED/),
    ],
    [
      'occurredAt',
      { type: 'RECALLED', occurredAt: '2026-07-01T09:00:00' },
      'must be an ISO-8601 date and time with a zone, e.g. 2026-05-26T09:00:00Z',
    ],
    ['occurredAt', { type: 'RECALLED' }, 'is required'],
    [
      'detail',
      { type: 'RECALLED', occurredAt: '2026-07-01T09:00:00Z', detail: 'x'.repeat(201) },
      'must be at most 200 characters',
    ],
  ])('reports %s: %j', (field, body, message) => {
    expect(errorsOf(externalEventSchema, body)).toContainEqual({ field, message });
  });

  it('refuses an event that claims to happen after the request, allowing 5 minutes of clock skew', () => {
    expect(checkEventTiming({ occurredAt: '2026-07-01T09:04:00Z' }, '2026-07-01T09:00:00Z')).toEqual([]);
    expect(checkEventTiming({ occurredAt: '2026-07-01T09:06:00Z' }, '2026-07-01T09:00:00Z')).toEqual([
      { field: 'occurredAt', message: 'must not be in the future' },
    ]);
  });
});

describe('task completion schema', () => {
  it('accepts an empty completion and an assessment with pathway answers', () => {
    expect(errorsOf(taskCompletionSchema, {})).toEqual([]);
    expect(
      errorsOf(taskCompletionSchema, {
        outcome: 'DONE',
        notes: 'Seen in person',
        answers: {
          pathways: {
            ACCOMMODATION: { status: 'SUPPORT_REQUIRED', needs: ['DUTY_TO_REFER', 'CAS3_REFERRAL'] },
            HEALTH: { status: 'SUPPORT_NOT_REQUIRED' },
          },
        },
      }),
    ).toEqual([]);
  });

  it.each([
    ['outcome', { outcome: 'MAYBE' }, 'must be one of DONE, NOT_REQUIRED, DECLINED'],
    ['notes', { notes: 'x'.repeat(2001) }, 'must be at most 2000 characters'],
    ['answers.pathways', { answers: {} }, 'is required'],
    [
      'answers.pathways.HOUSING',
      { answers: { pathways: { HOUSING: { status: 'DONE' } } } },
      'is not a known field',
    ],
    [
      'answers.pathways.HEALTH.status',
      { answers: { pathways: { HEALTH: { status: 'FINE' } } } },
      'must be one of NOT_STARTED, SUPPORT_REQUIRED, SUPPORT_NOT_REQUIRED, SUPPORT_DECLINED, IN_PROGRESS, DONE',
    ],
    [
      'answers.pathways.HEALTH.needs.0',
      { answers: { pathways: { HEALTH: { status: 'SUPPORT_REQUIRED', needs: ['BANK_ACCOUNT'] } } } },
      'is not a need on the HEALTH pathway',
    ],
    ['answers.pathways.HEALTH.status', { answers: { pathways: { HEALTH: {} } } }, 'is required'],
  ])('reports %s: %j', (field, body, message) => {
    expect(errorsOf(taskCompletionSchema, body)).toContainEqual({ field, message });
  });
});

describe('appointment and breach outcome schemas', () => {
  it('accepts known outcomes', () => {
    expect(errorsOf(appointmentOutcomeSchema, { outcome: 'ACCEPTABLE_ABSENCE', reason: 'Hospital' })).toEqual(
      [],
    );
    expect(errorsOf(breachOutcomeSchema, { outcome: 'FIXED_TERM_RECALL_28' })).toEqual([]);
  });

  it('reports an unknown or missing outcome and an oversized reason', () => {
    expect(errorsOf(appointmentOutcomeSchema, {})).toEqual([{ field: 'outcome', message: 'is required' }]);
    expect(errorsOf(appointmentOutcomeSchema, { outcome: 'LATE' })[0]?.message).toMatch(
      /^must be one of ATTENDED_/,
    );
    expect(
      errorsOf(appointmentOutcomeSchema, { outcome: 'ACCEPTABLE_ABSENCE', reason: 'x'.repeat(501) }),
    ).toEqual([{ field: 'reason', message: 'must be at most 500 characters' }]);
    expect(errorsOf(breachOutcomeSchema, { outcome: 'PARDON' })[0]).toEqual({
      field: 'outcome',
      message:
        'must be one of CONTINUE, RESENTENCED, REVOKED, NO_RECALL, FIXED_TERM_RECALL_14, FIXED_TERM_RECALL_28, STANDARD_RECALL',
    });
  });
});
