import { describe, expect, it } from 'vitest';
import { parseInput } from '#schemas/common.ts';
import { staffSchema } from '#schemas/staff.ts';

const valid = {
  staffId: 'com-1',
  name: 'Sam Officer',
  email: 'sam@example.org',
  role: 'COM',
  managerId: 'spo-1',
};
const errorsOf = (body: unknown) => {
  const r = parseInput(staffSchema, body);
  return r.ok ? [] : r.errors;
};

describe('staff schema', () => {
  it('accepts a staff member and normalises the mobile to E.164', () => {
    const r = parseInput(staffSchema, { ...valid, mobile: '07700 900123' });
    expect(r.ok && r.value.mobile).toBe('+447700900123');
  });

  it.each([
    ['staffId', { staffId: undefined }, 'is required'],
    ['staffId', { staffId: 'has space' }, 'must contain only letters, digits, - and _'],
    ['staffId', { staffId: 'x'.repeat(65) }, 'must be at most 64 characters'],
    ['name', { name: '   ' }, 'must not be blank'],
    ['name', { name: 'x'.repeat(201) }, 'must be at most 200 characters'],
    ['email', { email: 'not-an-email' }, 'must be an email address'],
    ['email', { email: undefined }, 'is required'],
    ['mobile', { mobile: '020 7946 0000' }, 'must be a UK mobile number, e.g. +447700900123 or 07700 900123'],
    ['role', { role: 'BOSS' }, 'must be one of COM, POM, SPO, ENFORCEMENT, PARTNER, ADMIN'],
    ['managerId', { managerId: 'com-1' }, 'must not be the staff member themself'],
  ])('reports %s: %j', (field, patch, message) => {
    expect(errorsOf({ ...valid, ...patch })).toContainEqual({ field, message });
  });
});
