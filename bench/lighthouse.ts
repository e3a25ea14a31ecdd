// Lighthouse on every page of the site, against the bench's stack: the npm package
// (pinned 12.2.3) driving Debian's Chromium with its default settings, that is a mobile
// device with simulated throttling (slow 4G, 4× CPU slowdown, computed by Lantern from the
// page's network graph rather than by delaying the real requests). One run per page; the
// figures are one run's, not a distribution. Signed-in pages carry the session cookie as
// a header on every request, as Lighthouse's guide to authenticated pages does.
//
// Besides the score, CLS and LCP, each row keeps the unused CSS and the render-blocking
// requests. Lighthouse 12.2 cannot name what shifted with this Chromium (its RootCauses
// gatherer fails on the trace: "reading 'frame_sequence'"), so a page from CLS 0.01
// is loaded once more in Playwright at the same phone size, CPU slowed 4× and each API
// answer held back 400 ms, with a layout-shift observer naming each moved element, so a
// shift can be traced to its cause from the report alone. Each page's whole Lighthouse
// report is kept in node_modules/.cache/bench/lighthouse/ for a closer look.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium, type Browser } from 'playwright-core';
import type { Fixtures } from './api.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, pageTarget, type PageRow } from './pages.ts';
import { SCRATCH, type BenchStack } from './stack.ts';
import { round } from './stats.ts';

export const LIGHTHOUSE_DIR = join(SCRATCH, 'lighthouse');

export interface LighthouseRow {
  page: string;
  url: string;
  who: PageRow['who'];
  /** 0–100. */
  performance: number;
  cls: number;
  lcpMs: number;
  fcpMs: number;
  tbtMs: number;
  /** Bytes of CSS Lighthouse found unused on this page. */
  unusedCssBytes: number;
  /** What moved, from a second load watched by a layout-shift observer: element, its shift's value, and how it moved. */
  shifts: Shift[];
  renderBlocking: string[];
  error?: string;
}

/** Pages from this CLS on are watched a second time to name what moved. */
const CLS_WATCH = 0.01;
/** How long the watched load's API calls wait: about a slow 4G round trip and a little. */
const API_DELAY_MS = 400;

export interface LighthouseResult {
  rows: LighthouseRow[];
  version: string;
  settings: string;
  skipped?: string;
}

export interface Shift {
  node: string;
  score: number;
  /** "y 180→420, h 24→24" */
  moved: string;
}

/** Watches layout shifts from the first paint: each entry's value and its sources, named. */
const SHIFT_OBSERVER = `(() => {
  const name = (n) => {
    if (!n || n.nodeType !== 1) return n && n.parentElement ? name(n.parentElement) + ' (text)' : '?';
    const cls = [...n.classList].slice(0, 2).map((c) => '.' + c).join('');
    return n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') + cls;
  };
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      window.__shifts.push({ value: e.value, sources: e.sources.map((s) => ({ node: name(s.node), prev: [s.previousRect.y, s.previousRect.height], cur: [s.currentRect.y, s.currentRect.height] })) });
    }
  }).observe({ type: 'layout-shift', buffered: true });
})()`;

async function watchShifts(browser: Browser, url: string, cookie: string | undefined): Promise<Shift[]> {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true, ...(cookie ? { extraHTTPHeaders: { Cookie: cookie } } : {}) });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.addInitScript(SHIFT_OBSERVER);
    // The API answers in a few milliseconds here, often before the first paint, hiding
    // what a phone on a real network sees: the page painted, then filled in.
    await context.route('**/api/**', async (route) => {
      await new Promise((r) => setTimeout(r, API_DELAY_MS));
      await route.continue();
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.waitForTimeout(300);
    const entries = (await page.evaluate('window.__shifts')) as { value: number; sources: { node: string; prev: number[]; cur: number[] }[] }[];
    const out: Shift[] = [];
    for (const e of entries) {
      for (const s of e.sources) {
        out.push({ node: s.node, score: round(e.value / e.sources.length, 3), moved: `y ${Math.round(s.prev[0] ?? 0)}→${Math.round(s.cur[0] ?? 0)}, h ${Math.round(s.prev[1] ?? 0)}→${Math.round(s.cur[1] ?? 0)}` });
      }
    }
    return out.sort((a, b) => b.score - a.score).slice(0, 5);
  } finally {
    await context.close();
  }
}

interface AuditLike {
  score?: number | null;
  numericValue?: number;
  details?: { items?: Record<string, unknown>[]; type?: string };
}

