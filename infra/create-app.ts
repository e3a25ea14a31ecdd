// The CDK app: cdk.json's context (feature flags, defaults) under whatever the CLI passes
// (-c key=value), the stack, and cdk-nag. infra/app.ts synthesizes it; the infra tests
// build the same app with their own routes or stub code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { REPO_ROOT } from './bundling.ts';
import { configFromContext, type StackConfig } from './config.ts';
import { addNagChecks } from './nag.ts';
import { ProviderAccessStack, type CodeMode, type RouteTable } from './stack.ts';
import { WAF_REGION, WafStack } from './waf.ts';

export interface CreateAppOptions {
  /** Context on top of cdk.json's (the CLI's -c values override both). */
  context?: Record<string, unknown>;
  routes?: RouteTable;
  code?: CodeMode;
  webDist: string;
  outdir?: string;
}

export function cdkJsonContext(): Record<string, unknown> {
  const json = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return json.context ?? {};
}

export function createApp(options: CreateAppOptions): { app: App; stack: ProviderAccessStack; config: StackConfig; waf: WafStack | undefined } {
  const app = new App({
    context: { ...cdkJsonContext(), ...options.context },
    ...(options.outdir ? { outdir: options.outdir } : {}),
  });
  const config = configFromContext((key) => app.node.tryGetContext(key));
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  // -c waf=true: the web ACL in us-east-1, the only region WAF for CloudFront has (infra/waf.ts).
  const waf = config.waf
    ? new WafStack(app, `ProviderAccess-${config.envName}-Waf`, {
        description: `Provider access (${config.envName}): WAF web ACL for the CloudFront distribution (us-east-1 only)`,
        env: { account, region: WAF_REGION },
        terminationProtection: config.envName === 'prod',
      })
    : undefined;
  const stack = new ProviderAccessStack(app, `ProviderAccess-${config.envName}`, {
    config,
    webDist: options.webDist,
    ...(waf ? { webAclArn: waf.webAcl.attrArn, crossRegionReferences: true } : {}),
    ...(options.routes ? { routes: options.routes } : {}),
    ...(options.code ? { code: options.code } : {}),
    description: `Provider access (${config.envName}): site, API, table, mail`,
    env: {
      account,
      // London unless context says otherwise (config.ts): schools' data stays in the UK.
      region: config.region,
    },
    terminationProtection: config.envName === 'prod',
  });
  addNagChecks(app);
  return { app, stack, config, waf };
}
