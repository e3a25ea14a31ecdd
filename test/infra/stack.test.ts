// The CDK stack, built from the real route table and table definition (stub code: the
// template's shape without bundling; `npm run synth` bundles for real): every route with
// its own function, IAM exactly as each entry's `touches`, the table's settings, the
// mailer, the schedule, SES feedback, the site, alarms, and cdk-nag with nothing left over.
import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { acknowledgements } from '#infra/nag.ts';
import { HASH_KEY_READ_ACTIONS, IMPORT_READ_ACTIONS, IMPORT_UPLOAD_ACTIONS, importActions, MAIL_SEND_ACTIONS, STREAM_READ_ACTIONS, TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS } from '#infra/permissions.ts';
import { API_PATH_PATTERNS, SITE_CSP, STATEMENT_CSP } from '#infra/site.ts';
import { SECRET_PAGES } from '../../web/secret-pages.ts';
import { SIZING, type ProviderAccessStack } from '#infra/stack.ts';
import { eventRoutes, fallbackRoute, httpRoutes } from '#shared/routes.ts';
import { tableDefinition } from '#shared/store/table.ts';
import { CONTENT_SECURITY_POLICY } from '../../web/build.ts';
import { STATEMENT_CSP as STATEMENT_PAGE_DIRECTIVES } from '#functions/statement-page.ts';
import { actionsOf, allOfType, key, locateFunction, resourcesOfType, routeFunctions, synthesize, type Located, type TemplateJson } from './support.ts';

let built: ReturnType<typeof synthesize>;
let t: TemplateJson;
let stack: ProviderAccessStack;
beforeAll(() => {
  built = synthesize();
  t = built.json;
  stack = built.stack;
}, 120_000);

const logicalId = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);
const fn = (name: string): Located => locateFunction(built, name);
const functionId = (name: string) => key(fn(name));
const props = (id: string) => t.Resources[id]?.Properties ?? {};
const fnProps = (name: string) => fn(name).resource.Properties ?? {};
/** A nested stack's parameter for a parent resource, e.g. the table's ARN. */
const param = (fragment: string) => expect.objectContaining({ Ref: expect.stringMatching(new RegExp(`^referenceto.*${fragment}`)) });
const dlq = (kind: 'mailer' | 'async') => {
  const queue = stack.deadLetterQueues.get(kind);
  if (!queue) throw new Error(`no ${kind} dead-letter queue`);
  return queue;
};

describe('HTTP API from the route table', () => {
  it('has one route per entry (RouteKey "METHOD path"), each with its own function for its module', () => {
    const routes = routeFunctions(built);
    for (const r of httpRoutes) {
      expect(routes.get(`${r.method} ${r.path}`), `${r.method} ${r.path}`).toBe(functionId(r.name));
      expect(fnProps(r.name).Description).toBe(`${r.method} ${r.path} -> ${r.module}`);
      expect(fnProps(r.name).Handler).toBe('index.handler');
    }
    const targets = httpRoutes.map((r) => routes.get(`${r.method} ${r.path}`));
    expect(new Set(targets).size).toBe(httpRoutes.length);
  });

  it('answers HEAD with the GET route\'s function (as the local server does)', () => {
    const routes = routeFunctions(built);
    for (const r of httpRoutes.filter((x) => x.method === 'GET')) expect(routes.get(`HEAD ${r.path}`), r.path).toBe(functionId(r.name));
  });

  it('sends everything else to the fallback function as $default, and has no other route', () => {
    const routes = routeFunctions(built);
    expect(routes.get('$default')).toBe(functionId(fallbackRoute.name));
    expect(fnProps(fallbackRoute.name).Description).toContain(fallbackRoute.module);
    const gets = httpRoutes.filter((r) => r.method === 'GET').length;
    expect(routes.size).toBe(httpRoutes.length + gets + 1);
  });

  it('runs every function on the latest Node.js, ARM64, its own log group, sized on purpose, with the environment', () => {
    const all = allOfType(built, 'AWS::Lambda::Function').filter((l) => String(l.resource.Properties?.Description ?? '').includes(' -> '));
    expect(all).toHaveLength(httpRoutes.length + 1 + eventRoutes.length);
    for (const { resource: r } of all) {
      expect(r.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
        Environment: {
          Variables: {
            TABLE_NAME: expect.anything(),
            SITE_URL: expect.anything(),
            MAIL_FROM: 'Provider access <no-reply@provider-access.example>',
            SES_CONFIGURATION_SET: expect.anything(),
            POWERTOOLS_SERVICE_NAME: 'provider-access',
            NODE_OPTIONS: '--enable-source-maps',
          },
        },
      });
    }
    expect(fnProps('health')).toMatchObject({ MemorySize: SIZING.api.memorySize, Timeout: SIZING.api.timeout.toSeconds() });
    expect(fnProps('notify')).toMatchObject({ MemorySize: 512, Timeout: 60 });
    for (const g of allOfType(built, 'AWS::Logs::LogGroup')) expect(g.resource.Properties?.RetentionInDays).toBeGreaterThan(0);
  });

  it('throttles the stage and writes access logs', () => {
    built.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('\\$context.requestId') },
    });
  });
});

