/**
 * The signed action links in staff emails. `GET /links/{token}` shows what the link will do and changes nothing (mail
 * scanners follow links); its form posts to `POST /links/{token}`, which spends the link (single use) and does it.
 * Expired, tampered, reused and foreign links are refused with a page saying so; nothing changes; the attempt is
 * audited (by the link's staff id when the signature holds, else as anonymous).
 */
import { LinkAlreadyUsed } from '#adapters/repository.ts';
import type { Task } from '#domain/entities.ts';
import { isTaskType, taskDefinition } from '#domain/task-catalogue.ts';
import { londonTime } from '#functions/notifications/templates.ts';
import { completeTask } from '#functions/services/complete-task.ts';
import { mayActFor } from '#functions/services/staffing.ts';
import { ANONYMOUS_ACTOR, audit } from '../audit.ts';
import { claimedStaffId } from '../auth.ts';
import type { ApiContext, ApiRequest } from '../context.ts';
import { toHttpError } from '../errors.ts';
import { escapeHtml, type HttpResult, html, page } from '../http.ts';
import { type LinkAction, type LinkClaims, verifyLink } from '../links.ts';
import { linkRoute, type Route } from '../route.ts';

const ACTION_TEXT: Record<LinkAction, { outcome: string; does: string; done: string }> = {
  COMPLETE_TASK: { outcome: 'DONE', does: 'mark this task as done', done: 'The task is marked as done.' },
  TASK_NOT_REQUIRED: {
    outcome: 'NOT_REQUIRED',
    does: 'mark this task as not required',
    done: 'The task is marked as not required.',
  },
};

/** Tasks a link cannot finish: they need answers or their own outcome route in the staff portal. */
function linkCannotDo(task: Task, action: LinkAction): boolean {
  if (['APPOINTMENT_OUTCOME', 'BREACH_OUTCOME', 'RECALL_REVIEW'].includes(task.type)) return true;
  return task.type === 'PRE_RELEASE_ASSESSMENT' && action === 'COMPLETE_TASK';
}

function taskTitle(task: Task): string {
  return isTaskType(task.type) ? taskDefinition(task.type).title : task.type.toLowerCase().replace(/_/g, ' ');
}

class Refusal {
  constructor(
    readonly statusCode: number,
    readonly reason: string,
    readonly text: string,
    readonly claims?: LinkClaims,
    readonly task?: Task,
  ) {}
}

/** Every check but the spend: signature, expiry, task, earlier use, recipient. Throws a Refusal. */
async function checkLink(ctx: ApiContext, req: ApiRequest): Promise<{ claims: LinkClaims; task: Task }> {
  const verified = verifyLink(await ctx.linkKey(), req.params.token ?? '', req.now);
  if (!verified.ok) {
    if (verified.problem === 'EXPIRED') {
      const claims = verified.claims!;
      const task = await ctx.deps.repository.getTask(claims.taskId);
      const text = 'This link has expired. Open the task in the staff portal.';
      throw new Refusal(410, 'link expired', text, claims, task);
    }
    throw new Refusal(403, 'link not valid', 'This link is not valid. Open the task in the staff portal.');
  }
  const { claims } = verified;
  const task = await ctx.deps.repository.getTask(claims.taskId);
  if (!task) throw new Refusal(404, 'unknown task', 'The task of this link no longer exists.', claims);
  if (await ctx.deps.repository.getLinkUse(claims.linkId))
    throw new Refusal(409, 'link already used', 'This link has already been used.', claims, task);
  const signedIn = claimedStaffId(req.event);
  if (
    (signedIn !== undefined && signedIn !== claims.staffId) ||
    !(await mayActFor(ctx.deps, claims.staffId, task.assigneeId))
  )
    throw new Refusal(403, 'link of another staff member', 'This link was not sent to you.', claims, task);
  return { claims, task };
}

