/**
 * Configuration per stage, selected with `-c stage=<name>` (cdk.json defaults to `dev`).
 * Everything that differs between an engineer's sandbox and production lives here, nowhere else in infra/.
 */
export type StageName = 'dev' | 'prod';

export interface StageConfig {
  readonly stage: StageName;
  /** AWS region; London keeps the data in the UK */
  readonly region: string;
  /** `From:` address of every email (an address in `sesIdentityDomain`) */
  readonly emailFrom: string;
  /** domain verified as the SES email identity (DKIM records to add to its DNS are stack outputs) */
  readonly sesIdentityDomain: string;
  /**
   * End User Messaging SMS origination identity, as the resource part of its ARN:
   * `pool/<pool-id>`, `phone-number/<phone-number-id>` or `sender-id/<SenderId>/GB`. It is registered outside
   * CloudFormation (UK sender IDs and numbers go through a registration process) and granted here by ARN.
   */
  readonly smsOriginationResource: string;
  /** base URL of the staff portal, used in the links that emails carry */
  readonly staffPortalUrl: string;
  /** who receives the alarms (an SNS email subscription; confirm it once after the first deploy) */
  readonly alarmEmail: string;
  /** days of CloudWatch Logs retention (functions, state machines, API access logs) */
  readonly logRetentionDays: number;
  /** `ALL` logs every state transition (without execution data); `ERROR` only failures */
  readonly workflowLogLevel: 'ALL' | 'ERROR';
  /** Powertools log level of the handlers */
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** steady-state requests per second and burst of the staff API's stage */
  readonly apiThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * TTL retention written on outbox and audit items (`expiresAt`), in days; absent means kept.
   * HMPPS PSI 04/2018 governs retention: set these to what the data protection officer agrees.
   */
  readonly outboxRetentionDays?: number;
  readonly auditRetentionDays?: number;
  /** RETAIN keeps data (table, key, secret, user pool, logs) when the stack or a resource is deleted */
  readonly retainData: boolean;
  /** DynamoDB and Cognito deletion protection */
  readonly deletionProtection: boolean;
  /** Cognito MFA: REQUIRED in production */
  readonly mfa: 'OPTIONAL' | 'REQUIRED';
}

export const STAGES: Readonly<Record<StageName, StageConfig>> = {
  dev: {
    stage: 'dev',
    region: 'eu-west-2',
    emailFrom: 'resettle-dev@dev.resettle.example.org',
    sesIdentityDomain: 'dev.resettle.example.org',
    smsOriginationResource: 'pool/resettle-dev',
    staffPortalUrl: 'https://dev.resettle.example.org',
    alarmEmail: 'resettle-dev-alarms@resettle.example.org',
    logRetentionDays: 14,
    workflowLogLevel: 'ALL',
    logLevel: 'DEBUG',
    apiThrottle: { rateLimit: 20, burstLimit: 40 },
    outboxRetentionDays: 30,
    auditRetentionDays: 90,
    retainData: false,
    deletionProtection: false,
    mfa: 'OPTIONAL',
  },
  prod: {
    stage: 'prod',
    region: 'eu-west-2',
    emailFrom: 'resettle@resettle.example.org',
    sesIdentityDomain: 'resettle.example.org',
    smsOriginationResource: 'pool/resettle-prod',
    staffPortalUrl: 'https://resettle.example.org',
    alarmEmail: 'resettle-alarms@resettle.example.org',
    logRetentionDays: 400,
    workflowLogLevel: 'ALL',
    logLevel: 'INFO',
    apiThrottle: { rateLimit: 100, burstLimit: 200 },
    // Outbox and audit are kept until a retention period is agreed (PSI 04/2018); set days here to expire them.
    retainData: true,
    deletionProtection: true,
    mfa: 'REQUIRED',
  },
};

export function stageConfig(stage: unknown): StageConfig {
  const name = stage ?? 'dev';
  if (name !== 'dev' && name !== 'prod') {
    throw new Error(`Unknown stage "${String(name)}": use -c stage=dev or -c stage=prod (infra/config.ts)`);
  }
  return STAGES[name];
}

/** `resettle-<stage>`: the prefix of every named resource */
export const resourcePrefix = (config: StageConfig): string => `resettle-${config.stage}`;
