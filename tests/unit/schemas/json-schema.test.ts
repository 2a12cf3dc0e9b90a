import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INPUT_SCHEMAS, jsonSchemas } from '#schemas/json-schema.ts';

describe('JSON Schemas of the inputs', () => {
  const schemas = jsonSchemas();

  it('has one closed object schema per input', () => {
    expect(Object.keys(schemas).sort()).toEqual(Object.keys(INPUT_SCHEMAS).sort());
    for (const schema of Object.values(schemas)) {
      expect(schema.type).toBe('object');
      expect(schema.additionalProperties).toBe(false);
    }
  });

  it('documents the registration fields and what is required', () => {
    const reg = schemas['case-registration'] as {
      required: string[];
      properties: Record<string, { pattern?: string }>;
    };
    expect(reg.required).toContain('crn');
    expect(reg.required).not.toContain('personMobile');
    expect(reg.properties.crn?.pattern).toBe('^[A-Z]\\d{6}$');
  });

  it('matches the files written to docs/json-schema (run functions/schemas/write-json-schema.ts)', () => {
    for (const [name, schema] of Object.entries(schemas)) {
      const file = new URL(`../../../docs/json-schema/${name}.json`, import.meta.url);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(schema);
    }
  });
});
