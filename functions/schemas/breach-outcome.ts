/**
 * Recording a breach or recall outcome (`POST /cases/{caseId}/breach-outcome`). Whether the outcome fits the
 * sentence type is a domain rule: `breachOutcomeEffect` in `#domain/enforcement.ts`.
 */

import { z } from 'zod';
import { BREACH_OUTCOMES } from '#domain/types.ts';
import { enumSchema } from './common.ts';

export const breachOutcomeSchema = z.strictObject({
  outcome: enumSchema(BREACH_OUTCOMES),
});

export type BreachOutcomeInput = z.output<typeof breachOutcomeSchema>;
