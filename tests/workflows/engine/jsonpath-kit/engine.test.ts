import { describe, expect, it } from 'vitest';
import { harness } from '../helpers.ts';

/** JSONPath state machines end to end through the Engine, using the toolkit for every data step. */
describe('JSONPath machines through the Engine', () => {
  it('Map over a filtered InputPath with ItemSelector, intrinsics in Parameters, ResultSelector and ResultPath', async () => {
    const h = harness();
    const r = await h.run(
      {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            InputPath: '$.orders[?(@.qty > 0)]',
            ItemSelector: {
              'id.$': '$$.Map.Item.Value.id',
              'index.$': '$$.Map.Item.Index',
              'qty.$': '$$.Map.Item.Value.qty',
            },
            ItemProcessor: {
              StartAt: 'Line',
              States: {
                Line: {
                  Type: 'Pass',
                  Parameters: { 'label.$': "States.Format('#{} x{}', $.id, $.qty)", 'pos.$': '$.index' },
                  End: true,
                },
              },
            },
            ResultSelector: { 'labels.$': '$[*].label', 'count.$': 'States.ArrayLength($)' },
            ResultPath: '$.summary', // applies to the raw input, not the InputPath selection
            End: true,
          },
        },
      },
      {
        orders: [
          { id: 'a', qty: 2 },
          { id: 'b', qty: 0 },
          { id: 'c', qty: 1 },
        ],
      },
    );
    expect([r.error, r.cause]).toEqual([undefined, undefined]);
    expect(r.output).toEqual({
      orders: [
        { id: 'a', qty: 2 },
        { id: 'b', qty: 0 },
        { id: 'c', qty: 1 },
      ],
      summary: { labels: ['#a x2', '#c x1'], count: 2 },
    });
  });

  it('Choice with And/Or/Not, StringMatches, Timestamp and variables set by Assign', async () => {
    const h = harness();
    const def = {
      StartAt: 'Init',
      States: {
        Init: {
          Type: 'Pass',
          Assign: { 'cutoff.$': '$.cutoff', 'tags.$': "States.StringSplit($.tags, ',')" },
          Next: 'Route',
        },
        Route: {
          Type: 'Choice',
          Choices: [
            {
              And: [
                { Variable: '$.file', StringMatches: '*.csv' },
                { Not: { Variable: '$.at', TimestampGreaterThanPath: '$cutoff' } },
                {
                  Or: [
                    { Variable: '$.size', NumericLessThan: 100 },
                    { Variable: '$.force', IsPresent: true },
                  ],
                },
              ],
              Assign: { 'route.$': "States.Format('csv-{}', States.ArrayLength($tags))" },
              Next: 'Csv',
            },
          ],
          Default: 'Other',
        },
        Csv: {
          Type: 'Pass',
          Parameters: { 'route.$': '$route', 'first.$': 'States.ArrayGetItem($tags, 0)' },
          End: true,
        },
        Other: { Type: 'Fail', Error: 'Rejected', CausePath: "States.Format('{} refused', $.file)" },
      },
    };
    const base = {
      cutoff: '2026-06-01T00:00:00Z',
      tags: 'x,y',
      file: 'a.csv',
      at: '2026-05-01T10:00:00+02:00',
      size: 5,
    };
    const first = await h.run(def, base);
    expect([first.error, first.cause]).toEqual([undefined, undefined]);
    expect(first.output).toEqual({ route: 'csv-2', first: 'x' });
    expect((await h.run(def, { ...base, size: 500, force: false })).output).toEqual({
      route: 'csv-2',
      first: 'x',
    });
    const late = await h.run(def, { ...base, at: '2026-06-01T00:00:00.001Z' });
    expect(late).toMatchObject({ status: 'FAILED', error: 'Rejected', cause: 'a.csv refused' });
  });

  it('a Choice Variable that is missing fails the execution with States.Runtime', async () => {
    const h = harness();
    const r = await h.run({
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.nope', NumericEquals: 1, Next: 'E' }], Default: 'E' },
        E: { Type: 'Succeed' },
      },
    });
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toContain("'$.nope'");
  });

  it('an intrinsic failure can be caught; ResultPath places the error; InputPath and OutputPath select', async () => {
    const h = harness();
    const r = await h.run(
      {
        StartAt: 'Bad',
        States: {
          Bad: {
            Type: 'Pass',
            InputPath: '$.data',
            Parameters: { 'r.$': 'States.ArrayRange(0, 5000, 1)' },
            Next: 'Never',
          },
          Never: { Type: 'Succeed' },
        },
      },
      { data: {} },
    );
    expect(r.error).toBe('States.IntrinsicFailure');

    const caught = await h.run(
      {
        StartAt: 'T',
        States: {
          T: {
            Type: 'Parallel',
            Branches: [
              {
                StartAt: 'P',
                States: {
                  P: { Type: 'Pass', Parameters: { 'x.$': 'States.JsonMerge($.a, $.a, true)' }, End: true },
                },
              },
            ],
            Catch: [{ ErrorEquals: ['States.IntrinsicFailure'], ResultPath: '$.error', Next: 'Out' }],
            End: true,
          },
          Out: { Type: 'Pass', OutputPath: '$.error.Error', End: true },
        },
      },
      { a: { k: 1 } },
    );
    expect(caught.output).toBe('States.IntrinsicFailure');
  });
});
