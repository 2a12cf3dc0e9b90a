import { CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { HandlerSpec } from '#functions/manifest.ts';
import { resourcePrefix, type StageConfig } from '../config.ts';
import { acknowledge } from '../nag.ts';
import type { ResettleFunction } from './resettle-function.ts';

/**
 * Routes reached from the links in emails, without a Cognito token: the signed, expiring, single-use link is the
 * authorization, verified by the handler with the link-signing key. Nothing else may go without a JWT; adding a
 * route here is a security decision to review.
 */
export const SIGNED_LINK_ROUTES: readonly string[] = ['GET /links/{token}', 'POST /links/{token}'];

/** The route of an API handler that declares no `routes`. */
export const PROXY_ROUTE = 'ANY /{proxy+}';

export interface LinkKeyProps {
  readonly config: StageConfig;
  readonly key: kms.IKey;
}

/** The link-signing key: a generated secret in Secrets Manager, encrypted with the project key. */
export class LinkKey extends Construct {
  readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: LinkKeyProps) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      secretName: `${resourcePrefix(props.config)}/link-signing-key`,
      description: 'HMAC key that signs the task links in staff emails',
      encryptionKey: props.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: props.config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    acknowledge(
      this.secret,
      'AwsSolutions-SMG4',
      'Rotating the link-signing key invalidates every link in flight (staff would find their emailed task links ' +
        'refused until reminded). It is rotated by an operator with a new secret version when compromised; links ' +
        'expire on their own and are single use.',
    );
  }
}

export interface StaffApiProps {
  readonly config: StageConfig;
  readonly handlers: readonly HandlerSpec[];
  readonly functions: ReadonlyMap<string, ResettleFunction>;
}

/** A route key `METHOD /path` split into what `HttpRoute` takes. */
export function parseRoute(route: string): { method: apigw.HttpMethod; path: string } {
  const match = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) (\/\S*)$/.exec(route);
  if (!match) throw new Error(`Route "${route}" is not "METHOD /path" (e.g. "POST /cases")`);
  return { method: match[1] as apigw.HttpMethod, path: match[2] as string };
}

/**
 * The staff HTTP API: a Cognito user pool (no self sign-up, strong passwords, MFA, Plus threat protection) and
 * its JWT authorizer on every route but the signed-link ones; routes from the manifest's API handlers (their
 * `routes`, or `ANY /{proxy+}` for one handler without), each integrated with the handler's `live` alias; stage
 * throttling from the configuration; access logs (request metadata only: HTTP APIs never log bodies, and the
 * route template is logged rather than the path, so link tokens stay out of the logs).
 */
export class StaffApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly accessLogs: logs.LogGroup;
  readonly routes: readonly apigw.HttpRoute[];

  constructor(scope: Construct, id: string, props: StaffApiProps) {
    super(scope, id);
    const { config } = props;
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `${resourcePrefix(config)}-staff`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      mfa: config.mfa === 'REQUIRED' ? cognito.Mfa.REQUIRED : cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: config.deletionProtection,
      removalPolicy,
    });
    if (config.mfa !== 'REQUIRED') {
      acknowledge(
        this.userPool,
        'AwsSolutions-COG2',
        `MFA is optional in ${config.stage} (test users of a sandbox account, no real data); prod requires it ` +
          '(infra/config.ts).',
      );
    }
    this.client = this.userPool.addClient('StaffPortal', {
      userPoolClientName: 'staff-portal',
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
    const authorizer = new HttpUserPoolAuthorizer('StaffJwt', this.userPool, {
      userPoolClients: [this.client],
    });

    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: `${resourcePrefix(config)}-staff`,
      description: 'Resettle staff API',
      createDefaultStage: false,
    });
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      logGroupName: `/aws/apigateway/${resourcePrefix(config)}-staff`,
      retention: config.logRetentionDays as logs.RetentionDays,
      removalPolicy,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: config.apiThrottle.rateLimit, burstLimit: config.apiThrottle.burstLimit },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTimeEpoch',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            responseLength: '$context.responseLength',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            staffSub: '$context.authorizer.claims.sub',
            sourceIp: '$context.identity.sourceIp',
          }),
        ),
      },
    });

    const routes: apigw.HttpRoute[] = [];
    const seen = new Set<string>();
    const apiHandlers = props.handlers.filter((h) => h.api);
    const routeless = apiHandlers.filter((h) => !h.routes || h.routes.length === 0);
    if (routeless.length > 1) {
      throw new Error(
        `API handlers ${routeless.map((h) => h.name).join(', ')} declare no routes; only one may take ${PROXY_ROUTE}`,
      );
    }
    for (const handler of apiHandlers) {
      const fn = props.functions.get(handler.name);
      if (!fn) throw new Error(`API handler "${handler.name}" has no function`);
      const integration = new HttpLambdaIntegration(`${handler.name}Integration`, fn.alias);
      const keys = handler.routes && handler.routes.length > 0 ? handler.routes : [PROXY_ROUTE];
      for (const key of keys) {
        if (seen.has(key)) throw new Error(`Route "${key}" is declared by two API handlers`);
        seen.add(key);
        const { method, path } = parseRoute(key);
        const signedLink = SIGNED_LINK_ROUTES.includes(key);
        const route = new apigw.HttpRoute(this, `Route${routes.length}`, {
          httpApi: this.api,
          routeKey: apigw.HttpRouteKey.with(path, method),
          integration,
          authorizer: signedLink ? new apigw.HttpNoneAuthorizer() : authorizer,
        });
        if (signedLink) {
          acknowledge(
            route,
            'AwsSolutions-APIG4',
            `${key} is opened from an emailed link by staff who may not be signed in: the authorization is the ` +
              'signed, expiring, single-use link itself, which the handler verifies with the link-signing key ' +
              'before reading or changing anything.',
          );
        }
        routes.push(route);
      }
    }
    this.routes = routes;

    new CfnOutput(this, 'Url', { value: this.stage.url, description: 'Staff API base URL' });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.client.userPoolClientId });
  }
}
