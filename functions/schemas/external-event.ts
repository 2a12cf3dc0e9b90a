/** An event from outside the journey (`POST /cases/{caseId}/events`). */

import { z } from 'zod';
import { EXTERNAL_EVENT_TYPES } from '#domain/types.ts';
import { boundedText, enumSchema, type FieldError, instantSchema, MAX_DETAIL_LENGTH } from './common.ts';

export const externalEventSchema = z.strictObject({
  type: enumSchema(EXTERNAL_EVENT_TYPES),
  occurredAt: instantSchema,
  /** a short reference (e.g. a reason code); not for personal data */
  detail: boundedText(MAX_DETAIL_LENGTH).optional(),
});

export type ExternalEvent = z.output<typeof externalEventSchema>;

/** How far ahead of the request an event may claim to have happened (clock skew between systems). */
export const EVENT_CLOCK_SKEW_MS = 5 * 60_000;

/** An event cannot have happened after the request that reports it. */
export function checkEventTiming(
  input: Pick<ExternalEvent, 'occurredAt'>,
  requestTime: string | number,
): FieldError[] {
  const occurred = Date.parse(input.occurredAt);
  const request = typeof requestTime === 'number' ? requestTime : Date.parse(requestTime);
  return occurred > request + EVENT_CLOCK_SKEW_MS
    ? [{ field: 'occurredAt', message: 'must not be in the future' }]
    : [];
}