/** The pages to measure: every page the build made, and the published statement a function renders. */
export function lighthousePaths(stack: BenchStack, statementPath: string): string[] {
  return [...stack.webWeights.map((w) => w.path), statementPath];
}

export async function measureLighthouse(stack: BenchStack, f: Fixtures, paths: string[], log: (l: string) => void): Promise<LighthouseResult> {
  const { version } = (await import('lighthouse/package.json', { with: { type: 'json' } })).default as { version: string };
  let chrome: chromeLauncher.LaunchedChrome;
  try {
    chrome = await chromeLauncher.launch({
      chromePath: CHROMIUM_PATH,
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      logLevel: 'silent',
    });
  } catch (err) {
    const skipped = `Chromium did not start (${CHROMIUM_PATH}): ${(err as Error).message.split('\n')[0]}`;
    log(`  lighthouse skipped: ${skipped}`);
    return { rows: [], version, settings: '', skipped };
  }
  const cookies: Record<PageRow['who'], string | undefined> = { anyone: undefined, provider: f.provider, staff: f.lead };
  const rows: LighthouseRow[] = [];
  let settings = '';
  let watcher: Browser | undefined;
  try {
    for (const path of paths) {
      const { url, who } = pageTarget(path, f);
      const cookie = cookies[who];
      const full = new URL(url, stack.siteUrl).href;
      try {
        const run = () =>
          lighthouse(full, {
            port: chrome.port,
            onlyCategories: ['performance'],
            output: 'json',
            logLevel: 'error',
            ...(cookie ? { extraHeaders: { Cookie: cookie.split(';')[0] ?? cookie } } : {}),
          });
        // A run whose trace failed (NO_NAVSTART now and then on a busy machine) says "run
        // Lighthouse again": once, then the page's row is an error, never a score of 0.
        let result = await run();
        if (result?.lhr.runtimeError) result = await run();
        if (!result) throw new Error('Lighthouse gave no result');
        const lhr = result.lhr;
        if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
        await mkdir(LIGHTHOUSE_DIR, { recursive: true });
        await writeFile(join(LIGHTHOUSE_DIR, `${path.replace(/^\/|\/$/g, '').replaceAll('/', '-') || 'home'}.json`), JSON.stringify(lhr));
        const s = lhr.configSettings;
        settings ||= `${s.formFactor}, ${s.throttlingMethod} throttling (RTT ${s.throttling.rttMs} ms, ${round(s.throttling.throughputKbps / 1024, 1)} Mbps, CPU ×${s.throttling.cpuSlowdownMultiplier}), screen ${s.screenEmulation.width}×${s.screenEmulation.height}`;
        const audit = (id: string): AuditLike => (lhr.audits[id] ?? {}) as AuditLike;
        const items = (id: string) => audit(id).details?.items ?? [];
        rows.push({
          page: path,
          url,
          who,
          performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
          cls: round(audit('cumulative-layout-shift').numericValue ?? NaN, 3),
          lcpMs: Math.round(audit('largest-contentful-paint').numericValue ?? NaN),
          fcpMs: Math.round(audit('first-contentful-paint').numericValue ?? NaN),
          tbtMs: Math.round(audit('total-blocking-time').numericValue ?? NaN),
          unusedCssBytes: Math.round(items('unused-css-rules').reduce((n, i) => n + Number(i.wastedBytes ?? 0), 0)),
          shifts: [],
          renderBlocking: items('render-blocking-resources').map((i) => new URL(String(i.url)).pathname),
        });
      } catch (err) {
        rows.push({ page: path, url, who, performance: NaN, cls: NaN, lcpMs: NaN, fcpMs: NaN, tbtMs: NaN, unusedCssBytes: NaN, shifts: [], renderBlocking: [], error: (err as Error).message.slice(0, 200) });
      }
      const r = rows[rows.length - 1] as LighthouseRow;
      if (!(r.cls < CLS_WATCH)) {
        watcher ??= await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, chromiumSandbox: false });
        r.shifts = await watchShifts(watcher, full, cookie?.split(';')[0]).catch((err: unknown) => [{ node: `(not watched: ${(err as Error).message.slice(0, 80)})`, score: 0, moved: '' }]);
      }
      log(`  lighthouse ${path.padEnd(28)} ${r.error ? `error: ${r.error}` : `performance ${r.performance}, CLS ${r.cls}, LCP ${r.lcpMs} ms`}`);
    }
  } finally {
    chrome.kill();
    await watcher?.close();
  }
  return { rows, version, settings };
}
