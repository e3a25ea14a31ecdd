// The careers lead's year plan (issue 16, item 4) in Chromium against the local stack (the
// demo school Harbour View): the cohorts with their status words and links to coverage,
// the two views switched by keyboard (links with aria-current), the month grid moved by
// keyboard, the year-group filter, and the plan printed: print media shows the list
// without the navigation, and Chromium makes an A4 PDF of it. axe at 1280 and 320 px.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAREERS_LEAD, demoSchools } from '#infra/local/demo-data.ts';
import { academicYearOf } from '#shared/domain/academic-year.ts';
import { firstSchoolDayFrom } from '#shared/domain/calendar.ts';
import { makeDate } from '#shared/domain/dates.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import { createStore } from '#shared/store/client.ts';
import { requestItem } from '#shared/store/requests.ts';
import { sampleRequest } from '../support/requests.ts';
import { signIn } from '../support/sign-in.ts';
import { HARBOUR_VIEW } from './dates.ts';
import {
  BROWSER_TEST_TIMEOUT,
  bothWidths,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  expectNoProblems,
  focused,
  openPage,
  SCREENSHOTS,
  screenshot,
  tabTo,
  useBrowser,
  useLocalStack,
  useSessionCookie,
  type TestPage,
} from './support.ts';

const b = useBrowser();
const site = useLocalStack();

/**
 * The demo seeds requests waiting for an answer only: an approved, a delivered and a
 * cancelled encounter of Harbour View this academic year go into the stack's table.
 */
async function seedEncounters(): Promise<Record<'approved' | 'delivered' | 'cancelled', string>> {
  const school = demoSchools(new Date()).find((s) => s.school.urn === HARBOUR_VIEW)!.school;
  const year = academicYearOf(londonDate(new Date().toISOString()));
  const on = (y: number, m: number) => firstSchoolDayFrom(school, makeDate(y, m, 1), makeDate(y, m, 28))!;
  const dates = { delivered: on(year, 10), approved: on(year + 1, 3), cancelled: on(year + 1, 5) };
  const store = createStore({ tableName: site.stack.tableName, endpoint: site.stack.dynamodb.endpoint });
  const made = (status: keyof typeof dates, organisation: string, yearGroups: number[], more: Partial<StoredRequest> = {}) =>
    sampleRequest({ urn: HARBOUR_VIEW, status, date: dates[status], start: '10:00', end: '11:00', yearGroups, provider: { organisation, type: 'fe_college', ukprn: `100099${organisation.length}` }, ...more });
  const requests = [
    made('delivered', 'Westbridge UTC', [10], {
      delivery: { content: { provider: true, careers: true, learning: true, questions: true }, attendance: [{ yearGroup: 10, pupils: 150, onRoll: 150 }], recordedAt: `${dates.delivered}T15:00:00Z` },
    }),
    made('approved', 'Coastal Apprenticeships', [10, 11]),
    made('cancelled', 'Northern Skills Academy', [9], { endedBy: 'provider', reason: 'Speaker unavailable' }),
  ];
  for (const r of requests) await store.doc.send(new PutCommand({ TableName: store.tableName, Item: requestItem(r) }));
  return dates;
}

/** A4 at 96 dpi: 210 by 297 mm. */
const A4 = { width: 794, height: 1123 };

