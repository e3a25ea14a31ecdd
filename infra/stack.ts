// The whole service on AWS, derived from the route table (shared/routes.ts) and the table
// definition (shared/store/table.ts): one DynamoDB table; one Lambda function per route,
// each with an IAM policy of exactly what its entry `touches`; the HTTP API; the mailer on
// the table's stream; the daily job on its schedule; SES with bounce and complaint
// feedback; the static site behind CloudFront; alarms. Add a route to the table and it
// appears here (and in the local server) with nothing else to change.
//
// CloudFormation allows 500 resources a stack, and each function brings six or so (role,
// policy, log group, alarms…): the functions live in nested stacks, one per kind of caller
// (`access`) and one for the event functions, so the route table can keep growing. The API
// routes stay here, so a route never moves between stacks (a route key cannot exist twice).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CfnOutput, DefaultStackSynthesizer, Duration, Names, NestedStack, RemovalPolicy, SecretValue, Stack, Token, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { eventRoutes, fallbackRoute, httpRoutes, type EventRoute, type HttpRoute, type Touches } from '#shared/routes.ts';
import { tableDefinition } from '#shared/store/table.ts';
import { Alarms } from './alarms.ts';
import { bundlingOptions, REPO_ROOT } from './bundling.ts';
import type { StackConfig } from './config.ts';
import { acknowledge, nagRef } from './nag.ts';
import { hashKeyActions, importActions, leadingKeysCondition, mailActions, ORIGIN_SECRET_ACTIONS, tableActions } from './permissions.ts';
import { IMPORT_PREFIX } from '#shared/store/import-files.ts';
import { UPLOAD_KEPT_DAYS } from '#shared/domain/onboarding.ts';
import { Site } from './site.ts';

/** The three parts of shared/routes.ts the stack is built from. */
export interface RouteTable {
  http: readonly HttpRoute[];
  fallback: { name: string; module: string; touches: Touches };
  events: readonly EventRoute[];
}

export const ROUTE_TABLE: RouteTable = { http: httpRoutes, fallback: fallbackRoute, events: eventRoutes };

/**
 * bundle: NodejsFunction, esbuild on this machine (npm run synth, deploy).
 * stub: a one-line inline placeholder per function, for tests that check the template's
 * shape and not the code (bundling ~30 functions takes a while); same handler, same props.
 */
export type CodeMode = 'bundle' | 'stub';

export interface ProviderAccessStackProps extends StackProps {
  config: StackConfig;
  /** The route table; shared/routes.ts unless a test passes its own. */
  routes?: RouteTable;
  code?: CodeMode;
  /** The built static site (web/dist). */
  webDist: string;
  /** The WAF web ACL (us-east-1, infra/waf.ts) for the distribution, when `-c waf=true`. */
  webAclArn?: string;
}

/**
 * Reserved concurrency of the public functions that write (issue 12, item 9): anyone can
 * call them, so each gets a ceiling of its own. A flood of calls to one is throttled at
 * its ceiling (API Gateway answers with a server error, and the throttle alarm fires),
 * and can neither spend the concurrency every other function shares nor drive unbounded
 * table writes. Each figure is far above real use: a call takes about 0.1–0.3 s warm, so N
 * instances serve some 3N–10N calls a second, against peaks of a few a minute (a few
 * hundred schools; a careers lead signs in a few times a week). They add up to 35, out
 * of the account's default 1,000; AWS keeps 100 unreserved, so the account needs a
 * concurrency quota of at least 135 (a new account with less must ask for more first).
 * A public write route without a figure here fails synthesis.
 */
export const RESERVED_CONCURRENCY: Record<string, number> = {
  // A college sends a term's requests in a sitting; the per-IP and per-email limits (30 and 20 an hour) bind long before 10 instances do.
  'request-create': 10,
  // Sign-in links: staff and providers, a few a day; the per-IP limit (30 per 15 minutes) binds first.
  'auth-sign-in': 5,
  // Following a sign-in link: one call per link sent, so no busier than auth-sign-in.
  'auth-session': 5,
  // Confirming a first request: one call per confirmation email, which the per-school and per-address limits bound.
  'request-confirm': 5,
  // The form's check: a read and two counters per page of a request, so at most five times create's calls, each far cheaper.
  'request-check': 5,
  // A single delete per sign-out: the cheapest call there is.
  'auth-sign-out': 3,
  // Rare (a lost laptop): one index query and a few deletes.
  'auth-sign-out-everywhere': 2,
};

