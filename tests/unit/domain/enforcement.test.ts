import { describe, expect, it } from 'vitest';
import {
  allowedBreachOutcomes,
  breachOutcomeEffect,
  type EnforcementInput,
  enforcementDecision,
  isWarningLive,
  warningLastDay,
} from '#domain/enforcement.ts';
import { BREACH_OUTCOMES } from '#domain/types.ts';

const WARNING = { issuedOn: '2025-03-10' };

function failure(overrides: Partial<EnforcementInput> = {}): EnforcementInput {
  return {
    outcome: 'UNACCEPTABLE_ABSENCE',
    occurredOn: '2025-06-02',
    sentenceType: 'COMMUNITY_ORDER',
    warnings: [],
    ...overrides,
  };
}

describe('enforcementDecision', () => {
  it('records nothing for an attended-and-complied appointment or an acceptable absence', () => {
    expect(enforcementDecision(failure({ outcome: 'ATTENDED_COMPLIED', warnings: [WARNING] })).decision).toBe(
      'NONE',
    );
    expect(
      enforcementDecision(failure({ outcome: 'ACCEPTABLE_ABSENCE', warnings: [WARNING] })).decision,
    ).toBe('NONE');
  });

  it('warns on a first failure with no warning, dating the warning on the failure day', () => {
    const result = enforcementDecision(failure());
    expect(result.decision).toBe('WARNING');
    expect(result.warning).toEqual({ issuedOn: '2025-06-02', liveUntil: '2026-06-01' });
  });

  it('treats attending but failing to comply as a failure', () => {
    expect(enforcementDecision(failure({ outcome: 'ATTENDED_FAILED_TO_COMPLY' })).decision).toBe('WARNING');
  });

  it('issues a breach on a failure 11 months after a warning (community order and PSS)', () => {
    for (const sentenceType of ['COMMUNITY_ORDER', 'POST_SENTENCE_SUPERVISION'] as const) {
      const result = enforcementDecision(
        failure({ sentenceType, occurredOn: '2026-02-10', warnings: [WARNING] }),
      );
      expect(result.decision).toBe('BREACH');
      expect(result.liveWarningIssuedOn).toBe('2025-03-10');
    }
  });

  it('asks for a recall review on a failure 11 months after a warning on licence', () => {
    const result = enforcementDecision(
      failure({ sentenceType: 'LICENCE', occurredOn: '2026-02-10', warnings: [WARNING] }),
    );
    expect(result.decision).toBe('RECALL_REVIEW');
  });

  it('gives a new first warning for a failure 13 months after a warning', () => {
    const result = enforcementDecision(failure({ occurredOn: '2026-04-10', warnings: [WARNING] }));
    expect(result.decision).toBe('WARNING');
    expect(result.warning?.issuedOn).toBe('2026-04-10');
  });

  it('counts the 12 months from the warning date: the day before the anniversary breaches, the anniversary warns', () => {
    expect(enforcementDecision(failure({ occurredOn: '2026-03-09', warnings: [WARNING] })).decision).toBe(
      'BREACH',
    );
    expect(enforcementDecision(failure({ occurredOn: '2026-03-10', warnings: [WARNING] })).decision).toBe(
      'WARNING',
    );
  });

  it('breaches on a failure on the same day as a warning', () => {
    expect(enforcementDecision(failure({ occurredOn: '2025-03-10', warnings: [WARNING] })).decision).toBe(
      'BREACH',
    );
  });

  it('ignores a warning dated after the failure', () => {
    expect(enforcementDecision(failure({ occurredOn: '2025-03-09', warnings: [WARNING] })).decision).toBe(
      'WARNING',
    );
  });

  it('uses the latest live warning when there are several', () => {
    const result = enforcementDecision(
      failure({ occurredOn: '2026-02-10', warnings: [{ issuedOn: '2024-01-01' }, WARNING] }),
    );
    expect(result.liveWarningIssuedOn).toBe('2025-03-10');
  });

  it('takes the London date of the appointment instant', () => {
    // 23:30 UTC on 9 March 2026 is still 9 March in GMT; 23:30 UTC on 9 July is 10 July in BST
    expect(
      enforcementDecision(
        failure({ occurredOn: undefined, occurredAt: '2026-03-09T23:30:00Z', warnings: [WARNING] }),
      ).decision,
    ).toBe('BREACH');
    expect(
      enforcementDecision(failure({ occurredOn: undefined, occurredAt: '2025-07-09T23:30:00Z' })).date,
    ).toBe('2025-07-10');
  });

  it('asks staff to decide a failure to attend with DecisionRequired', () => {
    expect(() => enforcementDecision(failure({ outcome: 'FAILED_TO_ATTEND' }))).toThrow(
      expect.objectContaining({ name: 'DecisionRequired', field: 'outcome' }),
    );
  });

  it('refuses a failure without a date', () => {
    expect(() => enforcementDecision(failure({ occurredOn: undefined }))).toThrow(
      expect.objectContaining({ name: 'InvalidDate', field: 'occurredOn' }),
    );
  });
});

describe('warning window', () => {
  it('ends the day before the anniversary, or at the end of February for a 29 February warning', () => {
    expect(warningLastDay('2025-03-10')).toBe('2026-03-09');
    expect(warningLastDay('2028-02-29')).toBe('2029-02-28');
    expect(isWarningLive('2028-02-29', '2029-02-28')).toBe(true);
    expect(isWarningLive('2028-02-29', '2029-03-01')).toBe(false);
  });
});

describe('breachOutcomeEffect', () => {
  it('continues the journey when the order continues or there is no recall', () => {
    expect(breachOutcomeEffect('CONTINUE', 'COMMUNITY_ORDER')).toEqual({ effect: 'CONTINUE' });
    expect(breachOutcomeEffect('NO_RECALL', 'LICENCE')).toEqual({ effect: 'CONTINUE' });
  });

  it('closes BREACH_RESENTENCED when the court resentences or revokes', () => {
    expect(breachOutcomeEffect('RESENTENCED', 'COMMUNITY_ORDER')).toEqual({
      effect: 'CLOSE',
      outcome: 'BREACH_RESENTENCED',
    });
    expect(breachOutcomeEffect('REVOKED', 'POST_SENTENCE_SUPERVISION')).toEqual({
      effect: 'CLOSE',
      outcome: 'BREACH_RESENTENCED',
    });
  });

  it('closes RECALLED for every recall type', () => {
    for (const outcome of ['FIXED_TERM_RECALL_14', 'FIXED_TERM_RECALL_28', 'STANDARD_RECALL'] as const)
      expect(breachOutcomeEffect(outcome, 'LICENCE')).toEqual({ effect: 'CLOSE', outcome: 'RECALLED' });
  });

  it('refuses a recall type for a community order and a court outcome for a licence', () => {
    expect(() => breachOutcomeEffect('STANDARD_RECALL', 'COMMUNITY_ORDER')).toThrow(
      expect.objectContaining({ name: 'OutcomeNotAllowed', field: 'outcome' }),
    );
    expect(() => breachOutcomeEffect('RESENTENCED', 'LICENCE')).toThrow(
      expect.objectContaining({ name: 'OutcomeNotAllowed' }),
    );
  });

  it('allows each breach outcome for exactly one kind of sentence', () => {
    const licence = allowedBreachOutcomes('LICENCE');
    const order = allowedBreachOutcomes('COMMUNITY_ORDER');
    for (const o of BREACH_OUTCOMES) expect(licence.includes(o) !== order.includes(o)).toBe(true);
  });
});