describe('the careers lead’s year plan', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let lead: TestPage;
  let dates: Awaited<ReturnType<typeof seedEncounters>>;

  beforeAll(async () => {
    dates = await seedEncounters();
    lead = await openPage(b.browser, { width: 1280, height: 900 });
    lead.page.setDefaultTimeout(10_000);
    await useSessionCookie(lead.context, await signIn(site.stack, DEMO_CAREERS_LEAD));
  }, 60_000);

  it('is in the manage navigation, with each cohort’s status and the month grid; accessible at 1280 and 320 px', async () => {
    const { page } = lead;
    await page.goto(`${site.url}/manage/?urn=${HARBOUR_VIEW}`);
    const navLink = page.locator('.govuk-service-navigation__link', { hasText: 'Year plan' });
    await navLink.waitFor();
    await page.waitForFunction(() => document.querySelector('a[href^="/manage/year-plan/"]')?.getAttribute('href')?.includes('urn='));
    await navLink.click();
    await page.locator('#year-plan-cohorts').waitFor();
    expect(page.url()).toContain(`urn=${HARBOUR_VIEW}`);
    expect(await page.locator('.govuk-service-navigation__link[aria-current="page"]').textContent()).toBe('Year plan');
    expect(await page.locator('h1').textContent()).toMatch(/^Year plan \d{4}\/\d{2}$/);
    // Harbour View is an 11–16 school: Years 8 to 11, each with a status in words and a link to its coverage.
    const cohorts = await page.locator('#year-plan-cohorts tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-cohort')));
    expect(cohorts).toEqual(['8', '9', '10', '11']);
    for (const w of await page.locator('#year-plan-cohorts [data-coverage-status]').allTextContents()) expect(['Met', 'On track', 'At risk', 'Not met', 'Not started']).toContain(w);
    expect(await page.getByRole('link', { name: 'Coverage of Year 9' }).getAttribute('href')).toBe(`/manage/coverage/?urn=${HARBOUR_VIEW}#cohort-9`);
    // By month first: the month grid, the list hidden.
    expect(await page.locator('#show-month').getAttribute('aria-current')).toBe('page');
    expect(await page.locator('#view-list').isHidden()).toBe(true);
    await page.locator('#calendar-grid[aria-busy]').waitFor({ state: 'detached' });
    expect(await page.locator('#calendar-caption').textContent()).toMatch(/\w+ \d{4}/);
    await bothWidths(page, 'manage-year-plan');
    // Planning the next academic year (a lead in the summer term): each cohort as it will start it, and no year beyond.
    expect(await page.locator('#status-date').textContent()).toMatch(/^Each cohort’s coverage status today, /);
    await page.locator('#next-year').click();
    await page.locator('#status-date', { hasText: 'as it will start the year on' }).waitFor();
    expect(await page.locator('h1').textContent()).toMatch(/^Year plan \d{4}\/\d{2}$/);
    expect(await page.locator('#status-date').textContent()).toMatch(/on \w+day 1 September \d{4}, from what has been delivered and booked so far\.$/);
    expect(await page.locator('#next-year').count()).toBe(0);
    expect(await page.locator('#previous-year').count()).toBe(1);
    await bothWidths(page, 'manage-year-plan-next');
    // Back to this year, where the next test goes on.
    await page.locator('#previous-year').click();
    await page.locator('#status-date', { hasText: 'status today' }).waitFor();
    await page.locator('#calendar-grid[aria-busy]').waitFor({ state: 'detached' });
    expectNoProblems(lead.problems);
  });

  it('switches views and months by keyboard, and filters by year group', async () => {
    const { page } = lead;
    // The month grid: one date in the tab order; Page Down moves a month, and the caption says which.
    const before = await page.locator('#calendar-caption').textContent();
    await page.locator('#calendar-grid button[data-date][tabindex="0"]').focus();
    await page.keyboard.press('PageDown');
    await expect.poll(() => page.locator('#calendar-caption').textContent()).not.toBe(before);
    expect((await focused(page)).tag).toBe('button');
    await page.keyboard.press('PageUp');
    await expect.poll(() => page.locator('#calendar-caption').textContent()).toBe(before);
    // The "Next month" button, by keyboard: Enter moves on a month.
    await page.locator('#calendar-next').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#calendar-caption').textContent()).not.toBe(before);

    // To "As a list" by Tab and Enter: aria-current moves, the address says so, the list shows each month.
    await page.locator('#print-plan').focus();
    await tabTo(page, (f) => f.id === 'show-list');
    await page.keyboard.press('Enter');
    await page.locator('#view-list').waitFor();
    expect(await page.locator('#show-list').getAttribute('aria-current')).toBe('page');
    expect(await page.locator('#show-month').getAttribute('aria-current')).toBeNull();
    expect(page.url()).toContain('view=list');
    expect(await page.locator('#view-month').isHidden()).toBe(true);
    expect(await page.locator('#view-list [data-month]').count()).toBe(12);
    const statuses = await page.locator('#view-list [data-status]').evaluateAll((tags) => [...new Set(tags.map((t) => t.getAttribute('data-status')))]);
    expect(statuses.sort()).toEqual(['approved', 'cancelled', 'delivered', 'open_slot']);
    // Each encounter in its month, on its date.
    for (const [status, date] of Object.entries(dates)) {
      expect(await page.locator(`#view-list [data-month="${date.slice(0, 7)}"] tr[data-date="${date}"] [data-status="${status}"]`).count(), status).toBe(1);
    }
    // Each row: date, time, year groups, provider or slot, status.
    const firstRow = page.locator('#view-list tbody tr').first();
    expect(await firstRow.locator('td').count()).toBe(5);
    await expectNoAxeViolations(page, 'year plan, as a list');
    await screenshot(page, 'manage-year-plan-list-1280');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'year plan, as a list, 320 px');
    await screenshot(page, 'manage-year-plan-list-320');
    // The month of the delivered encounter, as a phone shows it (the whole page is long).
    await page.locator(`#view-list [data-month="${dates.delivered.slice(0, 7)}"]`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'manage-year-plan-list-320-month.png') });
    await page.setViewportSize({ width: 1280, height: 900 });

    // The filter: Year 10 only, in the cohorts table and every row.
    await page.locator('#filter-year').selectOption('10');
    await page.locator('#apply-filter').press('Enter');
    await expect.poll(() => page.locator('#year-plan-cohorts tbody tr').count()).toBe(1);
    expect(page.url()).toContain('yearGroup=10');
    const years = await page.locator('#view-list td[data-label="Year groups"]').allTextContents();
    for (const y of years) expect(y).toMatch(/\b10\b/);
    // And back to the month grid, by keyboard.
    await page.locator('#show-list').focus();
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).id).toBe('show-month');
    await page.keyboard.press('Enter');
    await page.locator('#view-month').waitFor();
    expect(await page.locator('#show-month').getAttribute('aria-current')).toBe('page');
    // The approved encounter (Years 10 and 11) in its month's grid; choosing its date lists it below.
    const shown = async () => (await page.locator('#calendar-grid button[data-date]').first().getAttribute('data-date'))!.slice(0, 7);
    const target = dates.approved.slice(0, 7);
    for (let i = 0; i < 12 && (await shown()) !== target; i++) await page.locator((await shown()) < target ? '#calendar-next' : '#calendar-previous').press('Enter');
    expect(await shown()).toBe(target);
    const cell = page.locator(`#calendar-grid button[data-date="${dates.approved}"]`);
    await expect.poll(() => cell.locator('.app-calendar__words').textContent()).toContain('Coastal Apprenticeships');
    await cell.focus();
    await page.keyboard.press('Enter');
    await page.locator('#day-entries').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'day-detail' });
    expect(await page.locator('#day-entries [data-status="approved"]').count()).toBe(1);
    await expectNoAxeViolations(page, 'year plan, a day chosen');
    await screenshot(page, 'manage-year-plan-day-1280');
    expectNoProblems(lead.problems);
  });

  it('prints the list on A4, without the navigation', async () => {
    const { page } = lead;
    await page.goto(`${site.url}/manage/year-plan/?urn=${HARBOUR_VIEW}`);
    await page.locator('#year-plan-cohorts').waitFor();
    expect(await page.locator('#print-plan').textContent()).toBe('Print this year plan');
    await page.setViewportSize(A4);
    await page.emulateMedia({ media: 'print' });
    // The month view was on screen; printed, the list is shown and the grid is not.
    expect(await page.locator('#view-list').isVisible()).toBe(true);
    expect(await page.locator('#view-month').isVisible()).toBe(false);
    for (const chrome of ['.govuk-service-navigation', '.govuk-template__header', '.govuk-footer', '#print-plan', '#year-plan-filter']) {
      expect(await page.locator(chrome).first().isVisible(), chrome).toBe(false);
    }
    // Tags in print: black words on white, a border.
    const tag = await page.locator('#view-list .govuk-tag').first().evaluate((t) => {
      const s = getComputedStyle(t);
      return { color: s.color, background: s.backgroundColor };
    });
    expect(tag).toEqual({ color: 'rgb(0, 0, 0)', background: 'rgb(255, 255, 255)' });
    // The printed list is a table at A4 width, its header row shown.
    expect(await page.locator('#view-list thead').first().isVisible()).toBe(true);
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'manage-year-plan-print-a4');
    // The first printed page as it looks (no PDF renderer here to draw the PDF itself).
    await page.screenshot({ path: join(SCREENSHOTS, 'manage-year-plan-print-a4-page1.png'), clip: { x: 0, y: 0, ...A4 } });
    expect(await page.locator('.govuk-phase-banner').isVisible()).toBe(false);
    // The links to coverage are for the screen; the printed cohorts keep their status.
    expect(await page.locator('#year-plan-cohorts th', { hasText: 'Coverage' }).isVisible()).toBe(false);
    expect(await page.locator('#year-plan-cohorts [data-coverage-status]').first().isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    await writeFile(join(SCREENSHOTS, 'manage-year-plan.pdf'), pdf);
    await page.emulateMedia({ media: 'screen' });
    expectNoProblems(lead.problems);
    await lead.close();
  });
});
