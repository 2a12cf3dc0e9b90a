/**
 * EventBridge Scheduler on the local endpoint (REST JSON, signing name `scheduler`):
 *   POST|PUT|GET|DELETE /schedules/{Name}  (GET/DELETE take `?groupName=`; POST/PUT carry GroupName in the body)
 *   GET /schedules?ScheduleGroup=&NamePrefix=&State=&MaxResults=&NextToken=
 *   POST|GET|DELETE /schedule-groups/{Name}, GET /schedule-groups
 * Errors: ValidationException 400, ResourceNotFoundException 404, ConflictException 409. Timestamps: epoch seconds.
 * Targets served: a Lambda function ARN and the Step Functions StartExecution target (a state machine ARN).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseExpression, validateTimeZone } from '../scheduler/expressions.ts';
import type { ScheduleRecord, Schedules } from '../scheduler/schedules.ts';
import { AwsError, isRecord, parseJsonBody, readBody, sendError, sendJson } from '../wire.ts';

const NAME = /^[0-9a-zA-Z\-_.]{1,64}$/;
export const LAMBDA_TARGET = /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/;
export const STATES_TARGET =
  /^arn:aws:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]+(:[A-Za-z0-9_-]+)?$/;

const invalid = (message: string) => new AwsError('ValidationException', message);

function name(value: string | undefined, what: string): string {
  const decoded = decodeURIComponent(value ?? '');
  if (!NAME.test(decoded)) throw invalid(`Invalid ${what} name '${decoded}': 1-64 of [0-9a-zA-Z-_.]`);
  return decoded;
}

const seconds = (value: unknown, field: string): number | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(`${field} must be a timestamp`);
  return Math.round(value * 1000);
};

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw invalid(`${field} must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** The CreateSchedule/UpdateSchedule body as a record, validated as the service does (bad input changes nothing). */
function scheduleInput(nameInPath: string, body: Record<string, unknown>) {
  const expression = body.ScheduleExpression;
  if (typeof expression !== 'string') throw invalid('ScheduleExpression is required');
  parseExpression(expression);
  const timeZone = body.ScheduleExpressionTimezone;
  if (timeZone !== undefined) {
    if (typeof timeZone !== 'string') throw invalid('ScheduleExpressionTimezone must be a string');
    validateTimeZone(timeZone);
  }
  const window = body.FlexibleTimeWindow;
  if (!isRecord(window)) throw invalid('FlexibleTimeWindow is required');
  const mode = oneOf(window.Mode, ['OFF', 'FLEXIBLE'] as const, 'FlexibleTimeWindow.Mode', 'OFF');
  const minutes = window.MaximumWindowInMinutes;
  if (mode === 'FLEXIBLE' && (typeof minutes !== 'number' || minutes < 1 || minutes > 1440))
    throw invalid('FlexibleTimeWindow.MaximumWindowInMinutes must be 1 to 1440 when Mode is FLEXIBLE');
  const target = body.Target;
  if (!isRecord(target) || typeof target.Arn !== 'string' || typeof target.RoleArn !== 'string')
    throw invalid('Target with Arn and RoleArn is required');
  if (!LAMBDA_TARGET.test(target.Arn) && !STATES_TARGET.test(target.Arn))
    throw invalid(
      `Target ${target.Arn} is not served by the local endpoint: use a Lambda function ARN or a state machine ARN`,
    );
  if (target.Input !== undefined && typeof target.Input !== 'string')
    throw invalid('Target.Input must be a string');
  const group = body.GroupName === undefined ? 'default' : name(String(body.GroupName), 'group');
  const record: Omit<ScheduleRecord, 'Arn' | 'CreationDate' | 'LastModificationDate' | 'revision'> = {
    Name: nameInPath,
    GroupName: group,
    ScheduleExpression: expression,
    State: oneOf(body.State, ['ENABLED', 'DISABLED'] as const, 'State', 'ENABLED'),
    Target: target as ScheduleRecord['Target'],
    FlexibleTimeWindow:
      mode === 'FLEXIBLE' ? { Mode: mode, MaximumWindowInMinutes: minutes as number } : { Mode: mode },
    ActionAfterCompletion: oneOf(
      body.ActionAfterCompletion,
      ['NONE', 'DELETE'] as const,
      'ActionAfterCompletion',
      'NONE',
    ),
  };
  if (typeof timeZone === 'string') record.ScheduleExpressionTimezone = timeZone;
  const start = seconds(body.StartDate, 'StartDate');
  const end = seconds(body.EndDate, 'EndDate');
  if (start !== undefined) record.StartDate = start;
  if (end !== undefined) record.EndDate = end;
  if (typeof body.Description === 'string') record.Description = body.Description;
  if (typeof body.KmsKeyArn === 'string') record.KmsKeyArn = body.KmsKeyArn;
  return record;
}

