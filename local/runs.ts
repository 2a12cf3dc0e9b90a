/**
 * `npm run runs -- list [--status RUNNING]` and `npm run runs -- show <caseId>`: the local counterpart of the
 * Step Functions console. It speaks the Step Functions API to the endpoint of `npm run local`
 * (AWS_ENDPOINT_URL, default http://127.0.0.1:4566), so it works unchanged against AWS itself. Executions are
 * found by name: `<caseId>-<phase>-<n>`, never by personal data.
 */
import { parseArgs } from 'node:util';
import {
  type ExecutionListItem,
  type ExecutionStatus,
  type HistoryEvent,
  paginateGetExecutionHistory,
  paginateListExecutions,
  paginateListStateMachines,
  SFNClient,
} from '@aws-sdk/client-sfn';

export interface RunSummary {
  readonly name: string;
  readonly stateMachine: string;
  readonly status: string;
  readonly startDate?: Date;
  readonly stopDate?: Date;
  readonly executionArn: string;
}

export async function listRuns(
  client: SFNClient,
  filter: { status?: ExecutionStatus; namePrefix?: string } = {},
) {
  const runs: RunSummary[] = [];
  for await (const page of paginateListStateMachines({ client }, {})) {
    for (const machine of page.stateMachines ?? []) {
      const pages = paginateListExecutions(
        { client },
        {
          stateMachineArn: machine.stateMachineArn,
          ...(filter.status ? { statusFilter: filter.status } : {}),
        },
      );
      for await (const executions of pages) {
        for (const execution of executions.executions ?? []) {
          if (filter.namePrefix && !execution.name?.startsWith(filter.namePrefix)) continue;
          runs.push(toSummary(machine.name ?? '', execution));
        }
      }
    }
  }
  return runs.sort((a, b) => (a.startDate?.getTime() ?? 0) - (b.startDate?.getTime() ?? 0));
}

function toSummary(stateMachine: string, execution: ExecutionListItem): RunSummary {
  return {
    name: execution.name ?? '',
    stateMachine,
    status: execution.status ?? 'UNKNOWN',
    executionArn: execution.executionArn ?? '',
    ...(execution.startDate ? { startDate: execution.startDate } : {}),
    ...(execution.stopDate ? { stopDate: execution.stopDate } : {}),
  };
}

export async function history(client: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  for await (const page of paginateGetExecutionHistory(
    { client },
    { executionArn, includeExecutionData: false },
  )) {
    events.push(...(page.events ?? []));
  }
  return events;
}

/** The state an execution is in: the last state entered that has not been exited. */
export function currentState(events: readonly HistoryEvent[]): string | undefined {
  let current: string | undefined;
  for (const event of events) {
    if (event.stateEnteredEventDetails?.name) current = event.stateEnteredEventDetails.name;
    if (event.stateExitedEventDetails?.name === current) current = undefined;
  }
  return current;
}

function line(run: RunSummary): string {
  const started = run.startDate?.toISOString() ?? '-';
  const stopped = run.stopDate?.toISOString() ?? '-';
  return `${run.status.padEnd(10)} ${started}  ${stopped.padEnd(24)}  ${run.stateMachine.padEnd(28)} ${run.name}`;
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { status: { type: 'string' }, endpoint: { type: 'string' }, events: { type: 'string' } },
  });
  const endpoint = values.endpoint ?? process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4566';
  const client = new SFNClient({
    endpoint,
    region: process.env.AWS_REGION ?? 'eu-west-2',
    credentials: {
      accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'local',
      secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
    },
  });
  const [command, caseId] = positionals;
  if (command === 'list') {
    const runs = await listRuns(client, values.status ? { status: values.status as ExecutionStatus } : {});
    for (const run of runs) console.log(line(run));
    console.log(`${runs.length} executions`);
    return 0;
  }
  if (command === 'show' && caseId) {
    const runs = await listRuns(client, { namePrefix: `${caseId}-` });
    if (runs.length === 0) {
      console.error(`no executions named ${caseId}-*`);
      return 1;
    }
    const shown = Number(values.events ?? 15);
    for (const run of runs) {
      const events = await history(client, run.executionArn);
      console.log(line(run));
      console.log(`  current state: ${currentState(events) ?? '(none)'}; ${events.length} history events`);
      for (const event of events.slice(-shown)) {
        const name = event.stateEnteredEventDetails?.name ?? event.stateExitedEventDetails?.name ?? '';
        console.log(
          `  ${String(event.id).padStart(5)} ${event.timestamp?.toISOString()} ${event.type} ${name}`,
        );
      }
    }
    return 0;
  }
  console.error('usage: npm run runs -- list [--status RUNNING|SUCCEEDED|FAILED|TIMED_OUT|ABORTED]');
  console.error('       npm run runs -- show <caseId> [--events 15]');
  return 2;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
