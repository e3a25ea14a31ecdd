// The opt-in WAF (issue 12, item 9; `-c waf=true`): a web ACL with one per-IP rate-based
// rule, on the CloudFront distribution. WAF for CloudFront exists only in us-east-1, so
// the web ACL has a small stack of its own there, deployed first; the main stack
// (eu-west-2) reads its ARN from that stack's output across regions (CDK's
// crossRegionReferences). Cost: README, "WAF".
import { Stack, type StackProps } from 'aws-cdk-lib';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/** The only region where a web ACL for CloudFront can be made. */
export const WAF_REGION = 'us-east-1';

/**
 * Requests one IP may make in any 5 minutes before WAF blocks it (until its rate falls
 * below this again). WAF counts every request to the distribution, cached pages and
 * assets too: a person clicking through the site makes at most a few hundred in 5
 * minutes, a whole college office behind one address perhaps a thousand; a script
 * sending one request a second makes 300 and is left to the application's own limits.
 * 2,000 stops a flood at under 7 a second per address without touching real users.
 */
export const WAF_RATE_LIMIT = 2_000;
export const WAF_WINDOW_SECONDS = 300;

export class WafStack extends Stack {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      // Sampled requests would keep viewers' addresses, headers and cookies in us-east-1:
      // personal data stays in the UK (issue 12, item 5). The metrics are counts only.
      sampledRequestsEnabled: false,
    });
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Provider access: blocks an address that sends a flood of requests',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('ProviderAccessWebAcl'),
      customResponseBodies: {
        'rate-limited': {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            error: { code: 'RATE_LIMITED', message: 'Too many requests from your address in a short time. Wait five minutes and try again.' },
          }),
        },
      },
      rules: [
        {
          name: 'PerIpRate',
          priority: 0,
          statement: { rateBasedStatement: { aggregateKeyType: 'IP', limit: WAF_RATE_LIMIT, evaluationWindowSec: WAF_WINDOW_SECONDS } },
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'rate-limited',
                responseHeaders: [{ name: 'retry-after', value: String(WAF_WINDOW_SECONDS) }],
              },
            },
          },
          visibilityConfig: visibility('ProviderAccessPerIpRate'),
        },
      ],
    });
  }
}
