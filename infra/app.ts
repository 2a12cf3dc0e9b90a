/**
 * The CDK app (cdk.json runs `npx tsx infra/app.ts`): one stack per stage, `Resettle-<stage>`, selected with
 * `-c stage=prod` (default dev). Synthesizes offline without an account (the account comes from
 * CDK_DEFAULT_ACCOUNT when the CLI has credentials); the region is the stage's. cdk-nag's AwsSolutions pack runs
 * on every synth: an unacknowledged finding stops synth and deploy.
 */
import { pathToFileURL } from 'node:url';
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { HandlerSpec, WorkflowSpec } from '#functions/manifest.ts';
import { stageConfig } from './config.ts';
import { ResettleStack } from './stack.ts';

export interface BuildAppOptions extends AppProps {
  /** run cdk-nag as a synth-time validation plugin (default true) */
  readonly nag?: boolean;
  readonly handlers?: readonly HandlerSpec[];
  readonly workflows?: readonly WorkflowSpec[];
}

export function buildApp(options: BuildAppOptions = {}): { app: App; stack: ResettleStack } {
  const { nag = true, handlers, workflows, ...appProps } = options;
  const app = new App(appProps);
  const config = stageConfig(app.node.tryGetContext('stage'));
  const stack = new ResettleStack(app, `Resettle-${config.stage}`, {
    config,
    handlers,
    workflows,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: config.region },
    terminationProtection: config.stage === 'prod',
  });
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) buildApp().app.synth();
