import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import type { StageConfig } from '../config.ts';
import { functionAliasArn, scheduleGroupName, stateMachineAliasArn } from '../naming.ts';

export interface SchedulingProps {
  readonly config: StageConfig;
  /** the handlers schedules invoke (the manifest's `scheduleTarget`s: journey start, release trigger) */
  readonly scheduleTargets: readonly string[];
  /** workflows a schedule may start (through their `live` alias) */
  readonly workflowNames: readonly string[];
}

/**
 * EventBridge Scheduler: the project's schedule group (handlers create one-time `at()` schedules in it at run
 * time, e.g. the release date) and the role the schedules run as. The role trusts only scheduler.amazonaws.com
 * acting for this account and may only invoke the schedule targets' `live` aliases and start the workflows'
 * `live` aliases.
 */
export class Scheduling extends Construct {
  readonly group: scheduler.ScheduleGroup;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: SchedulingProps) {
    super(scope, id);
    const { config } = props;

    this.group = new scheduler.ScheduleGroup(this, 'Group', {
      scheduleGroupName: scheduleGroupName(config),
    });

    this.role = new iam.Role(this, 'Role', {
      description: 'Assumed by EventBridge Scheduler to fire the project schedules',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    });
    if (props.scheduleTargets.length > 0) {
      this.role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'InvokeScheduleTargets',
          actions: ['lambda:InvokeFunction'],
          resources: props.scheduleTargets.map((name) => functionAliasArn(this, config, name)),
        }),
      );
    }
    if (props.workflowNames.length > 0) {
      this.role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'StartWorkflows',
          actions: ['states:StartExecution'],
          resources: props.workflowNames.map((name) => stateMachineAliasArn(this, config, name)),
        }),
      );
    }
  }
}
