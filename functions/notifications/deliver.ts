/**
 * Sends a notice to one recipient on the given channels, each written first as an outbox record with a
 * deterministic key (`outboxKey`: case, subject, kind, step, recipient, channel) through the repository's
 * conditional claim. A retry or a duplicate finds the record and sends nothing; a record that FAILED is retried once
 * per call; a PENDING record (a crash between claim and send) is left alone rather than risk a second send.
 */
import { type OutboxRecord, outboxKey, PERSON_RECIPIENT } from '#domain/entities.ts';
import type { NotificationChannel, NotificationKind, StaffRole } from '#domain/types.ts';
import type { JourneyDeps } from '#functions/services/deps.ts';
import { isTransient, TransientError } from '#functions/services/errors.ts';
import { type Notice, render } from './templates.ts';

export interface Recipient {
  /** a staff id, or PERSON_RECIPIENT */
  readonly id: string;
  readonly role: StaffRole | 'PERSON';
  readonly email?: string;
  readonly mobile?: string;
}

export interface Delivery {
  readonly caseId: string;
  /** what it is about: a task id, an appointment id */
  readonly subjectId: string;
  readonly kind: NotificationKind;
  /** the ladder step, to tell repeats of a kind apart */
  readonly n?: number;
  readonly recipient: Recipient;
  readonly channels: readonly NotificationChannel[];
  readonly notice: Notice;
  readonly taskId?: string;
  readonly appointmentId?: string;
  readonly now: string;
}

export type DeliveryOutcome = 'SENT' | 'DUPLICATE' | 'NO_ADDRESS' | 'FAILED';

export interface DeliveryResult {
  readonly key: string;
  readonly channel: NotificationChannel;
  readonly outcome: DeliveryOutcome;
}

export async function deliver(deps: JourneyDeps, d: Delivery): Promise<DeliveryResult[]> {
  const results: DeliveryResult[] = [];
  for (const channel of d.channels) results.push(await deliverOne(deps, d, channel));
  return results;
}

async function deliverOne(
  deps: JourneyDeps,
  d: Delivery,
  channel: NotificationChannel,
): Promise<DeliveryResult> {
  const to = channel === 'EMAIL' ? d.recipient.email : d.recipient.mobile;
  const key = outboxKey({
    caseId: d.caseId,
    subjectId: d.subjectId,
    kind: d.kind,
    recipientStaffId: d.recipient.id,
    channel,
    ...(d.n === undefined ? {} : { n: d.n }),
  });
  if (!to) return { key, channel, outcome: 'NO_ADDRESS' };
  const { repository } = deps;
  const message = render(d.notice, channel);
  const claimed = await repository.claimOutbox({
    key,
    caseId: d.caseId,
    channel,
    kind: d.kind,
    recipientStaffId: d.recipient.id,
    recipientRole: d.recipient.role,
    to,
    ...(channel === 'EMAIL' ? { subject: message.subject } : {}),
    body: message.body,
    ...(d.taskId ? { taskId: d.taskId } : {}),
    ...(d.appointmentId ? { appointmentId: d.appointmentId } : {}),
    createdAt: d.now,
  });
  if (!claimed) {
    const existing = await repository.getOutbox(key);
    if (existing?.status !== 'FAILED' || !(await repository.retryOutbox(key, d.now)))
      return { key, channel, outcome: 'DUPLICATE' };
  }
  return send(deps, key, channel, { to, ...message }, d.now);
}

async function send(
  deps: JourneyDeps,
  key: string,
  channel: NotificationChannel,
  message: { to: string; subject: string; body: string },
  now: string,
): Promise<DeliveryResult> {
  const { to, subject, body } = message;
  let messageId: string;
  try {
    // the request is written out, not `{ ...message, key }`: V8 (Node 20) builds a literal that opens with a spread
    // and then adds properties through a slow path
    const sent =
      channel === 'EMAIL'
        ? await deps.notifier.sendEmail({ to, subject, body, key })
        : await deps.notifier.sendSms({ to, body, key });
    messageId = sent.messageId;
  } catch (error) {
    const name = (error as Error)?.name ?? 'Error';
    await deps.repository.markOutboxFailed(key, name, now);
    // a transient failure is retried by the workflow (the record is FAILED, so the retry sends once)
    if (isTransient(error)) throw new TransientError(`sending ${channel} failed: ${name}`);
    deps.log?.warn('notification refused by the provider', { key, error: name });
    return { key, channel, outcome: 'FAILED' };
  }
  await deps.repository.markOutboxSent(key, messageId, now);
  return { key, channel, outcome: 'SENT' };
}

export function staffRecipient(staff: {
  staffId: string;
  role: StaffRole;
  email: string;
  mobile?: string;
}): Recipient {
  return {
    id: staff.staffId,
    role: staff.role,
    email: staff.email,
    ...(staff.mobile ? { mobile: staff.mobile } : {}),
  };
}

export function personRecipient(mobile: string | undefined): Recipient {
  return { id: PERSON_RECIPIENT, role: 'PERSON', ...(mobile ? { mobile } : {}) };
}

/** The outbox records of a case that were sent (for tests and reports). */
export function sentOnly(records: readonly OutboxRecord[]): OutboxRecord[] {
  return records.filter((r) => r.status === 'SENT');
}
