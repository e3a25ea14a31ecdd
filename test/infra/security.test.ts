// Issue 12 in the template: the API answers only through CloudFront (item 1: the origin
// secret CloudFront sends and every HTTP function checks), and the public writes are
// fenced in (item 9: their own partitions only, reserved concurrency, an opt-in WAF).
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN_SECRET_ACTIONS, leadingKeyPattern } from '#infra/permissions.ts';
import { RESERVED_CONCURRENCY, ROUTE_TABLE } from '#infra/stack.ts';
import { WAF_RATE_LIMIT, WAF_REGION, WAF_WINDOW_SECONDS } from '#infra/waf.ts';
import { ORIGIN_HEADER } from '#shared/http/client-ip.ts';
import { eventRoutes, fallbackRoute, httpRoutes, type HttpRoute } from '#shared/routes.ts';
import { allOfType, locateFunction, resourcesOfType, synthesize, type Located, type Synth } from './support.ts';

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

let built: Synth;
beforeAll(() => {
  built = synthesize();
}, 120_000);

const refOf = (v: unknown): string | undefined => (v as { Ref?: string })?.Ref;
const secretId = () => built.stack.getLogicalId(built.stack.originSecret.node.defaultChild as never);

/** Every statement of the policies on a function's role. */
function statementsOf(fn: Located): Statement[] {
  const role = (fn.resource.Properties?.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
  return resourcesOfType(fn.json, 'AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties?.Roles as unknown[]).some((r) => refOf(r) === role))
    .flatMap(([, p]) => (p.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
}

/** A nested stack's parameter, and what the parent passes for it. */
function parentValue(fn: Located, value: unknown): unknown {
  const param = refOf(value);
  const nested = built.json.Resources[fn.stack]?.Properties?.Parameters as Record<string, unknown> | undefined;
  return param && nested ? nested[param] : value;
}

const apiOrigin = (json = built.json) => {
  const [, dist] = resourcesOfType(json, 'AWS::CloudFront::Distribution')[0] ?? [];
  const origins = (dist?.Properties?.DistributionConfig as { Origins: { DomainName: unknown; OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[]; S3OriginConfig?: unknown }[] }).Origins;
  return { api: origins.filter((o) => !o.S3OriginConfig && JSON.stringify(o.DomainName).includes('execute-api')), all: origins, dist };
};

const publicWrites = httpRoutes.filter((r) => r.access === 'public' && r.touches.table === 'write');
const httpFunctions = [...httpRoutes.map((r) => r.name), fallbackRoute.name];

describe('issue 12, item 1: the API answers only requests that come through CloudFront', () => {
  it('has CloudFormation generate the origin secret, which the template holds only as a reference', () => {
    // The stack's other secret is the hash key (item 10, test/infra/hash-key.test.ts).
    const secrets = resourcesOfType(built.json, 'AWS::SecretsManager::Secret');
    expect(secrets.map(([id]) => id)).toContain(secretId());
    const [, secret] = secrets.find(([id]) => id === secretId()) ?? [];
    expect(secret?.Properties?.GenerateSecretString).toMatchObject({ PasswordLength: 64, ExcludePunctuation: true });
    expect(secret?.Properties?.SecretString).toBeUndefined();
  });

  it('has CloudFront send it to the API origin as x-origin-verify (a dynamic reference, resolved at deploy), and only there', () => {
    const { api, all } = apiOrigin();
    expect(api).toHaveLength(1);
    expect(api[0]?.OriginCustomHeaders).toEqual([
      { HeaderName: ORIGIN_HEADER, HeaderValue: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId() }, ':SecretString:::}}']] } },
    ]);
    for (const o of all.filter((x) => x.S3OriginConfig)) expect(o.OriginCustomHeaders ?? []).toEqual([]);
  });

  it('keeps API Gateway\'s own endpoint as CloudFront\'s origin (no custom domain), so the functions do the refusing', () => {
    const [[, api] = []] = resourcesOfType(built.json, 'AWS::ApiGatewayV2::Api');
    expect(api?.Properties?.DisableExecuteApiEndpoint).toBeUndefined();
    expect(resourcesOfType(built.json, 'AWS::ApiGatewayV2::DomainName')).toEqual([]);
    expect(JSON.stringify(apiOrigin().api[0]?.DomainName)).toContain('.execute-api.');
  });

  it.each(httpFunctions)('%s: knows the secret by its ARN and may read that one secret', (name) => {
    const fn = locateFunction(built, name);
    const env = (fn.resource.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(parentValue(fn, env.ORIGIN_SECRET_ARN)).toEqual({ Ref: secretId() });
    const reads = statementsOf(fn).filter((s) => [s.Action].flat().some((a) => a.startsWith('secretsmanager:')) && s.Sid === 'OriginSecret');
    expect(reads).toHaveLength(1);
    expect([reads[0]?.Action].flat()).toEqual([...ORIGIN_SECRET_ACTIONS]);
    expect(parentValue(fn, reads[0]?.Resource)).toEqual({ Ref: secretId() });
  });

  it('gives the event functions (no HTTP) neither the ARN nor the grant', () => {
    for (const r of eventRoutes) {
      const fn = locateFunction(built, r.name);
      expect((fn.resource.Properties?.Environment as { Variables: Record<string, unknown> }).Variables.ORIGIN_SECRET_ARN).toBeUndefined();
      // (The mailer and SES feedback may read the hash key, a different secret: item 10.)
      expect(statementsOf(fn).filter((s) => s.Sid === 'OriginSecret' || JSON.stringify(s.Resource).includes(secretId()))).toEqual([]);
    }
  });

  it('after a rotation, sends the version named by -c originSecretVersion', () => {
    const version = '0123abcd-4567-89ef-0123-456789abcdef';
    const rotated = synthesize({ context: { originSecretVersion: version } });
    const id = rotated.stack.getLogicalId(rotated.stack.originSecret.node.defaultChild as never);
    expect(apiOrigin(rotated.json).api[0]?.OriginCustomHeaders?.[0]?.HeaderValue).toEqual({
      'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: id }, `:SecretString:::${version}}}`]],
    });
    expect(() => synthesize({ context: { originSecretVersion: 'v2' } })).toThrow(/originSecretVersion "v2" is not a Secrets Manager VersionId/);
  });
});

describe('issue 12, item 9: the public writes touch only their own partitions', () => {
  it('every public route that writes declares its keys', () => {
    expect(publicWrites.map((r) => r.name).sort()).toEqual(['auth-session', 'auth-sign-in', 'auth-sign-out', 'auth-sign-out-everywhere', 'request-check', 'request-confirm', 'request-create']);
    for (const r of publicWrites) expect(r.touches.keys?.table.length, r.name).toBeGreaterThan(0);
  });

  it.each(publicWrites)('$name: every table statement carries its dynamodb:LeadingKeys, each index its own', (route) => {
    const declared = route.touches.keys!;
    const dynamo = statementsOf(locateFunction(built, route.name)).filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
    const onTable = dynamo.filter((s) => !JSON.stringify(s.Resource).includes('/index/'));
    expect(onTable).toHaveLength(1);
    expect(onTable[0]?.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': declared.table.map(leadingKeyPattern) } });
    const onIndexes = dynamo.filter((s) => JSON.stringify(s.Resource).includes('/index/'));
    const declaredIndexes = Object.entries(declared.indexes ?? {});
    expect(onIndexes).toHaveLength(declaredIndexes.length);
    for (const [index, keys] of declaredIndexes) {
      const st = onIndexes.find((s) => JSON.stringify(s.Resource).includes(`/index/${index}"`));
      expect(st, index).toBeDefined();
      expect([st?.Action].flat()).toEqual(['dynamodb:Query']);
      expect(st?.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': (keys ?? []).map(leadingKeyPattern) } });
    }
  });

  it('turns a prefix into a wildcard and keeps an exact key exact', () => {
    expect(leadingKeyPattern('SCHOOL#')).toBe('SCHOOL#*');
    expect(leadingKeyPattern('PLATFORM#ADMINS')).toBe('PLATFORM#ADMINS');
    expect(() => leadingKeyPattern('SCHOOL#*')).toThrow(/wildcards/);
  });

  it('refuses to synthesize a public write route without keys or without a reserved concurrency', () => {
    const bare: HttpRoute = { name: 'open-write', method: 'POST', path: '/api/open-write', module: 'functions/auth-sign-out.ts', access: 'public', touches: { table: 'write' } };
    expect(() => synthesize({ routes: { ...ROUTE_TABLE, http: [...httpRoutes, bare] } })).toThrow(/open-write is public and writes: give it a reserved concurrency/);
    const withFigure = { ...bare, name: 'auth-sign-out', path: '/api/other' };
    const routes = [...httpRoutes.filter((r) => r.name !== 'auth-sign-out'), withFigure];
    expect(() => synthesize({ routes: { ...ROUTE_TABLE, http: routes } })).toThrow(/auth-sign-out is public and writes: declare the partition keys/);
  });
});

describe('issue 12, item 9: reserved concurrency for the public writes', () => {
  it('gives each public write function its own figure, and no other function one', () => {
    for (const r of publicWrites) {
      expect(locateFunction(built, r.name).resource.Properties?.ReservedConcurrentExecutions, r.name).toBe(RESERVED_CONCURRENCY[r.name]);
    }
    const reserved = allOfType(built, 'AWS::Lambda::Function').filter((l) => l.resource.Properties?.ReservedConcurrentExecutions !== undefined);
    expect(reserved).toHaveLength(publicWrites.length);
  });

  it('leaves far more than the 100 unreserved executions AWS requires of a default 1,000', () => {
    const total = Object.values(RESERVED_CONCURRENCY).reduce((a, b) => a + b, 0);
    expect(total).toBe(35);
    expect(1000 - total).toBeGreaterThanOrEqual(100);
    for (const figure of Object.values(RESERVED_CONCURRENCY)) expect(figure).toBeGreaterThanOrEqual(2);
  });
});

describe('issue 12, item 9: the WAF, only with -c waf=true', () => {
  it('has no web ACL without the flag', () => {
    expect(built.waf).toBeUndefined();
    expect(built.app.node.children.filter((c) => c.node.id.endsWith('-Waf'))).toEqual([]);
    expect(JSON.stringify(built.all)).not.toContain('AWS::WAFv2');
    expect(apiOrigin().dist?.Properties?.DistributionConfig).not.toHaveProperty('WebACLId');
  });

  describe('with the flag', () => {
    let withWaf: Synth;
    beforeAll(() => {
      withWaf = synthesize({ context: { waf: 'true' } });
    }, 120_000);

    it('makes a web ACL for CloudFront in us-east-1 with one per-IP rate-based rule that answers 429', () => {
      const waf = withWaf.waf!;
      expect(waf.region).toBe(WAF_REGION);
      const json = (withWaf.app.synth().getStackByName(waf.stackName).template as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> }).Resources;
      const acls = Object.values(json).filter((r) => r.Type === 'AWS::WAFv2::WebACL');
      expect(acls).toHaveLength(1);
      expect(acls[0]?.Properties).toMatchObject({
        Scope: 'CLOUDFRONT',
        DefaultAction: { Allow: {} },
        VisibilityConfig: { SampledRequestsEnabled: false, CloudWatchMetricsEnabled: true },
        Rules: [
          {
            Name: 'PerIpRate',
            Statement: { RateBasedStatement: { AggregateKeyType: 'IP', Limit: WAF_RATE_LIMIT, EvaluationWindowSec: WAF_WINDOW_SECONDS } },
            Action: { Block: { CustomResponse: { ResponseCode: 429 } } },
            VisibilityConfig: { SampledRequestsEnabled: false },
          },
        ],
      });
    });

    it('attaches it to the distribution, and cdk-nag finds nothing left in either stack', () => {
      expect(JSON.stringify(apiOrigin(withWaf.json).dist?.Properties?.DistributionConfig)).toMatch(/"WebACLId":\{/);
      const result = new AwsSolutionsChecks(withWaf.app).validateScope(withWaf.app);
      expect(result.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    });

    it('keeps the main stack in eu-west-2', () => {
      expect(withWaf.stack.region).toBe('eu-west-2');
    });
  });
});
