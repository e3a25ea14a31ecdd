// Issue 15's journey as a college's schools-liaison officer would make it, in one browser on
// the local stack, at 320 px and by keyboard alone (Tab, arrows, Space, Enter, typing; never a
// click): sign in with the emailed link, set up the organisation, invite a colleague (their
// invitation arrives), find schools within 15 km of a postcode, send a three-school visit tour,
// see two schools' answers arrive, subscribe to the organisation's calendar feed (parsed back
// as a calendar app would) and download the requests as CSV. Axe on every state.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { schoolDayAhead } from '../support/provider-body.ts';
import { signIn } from '../support/sign-in.ts';
import { linkIn, waitForEmail } from '../support/stack.ts';
import { BROWSER_TEST_TIMEOUT, expectNoAxeViolations, expectNoHorizontalScroll, expectNoProblems, focused, openPage, screenshot, tabTo, useBrowser, useLocalStack } from './support.ts';

const b = useBrowser();
const site = useLocalStack();

const OFFICER = 'schools.liaison@seaview-college.example';
const COLLEAGUE = 'careers.adviser@seaview-college.example';
const SCHOOLS = [
  { urn: '990101', name: 'Harbour View Academy', find: 'Harbour View' },
  { urn: '990103', name: 'Oakridge Middle School', find: 'Oakridge' },
  { urn: '990102', name: 'Kingsmead School and Sixth Form', find: 'Kingsmead' },
];

async function state(page: Page, label: string) {
  await screenshot(page, `college-${label}-320`);
  await expectNoAxeViolations(page, `college journey: ${label}`);
  await expectNoHorizontalScroll(page);
}

