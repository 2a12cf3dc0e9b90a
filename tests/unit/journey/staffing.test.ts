import { describe, expect, it } from 'vitest';
import { assigneeFor, spreadIndex } from '#functions/services/staffing.ts';
import { aCaseIn, memoryDeps } from './support.ts';

const member = (staffId: string, role: 'POM' | 'PARTNER') => ({
  staffId,
  name: `Staff ${staffId}`,
  email: `${staffId}@probation.example`,
  role,
  managerId: 'spo-1',
});

describe('who a new task goes to', () => {
  it('COM work to the responsible officer, POM work to the allocated prison offender manager', async () => {
    const deps = await memoryDeps();
    await deps.repository.putStaff(member('pom-2', 'POM'));
    const kase = await aCaseIn(deps, 'CUSTODY', { prisonOffenderManagerId: 'pom-2' });
    expect(await assigneeFor(deps, kase, 'COM')).toBe('com-1');
    expect(await assigneeFor(deps, kase, 'POM')).toBe('pom-2');
  });

  it('other work to one member of the role per case, the cases spread over them', async () => {
    const deps = await memoryDeps();
    for (const id of ['partner-2', 'partner-3', 'partner-4'])
      await deps.repository.putStaff(member(id, 'PARTNER'));
    const partners = ['partner-1', 'partner-2', 'partner-3', 'partner-4'];
    const chosen = new Set<string>();
    for (let n = 1; n <= 8; n++) {
      const kase = await aCaseIn(deps, 'CUSTODY', { caseId: `case${n}`, crn: `X12345${n}` });
      const assignee = await assigneeFor(deps, kase, 'PARTNER');
      // the same member for every task of the case
      expect(await assigneeFor(deps, kase, 'PARTNER')).toBe(assignee);
      expect(assignee).toBe(partners[spreadIndex(`case${n}`, 4)]);
      chosen.add(assignee);
      // a case with no POM allocated: POM work spread the same way (one POM here)
      expect(await assigneeFor(deps, kase, 'POM')).toBe('pom-1');
    }
    expect(chosen.size).toBeGreaterThan(1);
  });

  it('to the responsible officer when the role has nobody', async () => {
    const deps = await memoryDeps();
    const kase = await aCaseIn(deps, 'CUSTODY');
    expect(await assigneeFor(deps, kase, 'ADMIN')).toBe('com-1');
  });

  it('spreads many cases evenly', () => {
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 5000; i++) counts[spreadIndex(`case-${i}`, 5)]!++;
    for (const count of counts) expect(count).toBeGreaterThan(900);
    expect(spreadIndex('case-1', 5)).toBe(spreadIndex('case-1', 5));
  });
});
