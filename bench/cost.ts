// Item 6, cost: AWS list prices for eu-west-2 (London) times the units this run measured,
// for 1,000 requests and for a national year (3,500 secondary schools × 60 requests).
import { findRoute } from '#shared/routes.ts';
import type { RouteRow } from './api.ts';
import type { BundleResult } from './bundles.ts';
import type { CapacityResult } from './capacity.ts';
import type { PagesResult } from './pages.ts';
import type { DailyScaleResult } from './daily-scale.ts';
import { IMPORT_MEMORY_MB, type ImportScaleResult } from './import-scale.ts';
import { round } from './stats.ts';

/**
 * List prices in USD, eu-west-2 unless said. Written down from the AWS pricing pages on the
 * date below (on-demand, no free tier, no savings plans); the bench machine cannot reach
 * them, so check each against its page before using the figures for a budget.
 */
export const PRICES = {
  asOf: '2026-11-23',
  currency: 'USD',
  lambdaArmPerGbSecond: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  apiGatewayHttpPerMillion: 1.11,
  dynamoPerMillionWriteUnits: 0.7068,
  dynamoPerMillionReadUnits: 0.1414,
  dynamoStoragePerGbMonth: 0.29,
  sesPerThousandEmails: 0.1,
  /** CloudFront, Europe edge locations: first 10 TB a month, and HTTPS requests. */
  cloudFrontPerGb: 0.085,
  cloudFrontPerTenThousandHttps: 0.012,
  /** S3 Standard, eu-west-2: the GIAS extract's upload (PUT), the import's read (GET), the file kept a month. */
  s3PutPerThousand: 0.0053,
  s3GetPerThousand: 0.00042,
  s3StoragePerGbMonth: 0.024,
  sources: [
    'https://aws.amazon.com/lambda/pricing/ (Arm price per GB-second, per 1M requests; INIT billed since 1 August 2025)',
    'https://aws.amazon.com/api-gateway/pricing/ (HTTP APIs, first 300 million a month)',
    'https://aws.amazon.com/dynamodb/pricing/on-demand/ (after the 1 November 2024 cut)',
    'https://aws.amazon.com/ses/pricing/ (outbound email)',
    'https://aws.amazon.com/cloudfront/pricing/ (Europe; the always-free tier of 1 TB and 10 million requests a month is not applied here)',
    'https://aws.amazon.com/s3/pricing/ (S3 Standard, London: PUT and GET requests, storage; added 2026-12-01)',
  ],
} as const;

/** Lambda memory of an API function (infra/stack.ts SIZING.api) and of the mailer. */
const API_MEMORY_GB = 0.5;
const MAILER_MEMORY_GB = 0.5;

/** One request's life in page views and API calls: the assumptions of the cost table. */
export const JOURNEY = {
  provider: ['/', '/schools/', '/school/', '/request/', '/request/sent/', '/requests/view/'],
  lead: ['/manage/', '/manage/requests/view/', '/manage/', '/manage/requests/decide/'],
  /** Calls not made by a page load (rows of the route table): the form's POST on a slot and the lead's approval. */
  writes: ['request create (slot)', 'manage: approve'],
};

export const NATIONAL = { schools: 3500, requestsPerSchool: 60 };

export interface CostLine {
  item: string;
  units: string;
  per1000: number;
  nationalYear: number;
}

/** A job's cost: one run, a month of runs, a national year. */
export interface JobCostLine {
  item: string;
  units: string;
  perRun: number;
  perMonth: number;
  nationalYear: number;
}

/** Lambda memory of the daily job (infra/stack.ts SIZING.schedule) and of the S3 import (SIZING['import-upload']). */
const JOB_MEMORY_GB = 0.5;
const IMPORT_MEMORY_GB = IMPORT_MEMORY_MB / 1024;
/** The daily job runs every day of the year (its EventBridge schedule); the import, as the brief has it, once a month at most. */
const DAILY_RUNS = { month: 365 / 12, year: 365 };
const IMPORT_RUNS = { month: 1, year: 12 };

