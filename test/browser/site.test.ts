// The built site as files and as pages a browser shows: the CSP-friendly markup (no
// inline script or style), page weight, the non-government look (no crown, no GOV.UK
// name, no GDS Transport), the home page's search by keyboard, accessibility and 320 px.
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#infra/local/server.ts';
import {
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  expectNoProblems,
  focused,
  openPage,
  screenshot,
  tabTo,
  useBrowser,
  useStaticSite,
  BROWSER_TEST_TIMEOUT,
} from './support.ts';

const DIST = join(REPO_ROOT, 'web', 'dist');
const PAGES = ['/', '/schools/', '/school/', '/request/', '/request/sent/', '/request/confirm/', '/sign-in/', '/sign-in/confirm/', '/requests/', '/requests/view/', '/requests/move/', '/requests/counter/', '/provider/organisation/', '/provider/evidence/', '/tours/', '/tours/new/', '/tours/view/'];

async function htmlFiles(): Promise<string[]> {
  const entries = await readdir(DIST, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => join(e.parentPath, e.name));
}

describe('the built site (web/dist)', () => {
  it('has a directory-style index.html for every page', async () => {
    const files = (await htmlFiles()).map((f) => `/${relative(DIST, f).split('\\').join('/')}`.replace(/index\.html$/, ''));
    for (const page of PAGES) expect(files).toContain(page);
  });

  it('has no inline script, inline style or event-handler attribute (a CSP without unsafe-inline)', async () => {
    for (const file of await htmlFiles()) {
      const html = await readFile(file, 'utf8');
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length, file).toBe(1);
      expect(scripts[0], file).toMatch(/^<script type="module" src="\/assets\/[\w.-]+\.js">$/);
      expect(html, file).toMatch(/<script type="module" src="[^"]+"><\/script>/);
      expect(html, file).not.toMatch(/<style\b/);
      expect(html, file).not.toMatch(/\sstyle=/);
      expect(html, file).not.toMatch(/\son[a-z]+=/);
      expect(html, file).toContain(`http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'`);
    }
  });

  it('never builds markup from data: no innerHTML, outerHTML, insertAdjacentHTML or document.write in web/src', async () => {
    const src = join(REPO_ROOT, 'web', 'src');
    for (const e of await readdir(src, { recursive: true, withFileTypes: true })) {
      if (!e.isFile() || !e.name.endsWith('.ts')) continue;
      const code = await readFile(join(e.parentPath, e.name), 'utf8');
      expect(code, e.name).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    }
  });

  it('is not dressed as GOV.UK: no crown, no GOV.UK name, no GDS Transport font', async () => {
    const assets = await readdir(join(DIST, 'assets'));
    const css = await readFile(join(DIST, 'assets', assets.find((a) => a.endsWith('.css'))!), 'utf8');
    expect(css).not.toMatch(/GDS Transport|@font-face|govuk-crest|url\(/);
    expect(css).toMatch(/font-family:arial,sans-serif/);
    for (const file of await htmlFiles()) {
      const html = await readFile(file, 'utf8');
      // A link to the government's own data (bank-holidays.json, issue 17) is a source, not dress.
      expect(html.replace(/href="https:\/\/www\.gov\.uk\/[^"]*"/g, ''), file).not.toMatch(/GOV\.UK|govuk-header__logo|crown|govuk-logo/i);
      expect(html, file).toContain('>Provider access</a>');
    }
  });

  it("the footer lists the provider's places as the service navigation names them, then the way in; staff pages' footers list none", async () => {
    const html = await readFile(join(DIST, 'index.html'), 'utf8');
    const links = (part: string) => [...part.matchAll(/<a class="govuk-(?:service-navigation|footer)__link" href="([^"]+)"[^>]*>(?:<strong[^>]*>)?([^<]+)/g)].map((m) => `${m[2]} ${m[1]}`);
    const nav = links(html.slice(html.indexOf('govuk-service-navigation'), html.indexOf('</nav>')));
    expect(nav).toEqual(['Find a school /', 'Your requests /requests/', 'Visit tours /tours/', 'Schools’ answers /provider/evidence/', 'Your organisation /provider/organisation/']);
    expect(links(html.slice(html.indexOf('<footer')))).toEqual([...nav, 'Get a sign-in link /sign-in/']);
    // A school's staff and a platform admin see their own places at the top, and a footer without the provider's places or a sign-in offer.
    for (const [page, places] of [
      ['manage/coverage/index.html', ['Requests /manage/', 'Coverage /manage/coverage/', 'Year plan /manage/year-plan/', 'School settings /manage/settings/', 'Opportunities /manage/opportunities/', 'Staff /manage/staff/', 'Policy statement /manage/statement/']],
      ['admin/bank-holidays/index.html', ['Import schools /admin/schools/upload/', 'Bank holidays /admin/bank-holidays/']],
    ] as const) {
      const staff = await readFile(join(DIST, page), 'utf8');
      expect(links(staff.slice(staff.indexOf('govuk-service-navigation'), staff.indexOf('</nav>'))), page).toEqual(places);
      expect(links(staff.slice(staff.indexOf('<footer'))), page).toEqual([]);
    }
  });

  it('weighs at most 60 KB compressed per page (HTML + CSS + JS, gzip)', async () => {
    for (const file of await htmlFiles()) {
      const html = await readFile(file);
      const refs = [...html.toString().matchAll(/(?:href|src)="(\/assets\/[^"]+\.(?:css|js))"/g)].map((m) => m[1]!);
      expect(refs.length, file).toBe(2);
      let total = gzipSync(html).length;
      for (const ref of refs) total += gzipSync(await readFile(join(DIST, ref))).length;
      expect(total, file).toBeLessThanOrEqual(60 * 1024);
    }
  });
});

describe('the home page in Chromium', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  const b = useBrowser();
  const site = useStaticSite();

  it('shows the service name, no accessibility violations, no off-site request, no CSP violation', async () => {
    const { page, problems, close } = await openPage(b.browser);
    const response = await page.goto(`${site.url}/`);
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.locator('h1').textContent()).toContain('Book provider access encounters');
    expect(await page.locator('.govuk-generic-header').textContent()).toContain('Provider access');
    expect(await page.locator('svg').count()).toBe(0); // no crown or logo
    const fonts = await page.evaluate(() => [...document.querySelectorAll('h1, p, label, input, button, a')].map((el) => getComputedStyle(el).fontFamily));
    expect(new Set(fonts)).toEqual(new Set(['arial, sans-serif']));
    await expectNoAxeViolations(page, 'home');
    await screenshot(page, 'home-1024');
    expectNoProblems(problems);
    await close();
  });

  it('searches by keyboard alone: skip link, the search box, Enter', async () => {
    const { page, problems, close } = await openPage(b.browser);
    // The search page's API answer is faked here; the real one is in the journey tests.
    await page.route('**/api/schools?*', (route) =>
      route.fulfill({ json: { schools: [{ urn: '990101', name: 'Harbour View Academy', town: 'Eastmouth', postcode: 'ZZ1 1AA', phase: 'Secondary', providerAccessYears: [8, 9, 10, 11] }] } }),
    );
    await page.goto(`${site.url}/`);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'a', text: 'Skip to main content' });
    await page.keyboard.press('Enter');
    // The next Tab starts inside main: the search box is its first control.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'input', id: 'q' });
    await page.keyboard.type('harbour');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Search' });
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/schools\/\?q=harbour$/);
    await page.locator('#result-count').waitFor();
    expect(await page.locator('#result-count').textContent()).toBe('1 school found for ‘harbour’');
    await tabTo(page, (f) => f.tag === 'a' && f.text === 'Harbour View Academy');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/school\/\?urn=990101$/);
    expectNoProblems(problems);
    await close();
  });

  it('asks for at least 2 characters with the error summary and an inline error, focusing the summary', async () => {
    const { page, problems, close } = await openPage(b.browser);
    await page.goto(`${site.url}/`);
    await page.locator('#q').fill('h');
    await page.locator('#q').press('Enter');
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await focused(page)).toMatchObject({ id: 'error-summary' });
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('#q-group .govuk-error-message').textContent()).toContain('Enter at least 2 characters');
    expect(await page.locator('#q').getAttribute('aria-describedby')).toContain('q-group-error');
    expect(page.url()).toBe(`${site.url}/`);
    await expectNoAxeViolations(page, 'home, search error');
    // The summary's link takes focus to the field.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ id: 'q' });
    expectNoProblems(problems);
    await close();
  });

  it('fits 320 px without scrolling sideways, and the menu stays usable', async () => {
    const { page, problems, close } = await openPage(b.browser, { width: 320, height: 640 });
    await page.goto(`${site.url}/`);
    await expectNoHorizontalScroll(page);
    const box = await page.locator('#q').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(320);
    expect(await page.locator('.govuk-service-navigation__link').first().isVisible()).toBe(true);
    await screenshot(page, 'home-320');
    expectNoProblems(problems);
    await close();
  });
});
