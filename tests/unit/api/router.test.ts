import { describe, expect, it } from 'vitest';
import { STAFF_API_ROUTES } from '#functions/api/manifest.ts';
import { ROUTE_KEYS } from '#functions/api/router.ts';
import { HANDLERS } from '#functions/manifest.ts';
import { INPUT_SCHEMAS } from '#schemas/json-schema.ts';
import { apiUnderTest } from './support.ts';

describe('router', () => {
  it('declares in the manifest exactly the routes it serves', () => {
    expect([...STAFF_API_ROUTES].sort()).toEqual([...ROUTE_KEYS].sort());
    const spec = HANDLERS.find((h) => h.name === 'staffApi');
    expect(spec).toMatchObject({
      api: true,
      readsLinkKey: true,
      entry: 'functions/handlers/staff-api/index.ts',
    });
  });

  it('answers 404 for an unknown path and 405 for a known path with another method', async () => {
    const api = await apiUnderTest();
    expect((await api.call('GET', '/nothing', { as: 'admin-1' })).status).toBe(404);
    const wrong = await api.call('DELETE', '/cases', { as: 'admin-1' });
    expect(wrong.status).toBe(405);
    expect(wrong.json.message).toContain('POST');
  });

  it('accepts a base64-encoded body as API Gateway may send it', async () => {
    const api = await apiUnderTest();
    const res = await api.call('POST', '/staff', {
      as: 'admin-1',
      base64: true,
      body: { staffId: 'pom-9', name: 'P', email: 'p@probation.example', role: 'POM' },
    });
    expect(res.status).toBe(201);
  });

  it('takes the request time from the event, not the wall clock', async () => {
    const api = await apiUnderTest();
    const body = {
      crn: 'X123456',
      nomsId: 'A1234BC',
      prisonId: 'LEI',
      sentenceType: 'LICENCE',
      risk: 'LOW',
      mappaLevel: 0,
      iom: false,
      releaseDate: '2031-06-02',
      responsibleOfficerId: 'com-1',
    };
    // five years ahead of the wall clock is too far; from a request made in 2030 it is fine
    const res = await api.call('POST', '/cases', { as: 'com-1', body, now: '2030-01-06T10:00:00Z' });
    expect(res.status).toBe(201);
    const kase = await api.deps.repository.getCase(res.json.caseId);
    expect(kase?.createdAt).toBe('2030-01-06T10:00:00.000Z');
  });
});

describe('GET /openapi.json', () => {
  it('documents every route with request bodies generated from the zod schemas', async () => {
    const api = await apiUnderTest();
    const res = await api.call('GET', '/openapi.json', { as: 'partner-1' });
    expect(res.status).toBe(200);
    const doc = res.json;
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual([...ROUTE_KEYS].sort());
    const registration = doc.components.schemas.CaseRegistration;
    expect(registration.required).toEqual(expect.arrayContaining(['crn', 'nomsId', 'releaseDate']));
    expect(registration.properties.sentenceType.enum).toEqual([
      'LICENCE',
      'COMMUNITY_ORDER',
      'POST_SENTENCE_SUPERVISION',
    ]);
    expect(Object.keys(doc.components.schemas)).toHaveLength(Object.keys(INPUT_SCHEMAS).length + 1);
    expect(doc.paths['/cases'].post.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/CaseRegistration',
    );
    expect(doc.paths['/links/{token}'].get.security).toEqual([]);
  });
});
