import { Stack, Validations } from 'aws-cdk-lib';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag 3 reads acknowledgements from CDK's `Validations` (v2's NagSuppressions are gone). Each finding is
 * acknowledged on the narrowest construct, one finding at a time, with its reason next to the code that causes it.
 */
export function acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: ruleId, reason });
}

/** The finding id cdk-nag's IAM5 reports for one wildcard resource (`Resource::<flattened ARN>`). */
export function wildcardResourceFinding(scope: IConstruct, resource: string): string {
  return `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(scope).resolve(resource))}]`;
}

/** Acknowledge IAM5 for exactly this wildcard resource on `scope` (a role or policy). */
export function acknowledgeWildcardResource(scope: IConstruct, resource: string, reason: string): void {
  acknowledge(scope, wildcardResourceFinding(scope, resource), reason);
}
