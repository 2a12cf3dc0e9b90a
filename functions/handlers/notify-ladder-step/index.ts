/**
 * Staff-task ladder: sends the reminder, escalation or second escalation of an open task, then keeps the token of
 * the wait that follows (`wait`). Older ladder definitions send no wait: they wait in a step of their own.
 */
import { notifyLadderStep, notifyLadderStepAndWait } from '#functions/services/staff-task.ts';
import { notifyLadderStepPayload } from '#handlers/payloads.ts';
import { hasField, journeyHandler } from '#handlers/runtime.ts';

export const handler = journeyHandler(
  notifyLadderStepPayload,
  (deps, p): Promise<unknown> =>
    hasField(p, 'wait') ? notifyLadderStepAndWait(deps, p, p.now) : notifyLadderStep(deps, p, p.now),
);
