/** Community phase: applies the enforcement rules to an appointment outcome and sends the notices. */
import { decideEnforcement } from '#functions/services/community.ts';
import { appointmentStep } from '#handlers/payloads.ts';
import { journeyHandler } from '#handlers/runtime.ts';

export const handler = journeyHandler(appointmentStep, (deps, p) => decideEnforcement(deps, p, p.now));
