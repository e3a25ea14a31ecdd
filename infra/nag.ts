// cdk-nag (AwsSolutions) runs as a policy validation plugin: synthesis fails on any
// finding that is not acknowledged. Every acknowledgement goes through `acknowledge`, on
// the narrowest construct, with the finding id (e.g. AwsSolutions-IAM5[Resource::*]) where
// the rule reports one, and a reason in words; `acknowledgements` lists them for the docs.
import { Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

export interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
}

const registry = new WeakMap<IConstruct, Acknowledgement[]>();

export function acknowledge(construct: IConstruct, id: string, reason: string): void {
  Validations.of(construct).acknowledge({ id, reason });
  const root = construct.node.root;
  const list = registry.get(root) ?? [];
  list.push({ path: construct.node.path, id, reason });
  registry.set(root, list);
}

/** Every acknowledgement made in this construct tree (for the docs and the tests). */
export function acknowledgements(scope: IConstruct): Acknowledgement[] {
  return registry.get(scope.node.root) ?? [];
}

/** The token cdk-nag prints for a resource's attribute in a finding id: <LogicalId.Attr>. */
export function nagRef(resource: IConstruct, attribute = 'Arn'): string {
  const cfn = (resource.node.defaultChild ?? resource) as CfnResource;
  return `<${Stack.of(resource).getLogicalId(cfn)}.${attribute}>`;
}

export function addNagChecks(scope: IConstruct): void {
  Validations.of(scope).addPlugins(new AwsSolutionsChecks(scope, { verbose: true }));
}
