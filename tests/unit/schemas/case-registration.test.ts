import { describe, expect, it } from 'vitest';
import { caseRegistrationSchema, checkRegistrationTiming } from '#schemas/case-registration.ts';
import { parseInput } from '#schemas/common.ts';

const valid = {
  crn: 'X123456',
  nomsId: 'A1234BC',
  prisonId: 'LEI',
  sentenceType: 'LICENCE',
  risk: 'MEDIUM',
  mappaLevel: 1,
  iom: false,
  releaseDate: '2026-05-26',
  responsibleOfficerId: 'com-1',
};
const errorsOf = (body: unknown) => {
  const r = parseInput(caseRegistrationSchema, body);
  return r.ok ? [] : r.errors;
};

describe('case registration schema', () => {
  it('accepts a registration, with optional mobile (normalised) and needs', () => {
    const r = parseInput(caseRegistrationSchema, {
      ...valid,
      personMobile: '07700900123',
      needs: ['GP_REGISTRATION'],
    });
    expect(r.ok).toBe(true);
    expect(r.ok && r.value.personMobile).toBe('+447700900123');
    expect(errorsOf(valid)).toEqual([]);
  });

  it.each([
    ['crn', { crn: undefined }, 'is required'],
    ['crn', { crn: 'X12345' }, 'must be one upper-case letter and 6 digits, e.g. X123456'],
    ['crn', { crn: 'x123456' }, 'must be one upper-case letter and 6 digits, e.g. X123456'],
    [
      'nomsId',
      { nomsId: 'A1234B' },
      'must be a prison number: a letter, 4 digits and 2 letters, e.g. A1234BC',
    ],
    ['prisonId', { prisonId: 'lei' }, 'must be a prison code of 3 upper-case letters, e.g. LEI'],
    ['prisonId', { prisonId: 'LEIC' }, 'must be a prison code of 3 upper-case letters, e.g. LEI'],
    [
      'sentenceType',
      { sentenceType: 'LIFE' },
      'must be one of LICENCE, COMMUNITY_ORDER, POST_SENTENCE_SUPERVISION',
    ],
    ['risk', { risk: 'EXTREME' }, 'must be one of LOW, MEDIUM, HIGH, VERY_HIGH'],
    ['mappaLevel', { mappaLevel: 4 }, 'must be 0, 1, 2 or 3'],
    ['mappaLevel', { mappaLevel: '1' }, 'must be 0, 1, 2 or 3'],
    ['iom', { iom: 'yes' }, 'must be true or false'],
    ['releaseDate', { releaseDate: '2026-02-29' }, 'must be a real date written YYYY-MM-DD'],
    ['releaseDate', { releaseDate: '26/05/2026' }, 'must be a real date written YYYY-MM-DD'],
    ['releaseDate', { releaseDate: undefined }, 'is required'],
    ['responsibleOfficerId', { responsibleOfficerId: '' }, 'must contain only letters, digits, - and _'],
    [
      'personMobile',
      { personMobile: '+33612345678' },
      'must be a UK mobile number, e.g. +447700900123 or 07700 900123',
    ],
    ['needs', { needs: ['GP_REGISTRATION', 'GP_REGISTRATION'] }, 'must not list a need twice'],
    [
      'needs.1',
      { needs: ['GP_REGISTRATION', 'PONY'] },
      expect.stringMatching(/^must be one of DUTY_TO_REFER, /),
    ],
    ['needs', { needs: 'GP_REGISTRATION' }, 'must be a list of support needs'],
    ['nickname', { nickname: 'x' }, 'is not a known field'],
  ])('reports %s: %j', (field, patch, message) => {
    expect(errorsOf({ ...valid, ...patch })).toContainEqual({ field, message });
  });

  it('reports every missing field at once', () => {
    expect(errorsOf({}).map((e) => e.field)).toEqual([
      'crn',
      'nomsId',
      'prisonId',
      'sentenceType',
      'risk',
      'mappaLevel',
      'iom',
      'releaseDate',
      'responsibleOfficerId',
    ]);
  });
});

describe('checkRegistrationTiming', () => {
  it('accepts a release date from tomorrow (Europe/London) to 731 days ahead', () => {
    expect(checkRegistrationTiming({ releaseDate: '2026-05-27' }, '2026-05-26T23:30:00Z')).toEqual([
      { field: 'releaseDate', message: 'must be after today (Europe/London)' },
    ]);
    expect(checkRegistrationTiming({ releaseDate: '2026-05-27' }, '2026-05-26T23:30:00+00:00').length).toBe(
      1,
    );
    expect(checkRegistrationTiming({ releaseDate: '2026-05-27' }, '2026-05-26T20:00:00Z')).toEqual([]);
    expect(checkRegistrationTiming({ releaseDate: '2028-05-26' }, '2026-05-26T12:00:00Z')).toEqual([]);
    expect(checkRegistrationTiming({ releaseDate: '2028-05-27' }, '2026-05-26T12:00:00Z')).toEqual([
      { field: 'releaseDate', message: 'must be no more than 731 days ahead' },
    ]);
  });

  it('refuses a release date in the past', () => {
    expect(checkRegistrationTiming({ releaseDate: '2026-01-01' }, '2026-05-26T12:00:00Z')).toEqual([
      { field: 'releaseDate', message: 'must be after today (Europe/London)' },
    ]);
  });
});
