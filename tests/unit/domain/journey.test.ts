import { describe, expect, it } from 'vitest';
import {
  allowedEvents,
  assertBreachOutcomeAllowed,
  assertTaskCompletable,
  externalEventEffect,
  nextPhase,
  releaseDateChangeEffect,
  tasksToCancelOnClose,
} from '#domain/journey.ts';
import { EXTERNAL_EVENT_TYPES, JOURNEY_PHASES } from '#domain/types.ts';

describe('journey phases', () => {
  it('moves REGISTERED -> CUSTODY -> COMMUNITY -> CLOSED', () => {
    expect(nextPhase('REGISTERED', 'CUSTODY_STARTED')).toBe('CUSTODY');
    expect(nextPhase('CUSTODY', 'RELEASED')).toBe('COMMUNITY');
    expect(nextPhase('COMMUNITY', 'SUPERVISION_ENDED')).toBe('CLOSED');
  });

  it('refuses a trigger out of order, and anything on a closed journey', () => {
    expect(() => nextPhase('REGISTERED', 'RELEASED')).toThrow(
      expect.objectContaining({ name: 'EventNotAllowed' }),
    );
    expect(() => nextPhase('CLOSED', 'SUPERVISION_ENDED')).toThrow(
      expect.objectContaining({ name: 'JourneyClosed' }),
    );
  });
});

describe('external events', () => {
  it('accepts RELEASED only in custody, moving to the community phase', () => {
    expect(externalEventEffect('CUSTODY', 'RELEASED')).toEqual({ effect: 'TRANSITION', to: 'COMMUNITY' });
    for (const phase of ['REGISTERED', 'COMMUNITY'] as const)
      expect(() => externalEventEffect(phase, 'RELEASED')).toThrow(
        expect.objectContaining({ name: 'EventNotAllowed', field: 'type' }),
      );
  });

  it('accepts RECALLED and RETURNED_ON_NEW_SENTENCE only in the community, ending the journey', () => {
    expect(externalEventEffect('COMMUNITY', 'RECALLED')).toEqual({ effect: 'CLOSE', outcome: 'RECALLED' });
    expect(externalEventEffect('COMMUNITY', 'RETURNED_ON_NEW_SENTENCE')).toEqual({
      effect: 'CLOSE',
      outcome: 'RETURNED_ON_NEW_SENTENCE',
    });
    expect(() => externalEventEffect('CUSTODY', 'RECALLED')).toThrow(
      expect.objectContaining({ name: 'EventNotAllowed' }),
    );
  });

  it('ends the journey on DECEASED, WITHDRAWN or TRANSFERRED_OUT in any open phase', () => {
    for (const phase of ['REGISTERED', 'CUSTODY', 'COMMUNITY'] as const)
      for (const type of ['DECEASED', 'WITHDRAWN', 'TRANSFERRED_OUT'] as const)
        expect(externalEventEffect(phase, type)).toEqual({ effect: 'CLOSE', outcome: type });
  });

  it('refuses every event once the journey is closed', () => {
    for (const type of EXTERNAL_EVENT_TYPES)
      expect(() => externalEventEffect('CLOSED', type)).toThrow(
        expect.objectContaining({ name: 'JourneyClosed' }),
      );
    expect(allowedEvents('CLOSED')).toEqual([]);
  });

  it('lists the events each phase accepts', () => {
    expect(allowedEvents('CUSTODY')).toEqual(['RELEASED', 'DECEASED', 'WITHDRAWN', 'TRANSFERRED_OUT']);
    for (const phase of JOURNEY_PHASES.filter((p) => p !== 'CLOSED'))
      for (const type of allowedEvents(phase)) expect(() => externalEventEffect(phase, type)).not.toThrow();
  });
});

describe('release date changes, breach outcomes and task completion', () => {
  it('reschedules a release date change before release and refuses it after', () => {
    expect(releaseDateChangeEffect('REGISTERED')).toEqual({ effect: 'RESCHEDULE' });
    expect(releaseDateChangeEffect('CUSTODY')).toEqual({ effect: 'RESCHEDULE' });
    expect(() => releaseDateChangeEffect('COMMUNITY')).toThrow(
      expect.objectContaining({ name: 'EventNotAllowed', field: 'releaseDate' }),
    );
    expect(() => releaseDateChangeEffect('CLOSED')).toThrow(
      expect.objectContaining({ name: 'JourneyClosed' }),
    );
  });

  it('accepts a breach outcome only in the community phase', () => {
    expect(() => assertBreachOutcomeAllowed('COMMUNITY')).not.toThrow();
    expect(() => assertBreachOutcomeAllowed('CUSTODY')).toThrow(
      expect.objectContaining({ name: 'EventNotAllowed' }),
    );
  });

  it('answers a second completion with TaskAlreadyCompleted and a cancelled task with TaskCancelled', () => {
    expect(() => assertTaskCompletable('CUSTODY', 'OPEN')).not.toThrow();
    expect(() => assertTaskCompletable('CUSTODY', 'DONE')).toThrow(
      expect.objectContaining({ name: 'TaskAlreadyCompleted' }),
    );
    expect(() => assertTaskCompletable('COMMUNITY', 'CANCELLED')).toThrow(
      expect.objectContaining({ name: 'TaskCancelled' }),
    );
    expect(() => assertTaskCompletable('CLOSED', 'OPEN')).toThrow(
      expect.objectContaining({ name: 'JourneyClosed' }),
    );
  });

  it('cancels only the open tasks when a journey ends', () => {
    const tasks = [
      { id: 'a', status: 'OPEN' as const },
      { id: 'b', status: 'DONE' as const },
      { id: 'c', status: 'OPEN' as const },
    ];
    expect(tasksToCancelOnClose(tasks).map((t) => t.id)).toEqual(['a', 'c']);
  });
});