describe('IAM: each function may do what its route entry declares and nothing more', () => {
  const entries = [
    ...httpRoutes.map((r) => ({ name: r.name, touches: r.touches, kind: 'http' })),
    { name: fallbackRoute.name, touches: fallbackRoute.touches as { table?: string; mail?: string; hashKey?: string }, kind: 'fallback' },
    ...eventRoutes.map((r) => ({ name: r.name, touches: r.touches, kind: r.kind })),
  ];
  const writes: string[] = [...TABLE_WRITE_ACTIONS];

  it.each(entries)('$name ($kind): table $touches.table, mail $touches.mail', ({ name, touches, kind }) => {
    const granted = actionsOf(fn(name)).map((g) => g.action);
    const allowed = new Set<string>(['logs:CreateLogStream', 'logs:PutLogEvents']);
    if (touches.table) for (const a of TABLE_READ_ACTIONS) allowed.add(a);
    if (touches.table === 'write') for (const a of writes) allowed.add(a);
    if (touches.mail === 'check') allowed.add('ses:GetAccount');
    if (touches.mail === 'send') for (const a of MAIL_SEND_ACTIONS) allowed.add(a);
    if (touches.hashKey === 'read') for (const a of HASH_KEY_READ_ACTIONS) allowed.add(a);
    for (const a of importActions(touches as Parameters<typeof importActions>[0])) allowed.add(a);
    if (kind === 'table-stream') for (const a of [...STREAM_READ_ACTIONS, 'sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl']) allowed.add(a);
    if (kind === 'schedule' || kind === 'mail-feedback' || kind === 'import-upload') allowed.add('sqs:SendMessage'); // its dead-letter queue
    if (kind === 'http' || kind === 'fallback') allowed.add('secretsmanager:GetSecretValue'); // the origin secret (issue 12, item 1)

    for (const action of granted) expect(allowed, `${name} holds ${action}`).toContain(action);
    // And what it declares, it gets.
    if (touches.table) expect(granted).toEqual(expect.arrayContaining([...TABLE_READ_ACTIONS]));
    if (touches.table === 'write') expect(granted).toEqual(expect.arrayContaining(writes));
    else expect(granted.filter((a) => writes.includes(a))).toEqual([]);
    if (touches.mail !== 'send') expect(granted.filter((a) => a.startsWith('ses:Send'))).toEqual([]);
  });

  it('lets only the mailer send email, and only as the sender identity with the configuration set', () => {
    const senders = entries.filter((e) => actionsOf(fn(e.name)).some((g) => g.action.startsWith('ses:Send')));
    expect(senders.map((e) => e.name)).toEqual(['notify']);
    const send = actionsOf(fn('notify')).filter((g) => g.action.startsWith('ses:Send'));
    for (const g of send) {
      const resources = [g.resource].flat().map((r) => JSON.stringify(r));
      expect(resources).toHaveLength(2);
      expect(resources.find((r) => r.includes(':identity/'))).toMatch(/referenceto\w*SenderIdentity/);
      expect(resources.find((r) => r.includes(':configuration-set/'))).toMatch(/referenceto\w*MailConfigurationSet/);
    }
  });

  it('grants table actions on this table and its indexes only; no Scan; no managed policies on our roles', () => {
    const text = JSON.stringify(built.all);
    expect(text).not.toContain('dynamodb:Scan');
    expect(text).not.toContain('dynamodb:*');
    for (const e of entries) {
      const f = fn(e.name);
      for (const g of actionsOf(f).filter((x) => x.action.startsWith('dynamodb:') && x.action !== 'dynamodb:ListStreams')) {
        expect(JSON.stringify(g.resource)).toMatch(/referenceto\w*Table[0-9A-F]{8}(Arn|StreamArn)/);
      }
      const role = f.resource.Properties?.Role as { 'Fn::GetAtt': [string] };
      expect(f.json.Resources[role['Fn::GetAtt'][0]]?.Properties?.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('the table, from shared/store/table.ts', () => {
  it("has the definition's keys, indexes (ALL), TTL and stream; on demand, PITR, deletion protection, encrypted, retained", () => {
    const [[, table] = ['', undefined]] = resourcesOfType(t, 'AWS::DynamoDB::Table');
    expect(table?.DeletionPolicy).toBe('Retain');
    expect(table?.UpdateReplacePolicy).toBe('Retain');
    const d = tableDefinition;
    expect(table?.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: d.timeToLiveAttribute, Enabled: true },
      StreamSpecification: { StreamViewType: d.streamViewType },
      KeySchema: [
        { AttributeName: d.partitionKey, KeyType: 'HASH' },
        { AttributeName: d.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: d.globalIndexes.map((g) => ({
        IndexName: g.name,
        KeySchema: [
          { AttributeName: g.partitionKey, KeyType: 'HASH' },
          { AttributeName: g.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    });
  });
});

describe('events', () => {
  it('feeds the table stream to the mailer: batches, retries, bisect, partial failures, record age, a dead-letter queue', () => {
    const mappings = allOfType(built, 'AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(1);
    expect(mappings[0]?.stack).toBe(fn('notify').stack);
    expect(mappings[0]?.resource.Properties).toMatchObject({
      FunctionName: { Ref: fn('notify').id },
      EventSourceArn: param('Table[0-9A-F]{8}StreamArn'),
      BatchSize: expect.any(Number),
      MaximumRetryAttempts: expect.any(Number),
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRecordAgeInSeconds: expect.any(Number),
      DestinationConfig: { OnFailure: { Destination: param('MailerDlq') } },
    });
    expect(logicalId(dlq('mailer'))).toMatch(/^MailerDlq/);
  });

  it('keeps dead letters encrypted and only over TLS', () => {
    for (const q of [dlq('mailer'), dlq('async')]) {
      expect(props(logicalId(q))).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    }
    const policies = resourcesOfType(t, 'AWS::SQS::QueuePolicy').map(([, p]) => JSON.stringify(p.Properties));
    expect(policies.filter((p) => p.includes('"aws:SecureTransport":"false"'))).toHaveLength(2);
  });

  it('runs each schedule route on its EventBridge expression', () => {
    for (const r of eventRoutes.filter((e) => e.kind === 'schedule')) {
      const rules = allOfType(built, 'AWS::Events::Rule').filter((l) => l.resource.Properties?.ScheduleExpression === r.schedule?.expression);
      expect(rules).toHaveLength(1);
      expect(rules[0]?.resource.Properties?.Targets).toEqual([
        expect.objectContaining({ Arn: { 'Fn::GetAtt': [fn(r.name).id, 'Arn'] }, DeadLetterConfig: { Arn: param('AsyncDlq') } }),
      ]);
    }
  });

  it('sends SES bounces and complaints from the configuration set through SNS to the feedback function', () => {
    built.template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: { Enabled: true, MatchingEventTypes: ['bounce', 'complaint'], SnsDestination: Match.anyValue() },
    });
    const feedback = fn(eventRoutes.find((e) => e.kind === 'mail-feedback')?.name ?? '');
    const subscriptions = allOfType(built, 'AWS::SNS::Subscription').filter((l) => l.resource.Properties?.Protocol === 'lambda');
    expect(subscriptions.map((l) => [l.stack, l.resource.Properties?.Endpoint])).toEqual([[feedback.stack, { 'Fn::GetAtt': [feedback.id, 'Arn'] }]]);
    expect(subscriptions[0]?.resource.Properties?.TopicArn).toEqual(param('MailFeedbackTopic'));
    built.template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'no-reply@provider-access.example' });
    built.template.hasResourceProperties('AWS::SES::ConfigurationSet', { ReputationOptions: { ReputationMetricsEnabled: true } });
  });
});

describe('the GIAS upload (issue 17, item 1)', () => {
  it('keeps the imports bucket private, encrypted, TLS-only, logged, its files a week', () => {
    const bucket = t.Resources[logicalId(stack.importBucket)];
    expect(bucket?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: logicalId(stack.site.logBucket) }, LogFilePrefix: 'import-bucket/' },
      LifecycleConfiguration: { Rules: [expect.objectContaining({ Prefix: 'imports/', ExpirationInDays: 7, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' })] },
    });
    expect(bucket?.Properties?.CorsConfiguration).toBeUndefined();
    const policies = resourcesOfType(t, 'AWS::S3::BucketPolicy').filter(([, p]) => JSON.stringify(p.Properties?.Bucket) === JSON.stringify({ Ref: logicalId(stack.importBucket) }));
    expect(JSON.stringify(policies[0]?.[1].Properties)).toContain('"aws:SecureTransport":"false"');
  });

  it('runs the import function on ObjectCreated under imports/, for 15 minutes, its failures kept', () => {
    const importFn = fn('schools-import-object');
    expect(importFn.resource.Properties).toMatchObject({ Timeout: 900, MemorySize: 1769 });
    built.template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: logicalId(stack.importBucket) },
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'suffix', Value: '.csv' }, { Name: 'prefix', Value: 'imports/' }] } },
            LambdaFunctionArn: Match.anyValue(),
          },
        ],
      },
    });
    const invokes = allOfType(built, 'AWS::Lambda::Permission').filter((l) => l.resource.Properties?.Principal === 's3.amazonaws.com');
    expect(invokes).toHaveLength(1);
    expect(JSON.stringify(allOfType(built, 'AWS::Lambda::EventInvokeConfig').filter((l) => l.stack === importFn.stack))).toContain('MaximumRetryAttempts');
  });

  it('lets the upload route sign PUTs and the import function read, only under imports/', () => {
    const grants = (name: string) => actionsOf(fn(name)).filter((g) => g.action.startsWith('s3:'));
    expect(grants('admin-schools-upload').map((g) => g.action)).toEqual([...IMPORT_UPLOAD_ACTIONS]);
    expect(grants('schools-import-object').map((g) => g.action)).toEqual([...IMPORT_READ_ACTIONS]);
    for (const g of [...grants('admin-schools-upload'), ...grants('schools-import-object')]) expect(JSON.stringify(g.resource)).toMatch(/\/imports\/\*"/);
    expect(grants('admin-schools-import-run')).toEqual([]);
    const env = (name: string) => (fnProps(name).Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env('admin-schools-upload').IMPORT_BUCKET).toBeDefined();
    expect(env('admin-schools-import-run').IMPORT_BUCKET).toBeUndefined();
  });

  it('sends /imports/* from the site to the bucket: every method, no cache, no cookies', () => {
    const dist = resourcesOfType(t, 'AWS::CloudFront::Distribution')[0]?.[1].Properties?.DistributionConfig as { CacheBehaviors: { PathPattern: string; AllowedMethods: string[]; OriginRequestPolicyId: unknown }[] };
    const behaviour = dist.CacheBehaviors.find((b) => b.PathPattern === '/imports/*');
    expect(behaviour?.AllowedMethods).toContain('PUT');
    built.template.hasResourceProperties('AWS::CloudFront::OriginRequestPolicy', {
      OriginRequestPolicyConfig: Match.objectLike({ CookiesConfig: { CookieBehavior: 'none' }, HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['content-type'] }, QueryStringsConfig: { QueryStringBehavior: 'all' } }),
    });
  });
});

