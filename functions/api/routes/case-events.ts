/**
 * Changes to a case from outside its workflows: a new release date, an event (released, recalled, deceased,
 * withdrawn, transferred out, new sentence) and a breach or recall outcome. Each calls the journey's service; the
 * responsible officer (and their managers), prison offender managers, SPOs and administrators may make them.
 */
import type { Case } from '#domain/entities.ts';
import { recordBreachOutcome } from '#functions/services/breach-outcome.ts';
import { changeReleaseDate } from '#functions/services/change-release-date.ts';
import { reportExternalEvent } from '#functions/services/report-external-event.ts';
import { mayActFor } from '#functions/services/staffing.ts';
import { breachOutcomeSchema } from '#schemas/breach-outcome.ts';
import { checkEventTiming, externalEventSchema } from '#schemas/external-event.ts';
import { checkReleaseDateChangeTiming, releaseDateChangeSchema } from '#schemas/release-date-change.ts';
import { audit } from '../audit.ts';
import { refuse } from '../auth.ts';
import type { ApiContext, StaffRequest } from '../context.ts';
import { badRequest, json, notFound } from '../http.ts';
import { idParam } from '../request.ts';
import { type Route, staffRoute } from '../route.ts';

/** The case of the path, 404 when unknown; 403 (audited) for a COM who is not its officer nor above them. */
async function caseFor(ctx: ApiContext, req: StaffRequest<unknown>, action: string): Promise<Case> {
  const caseId = idParam(req.params, 'caseId');
  const kase = await ctx.deps.repository.getCase(caseId);
  if (!kase) throw notFound('case', 'caseId');
  const { actor } = req;
  if (actor.role === 'COM' && !(await mayActFor(ctx.deps, actor, kase.responsibleOfficerId)))
    await refuse(ctx, req, actor, action, 'not the responsible officer nor their manager', {
      caseId,
      targetId: caseId,
    });
  return kase;
}

async function allowed(ctx: ApiContext, req: StaffRequest<unknown>, action: string, caseId: string) {
  await audit(
    ctx,
    { actorId: req.actor.staffId, action, route: req.route, result: 'ALLOWED', caseId, targetId: caseId },
    req.now,
  );
}

export const caseEventRoutes: readonly Route[] = [
  staffRoute({
    method: 'PUT',
    path: '/cases/{caseId}/release-date',
    summary:
      'Change the release date before release: the release schedule moves, nothing fires on the old date',
    roles: ['COM', 'POM', 'SPO', 'ADMIN'],
    action: 'CHANGE_RELEASE_DATE',
    body: releaseDateChangeSchema,
    responses: {
      200: '`{ caseId, releaseDate, previousReleaseDate, direction, changed }`',
      400: 'Invalid field (e.g. a date not after today)',
      403: 'Not allowed for this case',
      404: 'No such case',
      409: 'The journey is past release or closed',
    },
    async handle(ctx, req) {
      const kase = await caseFor(ctx, req, 'CHANGE_RELEASE_DATE');
      const timing = checkReleaseDateChangeTiming(req.body, req.now, ctx.deps.config);
      if (timing.length > 0) throw badRequest(timing);
      const result = await changeReleaseDate(ctx.deps, { caseId: kase.caseId, ...req.body }, req.now);
      await allowed(ctx, req, 'CHANGE_RELEASE_DATE', kase.caseId);
      return json(200, {
        caseId: kase.caseId,
        releaseDate: result.releaseDate,
        previousReleaseDate: result.previousReleaseDate,
        direction: result.direction,
        changed: result.changed,
      });
    },
  }),
  staffRoute({
    method: 'POST',
    path: '/cases/{caseId}/events',
    summary: 'Report an event from outside the journey: released (moves to community) or one that ends it',
    roles: ['COM', 'POM', 'SPO', 'ADMIN'],
    action: 'REPORT_EVENT',
    body: externalEventSchema,
    responses: {
      200: '`{ caseId, type, effect: TRANSITION|CLOSE, outcome? }`',
      400: 'Invalid field (e.g. occurredAt in the future)',
      403: 'Not allowed for this case',
      404: 'No such case',
      409: 'The journey does not accept this event now (e.g. closed)',
    },
    async handle(ctx, req) {
      const kase = await caseFor(ctx, req, 'REPORT_EVENT');
      const timing = checkEventTiming(req.body, req.now);
      if (timing.length > 0) throw badRequest(timing);
      const result = await reportExternalEvent(ctx.deps, { caseId: kase.caseId, ...req.body }, req.now);
      await allowed(ctx, req, `REPORT_EVENT_${req.body.type}`, kase.caseId);
      return json(200, {
        caseId: kase.caseId,
        type: req.body.type,
        effect: result.effect,
        ...(result.effect === 'CLOSE'
          ? { outcome: result.outcome, closed: result.close.closed }
          : { released: result.release.released }),
      });
    },
  }),
  staffRoute({
    method: 'POST',
    path: '/cases/{caseId}/breach-outcome',
    summary: 'Record the court outcome of a breach, or the recall decision of a recall review',
    roles: ['COM', 'SPO', 'ENFORCEMENT', 'ADMIN'],
    action: 'RECORD_BREACH_OUTCOME',
    body: breachOutcomeSchema,
    responses: {
      200: '`{ caseId, outcome, effect: CONTINUE|CLOSE, journeyOutcome? }`',
      400: 'Invalid field (e.g. a recall type for a community order)',
      403: 'Not enforcement, the responsible officer nor their manager',
      404: 'No such case',
      409: 'No breach is awaiting an outcome, or the journey is closed',
    },
    async handle(ctx, req) {
      const caseId = idParam(req.params, 'caseId');
      // the service checks who may record it, and audits both the refusal and the record
      const result = await recordBreachOutcome(
        ctx.deps,
        {
          caseId,
          outcome: req.body.outcome,
          actorId: req.actor.staffId,
          actor: req.actor,
          route: req.route,
        },
        req.now,
      );
      return json(200, { caseId, ...result });
    },
  }),
];
