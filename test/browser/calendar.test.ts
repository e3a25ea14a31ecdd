// The month calendar (issue 14, item 4) in Chromium against the real product on this
// machine: on the school page, a grid with a caption naming the month and full day names,
// each day's slots and places left or why the school is shut, filters, previous and next
// month; by keyboard alone (Tab into the grid, arrows and Page Down to a day with a slot,
// Enter, Tab to its link) a provider reaches the request form as the list's link does. On
// the careers lead's "propose another time" page the same calendar shows the encounters
// already approved for the request's year groups, and choosing a day by keyboard fills the
// date. axe-core (WCAG 2.2 AA) at 1280 and 320 px; the grid keeps its height while a month
// loads.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAREERS_LEAD } from '#infra/local/demo-data.ts';
import { daysBetween } from '#shared/domain/dates.ts';
import { monthOf, shiftMonth } from '#shared/domain/school-month.ts';
import { createStore } from '#shared/store/client.ts';
import { markAddressesConfirmed } from '../support/confirmation.ts';
import { providerBody } from '../support/provider-body.ts';
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
  tabTo,
  useBrowser,
  useLocalStack,
} from './support.ts';

const b = useBrowser();
const site = useLocalStack();

type Slot = { opportunityId: string; placesLeft: number; yearGroups: number[] };
type Day = { date: string; closed?: { kind: string; label: string }; availability?: string; slots: Slot[] };
type Month = { month: string; days: Day[] };

const EMAIL = 'calendar@quayside-college.example';
let staffCookie = '';
const dates = { busy: '', requested: '', requestId: '', month: '' };

async function month(m: string): Promise<Month> {
  const res = await fetch(`${site.url}/api/schools/${HARBOUR_VIEW}/calendar?month=${m}`);
  if (res.status !== 200) throw new Error(`calendar ${m}: ${res.status}`);
  return ((await res.json()) as { calendar: Month }).calendar;
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${site.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: site.url, ...headers }, body: JSON.stringify(body) });
  const json = (await res.json()) as { request?: { id: string } };
  if (res.status >= 300 || !json.request) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json.request.id;
}

beforeAll(async () => {
  await markAddressesConfirmed(createStore({ tableName: site.stack.tableName, endpoint: site.stack.dynamodb.endpoint }), [EMAIL]);
  staffCookie = await signIn(site.stack, DEMO_CAREERS_LEAD);
  // The first month with a Year 10 assembly with a place, and an open school day in it besides.
  const { earliest } = journeyDates();
  for (let m = monthOf(earliest), i = 0; i < 6 && !dates.busy; m = shiftMonth(m, 1), i++) {
    const days = (await month(m)).days;
    const slot = days.find((d) => d.slots.some((s) => s.opportunityId === 'y10-assembly' && s.placesLeft > 0));
    const other = days.find((d) => slot && !d.closed && d.availability === 'open' && d.date !== slot.date && d.slots.every((s) => !s.yearGroups.includes(10)));
    if (slot && other) Object.assign(dates, { busy: slot.date, requested: other.date, month: m });
  }
  if (!dates.busy) throw new Error('no month with a Year 10 slot');
  const contact = { name: 'Kim Osei', email: EMAIL, phone: '01632 960777' };
  const approved = await post(`/api/schools/${HARBOUR_VIEW}/requests`, providerBody({ contact, slot: { opportunityId: 'y10-assembly', date: dates.busy } }), { 'idempotency-key': 'calendar-browser-1' });
  await post(`/api/manage/requests/${approved}/approve`, {}, { cookie: staffCookie });
  dates.requestId = await post(`/api/schools/${HARBOUR_VIEW}/requests`, providerBody({ contact, proposed: { date: dates.requested, start: '10:00', end: '10:45' } }), { 'idempotency-key': 'calendar-browser-2' });
}, 90_000);

const focusedDate = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.date ?? '');
const gridReady = (page: Page) => page.waitForFunction(() => { const g = document.querySelector('#calendar-grid'); return g && !g.hasAttribute('aria-busy'); });

/** From the focused date to `target` with PageUp/PageDown and the arrow keys only. */
async function moveTo(page: Page, target: string) {
  for (let i = 0; i < 14 && monthOf(await focusedDate(page)) !== monthOf(target); i++) {
    await page.keyboard.press(monthOf(await focusedDate(page)) < monthOf(target) ? 'PageDown' : 'PageUp');
    await gridReady(page);
  }
  let gap = daysBetween(await focusedDate(page), target);
  for (; Math.abs(gap) >= 7; gap += gap > 0 ? -7 : 7) await page.keyboard.press(gap > 0 ? 'ArrowDown' : 'ArrowUp');
  for (; gap !== 0; gap += gap > 0 ? -1 : 1) await page.keyboard.press(gap > 0 ? 'ArrowRight' : 'ArrowLeft');
  expect(await focusedDate(page)).toBe(target);
}

