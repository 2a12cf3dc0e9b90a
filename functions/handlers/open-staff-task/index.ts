/** Staff-task ladder, first step: creates the task, prompts the assignee once, plans the waits. */
import { openStaffTask } from '#functions/services/staff-task.ts';
import { openStaffTaskPayload } from '#handlers/payloads.ts';
import { journeyHandler } from '#handlers/runtime.ts';

export const handler = journeyHandler(openStaffTaskPayload, (deps, p) => openStaffTask(deps, p, p.now));
