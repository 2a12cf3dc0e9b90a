import { beforeEach, describe, expect, it } from 'vitest';
import { devTokenKey, verifyDevToken } from '#functions/api/dev-tokens.ts';
import { type ApiUnderTest, apiUnderTest, LINK_KEY } from './support.ts';

let api: ApiUnderTest;
beforeEach(async () => {
  api = await apiUnderTest();
});

const member = {
  staffId: 'com-9',
  name: 'New Officer',
  email: 'com9@probation.example',
  role: 'COM',
  managerId: 'spo-1',
};

describe('POST /staff', () => {
  it('creates a staff member (201) with a development token locally, then updates (200)', async () => {
    const created = await api.call('POST', '/staff', {
      as: 'admin-1',
      body: { ...member, mobile: '07700 900123' },
    });
    expect(created.status).toBe(201);
    expect(created.json.staffId).toBe('com-9');
    expect(verifyDevToken(devTokenKey(LINK_KEY), created.json.devToken)).toBe('com-9');
    expect(await api.deps.repository.getStaff('com-9')).toMatchObject({
      role: 'COM',
      mobile: '+447700900123',
    });
    const updated = await api.call('POST', '/staff', { as: 'admin-1', body: { ...member, role: 'SPO' } });
    expect(updated.status).toBe(200);
    expect((await api.deps.repository.getStaff('com-9'))?.role).toBe('SPO');
    expect((await api.deps.repository.listAuditByActor('admin-1')).map((a) => a.action)).toEqual([
      'CREATE_STAFF',
      'UPDATE_STAFF',
    ]);
  });

  it('is for administrators only (403, audited)', async () => {
    const res = await api.call('POST', '/staff', { as: 'spo-1', body: { ...member, role: 'ADMIN' } });
    expect(res.status).toBe(403);
    expect(await api.deps.repository.getStaff('com-9')).toBeUndefined();
    expect(await api.deps.repository.listAuditByActor('spo-1')).toEqual([
      expect.objectContaining({ action: 'PUT_STAFF', result: 'REFUSED' }),
    ]);
  });

  it.each([
    [{ email: 'not-an-email' }, 'email', 'email address'],
    [{ role: 'BOSS' }, 'role', 'must be one of'],
    [{ mobile: '+1 555 0100' }, 'mobile', 'UK mobile'],
    [{ managerId: 'ghost' }, 'managerId', 'not a known staff member'],
    [{ managerId: 'com-9' }, 'managerId', 'themself'],
    [{ staffId: 'has space' }, 'staffId', 'letters, digits'],
  ])('refuses %j with 400 naming the field', async (override, field, reason) => {
    const res = await api.call('POST', '/staff', { as: 'admin-1', body: { ...member, ...override } });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual(
      expect.arrayContaining([{ field, message: expect.stringContaining(reason) }]),
    );
    expect(api.changes().writes).toBe(0);
  });

  it('refuses a manager chain that would loop', async () => {
    // head-1 is above spo-1; making spo-1 head-1's manager would loop
    const res = await api.call('POST', '/staff', {
      as: 'admin-1',
      body: {
        staffId: 'head-1',
        name: 'Head',
        email: 'head@probation.example',
        role: 'SPO',
        managerId: 'spo-1',
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      { field: 'managerId', message: 'would make a loop in the manager chain' },
    ]);
  });
});

describe('development tokens are local only', () => {
  it('are not minted when the key comes from Secrets Manager', async () => {
    const { createStaffApiHandler } = await import('#handlers/staff-api/index.ts');
    const { event } = await import('./support.ts');
    const handler = createStaffApiHandler({
      env: { LINK_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-2:1:secret:x' },
      deps: () => api.deps,
    });
    const res = await handler(event('POST', '/staff', { as: 'admin-1', body: member }), {} as never);
    expect(res.statusCode).toBe(201);
    expect(JSON.parse(res.body)).toEqual({ staffId: 'com-9' });
  });
});
