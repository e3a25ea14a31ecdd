// The evidence pack (issue 16, item 5) in Chromium against the real product on this machine
// (startLocalStack: DynamoDB Local, the demo school): reached from the coverage page, its
// cohorts with coverage's status tags, the statement and the decisions sections; another
// year chosen and the Print button pressed by keyboard alone; axe (WCAG 2.2 AA) at 1280 and
// 320 px; printed (print media, A4): navigation, footer and controls left out, tags outlined
// for black and white, no table row cut across pages, and a PDF made.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { academicYearLabel, academicYearOf } from '#shared/domain/academic-year.ts';
import { DEMO_CAREERS_LEAD } from '#infra/local/demo-data.ts';
import { signIn } from '../support/sign-in.ts';
import { HARBOUR_VIEW, journeyDates } from './dates.ts';
import {
  bothWidths,
  BROWSER_TEST_TIMEOUT,
  expectNoAxeViolations,
  expectNoProblems,
  focused,
  openPage,
  screenshot,
  SCREENSHOTS,
  tabTo,
  useBrowser,
  useLocalStack,
  useSessionCookie,
  type TestPage,
} from './support.ts';

const b = useBrowser();
const site = useLocalStack();

/** A4 at 96 dpi: 210 mm by 297 mm. */
const A4 = { width: 794, height: 1123 };

describe('the careers lead prints the evidence pack', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let lead: TestPage;
  const current = academicYearOf(journeyDates().today);

  beforeAll(async () => {
    const cookie = await signIn(site.stack, DEMO_CAREERS_LEAD);
    lead = await openPage(b.browser, { width: 1280, height: 900 });
    lead.page.setDefaultTimeout(10_000);
    await useSessionCookie(lead.context, cookie);
  }, 60_000);

  it('opens from the coverage page: cohorts with their status tags, the statement, the decisions; accessible at 1280 and 320 px', async () => {
    const { page } = lead;
    await page.goto(`${site.url}/manage/coverage/?urn=${HARBOUR_VIEW}`);
    await page.locator('#evidence-pack-link').click();
    await page.locator('#pack-cohorts').waitFor();
    expect(page.url()).toBe(`${site.url}/manage/evidence-pack/?urn=${HARBOUR_VIEW}`);
    expect(await page.locator('h1').textContent()).toBe(`Provider access evidence, ${academicYearLabel(current)}`);
    const years = await page.locator('#pack-cohorts tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-cohort')));
    expect(years).toEqual(['8', '9', '10', '11']); // an 11–16 school
    for (const w of await page.locator('#pack-cohorts [data-coverage-status]').allTextContents()) expect(['Met', 'On track', 'At risk', 'Not met', 'Not started']).toContain(w);
    for (const y of years) expect(await page.locator(`#pack-cohort-${y}`).textContent()).toMatch(/Status.*Encounters/);
    expect(await page.locator('#pack-statement').count()).toBe(1);
    expect(await page.locator('#pack-decisions').count()).toBe(1);
    expect(await page.locator('#compass-csv').getAttribute('href')).toBe(`/api/manage/schools/${HARBOUR_VIEW}/encounters/compass.csv?year=${current}`);
    await bothWidths(page, 'evidence-pack');
    expectNoProblems(lead.problems);
  });

  it('by keyboard: chooses last year and prints', async () => {
    const { page } = lead;
    await page.locator('h1').click();
    await tabTo(page, (f) => f.id === 'year');
    await page.keyboard.press('ArrowDown'); // the select lists the newest year first
    await tabTo(page, (f) => f.text === 'Show this year');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`year=${current - 1}`));
    await page.locator('#pack-cohorts').waitFor();
    expect(await page.locator('h1').textContent()).toBe(`Provider access evidence, ${academicYearLabel(current - 1)}`);
    expect(await page.locator('main').textContent()).toContain('the last day of the year');
    // window.print opens the browser's dialog; headless, the page's call is what can be seen.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await tabTo(page, (f) => f.id === 'print');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    expect(await focused(page)).toMatchObject({ id: 'print' });
    await expectNoAxeViolations(page, 'evidence pack, last year');
    expectNoProblems(lead.problems);
  });

  it('prints on A4: no navigation, footer or controls; tags outlined; no row cut across pages; a PDF', async () => {
    const { page } = lead;
    await page.goto(`${site.url}/manage/evidence-pack/?urn=${HARBOUR_VIEW}`);
    await page.locator('#pack-cohorts').waitFor();
    await page.setViewportSize(A4);
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.govuk-service-navigation', '.govuk-footer', '.govuk-phase-banner', '#controls', '#account']) expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
    expect(await page.locator('#pack-cohorts').isVisible()).toBe(true);
    const tag = await page.locator('#pack-cohorts [data-coverage-status]').first().evaluate((el) => {
      const s = getComputedStyle(el);
      return { border: s.borderTopStyle, color: s.color, background: s.backgroundColor };
    });
    expect(tag).toEqual({ border: 'solid', color: 'rgb(11, 12, 12)', background: 'rgba(0, 0, 0, 0)' });
    const rows = await page.locator('#pack-cohorts tbody tr').evaluateAll((trs) => trs.map((tr) => getComputedStyle(tr).breakInside));
    for (const r of rows) expect(r).toBe('avoid');
    await screenshot(page, 'evidence-pack-print-a4');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await writeFile(join(SCREENSHOTS, 'evidence-pack-a4.pdf'), pdf);
    await page.emulateMedia({ media: 'screen' });
    expectNoProblems(lead.problems);
    await lead.close();
  });
});