export interface CostResult {
  /** When this table was made (the prices' own date is prices.asOf). */
  generatedAt: string;
  jobs: JobCostLine[];
  prices: typeof PRICES;
  journey: typeof JOURNEY;
  perRequest: {
    pageViews: number;
    apiCalls: number;
    lambdaGbSeconds: number;
    initGbSeconds: number;
    wru: number;
    rru: number;
    emails: number;
    cdnBytes: number;
    cdnRequests: number;
    storedKb: number;
  };
  lines: CostLine[];
  total: { per1000: number; nationalYear: number };
  notes: string[];
}

export function costTable(
  input: { routes: RouteRow[]; capacity?: CapacityResult; pages?: PagesResult; bundles?: BundleResult; storedKbPerRequest: number; daily?: DailyScaleResult; import?: ImportScaleResult },
): CostResult {
  const notes: string[] = [];
  const jobs = jobCosts(input.daily, input.import, notes);
  if (input.routes.length === 0) {
    notes.push('The per-request lines need the API routes measured (the api phase): not in this run.');
    return { generatedAt: new Date().toISOString(), jobs, prices: PRICES, journey: JOURNEY, perRequest: { pageViews: 0, apiCalls: 0, lambdaGbSeconds: 0, initGbSeconds: 0, wru: 0, rru: 0, emails: 0, cdnBytes: 0, cdnRequests: 0, storedKb: 0 }, lines: [], total: { per1000: 0, nationalYear: 0 }, notes };
  }
  // A row by its name, or the first row of a route (a page's API call).
  const routeMs = new Map<string, RouteRow>();
  for (const r of input.routes) {
    routeMs.set(r.name, r);
    if (!routeMs.has(r.route)) routeMs.set(r.route, r);
  }
  const bundleInit = new Map((input.bundles?.rows ?? []).map((b) => [b.name, b.initMs]));
  const pages = new Map((input.pages?.rows ?? []).map((p) => [p.page, p]));
  const flows = new Map((input.capacity?.flows ?? []).map((f) => [f.flow, f]));

  let pageViews = 0;
  let cdnBytes = 0;
  let cdnRequests = 0;
  const apiRoutes: string[] = [];
  for (const path of [...JOURNEY.provider, ...JOURNEY.lead]) {
    const p = pages.get(path);
    pageViews++;
    if (!p) {
      notes.push(`page ${path} was not measured: counted with no bytes and no API calls`);
      continue;
    }
    cdnBytes += p.brotli;
    cdnRequests += p.requests;
    apiRoutes.push(...p.apiRoutes);
  }
  apiRoutes.push(...JOURNEY.writes);

  // Lambda: billed duration ≈ the route's median time here (DynamoDB Local answers in a few
  // ms, like DynamoDB in-region); init billed for every invocation (worst case at this low,
  // spread-out traffic, where most invocations start cold).
  let gbSeconds = 0;
  let initGbSeconds = 0;
  for (const route of apiRoutes) {
    const r = routeMs.get(route);
    gbSeconds += (Math.ceil(r?.http.p50 ?? 20) / 1000) * API_MEMORY_GB;
    initGbSeconds += ((bundleInit.get(r?.route ?? route) ?? 250) / 1000) * API_MEMORY_GB;
  }
  // DynamoDB: the routes' recorded units; create and approve from the capacity flows (with the mailer's).
  let wru = 0;
  let rru = 0;
  for (const route of apiRoutes) {
    const r = routeMs.get(route);
    wru += r?.wcu ?? 0;
    rru += r?.rcu ?? 0;
  }
  let emails = 0;
  let mailerGbSeconds = 0;
  let mailerInvocations = 0;
  for (const name of ['create (slot)', 'approve']) {
    const f = flows.get(name);
    if (!f) continue;
    wru += f.mailer.wcu;
    rru += f.mailer.rcu;
    emails += f.emails;
    mailerInvocations += 1;
    mailerGbSeconds += (Math.ceil(f.mailer.ms) / 1000) * MAILER_MEMORY_GB + ((bundleInit.get('notify') ?? 300) / 1000) * MAILER_MEMORY_GB;
  }
  const invocations = apiRoutes.length + mailerInvocations;
  const perRequest = {
    pageViews,
    apiCalls: apiRoutes.length,
    lambdaGbSeconds: round(gbSeconds + mailerGbSeconds, 4),
    initGbSeconds: round(initGbSeconds, 4),
    wru: round(wru, 1),
    rru: round(rru, 1),
    emails,
    cdnBytes,
    cdnRequests,
    storedKb: round(input.storedKbPerRequest, 1),
  };
  const year = NATIONAL.schools * NATIONAL.requestsPerSchool;
  const line = (item: string, units: string, perRequestUsd: number, yearExtra = 0): CostLine => ({
    item,
    units,
    per1000: round(perRequestUsd * 1000, 4),
    nationalYear: round(perRequestUsd * year + yearExtra, 2),
  });
  const lambdaUsd = invocations * (PRICES.lambdaPerMillionRequests / 1e6) + (gbSeconds + mailerGbSeconds + initGbSeconds) * PRICES.lambdaArmPerGbSecond;
  // Storage: what a request leaves in the table stays; over the year the table grows linearly, so the year pays half its end size for 12 months.
  const endGb = (input.storedKbPerRequest * year) / (1024 * 1024);
  const storageYear = endGb * 0.5 * 12 * PRICES.dynamoStoragePerGbMonth;
  const storagePer1000 = ((input.storedKbPerRequest * 1000) / (1024 * 1024)) * PRICES.dynamoStoragePerGbMonth;
  const lines: CostLine[] = [
    line('API Gateway (HTTP API)', `${apiRoutes.length} calls`, (apiRoutes.length * PRICES.apiGatewayHttpPerMillion) / 1e6),
    line('Lambda (Arm, 512 MB; INIT billed, every invocation cold)', `${invocations} invocations, ${round(gbSeconds + mailerGbSeconds + initGbSeconds, 3)} GB-s`, lambdaUsd),
    line('DynamoDB writes (on-demand)', `${perRequest.wru} WRU`, (wru * PRICES.dynamoPerMillionWriteUnits) / 1e6),
    line('DynamoDB reads (on-demand)', `${perRequest.rru} RRU`, (rru * PRICES.dynamoPerMillionReadUnits) / 1e6),
    { item: 'DynamoDB storage', units: `${perRequest.storedKb} KB a request (with index copies)`, per1000: round(storagePer1000, 4), nationalYear: round(storageYear, 2) },
    line('SES', `${emails} emails`, (emails * PRICES.sesPerThousandEmails) / 1000),
    line('CloudFront (Europe)', `${pageViews} page views, ${cdnRequests} requests, ${round(cdnBytes / 1024, 1)} KB`, (cdnBytes / 1024 ** 3) * PRICES.cloudFrontPerGb + (cdnRequests * PRICES.cloudFrontPerTenThousandHttps) / 10_000),
  ];
  const total = { per1000: round(lines.reduce((n, l) => n + l.per1000, 0), 4), nationalYear: round(lines.reduce((n, l) => n + l.nationalYear, 0), 2) };
  notes.push(
    `A request's journey: the provider sees ${JOURNEY.provider.join(', ')}; the lead sees ${JOURNEY.lead.join(', ')}; plus the create POST and one approval. API calls per page are those the page made in Chromium.`,
    'Not included: CloudWatch logs and alarms, KMS, the SNS/SQS of mail feedback and dead letters, data transfer out of API Gateway behind CloudFront, free tiers. The daily job and the S3 import are in the table of jobs when their phases ran.',
  );
  return { generatedAt: new Date().toISOString(), jobs, prices: PRICES, journey: JOURNEY, perRequest, lines, total, notes };
}

