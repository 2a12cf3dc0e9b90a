import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { resourcePrefix, type StageConfig } from '../config.ts';
import type { ResettleFunction } from './resettle-function.ts';
import type { StaffApi } from './staff-api.ts';
import type { Workflow } from './workflows.ts';

export interface ObservabilityProps {
  readonly config: StageConfig;
  readonly key: kms.IKey;
  readonly functions: ReadonlyMap<string, ResettleFunction>;
  readonly workflows: readonly Workflow[];
  readonly configurationSetName: string;
  readonly api: StaffApi;
}

/** SES reputation thresholds: AWS reviews an account at 5 % bounces and 0.1 % complaints; we alarm earlier. */
export const BOUNCE_RATE_THRESHOLD = 0.02;
export const COMPLAINT_RATE_THRESHOLD = 0.0005;

/**
 * Alarms to an SNS topic (encrypted with the project key, publishers must use TLS) and one dashboard: failed,
 * timed-out and aborted executions per state machine; errors and throttles per function; SES bounce and
 * complaint rates of the configuration set; 5xx of the staff API.
 */
export class Observability extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const { config } = props;
    const prefix = resourcePrefix(config);

    this.topic = new sns.Topic(this, 'Alarms', {
      topicName: `${prefix}-alarms`,
      displayName: `Resettle ${config.stage} alarms`,
      masterKey: props.key,
      enforceSSL: true,
    });
    this.topic.addSubscription(new subscriptions.EmailSubscription(config.alarmEmail));
    const action = new actions.SnsAction(this.topic);

    const alarm = (id: string, metric: cloudwatch.Metric, description: string, threshold = 1) => {
      const created = metric.createAlarm(this, id, {
        alarmName: `${prefix}-${id}`,
        alarmDescription: description,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      this.alarms.push(created);
      return created;
    };
    const fiveMinutes = { period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM };

    for (const workflow of props.workflows) {
      const sm = workflow.stateMachine;
      const name = workflow.spec.name;
      alarm(`${name}-failed`, sm.metricFailed(fiveMinutes), `${name}: an execution failed`);
      alarm(`${name}-timed-out`, sm.metricTimedOut(fiveMinutes), `${name}: an execution timed out`);
      alarm(`${name}-aborted`, sm.metricAborted(fiveMinutes), `${name}: an execution was aborted`);
    }
    for (const [name, fn] of props.functions) {
      alarm(`${name}-errors`, fn.function.metricErrors(fiveMinutes), `${name}: the handler threw`);
      alarm(
        `${name}-throttles`,
        fn.function.metricThrottles(fiveMinutes),
        `${name}: invocations were throttled`,
      );
    }

    const sesMetric = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/SES',
        metricName,
        dimensionsMap: { 'ses:configuration-set': props.configurationSetName },
        period: Duration.hours(1),
        statistic: cloudwatch.Stats.MAXIMUM,
      });
    const bounceRate = sesMetric('Reputation.BounceRate');
    const complaintRate = sesMetric('Reputation.ComplaintRate');
    alarm('ses-bounce-rate', bounceRate, 'SES bounce rate is rising', BOUNCE_RATE_THRESHOLD);
    alarm('ses-complaint-rate', complaintRate, 'SES complaint rate is rising', COMPLAINT_RATE_THRESHOLD);

    const api5xx = props.api.api.metricServerError(fiveMinutes);
    alarm('api-5xx', api5xx, 'The staff API answered 5xx', 5);

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: prefix,
      defaultInterval: Duration.days(1),
    });
    const wide = { width: 12, height: 6 };
    const workflowWidgets = props.workflows.map(
      (w) =>
        new cloudwatch.GraphWidget({
          ...wide,
          title: `${w.spec.name} executions`,
          left: [
            w.stateMachine.metricStarted(fiveMinutes),
            w.stateMachine.metricSucceeded(fiveMinutes),
            w.stateMachine.metricFailed(fiveMinutes),
            w.stateMachine.metricTimedOut(fiveMinutes),
            w.stateMachine.metricAborted(fiveMinutes),
          ],
        }),
    );
    const functions = [...props.functions.values()];
    const functionWidgets =
      functions.length === 0
        ? []
        : [
            new cloudwatch.GraphWidget({
              ...wide,
              title: 'Handler errors and throttles',
              left: functions.map((f) => f.function.metricErrors(fiveMinutes)),
              right: functions.map((f) => f.function.metricThrottles(fiveMinutes)),
            }),
            new cloudwatch.GraphWidget({
              ...wide,
              title: 'Handler duration p99',
              left: functions.map((f) => f.function.metricDuration({ statistic: 'p99' })),
            }),
          ];
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 4 }),
      ...workflowWidgets,
      ...functionWidgets,
      new cloudwatch.GraphWidget({
        ...wide,
        title: 'Staff API',
        left: [props.api.api.metricCount(fiveMinutes), props.api.api.metricClientError(fiveMinutes), api5xx],
        right: [props.api.api.metricLatency({ statistic: 'p99' })],
      }),
      new cloudwatch.GraphWidget({ ...wide, title: 'SES reputation', left: [bounceRate, complaintRate] }),
    );
  }
}
