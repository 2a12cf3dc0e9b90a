/**
 * Staff-task ladder, first step: creates the task and prompts the assignee once, then keeps the token of the wait
 * for its completion (`taskToken`). Older ladder definitions send no token: the step plans the waits and answers.
 */
import { openStaffTask, openStaffTaskAndWait } from '#functions/services/staff-task.ts';
import { openStaffTaskPayload } from '#handlers/payloads.ts';
import { hasField, journeyHandler } from '#handlers/runtime.ts';

export const handler = journeyHandler(
  openStaffTaskPayload,
  (deps, p): Promise<unknown> =>
    hasField(p, 'taskToken') ? openStaffTaskAndWait(deps, p, p.now) : openStaffTask(deps, p, p.now),
);