/** Memory and timeout per kind of function, chosen rather than defaulted. */
export const SIZING = {
  // An API call is a few table reads or one transaction: 10 s is far past any healthy answer,
  // well inside API Gateway's 30 s; 512 MB on ARM gives the CPU for a fast cold start.
  api: { memorySize: 512, timeout: Duration.seconds(10) },
  // 404/405 only: nothing to load.
  fallback: { memorySize: 256, timeout: Duration.seconds(5) },
  // A batch of up to 10 stream records, each one or two emails through SES with MIME and .ics.
  'table-stream': { memorySize: 512, timeout: Duration.seconds(60) },
  // Visits every school (paged queries) and writes expiries and reminders.
  schedule: { memorySize: 512, timeout: Duration.minutes(5) },
  // One SNS message: a put per address.
  'mail-feedback': { memorySize: 256, timeout: Duration.seconds(10) },
  // The whole GIAS file (issue 17, item 1): streamed, so memory is for CPU (Lambda gives
  // CPU by memory; 1,769 MB is one full vCPU), and the longest timeout Lambda has. 50,000
  // rows: see the README, "Importing the whole GIAS file".
  'import-upload': { memorySize: 1769, timeout: Duration.minutes(15) },
} as const;

export interface RouteFunction {
  /** The route-table entry's name. */
  name: string;
  module: string;
  touches: Touches;
  /** 'http', 'fallback' or an event kind. */
  kind: 'http' | 'fallback' | EventRoute['kind'];
  fn: lambda.Function;
  role: iam.Role;
  /** The nested stack it lives in. */
  group: NestedStack;
}

/** The nested stack of a route's function: by who calls it, or 'events'. */
export function functionGroup(route: { access?: string; kind?: string }): string {
  return route.access ? `${pascal(route.access)}Functions` : 'EventFunctions';
}

const pascal = (name: string) =>
  name
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join('');

export class ProviderAccessStack extends Stack {
  readonly table: dynamodb.Table;
  readonly api: apigwv2.HttpApi;
  readonly site: Site;
  readonly alarms: Alarms;
  /** CloudFront's proof to the API that a request came through it (issue 12, item 1). */
  readonly originSecret: secretsmanager.Secret;
  /** The key of the rate-limit and suppression hashes (shared/store/keyed-hash.ts). */
  readonly hashKey: secretsmanager.Secret;
  /** Dead-letter queues, made when a route needs one: 'mailer' (stream batches), 'async' (daily job, SES feedback). */
  readonly deadLetterQueues = new Map<'mailer' | 'async', sqs.Queue>();
  /** Every function, by its route-table name. */
  readonly functions = new Map<string, RouteFunction>();
  /** The nested stacks holding the functions, by name (see functionGroup). */
  readonly functionGroups = new Map<string, NestedStack>();
  /** Where platform admins upload the whole GIAS file (issue 17, item 1). */
  readonly importBucket: s3.Bucket;

  private readonly config: StackConfig;
  private readonly code: CodeMode;
  private readonly functionEnvironment: Record<string, string>;
  private readonly logRetention: logs.RetentionDays;
  private readonly identity: ses.EmailIdentity;
  private readonly configurationSet: ses.ConfigurationSet;

