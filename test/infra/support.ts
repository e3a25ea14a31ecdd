// Building the CDK app in tests: a small stand-in for web/dist, the app with stub code
// (same template shape, no bundling) or real bundling, and readers for the template.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { createApp, type CreateAppOptions } from '#infra/create-app.ts';

export const CONTEXT = { senderAddress: 'no-reply@provider-access.example', alarmEmail: 'alarms@provider-access.example', envName: 'test' };

/** A built site's shape: pages as <dir>/index.html, content-hashed assets. */
export function fakeWebDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'web-dist-'));
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, 'school'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Home</title>');
  writeFileSync(join(dir, 'school', 'index.html'), '<!doctype html><title>School</title>');
  writeFileSync(join(dir, 'assets', 'site.0123456789.css'), 'body{}');
  return dir;
}

export function synthesize(options: Partial<CreateAppOptions> = {}) {
  const built = createApp({
    webDist: fakeWebDist(),
    code: 'stub',
    outdir: mkdtempSync(join(tmpdir(), 'cdk-out-')),
    ...options,
    context: { ...CONTEXT, ...options.context },
  });
  const template = Template.fromStack(built.stack);
  const json = template.toJSON() as TemplateJson;
  /** The functions' nested stacks' templates, by their resource's logical id in the parent. */
  const nested = new Map<string, TemplateJson>();
  for (const group of built.stack.functionGroups.values()) {
    nested.set(built.stack.getLogicalId(group.nestedStackResource as CfnResource), Template.fromStack(group).toJSON() as TemplateJson);
  }
  return { ...built, template, json, nested, all: [json, ...nested.values()] };
}

export type Synth = ReturnType<typeof synthesize>;

export interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}
export interface TemplateJson {
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: unknown }>;
}

/** A resource in one of the templates: the nested stack's logical id (or '' for the parent) and its own. */
export interface Located {
  stack: string;
  id: string;
  json: TemplateJson;
  resource: Resource;
}

export function resourcesOfType(t: TemplateJson, type: string): [string, Resource][] {
  return Object.entries(t.Resources).filter(([, r]) => r.Type === type);
}

/** Resources of a type across the parent and the nested stacks. */
export function allOfType(built: Synth, type: string): Located[] {
  const out: Located[] = [];
  for (const [stack, json] of [['', built.json] as const, ...built.nested]) {
    for (const [id, resource] of resourcesOfType(json, type)) out.push({ stack, id, json, resource });
  }
  return out;
}

const refOf = (v: unknown): string | undefined => {
  const o = v as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  return o?.Ref ?? o?.['Fn::GetAtt']?.[0];
};

/** Where a function of the route table is: its nested stack and logical id. */
export function locateFunction(built: Synth, name: string): Located {
  const rf = built.stack.functions.get(name);
  if (!rf) throw new Error(`no function for ${name}`);
  const stack = built.stack.getLogicalId(rf.group.nestedStackResource as CfnResource);
  const json = built.nested.get(stack);
  const id = rf.group.getLogicalId(rf.fn.node.defaultChild as CfnResource);
  const resource = json?.Resources[id];
  if (!json || !resource) throw new Error(`function ${name} not in its template`);
  return { stack, id, json, resource };
}

/** A function ARN as the parent sees it (a nested stack's output) → the function. */
function functionBehind(built: Synth, value: unknown): string {
  const [resource, attribute] = (value as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
  if (!attribute.startsWith('Outputs.')) return `/${resource}`;
  const output = built.nested.get(resource)?.Outputs?.[attribute.slice('Outputs.'.length)];
  return `${resource}/${refOf(output?.Value) ?? ''}`;
}

export const key = (l: Located) => `${l.stack}/${l.id}`;

/** RouteKey → "nestedStack/functionId" of the function its integration invokes. */
export function routeFunctions(built: Synth): Map<string, string> {
  const integrations = new Map(
    resourcesOfType(built.json, 'AWS::ApiGatewayV2::Integration').map(([id, r]) => [id, functionBehind(built, r.Properties?.IntegrationUri)]),
  );
  const out = new Map<string, string>();
  for (const [, r] of resourcesOfType(built.json, 'AWS::ApiGatewayV2::Route')) {
    const target = r.Properties?.Target as { 'Fn::Join': [string, unknown[]] };
    out.set(String(r.Properties?.RouteKey), integrations.get(refOf(target['Fn::Join'][1][1]) ?? '') ?? '');
  }
  return out;
}

/** Every IAM action granted to the role of a function. */
export function actionsOf(fn: Located): { action: string; resource: unknown }[] {
  const role = refOf(fn.resource.Properties?.Role);
  const out: { action: string; resource: unknown }[] = [];
  for (const [, p] of resourcesOfType(fn.json, 'AWS::IAM::Policy')) {
    const roles = (p.Properties?.Roles as unknown[]).map(refOf);
    if (!roles.includes(role)) continue;
    const doc = p.Properties?.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown; Effect: string }[] };
    for (const st of doc.Statement) {
      if (st.Effect !== 'Allow') continue;
      for (const action of [st.Action].flat()) out.push({ action, resource: st.Resource });
    }
  }
  return out;
}
