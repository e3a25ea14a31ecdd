// Building the CDK app in tests: a small stand-in for web/dist, the app with stub code
// (same template shape, no bundling) or real bundling, and readers for the template.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  return { ...built, template, json: template.toJSON() as TemplateJson };
}

export interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}
export interface TemplateJson {
  Resources: Record<string, Resource>;
}

export function resourcesOfType(t: TemplateJson, type: string): [string, Resource][] {
  return Object.entries(t.Resources).filter(([, r]) => r.Type === type);
}

const refOf = (v: unknown): string | undefined => {
  const o = v as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  return o?.Ref ?? o?.['Fn::GetAtt']?.[0];
};

/** RouteKey → logical id of the Lambda function its integration invokes. */
export function routeFunctions(t: TemplateJson): Map<string, string> {
  const integrations = new Map(
    resourcesOfType(t, 'AWS::ApiGatewayV2::Integration').map(([id, r]) => [id, refOf(r.Properties?.IntegrationUri) ?? '']),
  );
  const out = new Map<string, string>();
  for (const [, r] of resourcesOfType(t, 'AWS::ApiGatewayV2::Route')) {
    const target = r.Properties?.Target as { 'Fn::Join': [string, unknown[]] };
    const integration = refOf(target['Fn::Join'][1][1]) ?? '';
    out.set(String(r.Properties?.RouteKey), integrations.get(integration) ?? '');
  }
  return out;
}

/** Every IAM action granted to the role of a function (by the function's logical id). */
export function actionsOf(t: TemplateJson, functionId: string): { action: string; resource: unknown }[] {
  const fn = t.Resources[functionId];
  const role = refOf(fn?.Properties?.Role);
  const out: { action: string; resource: unknown }[] = [];
  for (const [, p] of resourcesOfType(t, 'AWS::IAM::Policy')) {
    const roles = (p.Properties?.Roles as unknown[]).map(refOf);
    if (!roles.includes(role)) continue;
    const doc = p.Properties?.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown; Effect: string }[] };
    for (const s of doc.Statement) {
      if (s.Effect !== 'Allow') continue;
      for (const action of [s.Action].flat()) out.push({ action, resource: s.Resource });
    }
  }
  return out;
}
