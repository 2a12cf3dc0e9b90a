/**
 * A release date change as an event (e.g. the nightly reconciliation of release dates): moves the release schedule,
 * or releases now when the new date is today or past. The staff API calls the same service.
 */
import { z } from 'zod';
import { changeReleaseDate } from '#functions/services/change-release-date.ts';
import { requestTime } from '#handlers/payloads.ts';
import { journeyHandler } from '#handlers/runtime.ts';
import { releaseDateChangeSchema } from '#schemas/release-date-change.ts';

const payload = z.object({
  caseId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be a case id' }),
  change: releaseDateChangeSchema,
  requestTime,
});

export const handler = journeyHandler(payload, (deps, p) =>
  changeReleaseDate(deps, { caseId: p.caseId, ...p.change }, p.requestTime),
);
