/**
 * The estimated AWS cost of the journeys a simulation ran, from the counts it measured. Prices are on-demand
 * list prices in USD, stated so the reader can check them and override them; free tiers are ignored.
 */
export interface Prices {
  readonly region: string;
  /** Step Functions Standard, per state transition */
  readonly stateTransition: number;
  /** Lambda requests, per invocation */
  readonly lambdaRequest: number;
  /** Lambda Arm compute, per GB-second */
  readonly lambdaGbSecond: number;
  /** DynamoDB on-demand, per write request unit / read request unit */
  readonly dynamoWriteUnit: number;
  readonly dynamoReadUnit: number;
  /** SES outbound, per email */
  readonly email: number;
  /** End User Messaging SMS to a UK number, per message part */
  readonly sms: number;
  /** EventBridge Scheduler, per invocation */
  readonly scheduleInvocation: number;
  /** API Gateway HTTP API, per request (first 300 million a month) */
  readonly apiRequest: number;
}

export const DEFAULT_PRICES: Prices = {
  region: 'eu-west-2 (list prices as configured; check the AWS pricing pages before budgeting)',
  stateTransition: 0.025 / 1000,
  lambdaRequest: 0.2 / 1_000_000,
  lambdaGbSecond: 0.0000133334,
  dynamoWriteUnit: 0.7625 / 1_000_000,
  dynamoReadUnit: 0.1525 / 1_000_000,
  email: 0.1 / 1000,
  sms: 0.0463,
  scheduleInvocation: 1 / 1_000_000,
  apiRequest: 1 / 1_000_000,
};

export interface UsageCounts {
  readonly stateTransitions: number;
  readonly lambdaInvocations: number;
  /** assumed mean duration and memory of an invocation */
  readonly lambdaMeanMs: number;
  readonly lambdaMemoryMb: number;
  readonly dynamoWriteUnits: number;
  readonly dynamoReadUnits: number;
  readonly emails: number;
  readonly sms: number;
  readonly scheduleInvocations: number;
  /** staff API requests (registrations and staff actions) */
  readonly apiRequests?: number;
}

export interface CostLine {
  readonly item: string;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly cost: number;
}

export function estimateCost(usage: UsageCounts, prices: Prices = DEFAULT_PRICES): CostLine[] {
  const gbSeconds = (usage.lambdaInvocations * usage.lambdaMeanMs * usage.lambdaMemoryMb) / 1000 / 1024;
  const lines: [string, number, number][] = [
    ['Step Functions state transitions', usage.stateTransitions, prices.stateTransition],
    ['Lambda requests', usage.lambdaInvocations, prices.lambdaRequest],
    ['Lambda GB-seconds', gbSeconds, prices.lambdaGbSecond],
    ['DynamoDB write request units', usage.dynamoWriteUnits, prices.dynamoWriteUnit],
    ['DynamoDB read request units', usage.dynamoReadUnits, prices.dynamoReadUnit],
    ['SES emails', usage.emails, prices.email],
    ['SMS messages', usage.sms, prices.sms],
    ['Scheduler invocations', usage.scheduleInvocations, prices.scheduleInvocation],
    ['API Gateway requests', usage.apiRequests ?? 0, prices.apiRequest],
  ];
  return lines.map(([item, quantity, unitPrice]) => ({
    item,
    quantity,
    unitPrice,
    cost: quantity * unitPrice,
  }));
}

export function totalCost(lines: readonly CostLine[]): number {
  return lines.reduce((sum, line) => sum + line.cost, 0);
}
