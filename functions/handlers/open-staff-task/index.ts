/**
 * Staff-task ladder, first step: creates the task and prompts the assignee once, then keeps the token of the wait
 * for its completion (`taskToken`). Older ladder definitions send no token: the step plans the waits and answers.
 */
import type { z } from 'zod';
import { openStaffTask, openStaffTaskAndWait } from '#functions/services/staff-task.ts';
import { openStaffTaskPayload } from '#handlers/payloads.ts';
import { journeyHandler } from '#handlers/runtime.ts';

type Payload = z.infer<typeof openStaffTaskPayload>;

/** the payload as parsed goes on as it is (not rebuilt with or without its token) */
const waits = (p: Payload): p is Payload & { readonly taskToken: string } => p.taskToken !== undefined;

export const handler = journeyHandler(
  openStaffTaskPayload,
  (deps, p): Promise<unknown> =>
    waits(p) ? openStaffTaskAndWait(deps, p, p.now) : openStaffTask(deps, p, p.now),
);
