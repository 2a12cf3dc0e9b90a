/**
 * The runtime's own routes, for what has no AWS API:
 *   GET  /_local/health   → { status: "ok", now, mode, pendingTimers }
 *   GET  /_local/clock    → { now, mode }
 *   POST /_local/clock    { advanceSeconds: n } | { to: iso } | { mode: "real"|"virtual"|"manual" }
 *                         → { now, mode } once every timer due up to then has fired and the work it caused settled
 *   GET  /_local/outbox   → every email and SMS accepted: [{ id, channel, to, subject, body, sentAt }]
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock, ClockMode } from '#local/clock/clock.ts';
import type { Outbox } from './outbox.ts';
import { readBody } from './wire.ts';

const MODES: readonly ClockMode[] = ['real', 'virtual', 'manual'];

class BadRequest extends Error {}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

async function changeClock(clock: Clock, body: Buffer): Promise<void> {
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(body.toString('utf8') || '{}');
  } catch {
    throw new BadRequest('the body must be JSON');
  }
  if (!input || typeof input !== 'object' || Array.isArray(input))
    throw new BadRequest('the body must be an object');
  const keys = Object.keys(input);
  if (keys.length !== 1) throw new BadRequest('give exactly one of advanceSeconds, to or mode');
  if ('advanceSeconds' in input) {
    const seconds = input.advanceSeconds;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0)
      throw new BadRequest('advanceSeconds must be a number of seconds, 0 or more');
    await clock.advanceBy(seconds);
  } else if ('to' in input) {
    const to = typeof input.to === 'string' ? Date.parse(input.to) : Number.NaN;
    if (!Number.isFinite(to)) throw new BadRequest('to must be an ISO 8601 instant');
    if (to < clock.now())
      throw new BadRequest(`to is before now (${new Date(clock.now()).toISOString()}): time never goes back`);
    await clock.advanceTo(to);
  } else if ('mode' in input) {
    if (!MODES.includes(input.mode as ClockMode))
      throw new BadRequest('mode must be real, virtual or manual');
    clock.setMode(input.mode as ClockMode);
  } else throw new BadRequest(`unknown field ${keys[0]}: give advanceSeconds, to or mode`);
  await clock.settle();
}

export function controlRoutes(options: { clock: Clock; outbox: Outbox }) {
  const { clock, outbox } = options;
  const now = () => ({ now: new Date(clock.now()).toISOString(), mode: clock.mode });
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    const method = req.method ?? 'GET';
    try {
      if (path === '/_local/health' && method === 'GET')
        return reply(res, 200, { status: 'ok', ...now(), pendingTimers: clock.pendingTimers() });
      if (path === '/_local/clock' && method === 'GET') return reply(res, 200, now());
      if (path === '/_local/clock' && method === 'POST') {
        await changeClock(clock, await readBody(req));
        return reply(res, 200, now());
      }
      if (path === '/_local/outbox' && method === 'GET') return reply(res, 200, outbox.list());
      reply(res, 404, { error: `no local route ${method} ${path}` });
    } catch (error) {
      if (error instanceof BadRequest) return reply(res, 400, { error: error.message });
      reply(res, 500, { error: (error as Error).message });
    }
  };
}
