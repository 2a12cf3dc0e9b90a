/**
 * An event from outside the journey (released, recalled, deceased, withdrawn, transferred out, returned on a new
 * sentence): releases, or ends the journey with its outcome, stopping every execution of the case and cancelling its
 * tasks and schedules. The staff API calls the same service for `POST /cases/{caseId}/events`.
 */
import { z } from 'zod';
import { reportExternalEvent } from '#functions/services/report-external-event.ts';
import { requestTime } from '#handlers/payloads.ts';
import { journeyHandler } from '#handlers/runtime.ts';
import { externalEventSchema } from '#schemas/external-event.ts';

const payload = z.object({
  caseId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be a case id' }),
  event: externalEventSchema,
  requestTime,
});

export const handler = journeyHandler(payload, (deps, p) =>
  reportExternalEvent(deps, { caseId: p.caseId, ...p.event }, p.requestTime),
);
