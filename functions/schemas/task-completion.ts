/**
 * Completing a staff task (`POST /tasks/{taskId}/complete`). `answers` carries the pre-release assessment: a status per
 * pathway and the support needs found on it (each need must belong to that pathway).
 */

import { z } from 'zod';
import { NEED_PATHWAY } from '#domain/task-catalogue.ts';
import {
  PATHWAY_STATUSES,
  PATHWAYS,
  type Pathway,
  SUPPORT_NEEDS,
  TASK_COMPLETION_OUTCOMES,
} from '#domain/types.ts';
import { boundedText, enumSchema, MAX_NOTES_LENGTH, requiredOr } from './common.ts';

function pathwayAnswerSchema(pathway: Pathway) {
  return z
    .strictObject(
      {
        status: enumSchema(PATHWAY_STATUSES),
        needs: z
          .array(enumSchema(SUPPORT_NEEDS), requiredOr('must be a list of support needs'))
          .refine((needs) => new Set(needs).size === needs.length, { error: 'must not list a need twice' })
          .optional(),
      },
      requiredOr('must be an object with a status'),
    )
    .superRefine((answer, ctx) => {
      answer.needs?.forEach((need, i) => {
        if (NEED_PATHWAY[need] !== pathway)
          ctx.addIssue({
            code: 'custom',
            path: ['needs', i],
            message: `is not a need on the ${pathway} pathway`,
          });
      });
    });
}

export const assessmentAnswersSchema = z.strictObject(
  {
    pathways: z.strictObject(
      Object.fromEntries(PATHWAYS.map((p) => [p, pathwayAnswerSchema(p).optional()])) as {
        [P in Pathway]: z.ZodOptional<ReturnType<typeof pathwayAnswerSchema>>;
      },
      requiredOr('must be an object keyed by pathway'),
    ),
  },
  requiredOr('must be an object with pathways'),
);

export const taskCompletionSchema = z.strictObject({
  outcome: enumSchema(TASK_COMPLETION_OUTCOMES).optional(),
  notes: boundedText(MAX_NOTES_LENGTH).optional(),
  answers: assessmentAnswersSchema.optional(),
});

export type AssessmentAnswers = z.output<typeof assessmentAnswersSchema>;
export type TaskCompletion = z.output<typeof taskCompletionSchema>;
