// A visit tour (issue 15, item 5) in a browser on the local stack: a signed-in college finds
// three schools (by name and near a town), proposes a time at each (one refused by its own
// school's notice, in the error summary and at that school's date with the rule's words),
// gives the shared details, checks its answers, sends, and sees each school's answer arrive
// on the tour's page. Axe on every state at 1280 and 320 px; then the same journey by keyboard only.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { schoolDayAhead } from '../support/provider-body.ts';
import { signIn } from '../support/sign-in.ts';
import { BROWSER_TEST_TIMEOUT, expectNoAxeViolations, expectNoHorizontalScroll, expectNoProblems, focused, openPage, screenshot, tabTo, useBrowser, useLocalStack, useSessionCookie } from './support.ts';

const b = useBrowser();
const site = useLocalStack();

const SCHOOLS = [
  { urn: '990101', name: 'Harbour View Academy' },
  { urn: '990103', name: 'Oakridge Middle School' },
  { urn: '990102', name: 'Kingsmead School and Sixth Form' },
];

/** "12 1 2027" as the three date fields take it. */
const parts = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return { day: String(Number(d)), month: String(Number(m)), year: y ?? '' };
};

async function signedInPage(email: string, width: number) {
  const cookie = await signIn(site.stack, email);
  const t = await openPage(b.browser, { width });
  t.page.setDefaultTimeout(10_000);
  await useSessionCookie(t.context, cookie);
  return t;
}

async function check(page: Page, label: string, width: number) {
  await expectNoAxeViolations(page, `${label} at ${width} px`);
  if (width === 320) await expectNoHorizontalScroll(page);
  await screenshot(page, `tour-${label}-${width}`);
}

async function propose(page: Page, date: string) {
  const d = parts(date);
  await page.check('#when-proposed, #when[value="proposed"]');
  await page.fill('#date-day', d.day);
  await page.fill('#date-month', d.month);
  await page.fill('#date-year', d.year);
  await page.fill('#start', '10:00am');
  await page.fill('#end', '10:45am');
}

