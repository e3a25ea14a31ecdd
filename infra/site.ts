// The web front: a private S3 bucket (web/dist) behind CloudFront with origin access
// control, and the API's paths (/api/*, /actions/{token}, /schools/*/statement) sent to the
// HTTP API from the same distribution, so the browser only ever talks to one origin (no CORS).
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { CONTENT_SECURITY_POLICY } from '../web/build.ts';
import { ORIGIN_HEADER } from '#shared/http/client-ip.ts';
import { SECRET_PAGES } from '../web/secret-pages.ts';
import { acknowledge } from './nag.ts';
import { DIRECTORY_INDEX_FUNCTION } from './site-function.ts';

/**
 * Path patterns CloudFront sends to the HTTP API; everything else is the static site.
 * `/actions/?*` (`?` is one character) is an old emailed link, /actions/{token}, and not
 * /actions/ itself: that is the static page that takes the token from the fragment.
 */
export const API_PATH_PATTERNS = ['/api/*', '/actions/?*', '/schools/*/statement'] as const;

/** The static pages: the build's policy, plus what only a header can say (no framing). */
export const SITE_CSP = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

/**
 * The published statement (function-rendered HTML, our stylesheet, no script, no form):
 * schools embed it in their own websites, so any site may frame it. The function sends
 * this policy itself (functions/statement-page.ts); the edge adds it only if missing, and
 * removes the headers that would stop framing (X-Frame-Options, cross-origin policies).
 */
export const STATEMENT_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors *";

/** The API's default when a function sends no policy of its own (they all do). */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

const HSTS = { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true };

export interface SiteProps {
  /** The built site (web/dist). */
  webDist: string;
  /** The HTTP API's host name, e.g. abc123.execute-api.eu-west-2.amazonaws.com. */
  apiDomain: string;
  /** The origin secret (a dynamic reference): CloudFront sends it to the API as x-origin-verify. */
  originSecretHeader: string;
  /** A WAF web ACL for CloudFront (us-east-1), when `-c waf=true` (infra/waf.ts). */
  webAclArn?: string;
  domainName?: string;
  certificateArn?: string;
  logRetentionDays: number;
}