/** The focused element shows GOV.UK's yellow focus. */
async function expectVisibleFocus(page: Page) {
  const colour = await page.evaluate(() => getComputedStyle(document.activeElement as Element).backgroundColor);
  expect(colour).toBe('rgb(255, 221, 0)');
}

async function gridShape(page: Page) {
  const caption = (await page.locator('#calendar-caption').textContent()) ?? '';
  const heads = await page.locator('#calendar-grid thead abbr').evaluateAll((els) => els.map((e) => e.getAttribute('title')));
  const rows = await page.locator('#calendar-grid tbody tr').count();
  return { caption, heads, rows };
}

describe('the month calendar', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it('school page, 1280 px: a table grid that keeps its height while a month loads, closures with reasons, slots with places, filters', async () => {
    const { page, problems, close } = await openPage(b.browser, { width: 1280, height: 900 });
    page.setDefaultTimeout(10_000);
    // Every month answer waits a little, so the grid is seen before its data.
    await page.route('**/api/schools/*/calendar?*', async (route) => {
      await new Promise((r) => setTimeout(r, 400));
      await route.continue();
    });
    await page.goto(`${site.url}/school/?urn=${HARBOUR_VIEW}`);
    await page.locator('#calendar-grid[aria-busy]').waitFor();
    const before = await page.locator('#calendar-grid').boundingBox();
    await gridReady(page);
    const after = await page.locator('#calendar-grid').boundingBox();
    expect(after?.height).toBe(before?.height);
    expect(after?.y).toBe(before?.y);

    const shape = await gridShape(page);
    expect(shape.heads).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    expect(shape.rows).toBe(6);
    // Next month, as far as the month with the Year 10 slots; the grid never changes height.
    while (monthOf((await page.locator('#calendar-grid button[data-date]').first().getAttribute('data-date')) ?? '') < dates.month) {
      await page.locator('#calendar-next').click();
      await gridReady(page);
      expect((await page.locator('#calendar-grid').boundingBox())?.height).toBe(before?.height);
    }
    expect((await gridShape(page)).caption).toMatch(/^[A-Z][a-z]+ \d{4}, free slots$/);
    const words = (date: string) => page.locator(`#calendar-grid button[data-date="${date}"] .app-calendar__words`).textContent();
    expect(await words(dates.busy)).toMatch(/: 1 slot, all full$/);
    const saturday = (await page.locator('#calendar-grid button[data-date]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.date ?? ''))).find((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 6) ?? '';
    expect(await words(saturday)).toMatch(/: closed: Weekend$/);
    const m = await month(dates.month);
    const withPlaces = m.days.find((d) => d.slots.some((s) => s.placesLeft > 0));
    if (withPlaces) expect(await words(withPlaces.date)).toMatch(/: \d+ slots?, \d+ places? left$/);
    await expectNoAxeViolations(page, 'school page calendar, 1280');
    await screenshot(page, 'calendar-school-1280');

    await page.selectOption('#filter-year', '8');
    await page.locator('#apply-filters').click();
    await gridReady(page);
    await expect.poll(() => page.locator('#calendar-status').textContent()).toMatch(/for Year 8\.$/);
    const slotDays = await page.locator('#calendar-grid td.app-calendar__cell--slots button').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.date ?? ''));
    expect(slotDays.every((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 4)).toBe(true);
    await expectNoAxeViolations(page, 'school page calendar, filtered');
    expectNoProblems(problems);
    await close();
  });

  it('school page by keyboard alone: into the grid, arrows to a day with a slot, Enter, Tab to its link, the request form', async () => {
    const { page, problems, close } = await openPage(b.browser, { width: 1280, height: 900 });
    page.setDefaultTimeout(10_000);
    await page.goto(`${site.url}/school/?urn=${HARBOUR_VIEW}`);
    await gridReady(page);
    await tabTo(page, (f) => f.tag === 'button' && /^\d+[A-Z][a-z]+day \d+ [A-Z][a-z]+ \d{4}/.test(f.text), 120);
    await expectVisibleFocus(page);
    const target = (await month(dates.month)).days.find((d) => d.slots[0] && d.slots[0].placesLeft > 0);
    if (!target) throw new Error('no day with a place');
    await moveTo(page, target.date);
    await expectVisibleFocus(page);
    // Home and End: the week's Monday and Sunday, then back.
    await page.keyboard.press('Home');
    expect(new Date(`${await focusedDate(page)}T12:00:00Z`).getUTCDay()).toBe(1);
    await moveTo(page, target.date);
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('day-detail');
    expect(await page.locator('#day-detail button, #day-detail a').count()).toBeGreaterThan(0);
    await tabTo(page, (f) => f.tag === 'a' && f.text.startsWith('Request this slot'), 5);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/request\/\?/);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ urn: HARBOUR_VIEW, opportunity: target.slots[0]?.opportunityId, date: target.date });
    expectNoProblems(problems);
    await close();
  });

  it('school page at 320 px: the grid fits, markers instead of words, the chosen day below; no axe violations', async () => {
    const { page, problems, close } = await openPage(b.browser, { width: 320, height: 800 });
    page.setDefaultTimeout(10_000);
    await page.goto(`${site.url}/school/?urn=${HARBOUR_VIEW}`);
    await gridReady(page);
    while (monthOf((await page.locator('#calendar-grid button[data-date]').first().getAttribute('data-date')) ?? '') < dates.month) {
      await page.locator('#calendar-next').click();
      await gridReady(page);
    }
    await expectNoHorizontalScroll(page);
    const target = (await month(dates.month)).days.find((d) => d.slots.some((s) => s.placesLeft > 0));
    await page.locator(`#calendar-grid button[data-date="${target?.date}"]`).click();
    await page.locator('#day-slots').waitFor();
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'school page calendar, 320');
    await screenshot(page, 'calendar-school-320');
    expectNoProblems(problems);
    await close();
  });

  for (const width of [1280, 320]) {
    it(`the lead's "propose another time" at ${width} px: approved encounters marked busy; a day chosen by keyboard fills the date`, async () => {
      const [name, value] = staffCookie.split('=') as [string, string];
      const { page, problems, context, close } = await openPage(b.browser, { width, height: 900 });
      page.setDefaultTimeout(10_000);
      await context.addCookies([{ name, value, domain: 'localhost', path: '/', httpOnly: true, secure: true, sameSite: 'Lax' }]);
      await page.goto(`${site.url}/manage/requests/decide/?id=${dates.requestId}&action=propose`);
      await gridReady(page);
      expect((await gridShape(page)).caption).toMatch(/, free times and approved encounters for Year 10$/);
      const busy = page.locator(`#calendar-grid button[data-date="${dates.busy}"] .app-calendar__words`);
      expect(await busy.textContent()).toMatch(/1 approved encounter for Year 10: 8:50am to 9:20am \(Year 10\)/);
      if (width === 320) await expectNoHorizontalScroll(page);
      await expectNoAxeViolations(page, `propose calendar, ${width}`);

      // The request's own date is the one in the tab order.
      await tabTo(page, (f) => f.tag === 'button' && /^\d+[A-Z][a-z]+day \d+ [A-Z][a-z]+ \d{4}/.test(f.text), 120);
      expect(await focusedDate(page)).toBe(dates.requested);
      await moveTo(page, dates.busy);
      await expectVisibleFocus(page);
      await page.keyboard.press('Enter');
      const [d, m, y] = dayMonthYear(dates.busy);
      expect(await page.evaluate(() => ['date-day', 'date-month', 'date-year'].map((id) => (document.getElementById(id) as HTMLInputElement).value))).toEqual([d, m, y]);
      await expect.poll(() => page.locator('#propose-filled').textContent()).toMatch(/^Date filled in: /);
      expect(await page.locator('#propose-day-approved').textContent()).toMatch(/8:50am to 9:20am: an approved encounter for Year 10/);
      // A closed day cannot be chosen: the date stays.
      const closed = await page.locator('#calendar-grid td.app-calendar__cell--closed button').first().getAttribute('data-date');
      await moveTo(page, closed ?? '');
      await page.keyboard.press('Enter');
      expect(await page.locator('#date-day').inputValue()).toBe(d);
      await expectNoAxeViolations(page, `propose calendar, ${width}, a day chosen`);
      await screenshot(page, `calendar-propose-${width}`);
      expectNoProblems(problems);
      await close();
    });
  }

  it('no month before today’s: Previous month says so and keeps focus, PageUp stays in the month', async () => {
    const { page, close } = await openPage(b.browser, { width: 1280 });
    await page.goto(`${site.url}/school/?urn=${HARBOUR_VIEW}`);
    await gridReady(page);
    while ((await page.locator('#calendar-previous').getAttribute('aria-disabled')) !== 'true') {
      await page.locator('#calendar-previous').click();
      await gridReady(page);
    }
    const shown = (await page.locator('#calendar-grid button[data-date]').first().getAttribute('data-date')) ?? '';
    expect(monthOf(shown)).toBe(monthOf(journeyDates().today));
    // At the end it stays where it is and keeps focus (aria-disabled, not disabled); PageUp in the grid stays too.
    await page.locator('#calendar-previous').focus();
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('calendar-previous');
    expect(monthOf((await page.locator('#calendar-grid button[data-date]').first().getAttribute('data-date')) ?? '')).toBe(monthOf(journeyDates().today));
    await page.locator('#calendar-grid button[tabindex="0"]').focus();
    await page.keyboard.press('PageUp');
    expect(monthOf(await focusedDate(page))).toBe(monthOf(journeyDates().today));
    await close();
  });
});
