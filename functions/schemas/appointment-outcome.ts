/** Recording an appointment's outcome (`POST /appointments/{appointmentId}/outcome`). */

import { z } from 'zod';
import { APPOINTMENT_OUTCOMES } from '#domain/types.ts';
import { boundedText, enumSchema, MAX_REASON_LENGTH } from './common.ts';

export const appointmentOutcomeSchema = z.strictObject({
  outcome: enumSchema(APPOINTMENT_OUTCOMES),
  reason: boundedText(MAX_REASON_LENGTH).optional(),
});

export type AppointmentOutcomeInput = z.output<typeof appointmentOutcomeSchema>;
