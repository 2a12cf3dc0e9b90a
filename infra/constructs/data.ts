import { CfnOutput, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLE_DEFINITION, type TableDefinition } from '#adapters/table-definition.ts';
import { resourcePrefix, type StageConfig } from '../config.ts';

export interface DataProps {
  readonly config: StageConfig;
  /** defaults to the shared definition that the local runtime also builds its table from */
  readonly definition?: TableDefinition;
}

/**
 * The system of record: the single table (keys, GSIs and TTL attribute from `TABLE_DEFINITION`), on-demand,
 * point-in-time recovery, encrypted with a customer-managed key that rotates yearly. The same key encrypts the
 * link-signing secret and the alarm topic, so `key` is shared.
 */
export class Data extends Construct {
  readonly key: kms.Key;
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    const { config } = props;
    const definition = props.definition ?? TABLE_DEFINITION;
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.key = new kms.Key(this, 'Key', {
      alias: `alias/${resourcePrefix(config)}`,
      description: `Resettle ${config.stage}: table, link-signing secret, alarm topic`,
      enableKeyRotation: true,
      removalPolicy,
    });
    // CloudWatch alarms publish to the encrypted alarm topic: SNS asks KMS on their behalf.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToUseTheKeyForTheAlarmTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'], // in a key policy, `*` means this key
      }),
    );

    const attribute = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });
    this.table = new dynamodb.TableV2(this, 'Table', {
      tableName: resourcePrefix(config),
      partitionKey: attribute(definition.partitionKey),
      sortKey: attribute(definition.sortKey),
      globalSecondaryIndexes: definition.globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        sortKey: attribute(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      })),
      timeToLiveAttribute: definition.timeToLiveAttribute,
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(this.key),
      deletionProtection: config.deletionProtection,
      removalPolicy,
    });
    // for operators' tools (npm run bootstrap-admin): the one table, by name
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
  }
}