describe('a college’s journey, at 320 px by keyboard alone', { timeout: BROWSER_TEST_TIMEOUT * 4 }, () => {
  it('signs in, sets up, invites, finds schools near, sends a tour, sees answers, subscribes to the feed and exports the CSV', async () => {
    const t = await openPage(b.browser, { width: 320, height: 740 });
    const { page } = t;
    page.setDefaultTimeout(15_000);
    const type = async (id: string, text: string) => {
      await tabTo(page, (f) => f.id === id, 120);
      await page.keyboard.press('Control+A');
      await page.keyboard.type(text);
    };
    const press = async (match: (f: Awaited<ReturnType<typeof focused>>) => boolean, key = 'Enter') => {
      await tabTo(page, match, 120);
      await page.keyboard.press(key);
    };

    // 1. Sign in: the address, then the emailed link, which does nothing until Continue.
    await page.goto(`${site.url}/sign-in/`);
    await state(page, 'sign-in');
    await type('email', OFFICER);
    await page.keyboard.press('Enter');
    await page.locator('#sent-heading').waitFor();
    const signInEmail = await waitForEmail(site.stack, (e) => e.destination.to.some((to) => to.includes(OFFICER)));
    await page.goto(linkIn(signInEmail, /(http\S+\/sign-in\/confirm\/#token=[\w-]+)/));
    await state(page, 'sign-in-confirm');
    await press((f) => f.id === 'continue');

    // 2. A new college lands on setting up its organisation.
    await page.waitForURL(/\/provider\/organisation\/$/);
    await page.locator('#organisation-form').waitFor();
    await state(page, 'organisation-set-up');
    await type('name', 'Seaview College');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ type: 'radio', name: 'type' });
    await page.keyboard.press('Space');
    await type('ukprn', '10091234');
    await type('website', 'https://www.seaview-college.example');
    await type('contact-name', 'Sam Shore');
    await type('contact-email', OFFICER);
    await type('contact-phone', '01632 960 555');
    await press((f) => f.id === 'save-organisation');
    await page.locator('#organisation-details').waitFor();
    expect(await page.locator('#done-banner').textContent()).toContain('Seaview College is set up. You are its admin.');
    await state(page, 'organisation');

    // 3. Invite a colleague: their invitation arrives.
    await type('invite-email', COLLEAGUE);
    await press((f) => f.id === 'send-invite');
    await page.locator(`[data-member="${COLLEAGUE}"]`).waitFor();
    const invitation = await waitForEmail(site.stack, (e) => e.destination.to.some((to) => to.includes(COLLEAGUE)));
    expect(invitation.subject).toBe('Sam Shore invited you to join Seaview College on Provider access');
    await state(page, 'organisation-invited');

    // 4. Schools within 15 km of a postcode, nearest first.
    await page.goto(`${site.url}/schools/`);
    await type('near', 'ZZ1 1AB');
    expect(await page.locator('#radius').inputValue()).toBe('15');
    await page.keyboard.press('Enter');
    await page.locator('#result-count').waitFor();
    expect(await page.locator('#result-count').textContent()).toMatch(/^\d+ schools? within 15 km of ZZ1 1AB$/);
    const near = await page.locator('.app-result-list__title').allTextContents();
    expect(near.map((n) => n.trim())).toEqual(expect.arrayContaining(['Harbour View Academy', 'Oakridge Middle School']));
    await state(page, 'near');

    // 5. A three-school tour: each school found and added, a time proposed at each, the shared details, check, send.
    await page.goto(`${site.url}/tours/new/`);
    await page.locator('#step-schools:not([hidden])').waitFor();
    await state(page, 'tour-schools');
    for (const s of SCHOOLS) {
      await type('q', s.find);
      await page.keyboard.press('Enter');
      await page.locator(`button[data-add="${s.urn}"]`).waitFor();
      await press((f) => f.tag === 'button' && f.text.startsWith('Add'));
      await page.locator('#chosen-list dt', { hasText: s.name }).waitFor();
    }
    expect(await page.locator('#chosen-list .govuk-summary-list__row').count()).toBe(3);
    await state(page, 'tour-chosen');
    await press((f) => f.text === 'Continue');
    // Kingsmead asks 42 days' notice: every date is further out than that.
    const dates = await Promise.all(SCHOOLS.map((s, i) => schoolDayAhead(site.stack, s.urn, 60 + i, 3)));
    for (const [i, date] of dates.entries()) {
      await page.locator('#step-stop:not([hidden])').waitFor();
      if (i === 0) await state(page, 'tour-stop');
      await tabTo(page, (f) => f.type === 'radio', 120);
      const onProposed = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value === 'proposed');
      for (let n = 0; n < 40 && !(await onProposed()); n++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Space');
      const [y, m, d] = date.split('-');
      await type('date-day', String(Number(d)));
      await type('date-month', String(Number(m)));
      await type('date-year', y!);
      await type('start', '10:00am');
      await type('end', '10:45am');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => !document.querySelector('#step-stop:not([hidden]) [aria-disabled]'));
    }
    await page.locator('#step-details:not([hidden])').waitFor();
    await state(page, 'tour-details');
    await press((f) => f.id === 'yearGroups', 'Space');
    await press((f) => f.id === 'sessionType', 'Space');
    // The organisation's profile fills in who is asking.
    expect(await page.inputValue('#contact-email')).toBe(OFFICER);
    await press((f) => f.id === 'safeguardingAgreed', 'Space');
    await press((f) => f.id === 'content', 'Space');
    await page.keyboard.press('Enter');
    await page.locator('#step-check:not([hidden])').waitFor();
    for (const s of SCHOOLS) expect(await page.locator('#check-answers').textContent()).toContain(s.name);
    await state(page, 'tour-check');
    await press((f) => f.id === 'send');
    await page.waitForURL(/\/tours\/view\/\?id=/);
    await page.locator('[data-stop="2"]').waitFor();
    expect(await page.locator('[data-status="pending"]').count()).toBe(3);
    await state(page, 'tour-sent');

    // 6. Two schools answer (their careers leads, from their dashboards); the tour's page shows it.
    const id = new URL(page.url()).searchParams.get('id') ?? '';
    const tour = await (await t.context.request.get(`${site.url}/api/tours/${id}`)).json();
    const stopOf = (urn: string) => tour.tour.stops.find((s: { urn: string }) => s.urn === urn).request.id as string;
    const decide = async (lead: string, requestId: string, action: string, body: unknown) => {
      const answer = await fetch(`${site.url}/api/manage/requests/${requestId}/${action}`, {
        method: 'POST',
        headers: { cookie: await signIn(site.stack, lead), 'content-type': 'application/json', origin: site.url },
        body: JSON.stringify(body),
      });
      expect(answer.status, await answer.text()).toBe(200);
    };
    await decide('careers.lead@harbourview.example', stopOf('990101'), 'approve', {});
    await decide('careers@kingsmead.example', stopOf('990102'), 'decline', { reason: 'Our Year 10 timetable is full that week.' });
    await press((f) => f.tag === 'button' && f.text === 'Check for answers');
    await page.locator('[data-status="approved"]').waitFor();
    await page.locator('[data-status="declined"]').waitFor();
    expect(await page.locator('[data-status="pending"]').count()).toBe(1);
    expect(await page.locator('[data-stop]', { hasText: 'Kingsmead' }).textContent()).toContain('Our Year 10 timetable is full that week.');
    await state(page, 'tour-answered');

    // 7. The calendar feed: made once, then read back as a calendar app would, with the approved visit's invitation UID.
    await page.goto(`${site.url}/provider/organisation/`);
    await page.locator('#calendar-feed').waitFor();
    await press((f) => f.id === 'make-feed');
    await page.locator('#feed-url').waitFor();
    await state(page, 'feed');
    const feed = await fetch(await page.inputValue('#feed-url'));
    expect(feed.status).toBe(200);
    const events = new ICAL.Component(ICAL.parse(await feed.text())).getAllSubcomponents('vevent');
    expect(events.map((e) => e.getFirstPropertyValue('uid'))).toEqual([`${stopOf('990101')}@provider-access`]);
    expect(String(events[0]!.getFirstPropertyValue('summary'))).toContain('Harbour View Academy');

    // 8. Every request of the organisation, downloaded as CSV from its list.
    await page.goto(`${site.url}/requests/`);
    await page.locator('#csv').waitFor();
    await state(page, 'requests');
    const downloading = page.waitForEvent('download');
    await press((f) => f.tag === 'a' && f.text.includes('CSV'));
    const file = await (await downloading).path();
    const rows = parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.URN).sort()).toEqual(['990101', '990102', '990103']);
    expect(rows.find((r) => r.URN === '990102')?.Status).toMatch(/declined/i);
    expect(rows.every((r) => r.Organisation === 'Seaview College')).toBe(true);

    expectNoProblems(t.problems);
    await t.context.close();
  });
});
