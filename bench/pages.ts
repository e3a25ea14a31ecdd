// Item 1, pages: each page of the site in headless Chromium against the bench's stack,
// with its API answers real. Every response is recorded: bytes as the local server sent
// them, and as CloudFront would (Brotli, as it compresses text of 1 KB to 10 MB for a
// browser that accepts br; gzip shown too). Any request leaving the site is listed: there
// must be none. Time to render: first contentful paint and "ready" (load event and the
// last response, API calls included), as a ratio to a blank page in the same browser.
import { performance } from 'node:perf_hooks';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Fixtures } from './api.ts';
import { routesOfApiPaths } from './cost.ts';
import { SHOWCASE } from './fixtures.ts';
import type { BenchStack } from './stack.ts';
import { median, round } from './stats.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export interface PageRow {
  page: string;
  url: string;
  who: 'anyone' | 'provider' | 'staff';
  requests: number;
  raw: number;
  brotli: number;
  gzip: number;
  thirdParty: string[];
  fcpMs: number;
  readyMs: number;
  blankReadyMs: number;
  readyRatio: number;
  errors: string[];
  byType: Record<string, number>;
  /** The routes of the API calls the page made. */
  apiRoutes: string[];
}

export interface PagesResult {
  rows: PageRow[];
  runs: number;
  skipped?: string;
}

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml)|image\/svg\+xml)/;

/** What CloudFront sends for a body of this type: Brotli/gzip for compressible text from 1,000 bytes to 10 MB. */
function compressed(body: Buffer, type: string, how: 'br' | 'gzip'): number {
  if (!COMPRESSIBLE.test(type) || body.length < 1000 || body.length > 10_000_000) return body.length;
  return how === 'br' ? brotliCompressSync(body).length : gzipSync(body, { level: 6 }).length;
}

export function pageTarget(path: string, f: Fixtures): { url: string; who: PageRow['who'] } {
  const urn = SHOWCASE.urn;
  if (path.startsWith('/manage/requests/decide')) return { url: `${path}?id=${f.pendingShowcaseId}&action=approve`, who: 'staff' };
  if (path.startsWith('/manage/requests')) return { url: `${path}?id=${f.pendingShowcaseId}`, who: 'staff' };
  if (path.startsWith('/manage')) return { url: `${path}?urn=${urn}`, who: 'staff' };
  switch (path) {
    case '/schools/':
      return { url: '/schools/?q=harbour', who: 'anyone' };
    case '/school/':
    case '/request/':
      return { url: `${path}?urn=${urn}`, who: 'anyone' };
    case '/request/sent/':
    case '/requests/view/':
    case '/requests/move/':
    case '/requests/counter/':
      return { url: `${path}?id=${f.providerRequestId}`, who: 'provider' };
    case '/requests/':
    case '/tours/':
    case '/tours/new/':
    case '/provider/evidence/':
    case '/provider/organisation/':
      return { url: path, who: 'provider' };
    default:
      return { url: path, who: 'anyone' };
  }
}

interface Loaded {
  raw: number;
  brotli: number;
  gzip: number;
  requests: number;
  thirdParty: string[];
  fcp: number;
  ready: number;
  errors: string[];
  byType: Record<string, number>;
  api: { method: string; path: string }[];
}

/** One browser tab, reused for every load (opening a tab costs more than a navigation). */
class Tab {
  private acc = Tab.empty();
  private pending: Promise<void>[] = [];
  private errors: string[] = [];
  private inflight = 0;
  private lastChange = performance.now();

  private static empty() {
    return { raw: 0, brotli: 0, gzip: 0, requests: 0, thirdParty: [] as string[], byType: {} as Record<string, number>, api: [] as { method: string; path: string }[] };
  }

  private readonly page: Page;
  private readonly site: string;

