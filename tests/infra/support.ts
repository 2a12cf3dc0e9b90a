import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import type { HandlerSpec, WorkflowSpec } from '#functions/manifest.ts';
import { buildApp } from '#infra/app.ts';
import type { StageName } from '#infra/config.ts';
import type { ResettleStack } from '#infra/stack.ts';

export interface Synthesized {
  readonly app: App;
  readonly stack: ResettleStack;
  readonly template: Template;
  readonly json: CfnTemplate;
}

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}
export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, unknown>;
}

const assemblyDirs: string[] = [];

/**
 * A new directory for one app's cloud assembly (templates and function bundles). Without an `outdir`, CDK makes a
 * `cdk.out*` directory in the OS temp dir that it deletes only on a clean process exit, which test workers do not
 * reach: every test file that builds an app calls `removeAssemblies` in `afterAll`.
 */
export function assemblyDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'resettle-infra-test-'));
  assemblyDirs.push(dir);
  return dir;
}

/** Deletes every directory `assemblyDir` made in this test file. */
export function removeAssemblies(): void {
  for (const dir of assemblyDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** One synth of the app into an `assemblyDir` (cdk-nag is run separately on the same tree, see `nagFindings`). */
export function synth(options: {
  stage: StageName;
  handlers?: readonly HandlerSpec[];
  workflows?: readonly WorkflowSpec[];
}): Synthesized {
  const { app, stack } = buildApp({
    nag: false,
    outdir: assemblyDir(),
    context: { stage: options.stage },
    handlers: options.handlers,
    workflows: options.workflows,
  });
  const template = Template.fromStack(stack);
  return { app, stack, template, json: template.toJSON() as CfnTemplate };
}

export function resourcesOfType(json: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(json.Resources).filter(([, r]) => r.Type === type);
}

export interface Statement {
  policy: string;
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, unknown>;
}

/** Every IAM statement of the template: policies and roles' inline policies. */
export function iamStatements(json: CfnTemplate): Statement[] {
  const statements: Statement[] = [];
  const collect = (policy: string, document: unknown) => {
    const list = (document as { Statement?: Omit<Statement, 'policy'>[] }).Statement ?? [];
    for (const s of list) statements.push({ policy, ...s });
  };
  for (const [id, r] of Object.entries(json.Resources)) {
    if (r.Type === 'AWS::IAM::Policy') collect(id, r.Properties?.PolicyDocument);
    if (r.Type === 'AWS::IAM::Role') {
      for (const p of (r.Properties?.Policies as { PolicyDocument: unknown }[] | undefined) ?? []) {
        collect(id, p.PolicyDocument);
      }
    }
  }
  return statements;
}

export const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
export const resourcesOf = (s: Statement): unknown[] =>
  Array.isArray(s.Resource) ? s.Resource : [s.Resource];

/** The statements of the policy attached to a role whose logical id starts with `rolePrefix`. */
export function statementsOfRole(json: CfnTemplate, rolePrefix: string): Statement[] {
  const policies = resourcesOfType(json, 'AWS::IAM::Policy')
    .filter(([, p]) =>
      ((p.Properties?.Roles as { Ref: string }[] | undefined) ?? []).some((r) =>
        r.Ref.startsWith(rolePrefix),
      ),
    )
    .map(([id]) => id);
  return iamStatements(json).filter((s) => policies.includes(s.policy));
}

/** A CloudFormation value rendered as one string (Fn::Join flattened, Ref/GetAtt as `<id>`/`<id.Attr>`). */
export function flat(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(flat).join(',');
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('Fn::Join' in o) {
      const [sep, parts] = o['Fn::Join'] as [string, unknown[]];
      return parts.map(flat).join(sep);
    }
    if ('Ref' in o) return `<${String(o.Ref)}>`;
    if ('Fn::GetAtt' in o) return `<${(o['Fn::GetAtt'] as string[]).join('.')}>`;
    if ('Fn::Sub' in o) return String(o['Fn::Sub']);
  }
  return JSON.stringify(value);
}

/** Unacknowledged cdk-nag AwsSolutions findings, as `rule at path`. */
export function nagFindings(app: App): string[] {
  return describe(new AwsSolutionsChecks().validateScope(app).violations);
}

/** Every finding, acknowledged or not: to prove each acknowledgement answers a real finding. */
export function rawNagFindings(app: App): { rule: string; path: string }[] {
  const pack = new AwsSolutionsChecks();
  (pack as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  return pack
    .validateScope(app)
    .violations.flatMap((v) =>
      v.violatingResources.map((r) => ({ rule: v.ruleName, path: r.constructPath ?? '' })),
    );
}

function describe(
  violations: { ruleName: string; violatingResources: { constructPath?: string }[] }[],
): string[] {
  return violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));
}

export interface AcknowledgementRecord {
  path: string;
  rule: string;
  reason: string;
}

export function acknowledgements(root: IConstruct): AcknowledgementRecord[] {
  const found: AcknowledgementRecord[] = [];
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        found.push({ path: construct.node.path, rule: id.replace(/^annotation::/i, ''), reason });
      }
    }
  }
  return found;
}

/** A property of a resource, typed by the caller (undefined-safe). */
export function prop<T>(resource: CfnResource | undefined, key: string): T {
  return resource?.Properties?.[key] as T;
}

/** A function's environment variables. */
export function envOf(fn: CfnResource | undefined): Record<string, unknown> {
  return prop<{ Variables?: Record<string, unknown> } | undefined>(fn, 'Environment')?.Variables ?? {};
}

/** The logical id a `{ Ref }` names, or undefined for anything else. */
export function refOf(value: unknown): string | undefined {
  if (value && typeof value === 'object' && 'Ref' in value) return String((value as { Ref: unknown }).Ref);
  return undefined;
}

export interface PinnedFunction {
  /** the substitution key, e.g. `PlanCustodyFunction` */
  readonly key: string;
  /** logical id of the AWS::Lambda::Version the key is substituted with */
  readonly versionId: string;
  /** logical id of that version's AWS::Lambda::Function */
  readonly functionId: string;
}

/**
 * The definition substitutions of a state machine that name a function version (`{ Ref: <AWS::Lambda::Version> }`,
 * whose value is the version ARN `…:function:<name>:<n>`), with the function each version belongs to.
 */
export function pinnedFunctions(json: CfnTemplate, machine: CfnResource): PinnedFunction[] {
  const substitutions = prop<Record<string, unknown>>(machine, 'DefinitionSubstitutions') ?? {};
  return Object.entries(substitutions).flatMap(([key, value]) => {
    const versionId = refOf(value);
    const version = versionId ? json.Resources[versionId] : undefined;
    if (!versionId || version?.Type !== 'AWS::Lambda::Version') return [];
    const functionId = refOf(version.Properties?.FunctionName);
    if (!functionId) throw new Error(`version ${versionId} names no function of the template`);
    return [{ key, versionId, functionId }];
  });
}