describe('the site', () => {
  it('keeps the bucket private (OAC), TLS-only, logged, retained', () => {
    const bucket = t.Resources[logicalId(stack.site.bucket)];
    expect(bucket?.DeletionPolicy).toBe('Retain');
    expect(bucket?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: { DestinationBucketName: { Ref: logicalId(stack.site.logBucket) } },
    });
    built.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
  });

  type Behaviour = { PathPattern: string; TargetOriginId: string; CachePolicyId: string; OriginRequestPolicyId: string; AllowedMethods: string[]; ResponseHeadersPolicyId: unknown; FunctionAssociations?: unknown[] };
  const distribution = () =>
    props(logicalId(stack.site.distribution)).DistributionConfig as {
      DefaultRootObject: string;
      CacheBehaviors: Behaviour[];
      DefaultCacheBehavior: Omit<Behaviour, 'PathPattern'> & { FunctionAssociations: unknown[] };
      Logging?: unknown;
    };
  /** A CloudFront path pattern: `*` any characters, `?` exactly one, the rest as written. */
  const matches = (pattern: string, path: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(path);
  const policyOf = (ref: unknown) => t.Resources[(ref as { Ref?: string } | undefined)?.Ref ?? '']?.Properties?.ResponseHeadersPolicyConfig as Record<string, never> | undefined;

  it('sends the API paths to the HTTP API uncached with every viewer header but Host (CloudFront-Viewer-Address included)', () => {
    const dist = distribution();
    expect(dist.DefaultRootObject).toBe('index.html');
    expect(dist.DefaultCacheBehavior.FunctionAssociations).toHaveLength(1);
    // And the GIAS upload's /imports/* (its own test, above).
    expect(dist.CacheBehaviors.map((b) => b.PathPattern).sort()).toEqual([...API_PATH_PATTERNS, ...SECRET_PAGES, '/imports/*'].sort());
    for (const b of dist.CacheBehaviors.filter((x) => (API_PATH_PATTERNS as readonly string[]).includes(x.PathPattern))) {
      expect(b.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // Managed-CachingDisabled
      expect(b.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // Managed-AllViewerExceptHostHeader
      expect(b.AllowedMethods).toContain('POST');
    }
  });

  it('issue 12, item 3: every route reaches the API; the static pages, /actions/ among them, do not; an old action link /actions/{token} does', () => {
    const api = (path: string) => API_PATH_PATTERNS.some((p) => matches(p, path));
    for (const r of httpRoutes) expect(api(r.path.replace(/\{\w+\}/g, 'T'.repeat(43))), r.path).toBe(true);
    expect(api(`/actions/${'T'.repeat(43)}`)).toBe(true);
    for (const page of [...SECRET_PAGES, '/', '/sign-in/', '/manage/', '/requests/view/', '/assets/site.css']) expect(api(page), page).toBe(false);
  });

  it('issue 12, item 3: the pages an emailed token reaches are the site with Referrer-Policy: no-referrer; the API says no-referrer; no CloudFront standard logs (they record paths)', () => {
    const dist = distribution();
    const site = dist.DefaultCacheBehavior;
    for (const path of SECRET_PAGES) {
      const b = dist.CacheBehaviors.find((x) => x.PathPattern === path);
      expect(b, path).toMatchObject({ TargetOriginId: site.TargetOriginId, CachePolicyId: site.CachePolicyId, FunctionAssociations: site.FunctionAssociations });
      expect(policyOf(b?.ResponseHeadersPolicyId), path).toMatchObject({
        SecurityHeadersConfig: { ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true }, ContentSecurityPolicy: { ContentSecurityPolicy: SITE_CSP }, FrameOptions: { FrameOption: 'DENY' } },
      });
    }
    expect(policyOf(site.ResponseHeadersPolicyId)).toMatchObject({ SecurityHeadersConfig: { ReferrerPolicy: { ReferrerPolicy: 'same-origin' } } });
    for (const pattern of ['/api/*', '/actions/?*']) {
      const b = dist.CacheBehaviors.find((x) => x.PathPattern === pattern);
      expect(policyOf(b?.ResponseHeadersPolicyId), pattern).toMatchObject({ SecurityHeadersConfig: { ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true } } });
    }
    expect(dist.Logging).toBeUndefined();
    expect(acknowledgements(stack).filter((a) => a.id === 'AwsSolutions-CFR3').map((a) => a.path)).toEqual([stack.site.distribution.node.path]);
  });

  it('sends a CSP without unsafe-inline, no framing, HSTS; the statement may be framed', () => {
    expect(SITE_CSP).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
    expect(SITE_CSP).not.toContain('unsafe-inline');
    const policies = resourcesOfType(t, 'AWS::CloudFront::ResponseHeadersPolicy').map(([, p]) => p.Properties?.ResponseHeadersPolicyConfig as Record<string, never>);
    const withCsp = (csp: string) => policies.find((p) => JSON.stringify(p).includes(JSON.stringify(csp).slice(1, -1)));
    expect(withCsp(SITE_CSP)).toMatchObject({
      SecurityHeadersConfig: {
        StrictTransportSecurity: { AccessControlMaxAgeSec: expect.any(Number), IncludeSubdomains: true },
        ContentTypeOptions: { Override: true },
        ReferrerPolicy: { ReferrerPolicy: 'same-origin' },
        FrameOptions: { FrameOption: 'DENY' },
      },
    });
    expect(STATEMENT_CSP).toContain('frame-ancestors *');
    // The edge's fallback is the statement function's own policy.
    const own = Object.entries(STATEMENT_PAGE_DIRECTIVES).filter(([, v]) => v !== null).map(([k, v]) => `${k} ${v}`);
    expect(STATEMENT_CSP.split('; ').sort()).toEqual(own.sort());
    expect(withCsp(STATEMENT_CSP)).toMatchObject({ RemoveHeadersConfig: { Items: expect.arrayContaining([{ Header: 'X-Frame-Options' }]) } });
  });

  it('uploads web/dist: hashed assets cached for ever, the rest revalidated', () => {
    const deployments = resourcesOfType(t, 'Custom::CDKBucketDeployment').map(([, d]) => d.Properties ?? {});
    expect(deployments.map((d) => d.SystemMetadata)).toEqual(
      expect.arrayContaining([{ 'cache-control': 'public, max-age=31536000, immutable' }, { 'cache-control': 'no-cache' }]),
    );
    expect(deployments.every((d) => d.Prune === false)).toBe(true);
  });
});

