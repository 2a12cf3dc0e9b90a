/** Staff-task ladder: sends the reminder, escalation or second escalation of an open task. */
import { notifyLadderStep } from '#functions/services/staff-task.ts';
import { notifyLadderStepPayload } from '#handlers/payloads.ts';
import { journeyHandler } from '#handlers/runtime.ts';

export const handler = journeyHandler(notifyLadderStepPayload, (deps, p) => notifyLadderStep(deps, p, p.now));