async function refused(ctx: ApiContext, req: ApiRequest, action: string, refusal: Refusal) {
  await audit(
    ctx,
    {
      actorId: refusal.claims?.staffId ?? ANONYMOUS_ACTOR,
      action,
      route: req.route,
      result: 'REFUSED',
      reason: refusal.reason,
      ...(refusal.task ? { caseId: refusal.task.caseId } : {}),
      ...(refusal.claims ? { targetId: refusal.claims.taskId } : {}),
    },
    req.now,
  );
  return html(refusal.statusCode, page('Link refused', `<p>${escapeHtml(refusal.text)}</p>`));
}

function notOpen(task: Task): HttpResult {
  const text = task.status === 'DONE' ? 'This task has already been completed.' : 'This task was cancelled.';
  return html(409, page('Nothing to do', `<p>${escapeHtml(text)}</p>`));
}

function portalOnly(): HttpResult {
  return html(
    409,
    page('Use the staff portal', '<p>This task needs more than a link: open it in the staff portal.</p>'),
  );
}

/**
 * A link that passes every check, on a task still open that a link can finish; otherwise the page saying why not
 * (a refusal is audited as `action`).
 */
async function usableLink(
  ctx: ApiContext,
  req: ApiRequest,
  action: 'VIEW_LINK' | 'USE_LINK',
): Promise<{ claims: LinkClaims; task: Task } | { page: HttpResult }> {
  let checked: { claims: LinkClaims; task: Task };
  try {
    checked = await checkLink(ctx, req);
  } catch (error) {
    if (error instanceof Refusal) return { page: await refused(ctx, req, action, error) };
    throw error;
  }
  const { claims, task } = checked;
  if (task.status !== 'OPEN') return { page: notOpen(task) };
  if (linkCannotDo(task, claims.action)) return { page: portalOnly() };
  return checked;
}

export const linkRoutes: readonly Route[] = [
  linkRoute({
    method: 'GET',
    path: '/links/{token}',
    summary: 'What a signed link will do (changes nothing); its button posts to the same address',
    responses: {
      200: 'HTML page with a confirm button',
      403: 'Not valid or not yours',
      409: 'Used',
      410: 'Expired',
    },
    async handle(ctx, req) {
      const link = await usableLink(ctx, req, 'VIEW_LINK');
      if ('page' in link) return link.page;
      const { claims, task } = link;
      const body =
        `<p>Task: <strong>${escapeHtml(taskTitle(task))}</strong> (${escapeHtml(task.taskId)}), due ` +
        `${escapeHtml(londonTime(task.dueAt))}.</p>\n<p>This link will ${escapeHtml(ACTION_TEXT[claims.action].does)}. ` +
        'It works once.</p>\n<form method="post"><button type="submit">Confirm</button></form>\n' +
        '<p class="note">Nothing has changed yet.</p>';
      return html(200, page('Confirm', body));
    },
  }),
  linkRoute({
    method: 'POST',
    path: '/links/{token}',
    summary: 'Do what a signed link says (once)',
    responses: {
      200: 'HTML page: done',
      403: 'Not valid or not yours',
      409: 'Used, or nothing to do',
      410: 'Expired',
    },
    async handle(ctx, req) {
      const link = await usableLink(ctx, req, 'USE_LINK');
      if ('page' in link) return link.page;
      const { claims, task } = link;
      try {
        await ctx.deps.repository.useLink(claims.linkId, req.now, {
          staffId: claims.staffId,
          taskId: claims.taskId,
          linkExpiresAt: claims.expiresAt,
        });
      } catch (error) {
        if (!(error instanceof LinkAlreadyUsed)) throw error;
        return refused(
          ctx,
          req,
          'USE_LINK',
          new Refusal(409, 'link already used', 'This link has already been used.', claims, task),
        );
      }
      const action = ACTION_TEXT[claims.action];
      try {
        await completeTask(
          ctx.deps,
          {
            taskId: task.taskId,
            actorId: claims.staffId,
            completion: { outcome: action.outcome as 'DONE' | 'NOT_REQUIRED' },
            route: req.route,
          },
          req.now,
        );
      } catch (error) {
        const problem = toHttpError(error);
        if (problem.statusCode >= 500) throw error;
        return html(problem.statusCode, page('Not done', `<p>${escapeHtml(problem.message)}</p>`));
      }
      return html(200, page('Done', `<p>${escapeHtml(action.done)}</p>`));
    },
  }),
];
