/** A release date change (`PUT /cases/{caseId}/release-date`). */

import { z } from 'zod';
import type { DomainConfig } from '#domain/config.ts';
import { DEFAULT_CONFIG } from '#domain/config.ts';
import { releaseDateProblem } from '#domain/journey-plan.ts';
import { RELEASE_DATE_CHANGE_REASONS } from '#domain/types.ts';
import { enumSchema, type FieldError, localDateSchema } from './common.ts';

export const releaseDateChangeSchema = z.strictObject({
  releaseDate: localDateSchema,
  reason: enumSchema(RELEASE_DATE_CHANGE_REASONS),
});

export type ReleaseDateChange = z.output<typeof releaseDateChangeSchema>;

/** The new release date must be after the request's day and at most about 2 years ahead. */
export function checkReleaseDateChangeTiming(
  input: Pick<ReleaseDateChange, 'releaseDate'>,
  requestTime: string | number,
  config: DomainConfig = DEFAULT_CONFIG,
): FieldError[] {
  const problem = releaseDateProblem(input.releaseDate, requestTime, config);
  return problem ? [{ field: 'releaseDate', message: problem }] : [];
}
