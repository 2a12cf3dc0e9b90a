import { describe, expect, it } from 'vitest';
import {
  DomainError,
  ImpossiblePlan,
  InvalidReleaseDate,
  isDomainError,
  TaskAlreadyCompleted,
} from '#domain/errors.ts';

describe('domain errors', () => {
  it('carry a stable name that a Step Functions Catch can match, and the field at fault', () => {
    const error = new InvalidReleaseDate('must be after the registration day');
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InvalidReleaseDate');
    expect(error.field).toBe('releaseDate');
    expect(String(error)).toBe('InvalidReleaseDate: must be after the registration day');
  });

  it('serialise to name, message and field only', () => {
    expect(JSON.parse(JSON.stringify(new ImpossiblePlan('no plan fits', 'config')))).toEqual({
      name: 'ImpossiblePlan',
      message: 'no plan fits',
      field: 'config',
    });
    expect(new ImpossiblePlan('no plan fits').toJSON()).toEqual({
      name: 'ImpossiblePlan',
      message: 'no plan fits',
    });
  });

  it('are recognised by name', () => {
    const error = new TaskAlreadyCompleted();
    expect(isDomainError(error)).toBe(true);
    expect(isDomainError(error, 'TaskAlreadyCompleted')).toBe(true);
    expect(isDomainError(error, 'JourneyClosed')).toBe(false);
    expect(isDomainError(new Error('x'))).toBe(false);
  });
});
