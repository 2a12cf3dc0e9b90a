/**
 * Every message the system sends, rendered from data kept in code. A notice says what to do, for which case (the
 * case reference, never the person's name), by when (Europe/London local time) and links to the task. SMS texts are
 * short and carry no names at all; a message to the person on probation carries only the appointment time.
 */
import type { NotificationChannel, NotificationKind } from '#domain/types.ts';

export interface TaskNotice {
  readonly kind: Extract<NotificationKind, 'PROMPT' | 'REMINDER' | 'ESCALATION' | 'SECOND_ESCALATION'>;
  /** the probation case reference (CRN) */
  readonly caseRef: string;
  readonly taskTitle: string;
  readonly dueAt: string;
  readonly link: string;
  /** the staff id the task is assigned to (for escalations: whose task is overdue) */
  readonly assigneeId: string;
}

export interface EnforcementNotice {
  readonly kind: Extract<NotificationKind, 'WARNING' | 'BREACH_NOTICE' | 'RECALL_REVIEW'>;
  readonly caseRef: string;
  /** the appointment whose failure led to it */
  readonly appointmentAt: string;
  /** the outcome task (breach outcome or recall review) and when it is due */
  readonly link?: string;
  readonly dueAt?: string;
  /** for a warning: the last day it stays live (YYYY-MM-DD) */
  readonly liveUntil?: string;
}

export interface AppointmentReminderNotice {
  readonly kind: 'APPOINTMENT_REMINDER';
  readonly appointmentAt: string;
}

export type Notice = TaskNotice | EnforcementNotice | AppointmentReminderNotice;

export interface RenderedMessage {
  readonly subject: string;
  readonly body: string;
}

const london = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const londonShort = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * Formatting with Intl is slow next to the rest of a message, and a task's due time is written again in each of its
 * notices (prompt, reminder, escalations; e-mail and SMS): the last few thousand results are kept per container.
 */
function remembered(format: (instant: string) => string): (instant: string) => string {
  const kept = new Map<string, string>();
  return (instant) => {
    let text = kept.get(instant);
    if (text === undefined) {
      text = format(instant);
      if (kept.size >= 4096) kept.clear();
      kept.set(instant, text);
    }
    return text;
  };
}

/** e.g. `Monday 2 March 2026 at 17:00` (Europe/London) */
export const londonTime: (instant: string) => string = remembered((instant) =>
  london
    .format(new Date(instant))
    .replace(/, (\d\d:\d\d)$/, ' at $1')
    .replace(/,/g, ''),
);

/** e.g. `Mon 2 Mar 17:00` (Europe/London), for SMS */
export const londonTimeShort: (instant: string) => string = remembered((instant) =>
  londonShort.format(new Date(instant)).replace(/,/g, ''),
);

const TASK_HEADLINE: Record<TaskNotice['kind'], string> = {
  PROMPT: 'New task',
  REMINDER: 'Reminder: task due soon',
  ESCALATION: 'Escalation: task overdue',
  SECOND_ESCALATION: 'Second escalation: task still overdue',
};

function taskMessage(n: TaskNotice, channel: NotificationChannel): RenderedMessage {
  const subject = `${TASK_HEADLINE[n.kind]}: ${n.taskTitle} for case ${n.caseRef}`;
  if (channel === 'SMS') {
    const who = n.kind === 'PROMPT' || n.kind === 'REMINDER' ? '' : ` (assigned to ${n.assigneeId})`;
    return {
      subject,
      body: `Resettle: ${TASK_HEADLINE[n.kind]}. ${n.taskTitle}, case ${n.caseRef}${who}, due ${londonTimeShort(n.dueAt)}. ${n.link}`,
    };
  }
  const lines =
    n.kind === 'PROMPT' || n.kind === 'REMINDER'
      ? [`Please complete this task for case ${n.caseRef}: ${n.taskTitle}.`]
      : [
          `The task "${n.taskTitle}" for case ${n.caseRef}, assigned to ${n.assigneeId}, is overdue.`,
          'As their manager, please make sure it is completed or reassigned.',
        ];
  return {
    subject,
    body: [
      ...lines,
      `Due: ${londonTime(n.dueAt)} (UK time).`,
      `Open the task: ${n.link}`,
      '',
      'This message was sent by Resettle. It contains no personal details: use the case reference in the case management system.',
    ].join('\n'),
  };
}

const ENFORCEMENT_HEADLINE: Record<EnforcementNotice['kind'], string> = {
  WARNING: 'Warning recorded',
  BREACH_NOTICE: 'Breach: refer to the enforcement team and court',
  RECALL_REVIEW: 'Recall review needed',
};

function enforcementMessage(n: EnforcementNotice, channel: NotificationChannel): RenderedMessage {
  const subject = `${ENFORCEMENT_HEADLINE[n.kind]} for case ${n.caseRef}`;
  const what =
    n.kind === 'WARNING'
      ? `A failure to comply at the appointment of ${londonTime(n.appointmentAt)} led to a first warning${n.liveUntil ? `, live until ${n.liveUntil}` : ''}. Please issue the warning letter.`
      : n.kind === 'BREACH_NOTICE'
        ? `A further failure to comply (appointment of ${londonTime(n.appointmentAt)}) within 12 months of a warning: breach action is required.`
        : `A further failure to comply (appointment of ${londonTime(n.appointmentAt)}) within 12 months of a warning: the licence must be reviewed for recall.`;
  if (channel === 'SMS') {
    const due = n.dueAt ? ` Outcome due ${londonTimeShort(n.dueAt)}.` : '';
    return {
      subject,
      body: `Resettle: ${ENFORCEMENT_HEADLINE[n.kind]}, case ${n.caseRef}.${due}${n.link ? ` ${n.link}` : ''}`,
    };
  }
  return {
    subject,
    body: [
      `Case ${n.caseRef}. ${what}`,
      ...(n.dueAt ? [`Record the outcome by ${londonTime(n.dueAt)} (UK time).`] : []),
      ...(n.link ? [`Open the task: ${n.link}`] : []),
      '',
      'This message was sent by Resettle. It contains no personal details: use the case reference in the case management system.',
    ].join('\n'),
  };
}

/** Renders a notice for a channel. */
export function render(notice: Notice, channel: NotificationChannel): RenderedMessage {
  switch (notice.kind) {
    case 'APPOINTMENT_REMINDER':
      return {
        subject: 'Appointment reminder',
        body: `Reminder: you have a probation appointment on ${londonTimeShort(notice.appointmentAt)}. If you cannot attend, call your probation officer today.`,
      };
    case 'WARNING':
    case 'BREACH_NOTICE':
    case 'RECALL_REVIEW':
      return enforcementMessage(notice, channel);
    default:
      return taskMessage(notice, channel);
  }
}
