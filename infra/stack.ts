import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { TABLE_DEFINITION } from '#adapters/table-definition.ts';
import { HANDLERS, type HandlerSpec, WORKFLOWS, type WorkflowSpec } from '#functions/manifest.ts';
import type { StageConfig } from './config.ts';
import { Data } from './constructs/data.ts';
import { Functions } from './constructs/functions.ts';
import { Notifications } from './constructs/notifications.ts';
import { Observability } from './constructs/observability.ts';
import { Scheduling } from './constructs/scheduling.ts';
import { LinkKey, StaffApi } from './constructs/staff-api.ts';
import { Workflows } from './constructs/workflows.ts';
import { scheduleTargets } from './naming.ts';

/** The repository root: manifest entries and workflow files are relative to it. */
export const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ResettleStackProps extends StackProps {
  readonly config: StageConfig;
  /** defaults to the manifest's HANDLERS */
  readonly handlers?: readonly HandlerSpec[];
  /** defaults to the manifest's WORKFLOWS */
  readonly workflows?: readonly WorkflowSpec[];
  /** defaults to the repository root */
  readonly rootDir?: string;
}

/** The whole system in one stack, built from the manifest. */
export class ResettleStack extends Stack {
  readonly data: Data;
  readonly notifications: Notifications;
  readonly scheduling: Scheduling;
  readonly linkKey: LinkKey;
  readonly functions: Functions;
  readonly workflows: Workflows;
  readonly staffApi: StaffApi;
  readonly observability: Observability;

  constructor(scope: Construct, id: string, props: ResettleStackProps) {
    super(scope, id, { description: `Resettle (${props.config.stage})`, ...props });
    const { config } = props;
    const handlers = props.handlers ?? HANDLERS;
    const workflows = props.workflows ?? WORKFLOWS;
    const rootDir = props.rootDir ?? REPOSITORY_ROOT;
    Tags.of(this).add('project', 'resettle');
    Tags.of(this).add('stage', config.stage);

    this.data = new Data(this, 'Data', { config, definition: TABLE_DEFINITION });
    this.notifications = new Notifications(this, 'Notifications', { config });
    this.scheduling = new Scheduling(this, 'Scheduling', {
      config,
      scheduleTargets: scheduleTargets(handlers),
      workflowNames: workflows.map((w) => w.name),
    });
    this.linkKey = new LinkKey(this, 'LinkKey', { config, key: this.data.key });
    this.functions = new Functions(this, 'Functions', {
      config,
      rootDir,
      handlers,
      workflows,
      table: this.data.table,
      indexNames: TABLE_DEFINITION.globalSecondaryIndexes.map((i) => i.indexName),
      key: this.data.key,
      linkKey: this.linkKey.secret,
      notifications: this.notifications,
      scheduling: this.scheduling,
    });
    this.workflows = new Workflows(this, 'Workflows', {
      config,
      rootDir,
      workflows,
      handlers,
      functions: this.functions.byName,
      table: this.data.table,
      key: this.data.key,
    });
    this.staffApi = new StaffApi(this, 'StaffApi', { config, handlers, functions: this.functions.byName });
    this.observability = new Observability(this, 'Observability', {
      config,
      key: this.data.key,
      functions: this.functions.byName,
      workflows: this.workflows.workflows,
      configurationSetName: this.notifications.configurationSet.configurationSetName,
      api: this.staffApi,
    });
  }
}
