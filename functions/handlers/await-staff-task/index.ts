/** Staff-task ladder: keeps the task token of the current wait on the task record. */
import { awaitStaffTask } from '#functions/services/staff-task.ts';
import { awaitStaffTaskPayload } from '#handlers/payloads.ts';
import { journeyHandler } from '#handlers/runtime.ts';

export const handler = journeyHandler(awaitStaffTaskPayload, (deps, p) => awaitStaffTask(deps, p, p.now));
