// The provider's evidence page (issue 15, item 6) in a browser on the local stack: each school
// asked as a summary card with its stated response time and counts (in time, declined with
// the grounds given, unanswered past its deadline), the link to that school's requests and
// "Download as CSV", by keyboard alone; axe at 1280 and 320 px, where nothing scrolls sideways.
import { describe, expect, it, beforeAll } from 'vitest';
import { londonDate } from '#shared/domain/timezone.ts';
import { addDays } from '#shared/domain/dates.ts';
import { createStore } from '#shared/store/client.ts';
import { newReference } from '#shared/store/ids.ts';
import { createRequest } from '#shared/store/requests.ts';
import { applyAction } from '#shared/usecases/transition.ts';
import { createdEvent, sampleRequest } from '../support/requests.ts';
import { signIn } from '../support/sign-in.ts';
import { BROWSER_TEST_TIMEOUT, expectNoAxeViolations, expectNoHorizontalScroll, expectNoProblems, focused, openPage, screenshot, tabTo, useBrowser, useLocalStack, useSessionCookie } from './support.ts';

const b = useBrowser();
const site = useLocalStack();
const SAM = 'sam.evidence@eastmouth-college.example';
const DAY = 24 * 60 * 60 * 1000;
const now = Date.now();
/** Sent 30 days ago, to be answered within 10 days of it. */
const sentAt = new Date(now - 30 * DAY);
const sentDay = londonDate(sentAt.toISOString());