describe('alarms', () => {
  const alarms = () => allOfType(built, 'AWS::CloudWatch::Alarm').map((a) => ({ ...a.resource.Properties, stack: a.stack }) as Record<string, unknown> & { stack: string });
  const onMetric = (name: string, f?: Located) =>
    alarms().filter((a) => a.MetricName === name && (!f || (a.stack === f.stack && JSON.stringify(a.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: { Ref: f.id } }]))));

  it('watches every function for errors and throttles', () => {
    for (const rf of stack.functions.values()) {
      expect(onMetric('Errors', fn(rf.name)), `${rf.name} errors`).toHaveLength(1);
      expect(onMetric('Throttles', fn(rf.name)), `${rf.name} throttles`).toHaveLength(1);
    }
  });

  it('watches the API 5xx rate, the dead-letter queues, the mailer lag and SES reputation; all to the email topic', () => {
    expect(alarms().filter((a) => JSON.stringify(a.Metrics ?? '').includes('5xx'))).toHaveLength(1);
    expect(onMetric('ApproximateNumberOfMessagesVisible')).toHaveLength(2);
    for (const a of onMetric('ApproximateNumberOfMessagesVisible')) expect(a).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    expect(onMetric('Reputation.BounceRate')).toHaveLength(1);
    expect(onMetric('IteratorAge')).toHaveLength(1);
    const topic = logicalId(stack.alarms.topic);
    for (const a of alarms()) expect(a.AlarmActions).toEqual([a.stack ? param('AlarmsTopic') : { Ref: topic }]);
    built.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'alarms@provider-access.example', TopicArn: { Ref: topic } });
  });
});

describe('size', () => {
  it('keeps every template well below CloudFormation\'s 500 resources, the functions in nested stacks by caller', () => {
    expect([...stack.functionGroups.keys()].sort()).toEqual(
      [...new Set([...httpRoutes.map((r) => r.access), 'public'].map((a) => `${a[0]?.toUpperCase()}${a.slice(1)}Functions`)), 'EventFunctions'].sort(),
    );
    for (const template of built.all) expect(Object.keys(template.Resources).length).toBeLessThan(350);
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  it('finds nothing left unacknowledged', () => {
    const result = new AwsSolutionsChecks(built.app).validateScope(built.app);
    expect(result.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });

  it('acknowledges each finding on one construct with its finding id where there is one, and says why', () => {
    const acks = acknowledgements(stack);
    expect(acks.length).toBeGreaterThan(0);
    for (const a of acks) {
      expect(a.path).not.toBe(stack.node.path); // never the whole stack
      expect(a.reason.length, `${a.id} at ${a.path}`).toBeGreaterThan(60);
      if (a.id.startsWith('AwsSolutions-IAM5')) expect(a.id).toMatch(/\[(Action|Resource)::.+\]$/);
    }
  });
});
