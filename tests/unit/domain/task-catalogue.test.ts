import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, resolveConfig } from '#domain/config.ts';
import {
  allTaskDefinitions,
  NEED_PATHWAY,
  promptChannels,
  referralTaskType,
  TASK_TYPES,
  taskApplies,
  taskDefinition,
} from '#domain/task-catalogue.ts';
import { eventTaskDue, ladderFor, ladderInstants } from '#domain/task-timing.ts';
import { SUPPORT_NEEDS } from '#domain/types.ts';

describe('task catalogue', () => {
  it('defines every task type the journey needs, with a role and a three-step ladder', () => {
    for (const type of [
      'PRE_RELEASE_ASSESSMENT',
      'RESETTLEMENT_PLAN',
      'ENGAGEMENT_SESSION',
      'LICENCE_CONDITIONS_EXPLAINED',
      'RELEASE_DAY_CHECKS',
      'FIRST_APPOINTMENT',
      'APPOINTMENT_OUTCOME',
      'HANDOVER_GP',
      'HANDOVER_TREATMENT',
      'HANDOVER_HOUSING_MOVE_ON',
      'BREACH_OUTCOME',
      'RECALL_REVIEW',
    ])
      expect(TASK_TYPES).toContain(type);
    for (const def of allTaskDefinitions()) {
      expect(['COM', 'POM', 'SPO', 'ENFORCEMENT', 'PARTNER']).toContain(def.role);
      expect(def.ladder.map((s) => s.kind)).toEqual(['REMINDER', 'ESCALATION', 'SECOND_ESCALATION']);
    }
  });

  it('has one referral per support need, on the need’s pathway', () => {
    for (const need of SUPPORT_NEEDS) {
      const def = taskDefinition(referralTaskType(need));
      expect(def.need).toBe(need);
      expect(def.pathway).toBe(NEED_PATHWAY[need]);
      expect(def.due.kind).toBe('DAYS_BEFORE_RELEASE');
    }
  });

  it('makes the duty to refer due by R-56 days (Homelessness Reduction Act 2017 s10)', () => {
    expect(taskDefinition('REFERRAL_DUTY_TO_REFER').due).toEqual({ kind: 'DAYS_BEFORE_RELEASE', days: 56 });
  });

  it('gives breach outcomes to the enforcement team and licence conditions only to licence cases', () => {
    expect(taskDefinition('BREACH_OUTCOME').role).toBe('ENFORCEMENT');
    const licence = taskDefinition('LICENCE_CONDITIONS_EXPLAINED');
    expect(taskApplies(licence, 'LICENCE', [])).toBe(true);
    expect(taskApplies(licence, 'COMMUNITY_ORDER', [])).toBe(false);
    expect(taskApplies(taskDefinition('HANDOVER_HOUSING_MOVE_ON'), 'LICENCE', ['CAS3_REFERRAL'])).toBe(true);
    expect(taskApplies(taskDefinition('HANDOVER_HOUSING_MOVE_ON'), 'LICENCE', ['BANK_ACCOUNT'])).toBe(false);
  });

  it('refuses an unknown task type with UnknownTaskType', () => {
    expect(() => taskDefinition('MAKE_TEA')).toThrow(expect.objectContaining({ name: 'UnknownTaskType' }));
  });

  it('takes due rules and ladders from configuration', () => {
    const config = resolveConfig({
      dueRules: { REFERRAL_CAS3_REFERRAL: { kind: 'DAYS_BEFORE_RELEASE', days: 42 } },
      defaultLadder: [{ kind: 'ESCALATION', workingDays: 1, target: 'LINE_MANAGER', channels: ['EMAIL'] }],
    });
    expect(taskDefinition('REFERRAL_CAS3_REFERRAL', config).due).toEqual({
      kind: 'DAYS_BEFORE_RELEASE',
      days: 42,
    });
    expect(taskDefinition('PRE_RELEASE_ASSESSMENT', config).ladder).toHaveLength(1);
    expect(taskDefinition('RECALL_REVIEW', config).ladder).toBe(DEFAULT_CONFIG.ladders.RECALL_REVIEW);
  });

  it('prompts urgent tasks by SMS as well as email', () => {
    expect(promptChannels('RECALL_REVIEW')).toEqual(['EMAIL', 'SMS']);
    expect(promptChannels('PRE_RELEASE_ASSESSMENT')).toEqual(['EMAIL']);
  });

  it('makes an appointment outcome due the next working day, over a bank-holiday weekend', () => {
    expect(eventTaskDue('APPOINTMENT_OUTCOME', '2026-05-22T09:00:00Z')).toEqual({
      dueDate: '2026-05-26',
      dueAt: '2026-05-26T16:00:00.000Z',
    });
    expect(() => eventTaskDue('PRE_RELEASE_ASSESSMENT', '2026-05-22T09:00:00Z')).toThrow(
      expect.objectContaining({ name: 'UnknownTaskType' }),
    );
  });
});

