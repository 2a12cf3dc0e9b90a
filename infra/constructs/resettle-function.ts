import path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';

/** Node.js 24 is in this aws-cdk-lib (2.276); the house runtime for every handler. */
export const HOUSE_RUNTIME = lambda.Runtime.NODEJS_24_X;
export const HOUSE_ARCHITECTURE = lambda.Architecture.ARM_64;
export const LIVE_ALIAS = 'live';

/** Lets the ESM bundle load CommonJS dependencies that call `require` (some AWS SDK and Powertools paths do). */
const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

export interface ResettleFunctionProps {
  /** the full function name, `resettle-<stage>-<name>` */
  readonly functionName: string;
  readonly description: string;
  /** repository root: entries are relative to it, and it holds package.json and package-lock.json */
  readonly rootDir: string;
  /** entry file relative to `rootDir`, exporting `handler` */
  readonly entry: string;
  readonly environment: Record<string, string>;
  readonly logRetentionDays: number;
  readonly removalPolicy: RemovalPolicy;
  readonly timeoutSeconds?: number;
  readonly memoryMb?: number;
}

/**
 * The house Lambda function: Node.js 24 on ARM64, an esbuild ESM bundle (minified, source maps, the
 * `createRequire` banner; the AWS SDK bundled too, so the code runs with the SDK versions it was tested with),
 * its own log group with retention, X-Ray active tracing, and a `live` alias over the current version, which is
 * what state machines, the scheduler and the API invoke. The role starts with nothing but writing to its own
 * log group and X-Ray; callers add least-privilege grants to `role`.
 */
export class ResettleFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly alias: lambda.Alias;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ResettleFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${props.functionName}`,
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: props.removalPolicy,
    });

    // Our own role instead of the AWS managed AWSLambdaBasicExecutionRole (which allows writing to any log group).
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.functionName}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      functionName: props.functionName,
      description: props.description,
      entry: path.join(props.rootDir, props.entry),
      handler: 'handler',
      projectRoot: props.rootDir,
      depsLockFilePath: path.join(props.rootDir, 'package-lock.json'),
      runtime: HOUSE_RUNTIME,
      architecture: HOUSE_ARCHITECTURE,
      memorySize: props.memoryMb ?? 512,
      timeout: Duration.seconds(props.timeoutSeconds ?? 30),
      role: this.role,
      logGroup: this.logGroup,
      tracing: lambda.Tracing.ACTIVE,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: {
        format: nodejs.OutputFormat.ESM,
        target: 'node24',
        platform: 'node',
        minify: true,
        sourceMap: true,
        sourceMapMode: nodejs.SourceMapMode.DEFAULT,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        externalModules: [],
      },
      currentVersionOptions: {
        // An old version stays until nothing needs it; deleting it is an operator's decision.
        removalPolicy: RemovalPolicy.RETAIN,
      },
    });

    this.alias = new lambda.Alias(this, 'Live', {
      aliasName: LIVE_ALIAS,
      version: this.function.currentVersion,
      description: 'What state machines, the scheduler and the staff API invoke',
    });

    // Statements CDK adds for active tracing.
    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      'xray:PutTraceSegments and xray:PutTelemetryRecords (added for active tracing) support no resource-level ' +
        'permissions: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html',
    );
  }
}
