// The careers lead's coverage and statement pages in Chromium against the real product on
// this machine (startLocalStack: DynamoDB Local, the SES emulator, the demo trust): the
// coverage grid with its status words, a new calendar address shown once; the statement
// page's publish form (an error at its field, then published), the public statement it
// links to, and that statement printed (A4 width, print media) with its section headings.
// axe-core (WCAG 2.2 AA) checks every page and state.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAREERS_LEAD, DEMO_TRUST } from '#infra/local/demo-data.ts';
import { signIn } from '../support/sign-in.ts';
import { dayMonthYear, HARBOUR_VIEW, journeyDates } from './dates.ts';
import {
  BROWSER_TEST_TIMEOUT,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  expectNoProblems,
  focused,
  openPage,
  screenshot,
  useBrowser,
  useLocalStack,
  useSessionCookie,
  type TestPage,
} from './support.ts';

const b = useBrowser();
const site = useLocalStack();

/** A4 at 96 dpi: 210 mm wide. */
const A4_WIDTH = 794;

describe('the careers lead checks coverage and publishes the statement', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let lead: TestPage;

  beforeAll(async () => {
    // Signed in through the API with the link from the SES emulator's inbox; the session cookie goes into the browser.
    const cookie = await signIn(site.stack, DEMO_CAREERS_LEAD);
    lead = await openPage(b.browser);
    lead.page.setDefaultTimeout(10_000);
    await useSessionCookie(lead.context, cookie);
  }, 60_000);

  it('shows coverage per cohort in words, and a new calendar address once', async () => {
    const { page } = lead;
    await page.goto(`${site.url}/manage/coverage/?urn=${HARBOUR_VIEW}`);
    await page.locator('#coverage-grid').waitFor();
    expect(await page.locator('#school-name').textContent()).toBe('Harbour View Academy');
    const years = await page.locator('#coverage-grid tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-cohort')));
    // Harbour View is an 11–16 school: its cohorts are Years 8 to 11.
    expect(years).toEqual(['8', '9', '10', '11']);
    const words = await page.locator('#coverage-grid [data-coverage-status]').allTextContents();
    expect(words).toHaveLength(years.length);
    for (const w of words) expect(['Met', 'On track', 'At risk', 'Not met', 'Not started']).toContain(w);
    // Each cohort's section, linked from the grid, says what counted and who came.
    for (const y of years) expect(await page.locator(`#cohort-${y}`).textContent()).toMatch(/Encounters counted.*of 2 delivered.*Providers/);
    // A cohort at risk says how many more and by when, with slots a provider could book or the opportunities page (never "in your settings").
    const statuses = await page.locator('#coverage-grid [data-coverage-status]').evaluateAll((tags) => tags.map((t) => t.getAttribute('data-coverage-status')));
    for (const [i, y] of years.entries()) {
      const fix = page.locator(`[data-fix="${y}"]`);
      expect(await fix.count(), `Year ${y}`).toBe(statuses[i] === 'at_risk' ? 1 : 0);
      if (statuses[i] !== 'at_risk') continue;
      const text = await fix.textContent();
      expect(text).toMatch(/Book \d+ more encounters? for Year \d+ by \d+ \w+ \d{4}/);
      expect(text).not.toContain('in your settings');
      if ((await fix.locator('ul li').count()) === 0) {
        expect(await fix.getByRole('link', { name: /on the opportunities page/ }).getAttribute('href')).toBe(`/manage/opportunities/?urn=${HARBOUR_VIEW}`);
      }
    }
    await expectNoAxeViolations(page, 'coverage');
    await screenshot(page, 'manage-coverage-1024');
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'manage-coverage-1280');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'manage-coverage-320');
    await page.setViewportSize({ width: 1024, height: 800 });

    await page.locator('#new-feed').click();
    await page.locator('#feed-url').waitFor();
    expect(await page.locator('#feed-url').textContent()).toMatch(/^https?:\/\/\S+\.ics$/);
    expect(await focused(page)).toMatchObject({ id: 'done-banner' });
    await expectNoAxeViolations(page, 'coverage, new calendar address');
    expectNoProblems(lead.problems);
  });

  it('publishes the statement: an error at its field, then the new version', async () => {
    const { page } = lead;
    await page.goto(`${site.url}/manage/statement/?urn=${HARBOUR_VIEW}`);
    await page.locator('#publish-form').waitFor();
    expect(await page.locator('#embed-link').textContent()).toContain('<a ');
    expect(await page.locator('#embed-iframe').textContent()).toContain('<iframe');
    await expectNoAxeViolations(page, 'statement management');

    const [d, m, y] = dayMonthYear(journeyDates().today);
    await page.locator('#approved-on-day').fill(d);
    await page.locator('#approved-on-month').fill(m);
    await page.locator('#approved-on-year').fill(y);
    await page.locator('#publish').click();
    await page.locator('#error-summary .govuk-error-summary__list').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'error-summary' });
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('#approved-by-group').getAttribute('class')).toContain('govuk-form-group--error');
    await expectNoAxeViolations(page, 'statement management, error');

    await page.locator('#approved-by').fill('the governing board');
    await page.locator('#publish').click();
    await page.locator('#done-banner').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'done-banner' });
    expect(await page.locator('#published').textContent()).toContain('the governing board');
    expect(await page.locator('#versions li').count()).toBeGreaterThanOrEqual(1);
    await expectNoAxeViolations(page, 'statement management, published');
    await screenshot(page, 'manage-statement-1024');
    expectNoProblems(lead.problems);
  });

  it('opens the public statement, accessible, and prints its sections on A4', async () => {
    const { page } = lead;
    await page.locator('#public-link').click();
    await page.waitForURL(new RegExp(`/schools/${HARBOUR_VIEW}/statement$`));
    expect(await page.locator('h1').textContent()).toBe('Provider access policy statement');
    await expectNoAxeViolations(page, 'public statement');

    await page.setViewportSize({ width: A4_WIDTH, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'statement-print-a4');
    for (const heading of [/how a provider asks for access/i, /granting and refusing/i, /premises/i, /opportunities/i, /approval and review/i]) {
      expect(await page.locator('main h2', { hasText: heading }).isVisible(), String(heading)).toBe(true);
    }
    expect(await page.locator('.govuk-template__header').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    expectNoProblems(lead.problems);
    await lead.close();
  });

  it('shows a trust admin each school’s totals, linked to its coverage', async () => {
    const cookie = await signIn(site.stack, 'trust.admin@northfield-trust.example');
    const admin = await openPage(b.browser);
    admin.page.setDefaultTimeout(10_000);
    await useSessionCookie(admin.context, cookie);
    const { page } = admin;
    // From a school's coverage page, a trust admin follows the link to the whole trust.
    await page.goto(`${site.url}/manage/coverage/?urn=${HARBOUR_VIEW}`);
    await page.getByRole('link', { name: `Coverage across ${DEMO_TRUST.name}` }).click();
    await page.locator('#trust-table').waitFor();
    expect(page.url()).toBe(`${site.url}/manage/trust/?id=${DEMO_TRUST.id}`);
    expect(await page.locator('#trust-name').textContent()).toBe(DEMO_TRUST.name);
    expect(await page.locator(`#trust-table tr[data-urn="${HARBOUR_VIEW}"] a`).getAttribute('href')).toBe(`/manage/coverage/?urn=${HARBOUR_VIEW}`);
    await expectNoAxeViolations(page, 'trust coverage');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    expectNoProblems(admin.problems);
    await admin.close();
  });
});