  constructor(scope: Construct, id: string, props: ProviderAccessStackProps) {
    super(scope, id, props);
    this.config = props.config;
    this.code = props.code ?? 'bundle';
    const routes = props.routes ?? ROUTE_TABLE;
    const prod = props.config.envName === 'prod';
    this.logRetention = prod ? logs.RetentionDays.ONE_YEAR : logs.RetentionDays.ONE_MONTH;

    // ---- Data: the one table, from the one definition.
    const d = tableDefinition;
    const S = dynamodb.AttributeType.STRING;
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: d.partitionKey, type: S },
      sortKey: { name: d.sortKey, type: S },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: d.timeToLiveAttribute,
      stream: dynamodb.StreamViewType[d.streamViewType],
    });
    for (const g of d.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: g.name,
        partitionKey: { name: g.partitionKey, type: S },
        sortKey: { name: g.sortKey, type: S },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    // ---- Keys and queues.
    // One customer managed key for the two SNS topics: SES (feedback) and CloudWatch
    // (alarms) publish to encrypted topics only with a key whose policy lets them.
    const messagingKey = new kms.Key(this, 'MessagingKey', {
      description: 'Provider access: encrypts the SES feedback and alarm topics',
      enableKeyRotation: true,
    });
    for (const [sid, service] of [
      ['SesPublishesFeedback', 'ses.amazonaws.com'],
      ['CloudWatchPublishesAlarms', 'cloudwatch.amazonaws.com'],
    ] as const) {
      messagingKey.addToResourcePolicy(
        new iam.PolicyStatement({
          sid,
          principals: [new iam.ServicePrincipal(service)],
          actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
        }),
      );
    }

    // The HMAC key of rate-limit and suppression hashes (issue 12, item 10), made once per
    // deployment by CloudFormation and never seen by anyone; only the functions whose
    // route entry says `touches.hashKey` may read it. Retained like the table, whose
    // suppressions it keys: a new key would orphan every suppression.
    this.hashKey = new secretsmanager.Secret(this, 'HashKey', {
      description: 'Provider access: the HMAC key of rate-limit and suppression hashes (shared/store/keyed-hash.ts)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.hashKey,
      'AwsSolutions-SMG4',
      'Not rotated automatically: the suppressions are stored under HMACs made with this key, so a new key would forget every address that bounced or complained and the mailer would write to them again. Rotation is a deliberate step with a re-keying of the suppressions (see the README).',
    );

    // ---- Mail: the sender identity, a configuration set, bounce and complaint events.
    const { domainName, senderAddress } = props.config;
    this.configurationSet = new ses.ConfigurationSet(this, 'MailConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      // Emails carry names and school details: never in clear between mail servers.
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      // SES's own list as well as ours: it drops what our table has not caught up with yet.
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.identity = new ses.EmailIdentity(this, 'SenderIdentity', {
      identity: domainName ? ses.Identity.domain(domainName) : ses.Identity.email(senderAddress),
      configurationSet: this.configurationSet,
      ...(domainName
        ? {
            dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT),
            mailFromDomain: `mail.${domainName}`,
            mailFromBehaviorOnMxFailure: ses.MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
          }
        : {}),
    });
    const feedbackTopic = new sns.Topic(this, 'MailFeedbackTopic', {
      displayName: 'Provider access: SES bounces and complaints',
      masterKey: messagingKey,
      enforceSSL: true,
    });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: ses.EventDestination.snsTopic(feedbackTopic),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });

    // ---- The HTTP API (its routes come with the functions, below).
    const apiLogs = new logs.LogGroup(this, 'ApiAccessLogs', { retention: this.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    this.api = new apigwv2.HttpApi(this, 'HttpApi', {
      description: 'Provider access API (reached through CloudFront)',
      createDefaultStage: false,
    });
    new apigwv2.HttpStage(this, 'HttpApiStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      // Well above the service's real traffic; stops a runaway client from spending the
      // account's Lambda concurrency and the table's capacity for everyone.
      throttle: { rateLimit: 100, burstLimit: 200 },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(apiLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            route: '$context.routeKey',
            method: '$context.httpMethod',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationStatus: '$context.integrationStatus',
            integrationError: '$context.integrationErrorMessage',
            responseLength: '$context.responseLength',
            userAgent: '$context.identity.userAgent',
          }),
        ),
      },
    });
    const apiDomain = `${this.api.apiId}.execute-api.${this.region}.${this.urlSuffix}`;

    // ---- The origin secret (issue 12, item 1). API Gateway's own endpoint stays
    // reachable, so CloudFront proves a request came through it with a header only it
    // sends (x-origin-verify, an origin custom header), and the functions refuse any
    // request without it (shared/http/client-ip.ts). Not `disableExecuteApiEndpoint`:
    // CloudFront could then reach the API only through a custom domain on it (a regional
    // certificate and DNS of its own), and that domain would be just as reachable from
    // anywhere. CloudFormation makes the value; the template holds only a dynamic
    // reference to it, resolved at deploy time into the distribution's origin settings.
    const originSecret = new secretsmanager.Secret(this, 'OriginSecret', {
      description: 'Provider access: the x-origin-verify header CloudFront adds to every API request; the functions refuse requests without it',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledge(
      originSecret,
      'AwsSolutions-SMG4',
      'The origin secret is rotated by hand (README, "Origin secret"): a new value in Secrets Manager, then a deploy with -c originSecretVersion=<VersionId> so CloudFront sends it; the functions accept the current and the previous version meanwhile. A rotation Lambda could not update CloudFront\'s origin settings by itself.',
    );
    this.originSecret = originSecret;
    const originHeader = props.config.originSecretVersion
      ? SecretValue.secretsManager(originSecret.secretArn, { versionId: props.config.originSecretVersion })
      : originSecret.secretValue;

    // ---- The site (needs the API's host; the functions need the site's URL).
    this.site = new Site(this, 'Site', {
      webDist: props.webDist,
      apiDomain,
      // CloudFront must hold the value itself to send it: it is in the distribution's
      // settings (readable with cloudfront:GetDistributionConfig), never in the template.
      originSecretHeader: originHeader.unsafeUnwrap(),
      ...(props.webAclArn ? { webAclArn: props.webAclArn } : {}),
      ...(domainName ? { domainName } : {}),
      ...(props.config.certificateArn ? { certificateArn: props.config.certificateArn } : {}),
      logRetentionDays: prod ? 365 : 90,
    });

    // ---- The imports bucket (issue 17, item 1): private, encrypted, TLS only, files kept a
    // week (the run's summary in the table is the record), uploads only by presigned PUT
    // through the site's /imports/* (site.ts), read only by the import function.
    this.importBucket = new s3.Bucket(this, 'ImportBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.site.logBucket,
      serverAccessLogsPrefix: 'import-bucket/',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
      lifecycleRules: [{ prefix: IMPORT_PREFIX, expiration: Duration.days(UPLOAD_KEPT_DAYS), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    });
    this.site.addImportUploads(this.importBucket);

    this.functionEnvironment = {
      TABLE_NAME: this.table.tableName,
      SITE_URL: this.site.url,
      MAIL_FROM: `Provider access <${senderAddress}>`,
      SES_CONFIGURATION_SET: this.configurationSet.configurationSetName,
      POWERTOOLS_SERVICE_NAME: 'provider-access',
      NODE_OPTIONS: '--enable-source-maps',
    };

    this.alarms = new Alarms(this, 'Alarms', { alarmEmail: props.config.alarmEmail, key: messagingKey });

    // ---- One function and one route per entry of the route table.
    for (const route of routes.http) {
      const rf = this.routeFunction(
        functionGroup(route),
        { name: route.name, module: route.module, touches: route.touches, kind: 'http', access: route.access, description: `${route.method} ${route.path}` },
        SIZING.api,
      );
      // One invoke permission per function for this API (not one per route): fewer resources.
      const integration = new HttpLambdaIntegration(`${pascal(route.name)}Integration`, rf.fn, { scopePermissionToRoute: false });
      new apigwv2.HttpRoute(this, `${pascal(route.name)}Route`, {
        httpApi: this.api,
        routeKey: apigwv2.HttpRouteKey.with(route.path, apigwv2.HttpMethod[route.method]),
        integration,
      });
      // HEAD is answered by the GET route's function, as the local server does (findRoute);
      // without this route API Gateway would send a HEAD to $default, a 404.
      if (route.method === 'GET') {
        new apigwv2.HttpRoute(this, `${pascal(route.name)}HeadRoute`, {
          httpApi: this.api,
          routeKey: apigwv2.HttpRouteKey.with(route.path, apigwv2.HttpMethod.HEAD),
          integration,
        });
      }
    }
    const fallback = this.routeFunction(
      functionGroup({ access: 'public' }),
      { ...routes.fallback, kind: 'fallback', description: '$default: 404 or 405 for what no route answers' },
      SIZING.fallback,
    );
    new apigwv2.HttpRoute(this, 'DefaultRoute', {
      httpApi: this.api,
      routeKey: apigwv2.HttpRouteKey.DEFAULT,
      integration: new HttpLambdaIntegration('DefaultIntegration', fallback.fn, { scopePermissionToRoute: false }),
    });

    for (const route of routes.events) {
      if (route.kind === 'table-stream') this.mailer(route);
      else if (route.kind === 'schedule') this.scheduled(route);
      else if (route.kind === 'mail-feedback') this.mailFeedback(route, feedbackTopic);
      else if (route.kind === 'import-upload') this.importUpload(route);
    }

    // Every route is public at API Gateway: the functions authorise (see `access` in shared/routes.ts).
    for (const child of this.node.children) {
      if (child instanceof apigwv2.HttpRoute) {
        acknowledge(
          child,
          'AwsSolutions-APIG4',
          'Authorisation is in the function, per the route table\'s `access`: public routes need none; provider, staff and action routes check a session cookie or a hashed single-use token against the table (shared/http/access.ts, from the route table). API Gateway has no authoriser that could do that check.',
        );
      }
    }

    // ---- Alarms.
    this.alarms.apiServerErrors(this.api);
    for (const rf of this.functions.values()) this.alarms.functionHealth(rf.group, `${pascal(rf.name)}Function`, rf.fn, `${rf.name} (${rf.module})`);
    const mailerDlq = this.deadLetterQueues.get('mailer');
    if (mailerDlq) this.alarms.deadLetters('MailerDlq', mailerDlq, 'Stream batches the mailer gave up on: their emails were not sent (re-read them from the stream within 24 hours).');
    const asyncDlq = this.deadLetterQueues.get('async');
    if (asyncDlq) this.alarms.deadLetters('AsyncDlq', asyncDlq, 'A daily job run or an SES feedback event failed for good.');
    this.alarms.sesReputation();

    this.acknowledgeCdkInternals();

    // ---- Outputs.
    new CfnOutput(this, 'SiteUrl', { value: this.site.url, description: 'The site (and /api/health)' });
    new CfnOutput(this, 'DistributionDomainName', { value: this.site.distribution.distributionDomainName, description: 'CNAME/ALIAS target for domainName' });
    new CfnOutput(this, 'DistributionId', { value: this.site.distribution.distributionId });
    new CfnOutput(this, 'ApiEndpoint', { value: this.api.apiEndpoint, description: 'The API directly: it refuses every request (403) that does not come through the site URL' });
    new CfnOutput(this, 'OriginSecretArn', { value: originSecret.secretArn, description: 'The origin secret CloudFront sends the API (README, "Origin secret", to rotate it)' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'SiteBucketName', { value: this.site.bucket.bucketName });
    new CfnOutput(this, 'MailConfigurationSetName', { value: this.configurationSet.configurationSetName });
    if (mailerDlq) new CfnOutput(this, 'MailerDeadLetterQueueUrl', { value: mailerDlq.queueUrl });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
    if (domainName) {
      this.identity.dkimRecords.forEach((r, i) => {
        new CfnOutput(this, `DkimRecord${i + 1}`, { value: `${r.name} CNAME ${r.value}`, description: 'Create this DNS record so SES can verify the domain (DKIM)' });
      });
    }
  }

  /** Encrypted, TLS-only, 14 days: long enough for a person to look. */
  private deadLetterQueue(kind: 'mailer' | 'async'): sqs.Queue {
    let queue = this.deadLetterQueues.get(kind);
    if (!queue) {
      queue = new sqs.Queue(this, kind === 'mailer' ? 'MailerDlq' : 'AsyncDlq', {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      // cdk-nag only recognises a dead-letter queue named in another queue's or a function's
      // settings in the same template: not an event source mapping's on-failure destination,
      // nor a queue the nested stacks receive as a parameter.
      const used =
        kind === 'mailer'
          ? "the on-failure destination of the mailer's stream event source mapping"
          : 'the dead-letter queue of the daily job and SES feedback functions (asynchronous invocations) and of the schedule rule';
      acknowledge(queue, 'AwsSolutions-SQS3', `This queue is itself a dead-letter queue (${used}); it has none of its own.`);
      this.deadLetterQueues.set(kind, queue);
    }
    return queue;
  }

  /** A function with its own role, log group and policy: exactly what `touches` declares. */
  private group(name: string): NestedStack {
    let group = this.functionGroups.get(name);
    if (!group) {
      group = new NestedStack(this, name, { description: `Provider access: ${name.replace(/Functions$/, '').toLowerCase()} functions` });
      this.functionGroups.set(name, group);
    }
    return group;
  }

  private routeFunction(
    groupName: string,
    route: { name: string; module: string; touches: Touches; kind: RouteFunction['kind']; description: string; access?: string },
    sizing: { memorySize: number; timeout: Duration },
    extra: Partial<lambda.FunctionProps> = {},
  ): RouteFunction {
    if (!existsSync(join(REPO_ROOT, route.module))) {
      throw new Error(`Route ${route.name}: its module ${route.module} does not exist (paths are from the repository root).`);
    }
    if (this.functions.has(route.name)) throw new Error(`Route ${route.name} appears twice in the route table.`);
    const publicWrite = route.access === 'public' && route.touches.table === 'write';
    const reserved = RESERVED_CONCURRENCY[route.name];
    if (publicWrite && reserved === undefined) throw new Error(`Route ${route.name} is public and writes: give it a reserved concurrency in RESERVED_CONCURRENCY (infra/stack.ts).`);
    if (publicWrite && !route.touches.keys) throw new Error(`Route ${route.name} is public and writes: declare the partition keys it touches (touches.keys in shared/routes.ts).`);
    const id = `${pascal(route.name)}Function`;
    const group = this.group(groupName);
    const logGroup = new logs.LogGroup(group, `${id}Logs`, { retention: this.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    const http = route.kind === 'http' || route.kind === 'fallback';
    const role = new iam.Role(group, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${route.name}: table ${route.touches.table ?? 'none'}, mail ${route.touches.mail ?? 'none'}${route.touches.hashKey ? ', hash key' : ''}`,
    });
    logGroup.grantWrite(role);

    const table = tableActions(route.touches);
    const declared = route.touches.keys;
    if (table.length && declared) {
      // Only the declared partitions (issue 12, item 9): the table's, and each declared index's
      // own (a Query of an index names that index's partition key, and nothing of the table's).
      role.addToPolicy(new iam.PolicyStatement({ sid: 'Table', actions: table, resources: [this.table.tableArn], conditions: leadingKeysCondition(declared.table) }));
      for (const [index, indexKeys] of Object.entries(declared.indexes ?? {})) {
        if (!tableDefinition.globalIndexes.some((g) => g.name === index)) throw new Error(`Route ${route.name}: its keys name index ${index}, which the table does not have.`);
        role.addToPolicy(
          new iam.PolicyStatement({
            sid: `Index${pascal(index)}`,
            actions: ['dynamodb:Query'],
            resources: [`${this.table.tableArn}/index/${index}`],
            conditions: leadingKeysCondition(indexKeys ?? []),
          }),
        );
      }
    } else if (table.length) {
      const indexes = tableDefinition.globalIndexes.map((g) => `${this.table.tableArn}/index/${g.name}`);
      const reads = table.filter((a) => a === 'dynamodb:Query' || a === 'dynamodb:GetItem' || a === 'dynamodb:BatchGetItem');
      role.addToPolicy(new iam.PolicyStatement({ sid: 'Table', actions: table, resources: [this.table.tableArn] }));
      // Only Query reads an index (GetItem/BatchGetItem have no index form).
      if (reads.includes('dynamodb:Query')) role.addToPolicy(new iam.PolicyStatement({ sid: 'Indexes', actions: ['dynamodb:Query'], resources: indexes }));
    }
    // Every HTTP function checks the origin secret (shared/http/client-ip.ts): it may read that one secret.
    if (http) role.addToPolicy(new iam.PolicyStatement({ sid: 'OriginSecret', actions: [...ORIGIN_SECRET_ACTIONS], resources: [this.originSecret.secretArn] }));
    const imports = importActions(route.touches);
    if (imports.length) {
      role.addToPolicy(new iam.PolicyStatement({ sid: 'Imports', actions: imports, resources: [this.importBucket.arnForObjects(`${IMPORT_PREFIX}*`)] }));
      acknowledge(
        role.node.findChild('DefaultPolicy'),
        // In a nested stack, cdk-nag names the bucket by the parameter that carries its ARN there.
        `AwsSolutions-IAM5[Resource::<referenceto${Names.uniqueId(this.importBucket.node.defaultChild as s3.CfnBucket)}Arn>/${IMPORT_PREFIX}*]`,
        'The uploaded GIAS files: one object per import run, named by its id (imports/<id>.csv), so the grant is on the prefix; nothing else of the bucket.',
      );
    }
    const hashKey = hashKeyActions(route.touches);
    if (hashKey.length) role.addToPolicy(new iam.PolicyStatement({ sid: 'HashKey', actions: hashKey, resources: [this.hashKey.secretArn] }));
    const mail = mailActions(route.touches);
    if (route.touches.mail === 'send') {
      const configurationSetArn = this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName });
      role.addToPolicy(new iam.PolicyStatement({ sid: 'SendMail', actions: mail, resources: [this.identity.emailIdentityArn, configurationSetArn] }));
    } else if (route.touches.mail === 'check') {
      role.addToPolicy(new iam.PolicyStatement({ sid: 'CheckMail', actions: mail, resources: ['*'] }));
      acknowledge(
        role.node.findChild('DefaultPolicy'),
        'AwsSolutions-IAM5[Resource::*]',
        'ses:GetAccount (the health check: is SES reachable and may we send) has no resource type in IAM: it can only be granted on "*". It reads the account\'s sending status and sends nothing.',
      );
    }

    const common = {
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: sizing.memorySize,
      timeout: sizing.timeout,
      role,
      logGroup,
      environment: {
        ...this.functionEnvironment,
        ...(http ? { ORIGIN_SECRET_ARN: this.originSecret.secretArn } : {}),
        ...(hashKey.length ? { HASH_KEY_SECRET_ARN: this.hashKey.secretArn } : {}),
        ...(imports.length ? { IMPORT_BUCKET: this.importBucket.bucketName } : {}),
      },
      description: `${route.description} -> ${route.module}`,
      ...(reserved === undefined ? {} : { reservedConcurrentExecutions: reserved }),
      ...extra,
    } satisfies lambda.FunctionOptions;
    const fn =
      this.code === 'bundle'
        ? new NodejsFunction(group, id, {
            ...common,
            entry: join(REPO_ROOT, route.module),
            handler: 'handler',
            projectRoot: REPO_ROOT,
            depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
            bundling: {
              ...bundlingOptions,
              externalModules: [...bundlingOptions.externalModules],
              mainFields: [...bundlingOptions.mainFields],
              format: OutputFormat.ESM,
              sourceMapMode: SourceMapMode.DEFAULT,
              forceDockerBundling: false,
            },
          })
        : new lambda.Function(group, id, {
            ...common,
            handler: 'index.handler',
            code: lambda.Code.fromInline(`// stub for ${route.module} (tests only)\nexports.handler = async () => ({ statusCode: 501 });`),
          });
    const rf: RouteFunction = { name: route.name, module: route.module, touches: route.touches, kind: route.kind, fn, role, group };
    this.functions.set(route.name, rf);
    return rf;
  }

  /** The mailer: the table's stream, in order per item, partial batch failures, a dead-letter queue. */
  private mailer(route: EventRoute) {
    const rf = this.routeFunction(functionGroup(route), { ...route, kind: route.kind, description: 'table stream: emails (the only sender)' }, SIZING['table-stream']);
    rf.fn.addEventSource(
      new DynamoEventSource(this.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        // Only new items become emails (request events, outbox messages): skip the rest unbilled.
        filters: [lambda.FilterCriteria.filter({ eventName: lambda.FilterRule.isEqual('INSERT') })],
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(1),
        retryAttempts: 10,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        maxRecordAge: Duration.hours(6),
        onFailure: new SqsDlq(this.deadLetterQueue('mailer')),
      }),
    );
    acknowledge(
      rf.role.node.findChild('DefaultPolicy'),
      'AwsSolutions-IAM5[Resource::*]',
      "dynamodb:ListStreams (which the event source mapping needs to find the table's stream) has no resource type in IAM: it can only be granted on \"*\". The stream's records are readable only on this table's stream ARN.",
    );
    this.alarms.streamLag(rf.group, rf.fn);
  }

  /** The daily job on its EventBridge schedule (UTC), retried, with failures kept. */
  private scheduled(route: EventRoute) {
    if (!route.schedule) throw new Error(`Route ${route.name}: a schedule route needs schedule.expression.`);
    const rf = this.routeFunction(functionGroup(route), { ...route, kind: route.kind, description: `schedule ${route.schedule.expression}` }, SIZING.schedule, {
      retryAttempts: 2,
      deadLetterQueue: this.deadLetterQueue('async'),
    });
    new events.Rule(rf.group, `${pascal(route.name)}Schedule`, {
      description: `${route.name}: ${route.module}`,
      schedule: events.Schedule.expression(route.schedule.expression),
      targets: [new targets.LambdaFunction(rf.fn, { retryAttempts: 3, maxEventAge: Duration.hours(2), deadLetterQueue: this.deadLetterQueue('async') })],
    });
  }

  /** SES bounce and complaint events: SNS → the feedback function. */
  private mailFeedback(route: EventRoute, topic: sns.Topic) {
    const rf = this.routeFunction(functionGroup(route), { ...route, kind: route.kind, description: 'SES bounces and complaints: suppressed addresses' }, SIZING['mail-feedback'], {
      retryAttempts: 2,
      deadLetterQueue: this.deadLetterQueue('async'),
    });
    // Made by hand, in the function's nested stack: topic.addSubscription would put it
    // beside the topic and make the parent depend on its own nested stack.
    new sns.Subscription(rf.group, `${pascal(route.name)}Subscription`, { topic, protocol: sns.SubscriptionProtocol.LAMBDA, endpoint: rf.fn.functionArn });
    rf.fn.addPermission('InvokedByMailFeedbackTopic', { principal: new iam.ServicePrincipal('sns.amazonaws.com'), sourceArn: topic.topicArn });
  }

  /**
   * The import function on the bucket's ObjectCreated events under imports/ (issue 17,
   * item 1). S3 invokes it asynchronously: retried twice, then the event is kept in the
   * async dead-letter queue; the run's record says where it stopped.
   */
  private importUpload(route: EventRoute) {
    const rf = this.routeFunction(functionGroup(route), { ...route, kind: route.kind, description: 'imports bucket: the uploaded GIAS file' }, SIZING['import-upload'], {
      retryAttempts: 2,
      deadLetterQueue: this.deadLetterQueue('async'),
    });
    this.importBucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(rf.fn), { prefix: IMPORT_PREFIX, suffix: '.csv' });
    const notifications = this.node.tryFindChild('BucketNotificationsHandler050a0587b7544547bf325f094a3db834');
    if (notifications) {
      const role = notifications.node.tryFindChild('Role');
      if (role) {
        acknowledge(
          role,
          'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          "CDK's own bucket-notifications handler (it sets the imports bucket's notification at deploy time) logs with AWS's basic execution policy; CDK offers no way to replace it.",
        );
        const policy = role.node.tryFindChild('DefaultPolicy');
        if (policy) acknowledge(policy, 'AwsSolutions-IAM5[Resource::*]', "CDK's bucket-notifications handler is granted s3:PutBucketNotification on \"*\" by CDK; it runs only at deploy time, on this stack's imports bucket.");
      }
    }
  }

  /** Findings on what CDK itself creates for BucketDeployment (one shared function). */
  private acknowledgeCdkInternals() {
    const handler = this.site.deploymentHandler();
    if (!handler) return;
    const role = handler.node.tryFindChild('ServiceRole');
    const policy = role?.node.tryFindChild('DefaultPolicy');
    if (role) {
      acknowledge(
        role,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        "CDK's BucketDeployment handler (it copies web/dist into the site bucket at deploy time) writes its logs with AWS's basic execution policy; CDK offers no way to replace its role's managed policy.",
      );
    }
    if (policy) {
      // cdk-nag prints unresolved values as <AWS::AccountId>; resolved ones as they are.
      const shown = (value: string, name: string) => (Token.isUnresolved(value) ? `<${name}>` : value);
      const assets = `arn:${shown(this.partition, 'AWS::Partition')}:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${shown(this.account, 'AWS::AccountId')}-${shown(this.region, 'AWS::Region')}/*`;
      const site = `${nagRef(this.site.bucket)}/*`;
      for (const finding of [
        'Action::s3:GetBucket*',
        'Action::s3:GetObject*',
        'Action::s3:List*',
        'Action::s3:Abort*',
        'Action::s3:DeleteObject*',
        `Resource::${assets}`,
        `Resource::${site}`,
      ]) {
        acknowledge(
          policy,
          `AwsSolutions-IAM5[${finding}]`,
          "CDK's BucketDeployment handler needs to read the uploaded site archive from CDK's asset bucket and write every file into the site bucket: the wildcards are CDK's grants on exactly those two buckets.",
        );
      }
    }
    acknowledge(
      handler,
      'AwsSolutions-L1',
      "CDK's BucketDeployment handler is CDK's own Python function; its runtime is pinned by aws-cdk-lib and moves with it. Our own functions use the latest Node.js runtime.",
    );
  }
}
