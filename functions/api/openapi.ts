/**
 * The OpenAPI 3.1 document of the staff API, generated from the route table and the zod schemas the routes validate
 * with (`z.toJSONSchema`, as accepted on the wire), so the documentation cannot drift from what is enforced.
 */
import { z } from 'zod';
import { INPUT_SCHEMAS } from '#schemas/json-schema.ts';
import type { Route } from './route.ts';

const pascal = (name: string) =>
  name.replace(/(^|-)([a-z])/g, (_m, _dash: string, letter: string) => letter.toUpperCase());

function schemaName(schema: z.ZodType): string | undefined {
  for (const [name, candidate] of Object.entries(INPUT_SCHEMAS))
    if (candidate === schema) return pascal(name);
  return undefined;
}

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return rest;
}

const problem = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', description: 'e.g. InvalidInput, NotFound, Conflict, Forbidden' },
    message: { type: 'string' },
    errors: {
      type: 'array',
      description: 'the fields at fault',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
    caseId: { type: 'string', description: 'POST /cases 409: the open journey for the CRN' },
  },
};

export function openApiDocument(routes: readonly Route[]): Record<string, unknown> {
  const schemas: Record<string, unknown> = { Problem: problem };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters: unknown[] = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string', pattern: m[1] === 'token' ? '^v1\\.' : '^[A-Za-z0-9_-]{1,100}$' },
    }));
    for (const q of route.query ?? [])
      parameters.push({
        name: q.name,
        in: 'query',
        required: false,
        description: q.description,
        schema: { type: 'string', ...(q.values ? { enum: q.values } : {}) },
      });
    let requestBody: unknown;
    if (route.auth === 'staff' && route.body) {
      const name = schemaName(route.body) ?? `${pascal(route.action.toLowerCase().replace(/_/g, '-'))}Input`;
      schemas[name] = jsonSchemaOf(route.body);
      requestBody = {
        required: true,
        content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } },
      };
    }
    const responses: Record<string, unknown> = {};
    for (const [status, description] of Object.entries(route.responses)) {
      const isHtml = route.auth === 'link';
      const type = isHtml ? 'text/html' : 'application/json';
      responses[status] = {
        description,
        ...(Number(status) >= 400 && !isHtml
          ? { content: { [type]: { schema: { $ref: '#/components/schemas/Problem' } } } }
          : {}),
      };
    }
    if (route.auth === 'staff') responses['401'] ??= { description: 'No valid bearer token' };
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      summary: route.summary,
      operationId: `${route.method.toLowerCase()}${pascal(route.path.replace(/[{}]/g, '').replace(/[/.]/g, '-'))}`,
      ...(parameters.length ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses,
      security: route.auth === 'staff' ? [{ staffJwt: [] }] : [],
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Resettle staff API',
      version: '1.0.0',
      description:
        'Register and follow resettlement journeys, complete tasks, record outcomes. Bodies are JSON of at most ' +
        '64 KB; errors name the field and the reason; nothing is written on any error.',
    },
    components: {
      securitySchemes: { staffJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas,
    },
    paths,
  };
}
