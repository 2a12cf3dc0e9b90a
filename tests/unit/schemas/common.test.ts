import { describe, expect, it } from 'vitest';
import { normaliseUkMobile, parseInput } from '#schemas/common.ts';
import { staffSchema } from '#schemas/staff.ts';

describe('parseInput', () => {
  it('returns the parsed value when the input is valid', () => {
    const result = parseInput(staffSchema, {
      staffId: 's1',
      name: 'A B',
      email: 'a@example.org',
      role: 'COM',
    });
    expect(result).toEqual({
      ok: true,
      value: { staffId: 's1', name: 'A B', email: 'a@example.org', role: 'COM' },
    });
  });

  it('answers a body that is not an object with one error on the body', () => {
    for (const body of ['text', null, 42, [1]])
      expect(parseInput(staffSchema, body)).toEqual({
        ok: false,
        errors: [{ field: 'body', message: 'must be a JSON object' }],
      });
  });

  it('reports each unknown field by name', () => {
    const result = parseInput(staffSchema, {
      staffId: 's1',
      name: 'A B',
      email: 'a@example.org',
      role: 'COM',
      admin: true,
    });
    expect(result).toEqual({ ok: false, errors: [{ field: 'admin', message: 'is not a known field' }] });
  });

  it('never echoes the rejected value in a message', () => {
    const result = parseInput(staffSchema, {
      staffId: 's1',
      name: 'A B',
      email: 'secret-person',
      role: 'COM',
    });
    expect(JSON.stringify(result)).not.toContain('secret-person');
  });
});

describe('normaliseUkMobile', () => {
  it('accepts E.164 and national forms, ignoring spaces, and returns E.164', () => {
    expect(normaliseUkMobile('+447700900123')).toBe('+447700900123');
    expect(normaliseUkMobile('07700 900123')).toBe('+447700900123');
    expect(normaliseUkMobile('07700-900-123')).toBe('+447700900123');
  });

  it('refuses landlines, foreign numbers and wrong lengths', () => {
    expect(normaliseUkMobile('02079460000')).toBeUndefined();
    expect(normaliseUkMobile('+33612345678')).toBeUndefined();
    expect(normaliseUkMobile('0770090012')).toBeUndefined();
    expect(normaliseUkMobile('+4477009001234')).toBeUndefined();
  });
});
