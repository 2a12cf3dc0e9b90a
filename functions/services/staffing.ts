/**
 * Who does a task and who hears about it: the assignee by role, the escalation chain by `managerId`, and whether an
 * actor may act on a task (the assignee, anyone above them in the chain, or an administrator).
 */
import type { Case, Staff } from '#domain/entities.ts';
import type { LadderTarget, StaffRole } from '#domain/types.ts';
import type { JourneyDeps } from './deps.ts';

/**
 * The assignee of a new task: the responsible officer for COM work, the case's allocated prison offender manager
 * for POM work. Otherwise (partner and enforcement work, or POM work on a case with no POM allocated) one staff
 * member of that role, the same one for every task of the case, with the cases spread evenly over them; the
 * responsible officer when the role has nobody.
 */
export async function assigneeFor(deps: JourneyDeps, kase: Case, role: StaffRole): Promise<string> {
  if (role === 'COM') return kase.responsibleOfficerId;
  if (role === 'POM' && kase.prisonOffenderManagerId) return kase.prisonOffenderManagerId;
  const staff = (await deps.repository.listStaffByRole(role)).map((member) => member.staffId).sort();
  return staff.length > 0 ? staff[spreadIndex(kase.caseId, staff.length)]! : kase.responsibleOfficerId;
}

/** A case's place among `count` people: stable for the case, and even over many cases (FNV-1a of its id). */
export function spreadIndex(caseId: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < caseId.length; i++) hash = Math.imul(hash ^ caseId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % count;
}

/** The staff member above `staff` (a record already read: the chain is walked one read a step), if any. */
async function managerOf(deps: JourneyDeps, staff: Staff | undefined): Promise<Staff | undefined> {
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
  const assignee = await deps.repository.getStaff(assigneeId);
  if (target === 'ASSIGNEE') return assignee;
  const manager = await managerOf(deps, assignee);
  if (target === 'LINE_MANAGER' || !manager) return manager;
  return (await managerOf(deps, manager)) ?? manager;
}

/** The responsible officer and their line manager (enforcement notices), those that exist. */
export async function officerAndManager(deps: JourneyDeps, kase: Case): Promise<Staff[]> {
  const officer = await deps.repository.getStaff(kase.responsibleOfficerId);
  if (!officer) return [];
  const manager = await managerOf(deps, officer);
  return manager ? [officer, manager] : [officer];
}

/**
 * Who acts: their staff record when the caller has it already (the staff API read it to authenticate them, in the
 * same invocation), else their id, read when needed.
 */
export type ActorRef = Staff | string;

/** The actor of a service input: the record it carries when that record is the actor's, else the id. */
export function actorRef(input: { readonly actorId: string; readonly actor?: Staff }): ActorRef {
  return input.actor?.staffId === input.actorId ? input.actor : input.actorId;
}

/** The actor's staff record, read only when not already at hand. */
export async function actorRecord(deps: JourneyDeps, actor: ActorRef): Promise<Staff | undefined> {
  return typeof actor === 'string' ? deps.repository.getStaff(actor) : actor;
}

/** Whether the actor may act on a task of `assigneeId`: the assignee, up to three managers above, or an ADMIN. */
export async function mayActFor(deps: JourneyDeps, who: ActorRef, assigneeId: string): Promise<boolean> {
  const actorId = typeof who === 'string' ? who : who.staffId;
  if (actorId === assigneeId) return true;
  const actor = await actorRecord(deps, who);
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
