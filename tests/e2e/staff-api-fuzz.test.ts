/**
 * Fuzzing the staff API over HTTP: 240 malformed requests from a seeded generator (missing fields, wrong types, bad
 * enum values, unknown fields, oversized and non-JSON bodies, wrong content types, bad and unknown ids, bad query
 * values), all sent by an administrator (so no role check stops them) at ids that exist where ids are needed, so
 * only input checking stands between each request and a write. Each must be answered 4xx, with no repository write,
 * no schedule and no execution started.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffApiE2e, staffApiE2e } from './staff-api-support.ts';

const COUNT = 240;
const SEED = 20260105;

/** mulberry32: small, seeded, good enough to pick mutations. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

type Body = Record<string, unknown>;
interface Target {
  readonly method: string;
  readonly path: (ids: Ids) => string;
  readonly valid: () => Body;
  readonly required: readonly string[];
  readonly enums: readonly string[];
  /** the id segment(s) a bad-id request may replace */
  readonly idPath?: (id: string, ids: Ids) => string;
}
interface Ids {
  readonly caseId: string;
  readonly taskId: string;
}

const TARGETS: readonly Target[] = [
  {
    method: 'POST',
    path: () => '/staff',
    valid: () => ({
      staffId: 'fuzz-1',
      name: 'Fuzz',
      email: 'f@probation.example',
      role: 'COM',
      managerId: 'spo-1',
    }),
    required: ['staffId', 'name', 'email', 'role'],
    enums: ['role'],
  },
  {
    method: 'POST',
    path: () => '/cases',
    valid: () => ({
      crn: 'Z111111',
      nomsId: 'Z1111ZZ',
      prisonId: 'LEI',
      sentenceType: 'LICENCE',
      risk: 'LOW',
      mappaLevel: 1,
      iom: false,
      releaseDate: '2026-03-02',
      responsibleOfficerId: 'com-1',
      needs: ['GP_REGISTRATION'],
    }),
    required: [
      'crn',
      'nomsId',
      'prisonId',
      'sentenceType',
      'risk',
      'mappaLevel',
      'iom',
      'releaseDate',
      'responsibleOfficerId',
    ],
    enums: ['sentenceType', 'risk', 'mappaLevel'],
  },
  {
    method: 'PUT',
    path: (ids) => `/cases/${ids.caseId}/release-date`,
    valid: () => ({ releaseDate: '2026-05-04', reason: 'DEFERRED' }),
    required: ['releaseDate', 'reason'],
    enums: ['reason'],
    idPath: (id) => `/cases/${id}/release-date`,
  },
  {
    method: 'POST',
    path: (ids) => `/cases/${ids.caseId}/events`,
    valid: () => ({ type: 'WITHDRAWN', occurredAt: '2026-01-05T09:00:00Z' }),
    required: ['type', 'occurredAt'],
    enums: ['type'],
    idPath: (id) => `/cases/${id}/events`,
  },
  {
    method: 'POST',
    path: (ids) => `/tasks/${ids.taskId}/complete`,
    valid: () => ({ outcome: 'NOT_REQUIRED', notes: 'n' }),
    required: [],
    enums: ['outcome'],
    idPath: (id) => `/tasks/${id}/complete`,
  },
  {
    method: 'POST',
    path: (ids) => `/appointments/${ids.caseId}-appt-01/outcome`,
    valid: () => ({ outcome: 'ATTENDED_COMPLIED' }),
    required: ['outcome'],
    enums: ['outcome'],
    idPath: (id) => `/appointments/${id}/outcome`,
  },
  {
    method: 'POST',
    path: (ids) => `/cases/${ids.caseId}/breach-outcome`,
    valid: () => ({ outcome: 'CONTINUE' }),
    required: ['outcome'],
    enums: ['outcome'],
    idPath: (id) => `/cases/${id}/breach-outcome`,
  },
];

const WRONG_VALUES: readonly unknown[] = [
  42,
  -1.5,
  true,
  null,
  [],
  ['x'],
  {},
  { a: 1 },
  '',
  ' ',
  'x'.repeat(3000),
];
const BAD_ENUMS = ['unknown', 'licence', 'DONE ', '', 'NULL', 'ADMINISTRATOR', '0', 9];
const MALFORMED_IDS = [
  'a%20b',
  '..',
  '%2e%2e',
  'x'.repeat(101),
  'caf%C3%A9',
  'a.b',
  '%00',
  'a%2Fb',
  '%E0%A4%A',
];

interface Fuzzed {
  readonly kind: string;
  readonly method: string;
  readonly path: string;
  readonly body?: string | Buffer;
  readonly headers?: Record<string, string>;
}