const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

function describe(s: ScheduleRecord) {
  return {
    Arn: s.Arn,
    Name: s.Name,
    GroupName: s.GroupName,
    ScheduleExpression: s.ScheduleExpression,
    ScheduleExpressionTimezone: s.ScheduleExpressionTimezone,
    StartDate: date(s.StartDate),
    EndDate: date(s.EndDate),
    Description: s.Description,
    State: s.State,
    KmsKeyArn: s.KmsKeyArn,
    Target: s.Target,
    FlexibleTimeWindow: s.FlexibleTimeWindow,
    ActionAfterCompletion: s.ActionAfterCompletion,
    CreationDate: date(s.CreationDate),
    LastModificationDate: date(s.LastModificationDate),
  };
}

function page<T>(items: T[], query: URLSearchParams): { items: T[]; next?: string } {
  const start = query.get('NextToken')
    ? Number(Buffer.from(query.get('NextToken')!, 'base64url').toString())
    : 0;
  if (!Number.isInteger(start) || start < 0) throw invalid('Invalid NextToken');
  const max = Math.min(Math.max(Number(query.get('MaxResults') ?? 100) || 100, 1), 100);
  const slice = items.slice(start, start + max);
  return start + max < items.length
    ? { items: slice, next: Buffer.from(String(start + max)).toString('base64url') }
    : { items: slice };
}

export function schedulerService(schedules: Schedules) {
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://local');
    const [, collection, rawName, extra] = url.pathname.split('/');
    const method = req.method ?? 'GET';
    const q = url.searchParams;
    if (extra !== undefined)
      throw new AwsError('UnknownOperationException', `No route for ${url.pathname}`, 404);
    if (collection === 'schedules' && rawName) {
      const scheduleName = name(rawName, 'schedule');
      if (method === 'POST' || method === 'PUT') {
        const input = scheduleInput(scheduleName, parseJsonBody(await readBody(req)));
        const record = schedules.put(input, method === 'POST' ? 'create' : 'update');
        return sendJson(res, 200, { ScheduleArn: record.Arn });
      }
      const group = q.get('groupName') ? name(q.get('groupName')!, 'group') : 'default';
      if (method === 'GET') return sendJson(res, 200, describe(schedules.get(group, scheduleName)));
      if (method === 'DELETE') {
        schedules.delete(group, scheduleName);
        return sendJson(res, 200, {});
      }
    }
    if (collection === 'schedules' && !rawName && method === 'GET') {
      const state = q.get('State') ?? undefined;
      if (state !== undefined && state !== 'ENABLED' && state !== 'DISABLED')
        throw invalid('State must be ENABLED or DISABLED');
      const all = schedules.list({
        ...(q.get('ScheduleGroup') ? { group: q.get('ScheduleGroup')! } : {}),
        ...(q.get('NamePrefix') ? { prefix: q.get('NamePrefix')! } : {}),
        ...(state ? { state } : {}),
      });
      const { items, next } = page(all, q);
      return sendJson(res, 200, {
        Schedules: items.map((s) => ({
          Arn: s.Arn,
          Name: s.Name,
          GroupName: s.GroupName,
          State: s.State,
          CreationDate: date(s.CreationDate),
          LastModificationDate: date(s.LastModificationDate),
          Target: { Arn: s.Target.Arn },
        })),
        NextToken: next,
      });
    }
    if (collection === 'schedule-groups' && rawName) {
      const groupName = name(rawName, 'group');
      if (method === 'POST')
        return sendJson(res, 200, { ScheduleGroupArn: schedules.createGroup(groupName).Arn });
      if (method === 'GET') {
        const g = schedules.getGroup(groupName);
        return sendJson(res, 200, {
          ...g,
          CreationDate: date(g.CreationDate),
          LastModificationDate: date(g.LastModificationDate),
        });
      }
      if (method === 'DELETE') {
        schedules.deleteGroup(groupName);
        return sendJson(res, 200, {});
      }
    }
    if (collection === 'schedule-groups' && !rawName && method === 'GET') {
      const prefix = q.get('NamePrefix') ?? '';
      const { items, next } = page(
        schedules.listGroups().filter((g) => g.Name.startsWith(prefix)),
        q,
      );
      return sendJson(res, 200, {
        ScheduleGroups: items.map((g) => ({
          ...g,
          CreationDate: date(g.CreationDate),
          LastModificationDate: date(g.LastModificationDate),
        })),
        NextToken: next,
      });
    }
    throw new AwsError(
      'UnknownOperationException',
      `The local endpoint does not serve scheduler ${method} ${url.pathname}`,
      404,
    );
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      await route(req, res);
    } catch (error) {
      sendError(res, error);
    }
  };
}
