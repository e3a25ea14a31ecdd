// Browser tests: Debian's Chromium driven by playwright-core, one browser per test file.
// Pages run under the site's own Content-Security-Policy (no unsafe-inline); every page
// records console errors, CSP violations and any request that leaves the site, and the
// tests assert there are none.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { createLocalServer, REPO_ROOT } from '#infra/local/server.ts';
import { freePort } from '#infra/local/ports.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';
import { TEST_ORIGIN_SECRET } from '../support/cloudfront.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** Per test: a browser journey on a busy 2-core machine (the whole suite runs at once). */
export const BROWSER_TEST_TIMEOUT = 90_000;

/** Where screenshots go (ignored by git; CI keeps .ci/out). */
export const SCREENSHOTS = join(REPO_ROOT, '.ci', 'out', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, chromiumSandbox: false });
}

/** One browser for the test file: `const b = useBrowser(); … b.browser`. */
export function useBrowser(): { readonly browser: Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('the browser has not started');
      return browser;
    },
  };
}

/**
 * The built site alone (web/dist) on a free port at http://localhost, for pages whose API
 * answers the test fakes with `page.route`. API paths nobody fakes reach the local
 * server's route table (the not-found function answers the error contract).
 */
export function useStaticSite(): { readonly url: string } {
  let url: string | undefined;
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const server = createLocalServer({ staticRoot: join(REPO_ROOT, 'web', 'dist') });
    const port = await freePort();
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
    url = `http://localhost:${port}`;
    stop = async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    };
  });
  afterAll(async () => stop?.());
  return {
    get url() {
      if (!url) throw new Error('the site has not started');
      return url;
    },
  };
}

/**
 * The whole product (startLocalStack: the SES emulator, the demo schools, a table of its
 * own in the test run's DynamoDB Local) on a free port, at http://localhost so Secure
 * cookies work in Chromium.
 */
export function useLocalStack(): { readonly stack: LocalStack; readonly url: string } {
  let stack: LocalStack | undefined;
  beforeAll(async () => {
    stack = await startLocalStack({
      port: await freePort(),
      seed: true,
      originSecret: TEST_ORIGIN_SECRET,
      dynamodbEndpoint: inject('dynamodbEndpoint'),
      tableName: `browser-${process.pid}-${Date.now().toString(36)}`,
    });
  }, 90_000);
  afterAll(async () => {
    await stack?.stop();
  });
  return {
    get stack() {
      if (!stack) throw new Error('the local stack has not started');
      return stack;
    },
    get url() {
      if (!stack) throw new Error('the local stack has not started');
      return stack.siteUrl;
    },
  };
}

export interface PageProblems {
  consoleErrors: string[];
  cspViolations: string[];
  offSiteRequests: string[];
  pageErrors: string[];
}

export interface TestPage {
  page: Page;
  context: BrowserContext;
  problems: PageProblems;
  close: () => Promise<void>;
}

/** A fresh context (no cookies, no storage) and page, watching for problems. */
export async function openPage(browser: Browser, options: { width?: number; height?: number; expectedConsoleErrors?: RegExp } = {}): Promise<TestPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1024, height: options.height ?? 800 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  const page = await context.newPage();
  const problems: PageProblems = { consoleErrors: [], cspViolations: [], offSiteRequests: [], pageErrors: [] };
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (/Content Security Policy|Content-Security-Policy/i.test(text)) problems.cspViolations.push(text);
    // A 4xx answer from the API is logged by Chromium as a failed resource: that is the
    // error contract at work, not a fault of the page.
    else if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    else if (!options.expectedConsoleErrors?.test(text)) problems.consoleErrors.push(text);
  });
  page.on('pageerror', (err) => problems.pageErrors.push(String(err)));
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol === 'data:' || url.protocol === 'about:') return;
    if (url.hostname !== 'localhost') problems.offSiteRequests.push(req.url());
  });
  return { page, context, problems, close: () => context.close() };
}

/** Puts a session cookie (`name=value`, as test/support/sign-in.ts answers it) into a page's context, as the site sets it. */
export async function useSessionCookie(context: BrowserContext, cookie: string): Promise<void> {
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, domain: 'localhost', path: '/', httpOnly: true, secure: true, sameSite: 'Lax' }]);
}

/** No console errors, CSP violations, script errors or requests off the site. */
export function expectNoProblems(problems: PageProblems): void {
  expect(problems.cspViolations, 'CSP violations').toEqual([]);
  expect(problems.pageErrors, 'script errors').toEqual([]);
  expect(problems.consoleErrors, 'console errors').toEqual([]);
  expect(problems.offSiteRequests, 'requests that leave the site').toEqual([]);
}

/** axe-core with the WCAG 2.0/2.1/2.2 A and AA rules: zero violations. */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(0, 3).join(' ')}`),
  }));
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** The page is no wider than the window: nothing scrolls sideways. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `page width at ${innerWidth}px`).toBeLessThanOrEqual(innerWidth);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The element that has focus, described for assertions: tag, id, name and text. */
export async function focused(page: Page): Promise<{ tag: string; id: string; name: string; text: string; type: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      id: el?.id ?? '',
      name: el?.getAttribute('name') ?? '',
      type: el?.getAttribute('type') ?? '',
      text: (el?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    };
  });
}

/** Presses Tab until `match` has focus (at most `max` times); fails otherwise. */
export async function tabTo(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 80, key = 'Tab'): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (match(await focused(page))) return;
  }
  throw new Error(`Nothing matching was reached in ${max} presses of ${key}; focus is on ${JSON.stringify(await focused(page))}`);
}

/** axe with no violations at 1280 px and at 320 px (nothing scrolling sideways), with a screenshot of each; back at 1280 px after. */
export async function bothWidths(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectNoAxeViolations(page, `${name} at 1280 px`);
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 320, height: 800 });
  await expectNoHorizontalScroll(page);
  await expectNoAxeViolations(page, `${name} at 320 px`);
  await screenshot(page, `${name}-320`);
  await page.setViewportSize({ width: 1280, height: 900 });
}