function generate(r: ReturnType<typeof random>, ids: Ids): Fuzzed {
  const target = r.pick(TARGETS);
  const path = target.path(ids);
  const json = (body: unknown) => JSON.stringify(body);
  const valid = target.valid();
  const field = r.pick(Object.keys(valid));
  const kinds = [
    'missing',
    'wrongType',
    'badEnum',
    'unknownField',
    'oversized',
    'notJson',
    'contentType',
    'notObject',
    'badUtf8',
    'badId',
    'unknownId',
    'badQuery',
  ];
  const kind = r.pick(
    kinds.filter(
      (k) => (k !== 'missing' || target.required.length > 0) && (!k.endsWith('Id') || target.idPath),
    ),
  );
  switch (kind) {
    case 'missing': {
      const body = { ...valid };
      delete body[r.pick(target.required)];
      return { kind, method: target.method, path, body: json(body) };
    }
    case 'wrongType': {
      let value = r.pick(WRONG_VALUES);
      // a value of the field's own type is not a wrong type (very long text stays: it is too long)
      const sameType =
        typeof value === typeof valid[field] || (Array.isArray(value) && Array.isArray(valid[field]));
      if (sameType && !(typeof value === 'string' && value.length >= 3000))
        value = typeof value === 'number' ? 'seven' : 7;
      return { kind, method: target.method, path, body: json({ ...valid, [field]: value }) };
    }
    case 'badEnum':
      return {
        kind,
        method: target.method,
        path,
        body: json({ ...valid, [r.pick(target.enums)]: r.pick(BAD_ENUMS) }),
      };
    case 'unknownField':
      return {
        kind,
        method: target.method,
        path,
        body: json({ ...valid, [r.pick(['admin', '__proto__x', 'caseId', 'status'])]: 'x' }),
      };
    case 'oversized':
      return {
        kind,
        method: target.method,
        path,
        body: json({ ...valid, [field]: 'y'.repeat(65_536 + Math.floor(r.next() * 100_000)) }),
      };
    case 'notJson':
      return {
        kind,
        method: target.method,
        path,
        body: r.pick(['{', '{"a":', 'null,', "{'a':1}", 'undefined', '<xml/>', '{"a":1}}']),
      };
    case 'contentType':
      return {
        kind,
        method: target.method,
        path,
        body: json(valid),
        headers: {
          'content-type': r.pick([
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/xml',
            'application/json; charset=latin1',
            'multipart/form-data; boundary=x',
          ]),
        },
      };
    case 'notObject':
      return { kind, method: target.method, path, body: json(r.pick([[valid], 'text', 12, null, true])) };
    case 'badUtf8':
      return {
        kind,
        method: target.method,
        path,
        body: Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]),
      };
    case 'badId':
      return {
        kind,
        method: target.method,
        path: target.idPath!(r.pick(MALFORMED_IDS), ids),
        body: json(valid),
      };
    case 'unknownId':
      return {
        kind,
        method: target.method,
        path: target.idPath!(`nope-${Math.floor(r.next() * 1e6)}`, ids),
        body: json(valid),
      };
    default:
      return r.pick<Fuzzed>([
        { kind, method: 'GET', path: `/tasks?status=${r.pick(['DONE', 'open', 'CANCELLED', ''])}` },
        { kind, method: 'GET', path: `/tasks?assignee=${r.pick(['a%20b', 'ghost', '..'])}` },
        { kind, method: 'GET', path: `/tasks?${r.pick(['limit=5', 'owner=me', 'x'])}` },
        { kind, method: 'GET', path: `/cases/${r.pick(MALFORMED_IDS)}` },
        { kind, method: 'GET', path: `/cases/nope-${Math.floor(r.next() * 1e6)}` },
      ]);
  }
}

let e: StaffApiE2e;
let ids: Ids;

beforeAll(async () => {
  e = await staffApiE2e('2026-01-05T10:00:00Z');
  const created = await e.request('POST', '/cases', {
    as: 'com-1',
    body: {
      crn: 'X123456',
      nomsId: 'A1234BC',
      prisonId: 'LEI',
      sentenceType: 'COMMUNITY_ORDER',
      risk: 'LOW',
      mappaLevel: 0,
      iom: false,
      releaseDate: '2026-01-26',
      responsibleOfficerId: 'com-1',
    },
  });
  await e.h.clock.settle();
  const caseId = created.json.caseId as string;
  const task = (await e.h.repository.listOpenTasksByCase(caseId))[0]!;
  ids = { caseId, taskId: task.taskId };
});
afterAll(async () => e?.close());

describe('fuzzing the staff API', () => {
  it(`answers ${COUNT} malformed requests with 4xx and writes nothing, schedules nothing, starts nothing`, async () => {
    const r = random(SEED);
    const writes = e.h.repository.stats().writes;
    const executions = await e.executions();
    const schedules = [...e.h.scheduler.schedules.keys()];
    const sent = e.h.notifier.sent.length;
    const kinds = new Map<string, number>();
    const statuses = new Map<number, number>();
    for (let i = 0; i < COUNT; i++) {
      const req = generate(r, ids);
      const res = await e.request(req.method, req.path, {
        body: req.body,
        ...(req.headers ? { headers: req.headers } : {}),
      });
      expect(
        [400, 404, 413, 415],
        `#${i} ${req.kind} ${req.method} ${req.path.slice(0, 80)}: ${res.text.slice(0, 200)}`,
      ).toContain(res.status);
      if (res.status === 400) expect(res.json.errors.length, `#${i} names a field`).toBeGreaterThan(0);
      kinds.set(req.kind, (kinds.get(req.kind) ?? 0) + 1);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    expect(e.h.repository.stats().writes).toBe(writes);
    expect(await e.executions()).toBe(executions);
    expect([...e.h.scheduler.schedules.keys()]).toEqual(schedules);
    expect(e.h.notifier.sent.length).toBe(sent);
    // every kind of malformation was tried, and the answers were varied
    expect(kinds.size).toBe(12);
    expect([...statuses.keys()].sort()).toEqual([400, 404, 413, 415]);
    // and the case is as it was: still in custody, nothing recorded against it
    const kase = await e.h.repository.getCase(ids.caseId);
    expect(kase).toMatchObject({ phase: 'CUSTODY', releaseDate: '2026-01-26' });
  });
});