/** The daily job at national scale and one whole-file S3 import, from the units and durations their phases measured. */
function jobCosts(daily: DailyScaleResult | undefined, imported: ImportScaleResult | undefined, notes: string[]): JobCostLine[] {
  const lines: JobCostLine[] = [];
  const lambda = (seconds: number, gb = JOB_MEMORY_GB) => PRICES.lambdaPerMillionRequests / 1e6 + seconds * gb * PRICES.lambdaArmPerGbSecond;
  const job = (item: string, units: string, perRun: number, runs: { month: number; year: number }): JobCostLine => ({
    item,
    units,
    perRun: round(perRun, 4),
    perMonth: round(perRun * runs.month, 4),
    nationalYear: round(perRun * runs.year, 2),
  });
  if (daily) {
    const seconds = daily.projection.highSeconds;
    lines.push(
      job('daily job: Lambda (Arm, 512 MB)', `1 run, ${seconds} s projected (the slower call time)`, lambda(seconds), DAILY_RUNS),
      job('daily job: DynamoDB (on-demand)', `${daily.rcu.toLocaleString('en-GB')} RRU, ${daily.wcu.toLocaleString('en-GB')} WRU`, (daily.rcu * PRICES.dynamoPerMillionReadUnits + daily.wcu * PRICES.dynamoPerMillionWriteUnits) / 1e6, DAILY_RUNS),
      job('daily job: SES', `${daily.emailsQueued.toLocaleString('en-GB')} emails`, (daily.emailsQueued * PRICES.sesPerThousandEmails) / 1000, DAILY_RUNS),
    );
    notes.push(`The daily job: ${daily.schools.toLocaleString('en-GB')} schools and ${daily.requests.toLocaleString('en-GB')} requests, one run as measured in "Daily job at national scale", every day of the year. One day's units stand for every day's; a day in the holidays does less, a day after a busy week more. The mailer's work for its emails is not in these lines.`);
  }
  if (imported) {
    const first = imported.first;
    const gb = imported.bytes / 1024 ** 3;
    const seconds = first.projectedSeconds;
    lines.push(
      job('S3 import: S3 (PUT, GET, a month stored)', `1 PUT, 1 GET, ${(imported.bytes / 1024 / 1024).toFixed(1)} MB for a month`, PRICES.s3PutPerThousand / 1000 + PRICES.s3GetPerThousand / 1000 + gb * PRICES.s3StoragePerGbMonth, IMPORT_RUNS),
      job(`S3 import: Lambda (Arm, ${IMPORT_MEMORY_MB.toLocaleString('en-GB')} MB)`, `1 run, ${seconds} s projected`, lambda(seconds, IMPORT_MEMORY_GB), IMPORT_RUNS),
      job('S3 import: DynamoDB, first import', `${first.rcu.toLocaleString('en-GB')} RRU, ${first.wcu.toLocaleString('en-GB')} WRU`, (first.rcu * PRICES.dynamoPerMillionReadUnits + first.wcu * PRICES.dynamoPerMillionWriteUnits) / 1e6, { month: 0, year: 1 }),
      job('S3 import: DynamoDB, a monthly re-import', `${imported.again.rcu.toLocaleString('en-GB')} RRU, ${imported.again.wcu.toLocaleString('en-GB')} WRU`, (imported.again.rcu * PRICES.dynamoPerMillionReadUnits + imported.again.wcu * PRICES.dynamoPerMillionWriteUnits) / 1e6, IMPORT_RUNS),
    );
    notes.push(`The S3 import: one ${imported.rows.toLocaleString('en-GB')}-row extract uploaded with a presigned PUT and read by one function run (its duration projected as the daily job's is); the first import once, then a re-import each month that changes nothing (a real month changes a few hundred schools: a few hundred WRU more). Its progress items are not counted.`);
  }
  return lines;
}

/** The route names a page's API calls went to (by the route table). */
export function routesOfApiPaths(paths: { method: string; path: string }[]): string[] {
  return paths.map((p) => findRoute(p.method, p.path).route?.name ?? 'not-found');
}