describe('ladderFor', () => {
  it('reminds the assignee 2 working days before, escalates to the line manager at due, and again 3 working days after', () => {
    const ladder = ladderFor('PRE_RELEASE_ASSESSMENT', '2026-03-17T17:00:00Z');
    expect(ladder.steps.map((s) => [s.kind, s.target, s.at])).toEqual([
      ['REMINDER', 'ASSIGNEE', '2026-03-13T17:00:00.000Z'],
      ['ESCALATION', 'LINE_MANAGER', '2026-03-17T17:00:00.000Z'],
      ['SECOND_ESCALATION', 'MANAGERS_MANAGER', '2026-03-20T17:00:00.000Z'],
    ]);
    expect(ladder.steps.map((s) => s.secondsAfterDue)).toEqual([-4 * 86400, 0, 3 * 86400]);
    expect(ladder.steps[0]!.waitSeconds).toBeNull();
  });

  it('skips Easter when counting working days and keeps 17:00 London across the clock change', () => {
    const ladder = ladderFor('REFERRAL_DUTY_TO_REFER', '2026-04-07T16:00:00Z');
    expect(ladder.steps[0]!.at).toBe('2026-04-01T16:00:00.000Z');
    expect(ladder.steps[2]!.at).toBe('2026-04-10T16:00:00.000Z');
    const acrossChange = ladderFor('PRE_RELEASE_ASSESSMENT', '2026-03-31T16:00:00Z');
    expect(acrossChange.steps[0]!.at).toBe('2026-03-27T17:00:00.000Z');
  });

  it('gives the seconds to wait between steps from the prompt', () => {
    const ladder = ladderFor(
      'PRE_RELEASE_ASSESSMENT',
      '2026-03-17T17:00:00Z',
      DEFAULT_CONFIG,
      '2026-03-03T09:00:00Z',
    );
    expect(ladder.steps.map((s) => s.waitSeconds)).toEqual([
      (Date.parse('2026-03-13T17:00:00Z') - Date.parse('2026-03-03T09:00:00Z')) / 1000,
      4 * 86400,
      3 * 86400,
    ]);
    expect(ladder.skipped).toEqual([]);
  });

  it('skips a reminder that would fire at or before the prompt of a late task', () => {
    const ladder = ladderFor(
      'PRE_RELEASE_ASSESSMENT',
      '2026-03-17T17:00:00Z',
      DEFAULT_CONFIG,
      '2026-03-16T09:00:00Z',
    );
    expect(ladder.skipped).toEqual(['REMINDER']);
    expect(ladder.steps.map((s) => s.kind)).toEqual(['ESCALATION', 'SECOND_ESCALATION']);
    expect(ladder.steps[0]!.waitSeconds).toBe(32 * 3600);
  });

  it('reminds urgent same-day tasks four hours before the due time', () => {
    const ladder = ladderFor('RECALL_REVIEW', '2026-05-26T16:00:00Z');
    expect(ladder.steps.map((s) => s.at)).toEqual([
      '2026-05-26T12:00:00.000Z',
      '2026-05-26T16:00:00.000Z',
      '2026-05-27T16:00:00.000Z',
    ]);
    expect(ladder.steps[2]!.channels).toContain('SMS');
  });

  it('refuses a due time that is not an instant', () => {
    expect(() => ladderFor('PRE_RELEASE_ASSESSMENT', '2026-03-17')).toThrow(
      expect.objectContaining({ name: 'InvalidInstant', field: 'dueAt' }),
    );
  });
});

describe('ladderInstants (what a task spec carries for its ladder)', () => {
  it('gives the instant of each step, before any adjustment for when the prompt goes', () => {
    expect(ladderInstants('PRE_RELEASE_ASSESSMENT', '2026-03-17T17:00:00Z')).toEqual({
      reminderAt: '2026-03-13T17:00:00.000Z',
      escalationAt: '2026-03-17T17:00:00.000Z',
      secondEscalationAt: '2026-03-20T17:00:00.000Z',
    });
  });

  it('a ladder without a step takes the instant before it: no reminder is null, no escalation is the due time', () => {
    const config = resolveConfig({
      ladders: {
        RECALL_REVIEW: [
          { kind: 'SECOND_ESCALATION', workingDays: 1, target: 'MANAGERS_MANAGER', channels: ['SMS'] },
        ],
      },
    });
    expect(ladderInstants('RECALL_REVIEW', '2026-05-26T16:00:00Z', config)).toEqual({
      reminderAt: null,
      escalationAt: '2026-05-26T16:00:00.000Z',
      secondEscalationAt: '2026-05-27T16:00:00.000Z',
    });
    const noEscalations = resolveConfig({
      ladders: {
        RECALL_REVIEW: [
          { kind: 'REMINDER', workingDays: 0, hours: -4, target: 'ASSIGNEE', channels: ['SMS'] },
        ],
      },
    });
    expect(ladderInstants('RECALL_REVIEW', '2026-05-26T16:00:00Z', noEscalations)).toEqual({
      reminderAt: '2026-05-26T12:00:00.000Z',
      escalationAt: '2026-05-26T16:00:00.000Z',
      secondEscalationAt: '2026-05-26T16:00:00.000Z',
    });
  });
});
