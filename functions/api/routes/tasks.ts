/**
 * Staff work: `GET /tasks` (one's own open tasks; SPOs and administrators may ask for anyone's), completing a task,
 * and recording an appointment's outcome. Whether the actor may act on a given task (the assignee, their managers,
 * an administrator) is the journey service's rule, which audits its refusals and its changes.
 */
import { toTaskView } from '#domain/entities.ts';
import { recordAppointmentOutcome } from '#functions/services/appointment-outcome.ts';
import { completeTask } from '#functions/services/complete-task.ts';
import { appointmentOutcomeSchema } from '#schemas/appointment-outcome.ts';
import { taskCompletionSchema } from '#schemas/task-completion.ts';
import { refuse, SUPERVISING_ROLES } from '../auth.ts';
import { badRequest, json, notFound } from '../http.ts';
import { idParam } from '../request.ts';
import { ANY_STAFF, type Route, staffRoute } from '../route.ts';

const TASK_QUERY = new Set(['assignee', 'status']);

/** Recording an appointment's outcome, by the appointment's id alone or scoped to a case (`{caseId}` in `path`). */
function appointmentOutcomeRoute(path: string, summary: string, notFoundText: string): Route {
  const scoped = path.includes('{caseId}');
  return staffRoute({
    method: 'POST',
    path,
    summary,
    roles: ['COM', 'SPO', 'ADMIN'],
    action: 'RECORD_APPOINTMENT_OUTCOME',
    body: appointmentOutcomeSchema,
    responses: {
      200: '`{ appointment, decisionRequired }`',
      400: 'Invalid field',
      403: 'Not the responsible officer, their manager nor an administrator',
      404: notFoundText,
      409: 'Already recorded, cancelled, not yet taken place, or the journey is closed',
    },
    async handle(ctx, req) {
      const caseId = scoped ? idParam(req.params, 'caseId') : undefined;
      const appointmentId = idParam(req.params, 'appointmentId');
      const result = await recordAppointmentOutcome(
        ctx.deps,
        {
          appointmentId,
          ...(caseId === undefined ? {} : { caseId }),
          ...req.body,
          actorId: req.actor.staffId,
          actor: req.actor,
          route: req.route,
        },
        req.now,
      );
      return json(200, result);
    },
  });
}

export const taskRoutes: readonly Route[] = [
  staffRoute({
    method: 'GET',
    path: '/tasks',
    summary: 'Open tasks of a staff member, earliest due first',
    roles: ANY_STAFF,
    action: 'LIST_TASKS',
    query: [
      { name: 'assignee', description: '`me` (default) or a staff id (SPO and ADMIN only)' },
      { name: 'status', description: 'OPEN (default; the only status listed)', values: ['OPEN'] },
    ],
    responses: {
      200: '`{ tasks: [...] }`',
      400: 'Unknown parameter or value',
      403: "Another staff member's tasks, not being an SPO or administrator",
      404: 'No such staff member',
    },
    async handle(ctx, req) {
      const unknown = Object.keys(req.query).filter((name) => !TASK_QUERY.has(name));
      if (unknown.length > 0)
        throw badRequest(unknown.map((field) => ({ field, message: 'is not a known parameter' })));
      if ((req.query.status ?? 'OPEN') !== 'OPEN')
        throw badRequest([{ field: 'status', message: 'must be OPEN (only open tasks are listed)' }]);
      const asked = req.query.assignee ?? 'me';
      const assigneeId = asked === 'me' ? req.actor.staffId : idParam({ assignee: asked }, 'assignee');
      if (assigneeId !== req.actor.staffId) {
        if (!SUPERVISING_ROLES.includes(req.actor.role))
          await refuse(ctx, req, req.actor, 'LIST_TASKS', "only SPOs and administrators list others' tasks", {
            targetId: assigneeId,
          });
        if (!(await ctx.deps.repository.getStaff(assigneeId))) throw notFound('staff member', 'assignee');
      }
      const tasks = await ctx.deps.repository.listOpenTasksByAssignee(assigneeId);
      return json(200, { tasks: tasks.map(toTaskView) });
    },
  }),
  staffRoute({
    method: 'POST',
    path: '/tasks/{taskId}/complete',
    summary: 'Complete a task (the pre-release assessment carries its answers); the waiting workflow resumes',
    roles: ANY_STAFF,
    action: 'COMPLETE_TASK',
    body: taskCompletionSchema,
    responses: {
      200: '`{ task, delivered }`',
      400: 'Invalid field (e.g. assessment answers missing)',
      403: 'Not the assignee, their manager nor an administrator',
      404: 'No such task',
      409: 'Already completed, cancelled, or completed through its own route',
    },
    async handle(ctx, req) {
      const taskId = idParam(req.params, 'taskId');
      const result = await completeTask(
        ctx.deps,
        { taskId, actorId: req.actor.staffId, actor: req.actor, completion: req.body, route: req.route },
        req.now,
      );
      return json(200, result);
    },
  }),
  appointmentOutcomeRoute(
    '/appointments/{appointmentId}/outcome',
    'Record what happened at an appointment; the community workflow applies the enforcement rules',
    'No such appointment',
  ),
  appointmentOutcomeRoute(
    '/cases/{caseId}/appointments/{appointmentId}/outcome',
    'The same, scoped to a case: an appointment of another case is not found',
    'No such appointment on this case',
  ),
];
