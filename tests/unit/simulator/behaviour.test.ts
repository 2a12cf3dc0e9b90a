import { describe, expect, it } from 'vitest';
import { NEED_PATHWAY } from '#domain/task-catalogue.ts';
import { SUPPORT_NEEDS } from '#domain/types.ts';
import { assessmentAnswers, breachDecision, planResponse, taskDraw } from '#local/simulator/behaviour.ts';
import { DEFAULT_MIX } from '#local/simulator/cohort.ts';
import { parseOutboxKey } from '#local/simulator/observers.ts';
import { progressBar, progressLine } from '#local/simulator/progress.ts';
import { assessmentAnswersSchema } from '#schemas/task-completion.ts';

const task = { createdAt: '2027-03-01T09:00:00.000Z', dueAt: '2027-03-15T17:00:00.000Z' };
const prompted = Date.parse(task.createdAt);
const only = (response: 'ON_TIME' | 'LATE' | 'NEVER') => ({
  ...DEFAULT_MIX,
  staffResponse: { ON_TIME: 0, LATE: 0, NEVER: 0, [response]: 1 },
});

describe('staff behaviour', () => {
  it('acts on time between the prompt and the due time', () => {
    for (let i = 0; i < 50; i++) {
      const plan = planResponse(taskDraw(1, `t${i}`), only('ON_TIME'), task, prompted);
      expect(plan.actAt).toBeGreaterThanOrEqual(prompted);
      expect(plan.actAt).toBeLessThan(Date.parse(task.dueAt));
    }
  });

  it('acts late one to six days after the due time, never at a whole hour', () => {
    for (let i = 0; i < 50; i++) {
      const plan = planResponse(taskDraw(1, `t${i}`), only('LATE'), task, prompted);
      const late = plan.actAt! - Date.parse(task.dueAt);
      expect(late).toBeGreaterThan(86_400_000 - 60_000);
      expect(late).toBeLessThan(6 * 86_400_000);
      expect(plan.actAt! % 3_600_000).not.toBe(0);
    }
  });

  it('never acts: the manager steps in, with a delay', () => {
    const plan = planResponse(taskDraw(1, 't'), only('NEVER'), task, prompted);
    expect(plan.actAt).toBeUndefined();
    expect(plan.managerDelayMs).toBeGreaterThan(0);
  });

  it('draws the same for the same seed and task, whatever else was drawn', () => {
    const a = planResponse(taskDraw(7, 'case-1-task-x'), DEFAULT_MIX, task, prompted);
    taskDraw(7, 'other').next();
    expect(planResponse(taskDraw(7, 'case-1-task-x'), DEFAULT_MIX, task, prompted)).toEqual(a);
  });

  it('answers an assessment the schema accepts, with every known need on its pathway', () => {
    for (let i = 0; i < 30; i++) {
      const known = SUPPORT_NEEDS.filter((_, j) => (i + j) % 3 === 0);
      const answers = assessmentAnswers(taskDraw(i, 'assess'), known, SUPPORT_NEEDS);
      expect(assessmentAnswersSchema.safeParse(answers).success).toBe(true);
      for (const need of known) {
        const answer = answers.pathways[NEED_PATHWAY[need]]!;
        if (answer.status === 'SUPPORT_REQUIRED') expect(answer.needs).toContain(need);
        else expect(answer.status).toBe('SUPPORT_DECLINED');
      }
    }
  });

  it('decides recalls for licences and court outcomes for orders', () => {
    for (let i = 0; i < 20; i++) {
      expect(['NO_RECALL', 'FIXED_TERM_RECALL_14', 'FIXED_TERM_RECALL_28', 'STANDARD_RECALL']).toContain(
        breachDecision(taskDraw(i, 'b'), 'LICENCE'),
      );
      expect(['CONTINUE', 'RESENTENCED']).toContain(breachDecision(taskDraw(i, 'b'), 'COMMUNITY_ORDER'));
    }
  });
});

describe('what the simulator observes', () => {
  it('reads case, subject, kind and channel from an outbox key', () => {
    expect(parseOutboxKey('c1:c1-task-assessment:PROMPT:0:COM-1-1:EMAIL')).toEqual({
      caseId: 'c1',
      subjectId: 'c1-task-assessment',
      kind: 'PROMPT',
      channel: 'EMAIL',
    });
    expect(parseOutboxKey('not-a-key')).toBeUndefined();
  });

  it('draws progress on a terminal in place, and in tenths elsewhere', () => {
    const progress = { now: '2027-05-01T00:00:00.000Z', registered: 10, closed: 5, total: 10 };
    expect(progressLine(progress, 10)).toBe('[#####.....] virtual 2027-05-01  closed 5/10  registered 10');
    const written: string[] = [];
    const bar = progressBar({ isTTY: false, write: (text) => written.push(text) });
    bar.update(progress);
    bar.update({ ...progress, now: '2027-05-08T00:00:00.000Z' });
    bar.update({ ...progress, closed: 10 });
    bar.done();
    expect(written).toHaveLength(2);
  });
});
