/**
 * Who does a task and who hears about it: the assignee by role, the escalation chain by `managerId`, and whether an
 * actor may act on a task (the assignee, anyone above them in the chain, or an administrator).
 */
import type { Case, Staff } from '#domain/entities.ts';
import type { LadderTarget, StaffRole } from '#domain/types.ts';
import type { JourneyDeps } from './deps.ts';

/**
 * The assignee of a new task: the responsible officer for COM work; for another role the first staff member of that
 * role by id (cases carry no POM or partner of their own yet), falling back to the responsible officer.
 */
export async function assigneeFor(deps: JourneyDeps, kase: Case, role: StaffRole): Promise<string> {
  if (role === 'COM') return kase.responsibleOfficerId;
  const staff = await deps.repository.listStaffByRole(role);
  const first = [...staff].sort((a, b) => a.staffId.localeCompare(b.staffId))[0];
  return first?.staffId ?? kase.responsibleOfficerId;
}

/** The staff member above `staffId`, if any. */
async function managerOf(deps: JourneyDeps, staffId: string): Promise<Staff | undefined> {
  const staff = await deps.repository.getStaff(staffId);
  return staff?.managerId ? deps.repository.getStaff(staff.managerId) : undefined;
}

/**
 * The recipient of a ladder step: the assignee, their line manager, or their manager's manager (the line manager
 * when the chain stops there). Undefined when nobody fits (no manager recorded).
 */
export async function ladderRecipient(
  deps: JourneyDeps,
  assigneeId: string,
  target: LadderTarget,
): Promise<Staff | undefined> {
  if (target === 'ASSIGNEE') return deps.repository.getStaff(assigneeId);
  const manager = await managerOf(deps, assigneeId);
  if (target === 'LINE_MANAGER' || !manager) return manager;
  return (await managerOf(deps, manager.staffId)) ?? manager;
}

/** The responsible officer and their line manager (enforcement notices), those that exist. */
export async function officerAndManager(deps: JourneyDeps, kase: Case): Promise<Staff[]> {
  const officer = await deps.repository.getStaff(kase.responsibleOfficerId);
  if (!officer) return [];
  const manager = await managerOf(deps, officer.staffId);
  return manager ? [officer, manager] : [officer];
}

/** Whether `actorId` may act on a task of `assigneeId`: the assignee, up to three managers above, or an ADMIN. */
export async function mayActFor(deps: JourneyDeps, actorId: string, assigneeId: string): Promise<boolean> {
  if (actorId === assigneeId) return true;
  const actor = await deps.repository.getStaff(actorId);
  if (!actor) return false;
  if (actor.role === 'ADMIN') return true;
  let current = assigneeId;
  for (let depth = 0; depth < 3; depth++) {
    const staff = await deps.repository.getStaff(current);
    if (!staff?.managerId) return false;
    if (staff.managerId === actorId) return true;
    current = staff.managerId;
  }
  return false;
}
