/** Custody phase, at release: cancels open custody tasks and stops their ladders. */
import { prepareForRelease } from '#functions/services/custody.ts';
import { executionStep } from '#handlers/payloads.ts';
import { journeyHandler } from '#handlers/runtime.ts';

export const handler = journeyHandler(executionStep, (deps, p) => prepareForRelease(deps, p, p.now));
