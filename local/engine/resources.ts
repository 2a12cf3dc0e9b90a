import { SAME_TIME } from './history.ts';
import type { EventRecord } from './types.ts';

/** Task resources the engine integrates with, and how each appears in history events. */
export interface ResourceInfo {
  kind: 'lambda' | 'lambdaArn' | 'startExecution' | 'dynamodb';
  mode: 'request' | 'token' | 'sync' | 'sync2';
  /** history `resourceType`, e.g. `lambda`, `states`, `dynamodb` */
  resourceType: string;
  /** history `resource`, e.g. `invoke.waitForTaskToken`, `startExecution.sync:2`, `getItem` */
  resource: string;
  /** dynamodb action */
  action?: 'getItem' | 'putItem' | 'updateItem' | 'deleteItem';
  /**
   * `{ resourceType, resource }`: the details of its TaskStarted, TaskSucceeded and TaskSubmitted events (with
   * the output as the event's value), one frozen object kept by every history
   */
  readonly startedDetails: Readonly<{ resourceType: string; resource: string }>;
  /**
   * The `TaskStarted` event itself: it follows `TaskScheduled` at the same instant, so one frozen event, its time
   * the event's before (`SAME_TIME`), serves every task of this resource (see `Runtime.emitSame`).
   */
  readonly startedEvent: Readonly<EventRecord>;
}

const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/;
const OPTIMIZED =
  /^arn:aws[a-z-]*:states:::(lambda|states|dynamodb):([A-Za-z]+)(\.sync:2|\.sync|\.waitForTaskToken)?$/;

const cache = new Map<string, ResourceInfo | null>();

type Parsed = Omit<ResourceInfo, 'startedDetails' | 'startedEvent'>;

export function parseResource(arn: string): ResourceInfo | null {
  const hit = cache.get(arn);
  if (hit !== undefined) return hit;
  let info: Parsed | null = null;
  if (LAMBDA_ARN.test(arn))
    info = { kind: 'lambdaArn', mode: 'request', resourceType: 'lambda', resource: arn };
  const m = OPTIMIZED.exec(arn);
  if (m) {
    const [, service, action, suffix] = m;
    const mode =
      suffix === '.waitForTaskToken'
        ? 'token'
        : suffix === '.sync:2'
          ? 'sync2'
          : suffix === '.sync'
            ? 'sync'
            : 'request';
    const resource = `${action}${suffix ?? ''}`;
    if (service === 'lambda' && action === 'invoke' && (mode === 'request' || mode === 'token'))
      info = { kind: 'lambda', mode, resourceType: 'lambda', resource };
    else if (service === 'states' && action === 'startExecution')
      info = { kind: 'startExecution', mode, resourceType: 'states', resource };
    else if (
      service === 'dynamodb' &&
      mode === 'request' &&
      ['getItem', 'putItem', 'updateItem', 'deleteItem'].includes(action!)
    )
      info = {
        kind: 'dynamodb',
        mode,
        resourceType: 'dynamodb',
        resource,
        action: action as ResourceInfo['action'],
      };
  }
  const startedDetails = info && Object.freeze({ resourceType: info.resourceType, resource: info.resource });
  const resolved: ResourceInfo | null = info && {
    ...info,
    startedDetails: startedDetails!,
    startedEvent: Object.freeze({
      t: 'TaskStarted',
      sec: SAME_TIME,
      mp: 0,
      d: startedDetails!,
      v: undefined,
    }),
  };
  cache.set(arn, resolved);
  return resolved;
}

export const isSupportedResource = (arn: string): boolean => parseResource(arn) !== null;
