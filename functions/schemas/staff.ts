/** A staff member (`POST /staff`): the escalation chain is `managerId`. */

import { z } from 'zod';
import { STAFF_ROLES } from '#domain/types.ts';
import { boundedText, emailSchema, enumSchema, idSchema, MAX_NAME_LENGTH, ukMobileSchema } from './common.ts';

export const staffSchema = z
  .strictObject({
    staffId: idSchema,
    name: boundedText(MAX_NAME_LENGTH),
    email: emailSchema,
    mobile: ukMobileSchema.optional(),
    role: enumSchema(STAFF_ROLES),
    managerId: idSchema.optional(),
  })
  .refine((s) => s.managerId === undefined || s.managerId !== s.staffId, {
    error: 'must not be the staff member themself',
    path: ['managerId'],
  });

export type StaffInput = z.output<typeof staffSchema>;
