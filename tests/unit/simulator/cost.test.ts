import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES, estimateCost, totalCost } from '#local/simulator/cost.ts';

describe('journey cost estimate', () => {
  it('prices each counted unit at its list price', () => {
    const lines = estimateCost({
      stateTransitions: 1000,
      lambdaInvocations: 1_000_000,
      lambdaMeanMs: 100,
      lambdaMemoryMb: 1024,
      dynamoWriteUnits: 0,
      dynamoReadUnits: 0,
      emails: 1000,
      sms: 2,
      scheduleInvocations: 0,
    });
    const cost = Object.fromEntries(lines.map((line) => [line.item, line.cost]));
    expect(cost['Step Functions state transitions']).toBeCloseTo(0.025, 10);
    expect(cost['Lambda requests']).toBeCloseTo(0.2, 10);
    // 1M invocations x 0.1 s x 1 GB = 100,000 GB-s
    expect(cost['Lambda GB-seconds']).toBeCloseTo(100_000 * DEFAULT_PRICES.lambdaGbSecond, 6);
    expect(cost['SES emails']).toBeCloseTo(0.1, 10);
    expect(cost['SMS messages']).toBeCloseTo(2 * DEFAULT_PRICES.sms, 10);
    expect(totalCost(lines)).toBeCloseTo(
      lines.reduce((sum, line) => sum + line.cost, 0),
      12,
    );
  });
});
