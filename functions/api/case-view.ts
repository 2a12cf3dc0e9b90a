/**
 * A case as `GET /cases/{caseId}` shows it: where the journey is, its pathways and needs, tasks (never their task
 * tokens), appointments, warnings and breaches, the Step Functions executions with links to the console, and the
 * notifications sent (kind, channel, recipient id and role: never addresses or message text). The person's mobile
 * number is not shown, only whether there is one.
 */
import type { ResettleRepository } from '#adapters/repository.ts';
import { type Case, type ExecutionRecord, type OutboxRecord, toTaskView } from '#domain/entities.ts';

/** The region in an ARN (`arn:aws:states:<region>:...`). */
export function regionOf(arn: string): string | undefined {
  const region = arn.split(':')[3];
  return region && /^[a-z0-9-]+$/.test(region) ? region : undefined;
}

/** The Step Functions console page of an execution. */
export function consoleUrl(executionArn: string, fallbackRegion = 'eu-west-2'): string {
  const region = regionOf(executionArn) ?? fallbackRegion;
  return `https://${region}.console.aws.amazon.com/states/home?region=${region}#/v2/executions/details/${executionArn}`;
}

function executionView(execution: ExecutionRecord) {
  return {
    name: execution.name,
    phase: execution.phase,
    n: execution.n,
    status: execution.status,
    startedAt: execution.startedAt,
    ...(execution.stoppedAt ? { stoppedAt: execution.stoppedAt } : {}),
    executionArn: execution.executionArn,
    consoleUrl: consoleUrl(execution.executionArn),
  };
}

function notificationView(record: OutboxRecord) {
  return {
    kind: record.kind,
    channel: record.channel,
    recipientStaffId: record.recipientStaffId,
    ...(record.recipientRole ? { recipientRole: record.recipientRole } : {}),
    ...(record.taskId ? { taskId: record.taskId } : {}),
    ...(record.appointmentId ? { appointmentId: record.appointmentId } : {}),
    ...(record.sentAt ? { sentAt: record.sentAt } : {}),
    createdAt: record.createdAt,
  };
}

export async function caseView(repository: ResettleRepository, kase: Case) {
  const [tasks, appointments, executions, outbox] = await Promise.all([
    repository.listTasksByCase(kase.caseId),
    repository.listAppointmentsByCase(kase.caseId),
    repository.listExecutionsByCase(kase.caseId),
    repository.listOutboxByCase(kase.caseId),
  ]);
  return {
    caseId: kase.caseId,
    crn: kase.crn,
    nomsId: kase.nomsId,
    prisonId: kase.prisonId,
    sentenceType: kase.sentenceType,
    risk: kase.risk,
    mappaLevel: kase.mappaLevel,
    iom: kase.iom,
    phase: kase.phase,
    status: kase.phase === 'CLOSED' ? 'CLOSED' : 'OPEN',
    ...(kase.outcome ? { outcome: kase.outcome } : {}),
    ...(kase.closedAt ? { closedAt: kase.closedAt } : {}),
    releaseDate: kase.releaseDate,
    responsibleOfficerId: kase.responsibleOfficerId,
    ...(kase.prisonOffenderManagerId ? { prisonOffenderManagerId: kase.prisonOffenderManagerId } : {}),
    hasPersonMobile: kase.personMobile !== undefined,
    pathways: kase.pathways,
    needs: kase.needs,
    tasks: tasks.map(toTaskView),
    appointments,
    warnings: kase.warnings,
    breaches: kase.breaches,
    executions: executions.map(executionView),
    notifications: outbox.filter((r) => r.status === 'SENT').map(notificationView),
    version: kase.version,
    createdAt: kase.createdAt,
    updatedAt: kase.updatedAt,
  };
}