describe('how schools answered your requests', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  beforeAll(async () => {
    const store = createStore({ tableName: site.stack.tableName, endpoint: site.stack.dynamodb.endpoint });
    const put = async (urn: string) => {
      const r = sampleRequest({
        urn,
        contact: { name: 'Sam Evidence', email: SAM, phone: '01632 960100' },
        reference: newReference(),
        createdAt: sentAt.toISOString(),
        updatedAt: sentAt.toISOString(),
        responseDeadline: addDays(sentDay, 10),
        date: londonDate(new Date(now + 30 * DAY).toISOString()),
      });
      return createRequest(store, r, createdEvent(r));
    };
    await applyAction(store, await put('990101'), 'approve', { party: 'school', id: 'careers.lead@harbourview.example' }, {}, new Date(sentAt.getTime() + 2 * DAY));
    await applyAction(store, await put('990103'), 'decline', { party: 'school', id: 'careers@oakridge-middle.example' }, { reason: 'Disruption to preparation for public or internal exams' }, new Date(sentAt.getTime() + 3 * DAY));
    await put('990102');
  }, 60_000);

  it('shows each school’s stated response time and answers, by keyboard, at 1280 and 320 px', async () => {
    const cookie = await signIn(site.stack, SAM);
    const t = await openPage(b.browser, { width: 1280 });
    const { page } = t;
    page.setDefaultTimeout(10_000);
    await useSessionCookie(t.context, cookie);
    // From the day before sending: the test's requests are in the period whatever today's academic year.
    const query = `?from=${addDays(sentDay, -1)}`;
    await page.goto(`${site.url}/provider/evidence/${query}`);
    await page.locator('#schools').waitFor({ state: 'attached' });
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Schools’ answers');
    expect(await page.locator('main').textContent()).toContain('Department for Education');
    // A wide window: one table row per school, to compare them.
    const table = page.locator('#schools-table');
    expect(await table.isVisible()).toBe(true);
    expect(await page.locator('#schools').isVisible()).toBe(false);
    expect(await table.locator('tbody th a').allTextContents()).toEqual(['Harbour View Academy: see the requests', 'Kingsmead School and Sixth Form: see the requests', 'Oakridge Middle School: see the requests']);
    const cells = async (urn: string) => (await table.locator(`tr[data-urn="${urn}"] td`).allTextContents()).map((c) => c.trim());
    // Sent, in time, late, approved, declined, unanswered past the deadline, grounds.
    expect(await cells('990101')).toEqual(['1', '1', '0', '1', '0', '0', 'None']);
    expect(await cells('990102')).toEqual(['1', '0', '0', '0', '0', '1', 'None']);
    expect(await cells('990103')).toEqual(['1', '1', '0', '0', '1', '0', 'Disruption to preparation for public or internal exams']);
    expect(await table.locator('tr[data-urn="990101"] th').textContent()).toContain('Answers within 10 school days');
    expect(await page.locator('#totals').textContent()).toMatch(/Requests sent\s*3/);
    expect(await page.locator('#csv').getAttribute('href')).toBe(`/api/provider/evidence.csv${query}`);
    await expectNoAxeViolations(page, 'evidence, 1280 px');
    await screenshot(page, 'evidence-1280');

    // The CSV link downloads the same report (the page's cookie is the provider's session).
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), (await page.locator('#csv').getAttribute('href')) ?? '');
    expect(csv).toContain('Disruption to preparation for public or internal exams');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(1 + 3 * 2 + 1);

    // At 320 px: a summary card per school instead, nothing sideways.
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await table.isVisible()).toBe(false);
    const cards = page.locator('#schools .govuk-summary-card');
    expect(await cards.first().isVisible()).toBe(true);
    expect(await cards.locator('h3').allTextContents()).toEqual(['Harbour View Academy', 'Kingsmead School and Sixth Form', 'Oakridge Middle School']);
    expect(await cards.nth(0).textContent()).toMatch(/Stated response time\s*10 school days.*Answered in time\s*1.*Approved\s*1/s);
    expect(await cards.nth(1).textContent()).toMatch(/Unanswered past the deadline\s*1/);
    expect(await cards.nth(2).textContent()).toMatch(/Declined\s*1\s*Grounds given:\s*Disruption to preparation for public or internal exams/);
    expect(await cards.nth(1).locator('a').getAttribute('href')).toBe('/requests/?urn=990102');
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'evidence, 320 px');
    await screenshot(page, 'evidence-320');
    await page.setViewportSize({ width: 1280, height: 800 });

    // Keyboard only: the year form submits, then a school's requests open from its card.
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await tabTo(page, (f) => f.id === 'academicYear');
    await tabTo(page, (f) => f.text === 'Show this year');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/provider\/evidence\/\?academicYear=\d{4}$/);
    await page.locator('#period-shown').waitFor();
    expect(await page.locator('#period-shown').textContent()).toMatch(/^Requests sent in the academic year \d{4}\/\d{2}/);
    await page.goto(`${site.url}/provider/evidence/${query}`);
    await page.locator('#schools').waitFor({ state: 'attached' });
    // The dates: GOV.UK date inputs, the From date already shown as day, month and year. A
    // To date that is not a real one is refused here, at its own field; a real one goes in the address.
    const [fy, fm, fd] = addDays(sentDay, -1).split('-');
    expect([await page.inputValue('#from-day'), await page.inputValue('#from-month'), await page.inputValue('#from-year')]).toEqual([String(Number(fd)), String(Number(fm)), fy]);
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await tabTo(page, (f) => f.text === 'Choose dates instead');
    await tabTo(page, (f) => f.id === 'to-day');
    await page.keyboard.type('31');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    await page.keyboard.type(String(Number(fy) + 1));
    await tabTo(page, (f) => f.text === 'Show these dates');
    await page.keyboard.press('Enter');
    await page.locator('#error-summary a', { hasText: 'The last date must be a real date, for example 31 7 2027.' }).waitFor();
    expect(await page.locator('#to-group').getAttribute('class')).toContain('govuk-form-group--error');
    expect(await page.title()).toMatch(/^Error: /);
    await expectNoAxeViolations(page, 'evidence, a date that is not real');
    await screenshot(page, 'evidence-date-error-1280');
    // From the summary's link to the field, by keyboard.
    await tabTo(page, (f) => f.text === 'The last date must be a real date, for example 31 7 2027.');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ id: 'to-day' });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('28');
    await tabTo(page, (f) => f.text === 'Show these dates');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${site.url}/provider/evidence/?from=${addDays(sentDay, -1)}&to=${Number(fy) + 1}-02-28`);
    await page.locator('#period-shown').waitFor();
    expect(await page.locator('#totals').textContent()).toMatch(/Requests sent\s*3/);
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await tabTo(page, (f) => f.text === 'Kingsmead School and Sixth Form: see the requests');
    expect(await focused(page)).toMatchObject({ tag: 'a' });
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/requests\/\?urn=990102$/);
    await page.locator('#requests-table').waitFor();
    expect(await page.locator('#requests-table tbody tr').count()).toBe(1);
    expectNoProblems(t.problems);
    await t.close();
  });

  it('signed out: a way to sign in, nothing else; a bad period: the problem and the forms', async () => {
    const t = await openPage(b.browser, { width: 320, expectedConsoleErrors: /401|400/ });
    const { page } = t;
    page.setDefaultTimeout(10_000);
    await page.goto(`${site.url}/provider/evidence/`);
    await page.locator('#sign-in-link').waitFor();
    expect(await page.locator('#schools').count()).toBe(0);
    await expectNoAxeViolations(page, 'evidence signed out, 320 px');

    const cookie = await signIn(site.stack, SAM);
    await useSessionCookie(t.context, cookie);
    await page.goto(`${site.url}/provider/evidence/?from=2026-10-01&to=2026-09-01`);
    await page.locator('#error-summary').waitFor();
    expect(await page.locator('#error-summary').textContent()).toContain('before the "from" date');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('#dates-form').isVisible()).toBe(true);
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'evidence, bad period, 320 px');
    await t.close();
  });
});
