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
 * its own log group with retention, X-Ray active tracing, a published `version` (a new one whenever the code or
 * the configuration changes; old ones are retained) and a `live` alias over it. State machines invoke the
 * `version` itself, so each state machine version keeps the handler code it was published with (see
 * docs/deploy.md); the scheduler and the staff API invoke `live`. The role starts with nothing but writing to its
 * own log group and X-Ray; callers add least-privilege grants to `role`.
 */
export class ResettleFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  /**
   * The version published from this deploy's code and configuration (`AWS::Lambda::Version`, whose Ref is the
   * version ARN `…:function:<name>:<n>`). Retained when a later deploy replaces it: executions still running on
   * an older state machine version invoke it.
   */
  readonly version: lambda.Version;
  /** `live`, over `version`: what the scheduler and the staff API invoke */
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

    this.version = this.function.currentVersion;
    this.alias = new lambda.Alias(this, 'Live', {
      aliasName: LIVE_ALIAS,
      version: this.version,
      description: 'What the scheduler and the staff API invoke (state machines invoke published versions)',
    });

    // Statements CDK adds for active tracing.
    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      'xray:PutTraceSegments and xray:PutTelemetryRecords (added for active tracing) support no resource-level ' +
        'permissions: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html',
    );
  }

  /**
   * `…:function:<name>:*`: every published version and alias of this one function, never another function (nor
   * the unqualified function ARN). What a state machine's role is granted: the role is shared by all the
   * machine's versions, while each of them names its own versions of the function (see `Workflows`).
   */
  get qualifiedArns(): string {
    return `${this.function.functionArn}:*`;
  }
}