export class Site extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  /** https://… the site's own address (custom domain or the distribution's). */
  readonly url: string;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);

    // Logs: S3 server access logs of the site bucket (static files only: the paths hold no
    // secret, a fragment never reaches a server). ACLs stay enabled, owner preferred, as
    // when CloudFront's standard logs were written here with an ACL grant (see below).
    this.logBucket = new s3.Bucket(this, 'LogBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ expiration: Duration.days(props.logRetentionDays) }],
    });

    this.bucket = new s3.Bucket(this, 'SiteBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'site-bucket/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
    });

    // Directory URLs: /school/ → /school/index.html (S3 behind OAC has no index documents).
    const directoryIndex = new cloudfront.Function(this, 'DirectoryIndex', {
      code: cloudfront.FunctionCode.fromInline(DIRECTORY_INDEX_FUNCTION),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Serves <dir>/index.html for <dir>/ and redirects <dir> to <dir>/',
    });

    const common = {
      contentTypeOptions: { override: true },
      strictTransportSecurity: HSTS,
      referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.SAME_ORIGIN, override: true },
    };
    const siteHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SiteHeaders', {
      comment: 'Static pages: CSP without unsafe-inline, no framing, HSTS',
      securityHeadersBehavior: {
        ...common,
        contentSecurityPolicy: { contentSecurityPolicy: SITE_CSP, override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      },
    });
    // The static pages that can hold a secret (web/secret-pages.ts): an emailed link's token
    // in the fragment, a new feed address. No Referer from them at all (issue 12, item 3);
    // their meta element says the same.
    const secretPageHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecretPageHeaders', {
      comment: 'Static pages that can hold a secret (emailed token, feed address): as the site, and no-referrer',
      securityHeadersBehavior: {
        ...common,
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        contentSecurityPolicy: { contentSecurityPolicy: SITE_CSP, override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      },
    });
    const apiHeaders = new cloudfront.ResponseHeadersPolicy(this, 'ApiHeaders', {
      comment: "API and old action links: the functions' own CSP, HSTS, nosniff, no-referrer",
      securityHeadersBehavior: {
        ...common,
        // What the functions send too: an old action link's page and a calendar feed hold
        // a secret in their address (issue 12, item 3); no answer of the API needs Referer.
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        // The functions set a policy per answer (JSON or page); this only fills a gap.
        contentSecurityPolicy: { contentSecurityPolicy: API_CSP, override: false },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: false },
      },
    });
    const statementHeaders = new cloudfront.ResponseHeadersPolicy(this, 'StatementHeaders', {
      comment: 'Published statement: embeddable by schools (frame-ancestors *)',
      securityHeadersBehavior: {
        ...common,
        contentSecurityPolicy: { contentSecurityPolicy: STATEMENT_CSP, override: false },
      },
      removeHeaders: ['X-Frame-Options', 'Cross-Origin-Resource-Policy', 'Cross-Origin-Embedder-Policy'],
    });

    const apiOrigin = new origins.HttpOrigin(props.apiDomain, {
      // Proof to the API that the request came through CloudFront (issue 12, item 1):
      // CloudFront overwrites any value a viewer sends under this name.
      customHeaders: { [ORIGIN_HEADER]: props.originSecretHeader },
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      readTimeout: Duration.seconds(30),
    });
    const toApi = (responseHeadersPolicy: cloudfront.IResponseHeadersPolicy, viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy): cloudfront.BehaviorOptions => ({
      origin: apiOrigin,
      viewerProtocolPolicy,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      // Every viewer header but Host (API Gateway routes on its own host name), every
      // cookie and query string, and CloudFront's own headers, CloudFront-Viewer-Address
      // among them: shared/http/client-ip.ts reads the caller's IP from it, beside the origin secret.
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy,
      compress: true,
    });

    const siteOrigin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket, {
      // LIST lets S3 answer 404 (not 403) for a path with no file.
      originAccessLevels: [cloudfront.AccessLevel.READ, cloudfront.AccessLevel.LIST],
    });
    const toSite = (responseHeadersPolicy: cloudfront.IResponseHeadersPolicy): cloudfront.BehaviorOptions => ({
      origin: siteOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy,
      functionAssociations: [{ function: directoryIndex, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      compress: true,
    });

    const certificate = props.certificateArn ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn) : undefined;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Provider access: site and API',
      defaultRootObject: 'index.html',
      defaultBehavior: toSite(siteHeaders),
      additionalBehaviors: {
        // Exact paths (no wildcard): the page, not what an old link's token makes of it.
        ...Object.fromEntries(SECRET_PAGES.map((path) => [path, toSite(secretPageHeaders)])),
        ...({
          '/api/*': toApi(apiHeaders, cloudfront.ViewerProtocolPolicy.HTTPS_ONLY),
          '/actions/?*': toApi(apiHeaders, cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS),
          '/schools/*/statement': toApi(statementHeaders, cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS),
        } satisfies Record<(typeof API_PATH_PATTERNS)[number], cloudfront.BehaviorOptions>),
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      ...(certificate && props.domainName
        ? { certificate, domainNames: [props.domainName], minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 }
        : {}),
      // No CloudFront standard logs (issue 12, item 3). They record every request's path
      // (cs-uri-stem) and query: a school's calendar-feed secret, which must stay in its
      // address (/api/schools/{urn}/calendar/{secret}.ics: calendar apps send no headers),
      // on every poll, and for 14 days the token of an action link emailed before the
      // token moved to the fragment; anyone who could read the log bucket could then read
      // a school's calendar or act on its requests. The options: (1) the legacy logs, as
      // before, with that exposure; (2) standard logging v2 with its field selection
      // leaving out cs-uri-stem and cs-uri-query: the selection is per distribution, not
      // per behaviour, so every request would lose its path, and v2's delivery source must
      // be made in us-east-1, a second stack this app does not have; (3) none at the edge.
      // (3) is taken: the API Gateway access log and each function's log line record the
      // route template, never the path (infra/stack.ts, shared/http/handler.ts), and the
      // site bucket's S3 access logs record the static files fetched.
      enableLogging: false,
    });
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR3',
      "CloudFront standard logs would record the calendar-feed secret in each feed's path (and old action links' tokens): the API's access log and function logs record route templates instead, and the site bucket's S3 access logs record the static files (issue 12, item 3; see the comment in infra/site.ts).",
    );
    acknowledge(
      this.distribution,
      '@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
      "LIST only makes S3 answer 404 rather than 403 for a missing file. A listing is never served: '/' is the default root object (index.html) and the directory function turns every other path ending in '/' into '<path>index.html'.",
    );
    this.url = `https://${props.domainName && certificate ? props.domainName : this.distribution.distributionDomainName}`;

    if (!certificate) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        "Without certificateArn the distribution uses CloudFront's default *.cloudfront.net certificate, whose minimum protocol CloudFront fixes at TLSv1; with certificateArn it is TLSv1.2_2021.",
      );
    }
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'No geo restriction: providers, parents and pupils read the site from anywhere (travel, VPNs); the service has nothing that is lawful only in some countries.',
    );
    if (!props.webAclArn) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR2',
        'No WAF web ACL unless -c waf=true (it costs a fixed sum a month; README, "WAF"): the API is reachable only through this distribution, its stage is throttled, the public writes have reserved concurrency, every write is rate-limited per IP and per email in the application (shared/store/rate-limits.ts), and the site is static.',
      );
    }

    // The site: content-hashed assets cached for ever; everything else (the pages, and
    // /assets/site.css, the function-rendered pages' stable name) revalidated every time.
    // Two deployments on one bucket, so neither prunes: old hashed assets stay for pages
    // still open in a browser.
    const deployLogs = new logs.LogGroup(this, 'DeploymentLogs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    const source = [s3deploy.Source.asset(props.webDist)];
    const hashedAssets = new s3deploy.BucketDeployment(this, 'DeployAssets', {
      sources: source,
      destinationBucket: this.bucket,
      exclude: ['*'],
      include: ['assets/*.*.*'],
      prune: false,
      cacheControl: [s3deploy.CacheControl.fromString('public, max-age=31536000, immutable')],
      memoryLimit: 512,
      logGroup: deployLogs,
    });
    const pages = new s3deploy.BucketDeployment(this, 'DeployPages', {
      sources: source,
      destinationBucket: this.bucket,
      exclude: ['assets/*.*.*'],
      prune: false,
      cacheControl: [s3deploy.CacheControl.fromString('no-cache')],
      memoryLimit: 512,
      logGroup: deployLogs,
    });
    // Pages name assets by hash: upload the assets first.
    pages.node.addDependency(hashedAssets);
  }

  /**
   * /imports/* → the imports bucket (issue 17, item 1): a platform admin's browser puts the
   * GIAS file through the site's own address, so the page keeps connect-src 'self' and the
   * bucket needs no CORS. No origin access control: each PUT carries its own presigned
   * signature, made for the bucket's regional host, which is the Host CloudFront sends it;
   * without one S3 refuses it (the bucket blocks all public access). Only the query (the
   * signature) and Content-Type are passed on, never the site's cookies.
   */
  addImportUploads(bucket: s3.IBucket, responseHeadersPolicy?: cloudfront.IResponseHeadersPolicy) {
    const forwarded = new cloudfront.OriginRequestPolicy(this, 'ImportUploadRequests', {
      comment: 'Presigned GIAS uploads: the signature (query) and Content-Type, no cookies',
      queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.all(),
      headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList('content-type'),
      cookieBehavior: cloudfront.OriginRequestCookieBehavior.none(),
    });
    this.distribution.addBehavior(
      '/imports/*',
      new origins.HttpOrigin(bucket.bucketRegionalDomainName, {
        protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
        // A large file on a school's connection: CloudFront's longest wait for S3's answer.
        readTimeout: Duration.seconds(60),
      }),
      {
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: forwarded,
        ...(responseHeadersPolicy ? { responseHeadersPolicy } : {}),
        compress: false,
      },
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR7',
      "The site's own bucket is reached with origin access control. /imports/* goes to the imports bucket without it on purpose: CloudFront would sign every PUT itself, and anyone could upload; each upload instead carries its own presigned signature (15 minutes, one key, one size), and the bucket blocks all public access.",
    );
  }

  /** CDK's one shared function behind every BucketDeployment in the stack. */
  deploymentHandler(): Construct | undefined {
    return Stack.of(this).node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  }
}
