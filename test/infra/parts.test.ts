// The parts of the CDK app that can be checked without a template: the CloudFront
// directory-index function (run here as CloudFront would), the context checks, a custom
// domain, and real bundling of a function (ESM, #shared imports, source map, loads in Node).
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, configFromContext } from '#infra/config.ts';
import { acknowledgements } from '#infra/nag.ts';
import { DIRECTORY_INDEX_FUNCTION } from '#infra/site-function.ts';
import { ROUTE_TABLE } from '#infra/stack.ts';
import { fallbackRoute, httpRoutes } from '#shared/routes.ts';
import { CONTEXT, locateFunction, synthesize } from './support.ts';

interface CfRequest {
  uri: string;
  querystring: Record<string, { value: string; multiValue?: { value: string }[] }>;
}
type CfResult = CfRequest | { statusCode: number; headers: Record<string, { value: string }> };
const handler = new Function(`${DIRECTORY_INDEX_FUNCTION}; return handler;`)() as (event: { request: CfRequest }) => CfResult;
const run = (uri: string, querystring: CfRequest['querystring'] = {}) => handler({ request: { uri, querystring } });

describe('CloudFront directory-index function', () => {
  it('serves <dir>/index.html for a path ending in /', () => {
    expect(run('/school/')).toMatchObject({ uri: '/school/index.html' });
    expect(run('/requests/view/')).toMatchObject({ uri: '/requests/view/index.html' });
    expect(run('/')).toMatchObject({ uri: '/index.html' });
  });

  it('redirects a directory without its slash, keeping the query string', () => {
    expect(run('/school', { urn: { value: '990101' }, tab: { value: 'a', multiValue: [{ value: 'a' }, { value: 'b' }] } })).toEqual({
      statusCode: 301,
      statusDescription: 'Moved Permanently',
      headers: { location: { value: '/school/?urn=990101&tab=a&tab=b' }, 'cache-control': { value: 'max-age=3600' } },
    });
  });

  it('leaves files alone, and never redirects to another host', () => {
    expect(run('/assets/site.0123456789.css')).toMatchObject({ uri: '/assets/site.0123456789.css' });
    expect(run('//evil.example')).toMatchObject({ uri: '//evil.example' });
  });
});

describe('context', () => {
  it('needs a sender and an alarm address, and says how to pass them', () => {
    expect(() => configFromContext(() => undefined)).toThrow(ConfigError);
    expect(() => configFromContext(() => undefined)).toThrow(/senderAddress is missing[\s\S]*alarmEmail is missing/);
  });

  it('checks that the sender is at the domain, and that a certificate comes with a domain', () => {
    const ctx = (extra: Record<string, string>) => (k: string) => ({ ...CONTEXT, ...extra })[k as keyof typeof CONTEXT];
    expect(() => configFromContext(ctx({ domainName: 'provideraccess.org.uk' }))).toThrow(/must be an address at domainName/);
    expect(() => configFromContext(ctx({ certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' }))).toThrow(/needs domainName/);
    expect(() => configFromContext(ctx({ envName: 'Prod!' }))).toThrow(/envName/);
    expect(configFromContext(ctx({}))).toEqual({ envName: 'test', region: 'eu-west-2', senderAddress: CONTEXT.senderAddress, alarmEmail: CONTEXT.alarmEmail, waf: false });
    expect(configFromContext(ctx({ waf: 'true' })).waf).toBe(true);
    expect(() => configFromContext(ctx({ waf: 'yes' }))).toThrow(/waf must be true or false/);
  });
});

describe('region (issue 12, item 5: UK data stays in eu-west-2)', () => {
  const ctx = (extra: Record<string, unknown>) => (k: string) => ({ ...CONTEXT, ...extra })[k as keyof typeof CONTEXT];

  it('default synthesis gives eu-west-2, whatever region the CLI puts in CDK_DEFAULT_REGION', () => {
    const saved = process.env.CDK_DEFAULT_REGION;
    process.env.CDK_DEFAULT_REGION = 'us-east-1'; // what the CDK CLI sets with no AWS profile
    try {
      const { stack } = synthesize();
      expect(stack.region).toBe('eu-west-2');
    } finally {
      if (saved === undefined) delete process.env.CDK_DEFAULT_REGION;
      else process.env.CDK_DEFAULT_REGION = saved;
    }
  });

  it('refuses a region outside the UK unless allowNonUkRegion=true is given', () => {
    expect(() => configFromContext(ctx({ region: 'us-east-1' }))).toThrow(/outside the UK[\s\S]*allowNonUkRegion=true/);
    expect(() => configFromContext(ctx({ region: 'eu-west-1', allowNonUkRegion: 'false' }))).toThrow(/outside the UK/);
    expect(() => configFromContext(ctx({ region: 'London' }))).toThrow(/not an AWS region name/);
    expect(configFromContext(ctx({ region: 'eu-west-1', allowNonUkRegion: 'true' })).region).toBe('eu-west-1');
    expect(configFromContext(ctx({ region: 'eu-west-1', allowNonUkRegion: true })).region).toBe('eu-west-1');
  });
});

describe('with a domain and a certificate', () => {
  it('verifies the domain for SES (DKIM), serves the site on it over TLS 1.2, and needs no TLS acknowledgement', () => {
    const built = synthesize({
      context: {
        domainName: 'provideraccess.example',
        senderAddress: 'no-reply@provideraccess.example',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100',
      },
    });
    const { template, stack } = built;
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'provideraccess.example',
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
      MailFromAttributes: { MailFromDomain: 'mail.provideraccess.example' },
    });
    const dist = template.findResources('AWS::CloudFront::Distribution');
    expect(JSON.stringify(dist)).toContain('"Aliases":["provideraccess.example"]');
    expect(JSON.stringify(dist)).toContain('"MinimumProtocolVersion":"TLSv1.2_2021"');
    const health = locateFunction(built, 'health').resource.Properties as { Environment: { Variables: Record<string, unknown> } };
    expect(health.Environment.Variables.SITE_URL).toBe('https://provideraccess.example');
    expect(acknowledgements(stack).map((a) => a.id)).not.toContain('AwsSolutions-CFR4');
  });
});

describe('bundling (what npm run synth and deploy do)', () => {
  it('bundles a route as minified ESM with a source map, resolving #shared imports; the bundle loads and exports handler', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'cdk-bundle-'));
    const health = httpRoutes.find((r) => r.name === 'health');
    if (!health) throw new Error('no health route');
    const { stack } = synthesize({ code: 'bundle', outdir, routes: { ...ROUTE_TABLE, http: [health], events: [] } });
    expect([...stack.functions.keys()].sort()).toEqual(['health', fallbackRoute.name].sort());
    const bundles = readdirSync(outdir)
      .map((d) => join(outdir, d, 'index.mjs'))
      .filter((f) => existsSync(f));
    expect(bundles).toHaveLength(2);
    for (const file of bundles) {
      const code = readFileSync(file, 'utf8');
      expect(code.startsWith("import { createRequire as __createRequire } from 'node:module';")).toBe(true);
      expect(code).toContain('//# sourceMappingURL=index.mjs.map');
      expect(existsSync(`${file}.map`)).toBe(true);
      expect(code.length / code.split('\n').length).toBeGreaterThan(2_000); // minified: long lines
      const mod = (await import(pathToFileURL(file).href)) as { handler?: unknown };
      expect(typeof mod.handler).toBe('function');
    }
  }, 120_000);
});