  constructor(page: Page, site: string) {
    this.page = page;
    this.site = site;
    const origin = new URL(site).origin;
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(m.text().slice(0, 200));
    });
    page.on('pageerror', (e) => this.errors.push(e.message.slice(0, 200)));
    const settle = () => {
      this.inflight--;
      this.lastChange = performance.now();
    };
    page.on('requestfinished', settle);
    page.on('requestfailed', settle);
    page.on('request', (r) => {
      this.inflight++;
      this.lastChange = performance.now();
      const u = r.url();
      if (u.startsWith('data:') || u.startsWith('blob:')) return;
      const parsed = new URL(u);
      if (parsed.origin !== origin) this.acc.thirdParty.push(u);
      else if (parsed.pathname.startsWith('/api/')) this.acc.api.push({ method: r.method(), path: parsed.pathname });
    });
    page.on('response', (res) => {
      const acc = this.acc;
      this.pending.push(
        (async () => {
          const body = await res.body().catch(() => Buffer.alloc(0));
          const type = (res.headers()['content-type'] ?? '').split(';')[0] ?? '';
          acc.requests++;
          acc.raw += body.length;
          const br = compressed(body, type, 'br');
          acc.brotli += br;
          acc.gzip += compressed(body, type, 'gzip');
          const kind = new URL(res.url()).pathname.startsWith('/api/') ? 'api' : type.replace(/^.*\//, '') || 'other';
          acc.byType[kind] = (acc.byType[kind] ?? 0) + br;
        })(),
      );
    });
  }

  async load(url: string): Promise<Loaded> {
    this.acc = Tab.empty();
    this.pending = [];
    this.errors = [];
    await this.page.goto(new URL(url, this.site).href, { waitUntil: 'load' });
    // Settled: nothing in flight for 150 ms (the page's API calls start after its script runs).
    const deadline = performance.now() + 10_000;
    while (performance.now() < deadline && (this.inflight > 0 || performance.now() - this.lastChange < 150)) await new Promise((r) => setTimeout(r, 25));
    await Promise.all(this.pending);
    // Evaluated in the page (browser types, not Node's).
    const timing = (await this.page.evaluate(`(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      const last = Math.max(0, ...performance.getEntriesByType('resource').map((e) => e.responseEnd));
      return { fcp: paint ? paint.startTime : NaN, ready: Math.max(nav ? nav.loadEventEnd : 0, last) };
    })()`)) as { fcp: number; ready: number };
    return { ...this.acc, fcp: timing.fcp, ready: timing.ready, errors: [...this.errors] };
  }
}

export async function measurePages(stack: BenchStack, f: Fixtures, runs: number, log: (l: string) => void): Promise<PagesResult> {
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, chromiumSandbox: false });
  } catch (err) {
    const skipped = `Chromium did not start (${CHROMIUM_PATH}): ${(err as Error).message.split('\n')[0]}`;
    log(`  pages skipped: ${skipped}`);
    return { rows: [], runs: 0, skipped };
  }
  try {
    const site = stack.siteUrl;
    const cookieOf = (c: string) => {
      const [name, value] = c.split('=');
      // A __Host- cookie takes no Domain attribute, but CDP needs the host: domain + path as the tests set it (a url is refused).
      return { name: name ?? '', value: value ?? '', domain: new URL(site).hostname, path: '/', httpOnly: true, secure: true, sameSite: 'Lax' as const };
    };
    const contexts: Record<PageRow['who'], BrowserContext> = {
      anyone: await browser.newContext(),
      provider: await browser.newContext(),
      staff: await browser.newContext(),
    };
    await contexts.provider.addCookies([cookieOf(f.provider)]);
    await contexts.staff.addCookies([cookieOf(f.lead)]);
    const blankHtml = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title></head><body><p>Blank</p></body></html>';
    for (const ctx of Object.values(contexts)) {
      await ctx.route('**/__bench/blank', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: blankHtml }));
    }
    const paths = [...stack.webWeights.map((w) => w.path), `/schools/${SHOWCASE.urn}/statement`];
    const tabs = {} as Record<PageRow['who'], Tab>;
    for (const who of Object.keys(contexts) as PageRow['who'][]) tabs[who] = new Tab(await contexts[who].newPage(), site);
    const rows: PageRow[] = [];
    for (const path of paths) {
      const { url, who } = pageTarget(path, f);
      const tab = tabs[who];
      const samples: Loaded[] = [];
      const blanks: number[] = [];
      for (let r = 0; r < runs + 1; r++) {
        const blank = await tab.load('/__bench/blank');
        const loaded = await tab.load(url);
        if (r === 0) continue; // the first visit fills the browser's code cache, as a returning visitor's has
        blanks.push(blank.ready);
        samples.push(loaded);
      }
      const first = samples[0] as Loaded;
      const ready = median(samples.map((s) => s.ready));
      const blankReady = median(blanks);
      rows.push({
        page: path,
        url,
        who,
        requests: first.requests,
        raw: first.raw,
        brotli: first.brotli,
        gzip: first.gzip,
        thirdParty: [...new Set(samples.flatMap((s) => s.thirdParty))],
        fcpMs: round(median(samples.map((s) => s.fcp)), 1),
        readyMs: round(ready, 1),
        blankReadyMs: round(blankReady, 1),
        readyRatio: round(ready / blankReady),
        errors: [...new Set(samples.flatMap((s) => s.errors))],
        byType: first.byType,
        apiRoutes: routesOfApiPaths(first.api),
      });
    }
    log(`  ${rows.length} pages loaded ${runs}× each in Chromium`);
    return { rows, runs };
  } finally {
    await browser.close();
  }
}