describe('a visit tour', { timeout: BROWSER_TEST_TIMEOUT * 3 }, () => {
  for (const width of [1280, 320]) {
    it(`sends a three-school tour and shows each school's answer as it comes, at ${width} px`, async () => {
      const email = `liaison${width}@eastmouth-college.example`;
      const t = await signedInPage(email, width);
      const { page } = t;
      // Each run a week apart: an approval in one never makes a year group busy in the other (YEAR_GROUP_BUSY).
      const dates = await Promise.all(SCHOOLS.map((s, i) => schoolDayAhead(site.stack, s.urn, (width === 320 ? 57 : 50) + i, 2)));
      // Kingsmead's earliest school day 31 days or more ahead, whatever the weekday: inside its own 42 days' notice.
      const tooSoon = (await Promise.all([1, 2, 3, 4, 5].map((weekday) => schoolDayAhead(site.stack, '990102', 31, weekday)))).sort()[0]!;

      await page.goto(`${site.url}/requests/`);
      await page.click('#plan-tour');
      await page.locator('#step-schools:not([hidden])').waitFor();
      expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Visit tours');
      await check(page, 'schools', width);

      // Continue with no schools: the error summary says what to do.
      await page.click('#schools-form button[type="submit"]');
      await page.locator('.govuk-error-summary').waitFor();
      expect(await page.locator('#stops-group .govuk-error-message').textContent()).toContain('Choose at least 2 schools');
      await check(page, 'schools-error', width);

      // By name, then near a town; Remove takes one off again.
      await page.fill('#q', 'Harbour View');
      await page.click('#find-name button');
      await page.click(`button[data-add="990101"]`);
      await page.fill('#near', 'Eastmouth');
      await page.click('#find-near button');
      await page.locator('#results').getByText('within 15 km of Eastmouth').waitFor();
      await page.click(`button[data-add="990103"]`);
      await page.fill('#q', 'Kingsmead');
      await page.click('#find-name button');
      await page.click(`button[data-add="990102"]`);
      await page.fill('#q', 'Willow Lane');
      await page.click('#find-name button');
      await page.locator('#results').getByText('Takes no provider access requests').waitFor();
      expect(await page.locator('#chosen-list .govuk-summary-list__row').count()).toBe(3);
      await check(page, 'schools-chosen', width);
      await page.click('button[data-remove="1"]');
      expect(await page.locator('#chosen-list .govuk-summary-list__row').count()).toBe(2);
      await page.fill('#near', 'Eastmouth');
      await page.click('#find-near button');
      await page.click(`button[data-add="990103"]`);
      await page.click('#schools-form button[type="submit"]');

      // One page a school, in the order chosen: Harbour View, Kingsmead, Oakridge.
      const order = ['990101', '990102', '990103'];
      for (const [i, urn] of order.entries()) {
        const school = SCHOOLS.find((s) => s.urn === urn)!;
        await page.locator('#stop-heading', { hasText: `When would you like to visit ${school.name}?` }).waitFor();
        if (i === 0) await check(page, 'stop', width);
        if (urn === '990102') {
          // Inside Kingsmead's own 42 days' notice: refused at its date, with the rule's words.
          await propose(page, tooSoon);
          await page.click('#step-stop button[type="submit"]');
          await page.locator('#date-group.govuk-form-group--error').waitFor();
          expect(await page.locator('.govuk-error-summary').textContent()).toContain('notice');
          expect(await page.locator('#date-group').textContent()).toContain('R-NOTICE');
          await check(page, 'stop-error', width);
        }
        await propose(page, dates[SCHOOLS.indexOf(school)]!);
        await page.click('#step-stop button[type="submit"]');
      }

      // The shared details, as the single form asks them.
      await page.locator('#step-details:not([hidden])').waitFor();
      await check(page, 'details', width);
      await page.check('#yearGroups');
      await page.check('#sessionType');
      await page.fill('#provider-organisation', 'Eastmouth College');
      await page.check('#provider-type');
      await page.fill('#contact-name', 'Riley Lane');
      await page.fill('#contact-email', email);
      await page.fill('#contact-phone', '01632 960100');
      await page.click('#step-details button[type="submit"]');
      // The safeguarding and content confirmations are the schools' rules, checked by each school's check route.
      await page.locator('#safeguarding-group.govuk-form-group--error').waitFor();
      await check(page, 'details-error', width);
      await page.check('#safeguardingAgreed');
      await page.check('#content');
      await page.click('#step-details button[type="submit"]');

      await page.locator('#step-check:not([hidden])').waitFor();
      for (const s of SCHOOLS) expect(await page.locator('#check-answers').textContent()).toContain(s.name);
      await check(page, 'check', width);
      // A Change link for one school goes to its page, and Continue comes back here.
      await page.click('a[data-change="stop-1"]');
      await page.locator('#step-stop:not([hidden])').waitFor();
      expect(await page.locator('#stop-heading').textContent()).toContain('Kingsmead');
      await page.click('#step-stop button[type="submit"]');
      await page.locator('#step-check:not([hidden])').waitFor();

      await page.click('#send');
      await page.waitForURL(/\/tours\/view\/\?id=/);
      await page.locator('[data-stop="2"]').waitFor();
      expect(await page.locator('[data-status="pending"]').count()).toBe(3);
      await check(page, 'view', width);

      // The first school answers; the page shows it when it asks again.
      const id = new URL(page.url()).searchParams.get('id') ?? '';
      const tour = await (await t.context.request.get(`${site.url}/api/tours/${id}`)).json();
      const lead = await signIn(site.stack, 'careers.lead@harbourview.example');
      const approved = await fetch(`${site.url}/api/manage/requests/${tour.tour.stops[0].request.id}/approve`, {
        method: 'POST',
        headers: { cookie: lead, 'content-type': 'application/json', origin: site.url },
        body: '{}',
      });
      expect(approved.status).toBe(200);
      await page.click('#refresh-form button');
      await page.locator('[data-stop="0"] [data-status="approved"]').waitFor();
      expect(await page.locator('[data-stop="0"] [data-answer]').textContent()).toContain('Approved for');
      await check(page, 'view-answered', width);

      await page.goto(`${site.url}/tours/`);
      await page.locator('#tour-list').waitFor();
      await check(page, 'list', width);
      expectNoProblems(t.problems);
      await t.context.close();
    });
  }

  it('the whole journey by keyboard alone', async () => {
    const email = 'keyboard@eastmouth-college.example';
    const t = await signedInPage(email, 1280);
    const { page } = t;
    // A week apart from the other runs' visits, so no approval there makes a year group busy.
    const dates = await Promise.all(['990101', '990103'].map((urn) => schoolDayAhead(site.stack, urn, 64, 3)));
    await page.goto(`${site.url}/tours/new/`);
    await page.locator('#step-schools:not([hidden])').waitFor();
    const type = async (id: string, text: string) => {
      await tabTo(page, (f) => f.id === id);
      await page.keyboard.press('Control+A');
      await page.keyboard.type(text);
    };
    for (const [query, urn] of [['Harbour View', '990101'], ['Oakridge', '990103']] as const) {
      await type('q', query);
      await page.keyboard.press('Enter');
      await page.locator(`button[data-add="${urn}"]`).waitFor();
      await tabTo(page, (f) => f.text.startsWith('Add'));
      await page.keyboard.press('Enter');
      await page.locator('#chosen-list dt', { hasText: urn === '990101' ? 'Harbour View' : 'Oakridge' }).waitFor();
      // Focus moved to the new school's Remove button, beside what was added.
      expect((await focused(page)).text).toContain('Remove');
    }
    await tabTo(page, (f) => f.text === 'Continue');
    await page.keyboard.press('Enter');
    for (const date of dates) {
      await page.locator('#step-stop:not([hidden])').waitFor();
      await tabTo(page, (f) => f.type === 'radio');
      // Arrow keys move among radios; the last is "Propose…".
      const onProposed = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value === 'proposed');
      for (let i = 0; i < 30 && !(await onProposed()); i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Space');
      const d = parts(date);
      await type('date-day', d.day);
      await type('date-month', d.month);
      await type('date-year', d.year);
      await type('start', '10:00am');
      await type('end', '10:45am');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => !document.querySelector('#step-stop:not([hidden]) [aria-disabled]'));
    }
    await page.locator('#step-details:not([hidden])').waitFor();
    await tabTo(page, (f) => f.id === 'yearGroups');
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.id === 'sessionType');
    await page.keyboard.press('Space');
    await type('provider-organisation', 'Eastmouth College');
    await tabTo(page, (f) => f.id === 'provider-type');
    await page.keyboard.press('Space');
    await type('contact-name', 'Kim Keys');
    await type('contact-email', email);
    await type('contact-phone', '01632 960100');
    await tabTo(page, (f) => f.id === 'safeguardingAgreed');
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.id === 'content');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await page.locator('#step-check:not([hidden])').waitFor();
    await tabTo(page, (f) => f.id === 'send');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/tours\/view\/\?id=/);
    await page.locator('[data-stop="1"]').waitFor();
    await tabTo(page, (f) => f.tag === 'a' && f.text.includes('at Harbour View Academy'));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/requests\/view\/\?id=/);
    expectNoProblems(t.problems);
    await t.context.close();
  });
});
