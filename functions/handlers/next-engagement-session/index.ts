/** Custody phase: the next weekly engagement session after a week, from the current release date. */
import { nextEngagementSession } from '#functions/services/custody.ts';
import { sessionPayload } from '#handlers/payloads.ts';
import { journeyHandler } from '#handlers/runtime.ts';

export const handler = journeyHandler(sessionPayload, (deps, p) => nextEngagementSession(deps, p));
