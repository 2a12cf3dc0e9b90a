/** The JSON Schema (draft 2020-12) of every external input, for the staff API documentation. */
import { z } from 'zod';
import { appointmentOutcomeSchema } from './appointment-outcome.ts';
import { breachOutcomeSchema } from './breach-outcome.ts';
import { caseRegistrationSchema } from './case-registration.ts';
import { externalEventSchema } from './external-event.ts';
import { releaseDateChangeSchema } from './release-date-change.ts';
import { staffSchema } from './staff.ts';
import { taskCompletionSchema } from './task-completion.ts';

/** Every input schema by the file name its JSON Schema is written to (`docs/json-schema/<name>.json`). */
export const INPUT_SCHEMAS = {
  staff: staffSchema,
  'case-registration': caseRegistrationSchema,
  'release-date-change': releaseDateChangeSchema,
  'external-event': externalEventSchema,
  'task-completion': taskCompletionSchema,
  'appointment-outcome': appointmentOutcomeSchema,
  'breach-outcome': breachOutcomeSchema,
} as const;

export type InputSchemaName = keyof typeof INPUT_SCHEMAS;

/** JSON Schemas of the inputs as accepted on the wire (`io: 'input'`: a mobile number before normalisation). */
export function jsonSchemas(): Record<InputSchemaName, Record<string, unknown>> {
  const out = {} as Record<InputSchemaName, Record<string, unknown>>;
  for (const [name, schema] of Object.entries(INPUT_SCHEMAS) as [InputSchemaName, z.ZodType][]) {
    out[name] = {
      $id: `https://resettle.local/schemas/${name}.json`,
      ...z.toJSONSchema(schema, { io: 'input' }),
    };
  }
  return out;
}
