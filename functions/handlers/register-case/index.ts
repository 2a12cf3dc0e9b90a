/**
 * Registration as an event (e.g. from a case management system): `{ registration, requestTime }`. Creates the case
 * and arranges the journey's start and release. The staff API calls the same service for `POST /cases`.
 */
import { z } from 'zod';
import { registerCase } from '#functions/services/register-case.ts';
import { requestTime } from '#handlers/payloads.ts';
import { journeyHandler } from '#handlers/runtime.ts';
import { caseRegistrationSchema } from '#schemas/case-registration.ts';

const payload = z.object({ registration: caseRegistrationSchema, requestTime });

export const handler = journeyHandler(payload, (deps, p) =>
  registerCase(deps, p.registration, p.requestTime),
);
