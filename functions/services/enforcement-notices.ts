/**
 * Who hears about an enforcement decision: a warning goes to the responsible officer by email; a breach notice to
 * the enforcement team, the officer and their manager, by email and SMS (urgent); a recall review to the officer
 * and their manager, by email and SMS. One outbox record per recipient and channel, keyed by the appointment.
 */
import type { Appointment, Case, Staff } from '#domain/entities.ts';
import type { EnforcementDecision, NotificationChannel } from '#domain/types.ts';
import { deliver, staffRecipient } from '#functions/notifications/deliver.ts';
import type { JourneyDeps } from './deps.ts';
import type { TaskSpec } from './names.ts';
import { taskLink } from './staff-task.ts';
import { officerAndManager } from './staffing.ts';

export async function notifyEnforcement(
  deps: JourneyDeps,
  kase: Case,
  d: {
    readonly decision: Exclude<EnforcementDecision, 'NONE'>;
    readonly appointment: Appointment;
    readonly breachTask?: TaskSpec;
    readonly liveUntil?: string;
  },
  now: string,
): Promise<number> {
  const kind =
    d.decision === 'WARNING' ? 'WARNING' : d.decision === 'BREACH' ? 'BREACH_NOTICE' : 'RECALL_REVIEW';
  const chain = await officerAndManager(deps, kase);
  let recipients: Staff[];
  let channels: NotificationChannel[];
  if (d.decision === 'WARNING') {
    recipients = chain.slice(0, 1);
    channels = ['EMAIL'];
  } else {
    const team = d.decision === 'BREACH' ? await deps.repository.listStaffByRole('ENFORCEMENT') : [];
    const byId = new Map([...team, ...chain].map((s) => [s.staffId, s]));
    recipients = [...byId.values()];
    channels = ['EMAIL', 'SMS'];
  }
  let sent = 0;
  for (const staff of recipients) {
    const results = await deliver(deps, {
      caseId: kase.caseId,
      subjectId: d.appointment.appointmentId,
      kind,
      recipient: staffRecipient(staff),
      channels,
      notice: {
        kind,
        caseRef: kase.crn,
        appointmentAt: d.appointment.at,
        ...(d.breachTask
          ? { dueAt: d.breachTask.dueAt, link: taskLink(deps, d.breachTask.taskId, staff.staffId, kind, now) }
          : {}),
        ...(d.liveUntil ? { liveUntil: d.liveUntil } : {}),
      },
      appointmentId: d.appointment.appointmentId,
      now,
    });
    sent += results.filter((r) => r.outcome === 'SENT').length;
  }
  return sent;
}
