// The deployment's settings, from CDK context (`-c key=value` or cdk.json's "context").
// Nothing else in infra/ reads context: the stack takes a StackConfig.

export interface StackConfig {
  /** dev, staging, prod…: part of the stack name; prod keeps logs longer. */
  envName: string;
  /**
   * The service's domain (e.g. provideraccess.org.uk): SES verifies it as the sender
   * domain (DKIM). With `certificateArn` (ACM, us-east-1) CloudFront serves the site on it.
   */
  domainName?: string;
  /** An ACM certificate in us-east-1 for domainName (and nothing else). */
  certificateArn?: string;
  /** The address emails come from, e.g. no-reply@provideraccess.org.uk. */
  senderAddress: string;
  /** Where alarms are emailed (SNS asks the address to confirm the subscription). */
  alarmEmail: string;
  /**
   * The AWS region everything is deployed to: eu-west-2 (London) unless `-c region=…`
   * says otherwise, never taken from the CLI's environment (issue 12, item 5).
   */
  region: string;
  /**
   * The origin secret's version CloudFront sends (`-c originSecretVersion=<VersionId>`),
   * after a rotation (README, "Origin secret"); the current version when left out.
   */
  originSecretVersion?: string;
  /** `-c waf=true`: a WAF web ACL with a per-IP rate-based rule on the distribution (infra/waf.ts). */
  waf: boolean;
}

/** The UK's AWS regions: pupils' and staff's personal data stays in the UK (UK GDPR). */
export const UK_REGIONS = ['eu-west-2'] as const;
export const DEFAULT_REGION = 'eu-west-2';

type Context = (key: string) => unknown;

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function text(context: Context, key: string): string | undefined {
  const v = context(key);
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new ConfigError(`Context ${key} must be a string.`);
  return v.trim();
}

/** A true/false context value: `-c waf=true` arrives as a string, cdk.json's as a boolean. */
function flag(context: Context, key: string, problems: string[]): boolean {
  const v = context(key);
  if (v === undefined || v === null || v === '' || v === false || v === 'false') return false;
  if (v === true || v === 'true') return true;
  problems.push(`${key} must be true or false (e.g. -c ${key}=true).`);
  return false;
}

/** Reads and checks the context; every problem at once, each saying what to pass. */
export function configFromContext(context: Context): StackConfig {
  const problems: string[] = [];
  const envName = text(context, 'envName') ?? 'dev';
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(envName)) problems.push(`envName "${envName}": lower-case letters, digits and hyphens, at most 20 (e.g. -c envName=prod).`);
  const senderAddress = text(context, 'senderAddress');
  if (!senderAddress) problems.push('senderAddress is missing: pass -c senderAddress=no-reply@your-domain.');
  else if (!EMAIL.test(senderAddress)) problems.push(`senderAddress "${senderAddress}" is not an email address.`);
  const alarmEmail = text(context, 'alarmEmail');
  if (!alarmEmail) problems.push('alarmEmail is missing: pass -c alarmEmail=ops@your-domain.');
  else if (!EMAIL.test(alarmEmail)) problems.push(`alarmEmail "${alarmEmail}" is not an email address.`);
  const domainName = text(context, 'domainName')?.toLowerCase();
  if (domainName && !DOMAIN.test(domainName)) problems.push(`domainName "${domainName}" is not a domain name.`);
  if (domainName && senderAddress && !senderAddress.toLowerCase().endsWith(`@${domainName}`)) {
    problems.push(`senderAddress "${senderAddress}" must be an address at domainName ${domainName} (SES verifies the domain).`);
  }
  const certificateArn = text(context, 'certificateArn');
  if (certificateArn && !domainName) problems.push('certificateArn needs domainName (the name the certificate is for).');
  if (certificateArn && !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(certificateArn)) {
    problems.push('certificateArn must be an ACM certificate in us-east-1 (CloudFront only uses those).');
  }
  // The CDK CLI fills CDK_DEFAULT_REGION from the machine's AWS profile, or with us-east-1
  // when there is none: so the region comes from context alone, and a region outside the
  // UK must be asked for on purpose.
  const region = text(context, 'region') ?? DEFAULT_REGION;
  if (!/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(region)) problems.push(`region "${region}" is not an AWS region name (e.g. -c region=eu-west-2).`);
  else if (!(UK_REGIONS as readonly string[]).includes(region) && context('allowNonUkRegion') !== true && context('allowNonUkRegion') !== 'true') {
    problems.push(
      `region "${region}" is outside the UK, so schools' and providers' personal data would leave the UK. Deploy to ${UK_REGIONS.join(' or ')}, or pass -c allowNonUkRegion=true if that is intended and lawful.`,
    );
  }
  const originSecretVersion = text(context, 'originSecretVersion');
  if (originSecretVersion && !/^[A-Za-z0-9-]{32,64}$/.test(originSecretVersion)) {
    problems.push(`originSecretVersion "${originSecretVersion}" is not a Secrets Manager VersionId (put-secret-value prints it).`);
  }
  const waf = flag(context, 'waf', problems);
  if (problems.length) throw new ConfigError(`The CDK app's context is not usable:\n  - ${problems.join('\n  - ')}`);
  return {
    envName,
    region,
    senderAddress: senderAddress as string,
    alarmEmail: alarmEmail as string,
    ...(domainName ? { domainName } : {}),
    ...(certificateArn ? { certificateArn } : {}),
    ...(originSecretVersion ? { originSecretVersion } : {}),
    waf,
  };
}
