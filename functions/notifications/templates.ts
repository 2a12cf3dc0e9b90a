/**
 * Every message the system sends, rendered from data kept in code. A notice says what to do, for which case (the
 * case reference, never the person's name), by when (Europe/London local time) and links to the task. SMS texts are
 * short and carry no names at all; a message to the person on probation carries only the appointment time.
 */
import { dayOfWeek, localDateOf, localTimeOf, toEpochMs } from '#domain/calendar.ts';
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

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** en-GB's short month names (September is `Sept`) */
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];

/**
 * The Europe/London date parts of an instant, from the domain calendar (no Intl formatting per message). The
 * instant is parsed (and checked) once: the calendar takes the epoch milliseconds as they are for date and time.
 */
function londonParts(instant: string) {
  const ms = toEpochMs(instant);
  const date = localDateOf(ms);
  return {
    weekday: WEEKDAYS[dayOfWeek(date) - 1]!,
    day: Number(date.slice(8, 10)),
    month: Number(date.slice(5, 7)) - 1,
    year: date.slice(0, 4),
    time: localTimeOf(ms),
  };
}

/** e.g. `Monday 2 March 2026 at 17:00` (Europe/London) */
export function londonTime(instant: string): string {
  const p = londonParts(instant);
  return `${p.weekday} ${p.day} ${MONTHS[p.month]} ${p.year} at ${p.time}`;
}

/** e.g. `Mon 2 Mar 17:00` (Europe/London), for SMS */
export function londonTimeShort(instant: string): string {
  const p = londonParts(instant);
  return `${p.weekday.slice(0, 3)} ${p.day} ${SHORT_MONTHS[p.month]} ${p.time}`;
}

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
