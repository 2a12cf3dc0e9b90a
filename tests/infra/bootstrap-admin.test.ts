import { describe, expect, it } from 'vitest';
import { MemoryRepository } from '#adapters/memory-repository.ts';
import { bootstrapAdmin, type UserDirectory } from '#infra/bootstrap-admin.ts';

/** A user pool in memory: users by email, each with a sub. */
function fakeDirectory() {
  const users = new Map<string, string>();
  const calls: string[] = [];
  const attributes = (email: string) => [
    { Name: 'sub', Value: users.get(email)! },
    { Name: 'email', Value: email },
  ];
  const directory: UserDirectory = {
    async create(_pool, email) {
      calls.push('create');
      if (users.has(email)) return 'exists';
      users.set(email, `0f1e2d3c-0000-4000-8000-${String(users.size + 1).padStart(12, '0')}`);
      return attributes(email);
    },
    async get(_pool, email) {
      calls.push('get');
      return attributes(email);
    },
  };
  return { directory, calls };
}

const args = {
  userPoolId: 'eu-west-2_AbCdEf123',
  table: 'resettle-dev',
  email: 'first.admin@probation.example.org',
  name: 'First Admin',
  mobile: '07700 900123',
};

describe('bootstrap-admin', () => {
  it('creates the Cognito user, then the ADMIN staff record under its sub; again, finds the user and changes nothing', async () => {
    const repository = new MemoryRepository();
    const { directory, calls } = fakeDirectory();
    const ports = { directory, repository: () => repository };
    const first = await bootstrapAdmin(args, ports);
    expect(first).toEqual({ ok: true, staffId: '0f1e2d3c-0000-4000-8000-000000000001', createdUser: true });
    const staff = await repository.getStaff('0f1e2d3c-0000-4000-8000-000000000001');
    expect(staff).toEqual({
      staffId: '0f1e2d3c-0000-4000-8000-000000000001',
      name: 'First Admin',
      email: 'first.admin@probation.example.org',
      mobile: '+447700900123',
      role: 'ADMIN',
    });
    const again = await bootstrapAdmin(args, ports);
    expect(again).toEqual({ ok: true, staffId: '0f1e2d3c-0000-4000-8000-000000000001', createdUser: false });
    expect(calls).toEqual(['create', 'create', 'get']);
    expect(await repository.listStaffByRole('ADMIN')).toEqual([staff]);
  });

  it.each([
    [{ email: undefined }, 'email'],
    [{ userPoolId: 'pool' }, 'userPoolId'],
    [{ mobile: '12345' }, 'mobile'],
    [{ name: '' }, 'name'],
    [{ extra: 'x' }, 'extra'],
  ])('refuses %j naming the field, calling nothing and writing nothing', async (override, field) => {
    const repository = new MemoryRepository();
    const { directory, calls } = fakeDirectory();
    const result = await bootstrapAdmin(
      { ...args, ...override },
      { directory, repository: () => repository },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.field)).toContain(field);
    expect(calls).toEqual([]);
    expect(repository.stats().writes).toBe(0);
  });
});
