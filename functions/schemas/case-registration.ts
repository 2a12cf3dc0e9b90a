/**
 * Case registration (`POST /cases`). Shape and format only; rules that need the request time (the release date is
 * not in the past nor too far ahead) are in `checkRegistrationTiming`.
 */

import { z } from 'zod';
import type { DomainConfig } from '#domain/config.ts';
import { DEFAULT_CONFIG } from '#domain/config.ts';
import { releaseDateProblem } from '#domain/journey-plan.ts';
import { RISK_LEVELS, SENTENCE_TYPES, SUPPORT_NEEDS } from '#domain/types.ts';
import {
  enumSchema,
  type FieldError,
  idSchema,
  localDateSchema,
  requiredOr,
  ukMobileSchema,
} from './common.ts';

export const CRN_PATTERN = /^[A-Z]\d{6}$/;
export const NOMS_ID_PATTERN = /^[A-Z]\d{4}[A-Z]{2}$/;
export const PRISON_ID_PATTERN = /^[A-Z]{3}$/;

export const needsSchema = z
  .array(enumSchema(SUPPORT_NEEDS), requiredOr('must be a list of support needs'))
  .refine((needs) => new Set(needs).size === needs.length, { error: 'must not list a need twice' });

export const caseRegistrationSchema = z.strictObject({
  crn: z
    .string(requiredOr('must be text'))
    .regex(CRN_PATTERN, { error: 'must be one upper-case letter and 6 digits, e.g. X123456' }),
  nomsId: z.string(requiredOr('must be text')).regex(NOMS_ID_PATTERN, {
    error: 'must be a prison number: a letter, 4 digits and 2 letters, e.g. A1234BC',
  }),
  prisonId: z
    .string(requiredOr('must be text'))
    .regex(PRISON_ID_PATTERN, { error: 'must be a prison code of 3 upper-case letters, e.g. LEI' }),
  sentenceType: enumSchema(SENTENCE_TYPES),
  risk: enumSchema(RISK_LEVELS),
  mappaLevel: z.literal([0, 1, 2, 3], requiredOr('must be 0, 1, 2 or 3')),
  iom: z.boolean(requiredOr('must be true or false')),
  releaseDate: localDateSchema,
  responsibleOfficerId: idSchema,
  /** the prison offender manager allocated to the case, when known: their tasks go to them */
  prisonOffenderManagerId: idSchema.optional(),
  personMobile: ukMobileSchema.optional(),
  needs: needsSchema.optional(),
});

export type CaseRegistration = z.output<typeof caseRegistrationSchema>;

/** The release date must be after the request's day (Europe/London) and at most about 2 years ahead. */
export function checkRegistrationTiming(
  input: Pick<CaseRegistration, 'releaseDate'>,
  requestTime: string | number,
  config: DomainConfig = DEFAULT_CONFIG,
): FieldError[] {
  const problem = releaseDateProblem(input.releaseDate, requestTime, config);
  return problem ? [{ field: 'releaseDate', message: problem }] : [];
}
