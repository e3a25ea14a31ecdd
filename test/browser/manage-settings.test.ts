// A school's own set-up in Chromium against the real product on this machine
// (startLocalStack with the demo trust): the settings summary and its sections' own pages
// (a list row added and removed, a rule the API checks shown at its field, a save refused
// because someone else saved first, then the new minimum notice saved and seen by
// providers; issue 16, item 6: the school day changed under an approved booking, warned
// before saving, success only after; one section by keyboard alone), opportunities (only
// the Years 8 to 13 the school teaches; R-HOURS at the time) and staff (a deputy added and
// removed). axe-core checks every page and state; the settings page at 320 px too.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAREERS_LEAD } from '#infra/local/demo-data.ts';
import { createStore } from '#shared/store/client.ts';
import { markAddressesConfirmed } from '../support/confirmation.ts';
import { providerBody, schoolDayAhead } from '../support/provider-body.ts';
import { signIn } from '../support/sign-in.ts';
import { HARBOUR_VIEW } from './dates.ts';
import {
  bothWidths,
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
  useSessionCookie,
  type TestPage,
} from './support.ts';

const b = useBrowser();
const site = useLocalStack();

/** The error summary is shown, focused, lists `message`, and the group shows it inline. */
async function expectError(page: Page, group: string, message: RegExp) {
  await page.locator('#error-summary .govuk-error-summary__list').waitFor();
  expect(await focused(page)).toMatchObject({ id: 'error-summary' });
  expect(await page.title()).toMatch(/^Error: /);
  expect(await page.locator('#error-summary').textContent()).toMatch(message);
  await expect.poll(() => page.locator(`#${group}`).getAttribute('class')).toContain('govuk-form-group--error');
  expect(await page.locator(`#${group} .govuk-error-message`).first().textContent()).toMatch(message);
}

async function bannerSays(page: Page, text: RegExp) {
  await page.locator('#done-banner', { hasText: text }).waitFor();
  expect(await focused(page)).toMatchObject({ id: 'done-banner' });
}

describe('the careers lead sets up the school', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let lead: TestPage;

  beforeAll(async () => {
    // Signed in through the API (the sign-in pages have their own journeys): the session cookie goes into the browser.
    const cookie = await signIn(site.stack, DEMO_CAREERS_LEAD);
    lead = await openPage(b.browser);
    lead.page.setDefaultTimeout(10_000);
    await useSessionCookie(lead.context, cookie);
  }, 60_000);

  it('changes the minimum notice on its own page: a rule at its field, a stale save, then saved and shown on the summary', async () => {
    const { page, context } = lead;
    await page.goto(`${site.url}/manage/settings/?urn=${HARBOUR_VIEW}`);
    await page.locator('#section-notice').waitFor();
    expect(await page.locator('#section-notice').textContent()).toContain('30 days');
    await expectNoAxeViolations(page, 'settings summary');
    await screenshot(page, 'manage-settings-1024');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'manage-settings-320');
    await page.setViewportSize({ width: 1024, height: 800 });

    // A row added to a list, then removed, on the terms' own page.
    await page.getByRole('link', { name: 'Change terms' }).click();
    await page.locator('#section-form').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Terms');
    const terms = await page.locator('#terms-list .app-add-another__item').count();
    await page.getByRole('button', { name: 'Add another term' }).click();
    expect(await focused(page)).toMatchObject({ id: `term-${terms}-name` });
    await page.getByRole('button', { name: `Remove term ${terms + 1}` }).click();
    expect(await page.locator('#terms-list .app-add-another__item').count()).toBe(terms);
    await page.getByRole('link', { name: 'Back', exact: true }).click();

    // A Change link opens its section at its field.
    await page.getByRole('link', { name: 'Change minimum notice' }).click();
    await page.waitForURL(/section=notice#minimumNoticeDays$/);
    await page.locator('#section-form').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'minimumNoticeDays' });
    expect(await page.locator('#minimumNoticeDays').inputValue()).toBe('30');
    expect(await page.locator('#premises').count()).toBe(0); // only this section's questions
    await expectNoAxeViolations(page, 'notice and answers');

    // A rule the API checks, shown at its field.
    await page.getByLabel('How far ahead providers can book').fill('20');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expectError(page, 'bookingWindowDays-group', /booking window/i);
    await expectNoAxeViolations(page, 'notice and answers refused');
    await page.getByLabel('How far ahead providers can book').fill('365');
    // R-REASONABLE's minimum: 20 minutes until changed, bounded at its field.
    expect(await page.locator('#minimumLengthMinutes').inputValue()).toBe('20');
    await page.getByLabel('Shortest encounter').fill('5');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('#error-summary', { hasText: /shortest encounter/ }).waitFor();
    await expectError(page, 'minimumLengthMinutes-group', /shortest encounter in minutes from 10 to 120/);
    await page.getByLabel('Shortest encounter').fill('25');

    // Someone else saves first: 409, with a link to reload.
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const api = `${site.url}/api/manage/schools/${HARBOUR_VIEW}/settings`;
    const current = (await (await fetch(api, { headers: { cookie } })).json()) as { version: number; settings: { premises: string } };
    const other = await fetch(api, {
      method: 'PUT',
      headers: { cookie, origin: site.url, 'content-type': 'application/json' },
      body: JSON.stringify({ version: current.version, settings: { ...current.settings, premises: `${current.settings.premises} Parking is on Quay Road.` } }),
    });
    expect(other.status).toBe(200);
    await page.getByLabel('Minimum notice').fill('14');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('#reload-settings').waitFor();
    expect(await page.locator('#error-summary').textContent()).toContain('Someone else saved these settings');
    await expectNoAxeViolations(page, 'settings changed by someone else');
    await page.locator('#reload-settings').click();
    await page.locator('#section-form').waitFor();

    await page.getByLabel('Minimum notice').fill('14');
    await page.getByLabel('Shortest encounter').fill('25');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await bannerSays(page, /Notice and answers saved/);
    await page.waitForURL(new RegExp(`/manage/settings/\\?urn=${HARBOUR_VIEW}$`));
    expect(await page.locator('#last-saved').textContent()).toContain(DEMO_CAREERS_LEAD);
    expect(await page.locator('#section-notice').textContent()).toContain('14 days');
    // The other sections went back as they were: the other person's change is kept.
    expect(await page.locator('#section-premises').textContent()).toContain('Parking is on Quay Road.');
    await page.reload();
    await page.locator('#section-notice').waitFor();
    expect(await page.locator('#section-notice').textContent()).toContain('14 days');
    expect(await page.locator('#section-notice').textContent()).toContain('25 minutes');
    const { school } = (await (await fetch(`${site.url}/api/schools/${HARBOUR_VIEW}`)).json()) as { school: { minimumNoticeDays: number; minimumLengthMinutes: number } };
    expect(school.minimumNoticeDays).toBe(14);
    expect(school.minimumLengthMinutes).toBe(25);
  });

  it('asks before replacing the careers lead, saying who loses access (issue 12, item 4); going back keeps the answers as they were', async () => {
    const { page } = lead;
    // The dashboard's link to the careers lead's address opens the section at it.
    await page.goto(`${site.url}/manage/settings/?urn=${HARBOUR_VIEW}#lead-email`);
    await page.locator('#section-form').waitFor();
    expect(page.url()).toMatch(/section=careers-lead#lead-email$/);
    expect(await focused(page)).toMatchObject({ id: 'lead-email' });
    await page.locator('#lead-name').fill('Alex Newlead');
    await page.locator('#lead-email').fill('alex.newlead@harbourview.example');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('#lead-change').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'affected-heading' });
    expect(await page.locator('#affected').textContent()).toContain('You are making Alex Newlead (alex.newlead@harbourview.example) the careers lead instead of');
    expect(await page.locator('#lead-change').textContent()).toMatch(/will lose access to this school’s pages at once/);
    await expectNoAxeViolations(page, 'replacing the careers lead');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'manage-settings-lead-change-320');
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.getByRole('button', { name: 'Go back and change it' }).click();
    expect(await page.locator('#lead-email').inputValue()).toBe('alex.newlead@harbourview.example');
    expect(await page.locator('#affected').count()).toBe(0);
  });

  it('shows a deputy who the careers lead is without letting them change it (issue 12, item 4), and still saves their other settings', async () => {
    const cookie = await signIn(site.stack, 'deputy.head@harbourview.example');
    const deputy = await openPage(b.browser);
    await useSessionCookie(deputy.context, cookie);
    const { page } = deputy;
    await page.goto(`${site.url}/manage/settings/?urn=${HARBOUR_VIEW}`);
    await page.locator('#section-careers-lead').waitFor();
    expect(await page.locator('#section-careers-lead a').count()).toBe(0);
    expect(await page.locator('#lead-read-only').textContent()).toContain('Only the careers lead or a trust admin can change who the careers lead is.');
    await expectNoAxeViolations(page, 'settings as a deputy');
    await page.goto(`${site.url}/manage/settings/?urn=${HARBOUR_VIEW}&section=careers-lead`);
    await page.locator('#lead-read-only').waitFor();
    expect(await page.locator('#lead-email').count()).toBe(0);
    await expectNoAxeViolations(page, 'the careers lead as a deputy');

    const change = async (days: string) => {
      await page.goto(`${site.url}/manage/settings/?urn=${HARBOUR_VIEW}`);
      await page.getByRole('link', { name: 'Change how far ahead providers can book' }).click();
      await page.locator('#section-form').waitFor();
      await page.getByLabel('How far ahead providers can book').fill(days);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await bannerSays(page, /Notice and answers saved/);
      expect(await page.locator('#section-notice').textContent()).toContain(`${days} days`);
    };
    await change('364');
    await change('365'); // put back
    expectNoProblems(deputy.problems);
    await deputy.close();
  });

  it('adds an opportunity (its rules at their fields) and a deputy, then removes the deputy', async () => {
    const { page } = lead;
    await page.goto(`${site.url}/manage/opportunities/?urn=${HARBOUR_VIEW}`);
    await page.locator('#opportunity-list').waitFor();
    expect(await page.locator('#opportunity-list').textContent()).toContain('Year 10 assembly');
    await expectNoAxeViolations(page, 'opportunities');
    await page.getByRole('link', { name: 'Add an opportunity' }).click();
    await page.locator('#opportunity-form').waitFor();
    // Only the Years 8 to 13 the school teaches (Harbour View is 11–16).
    expect(await page.locator('input[name="yearGroups"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['8', '9', '10', '11']);
    await page.getByRole('button', { name: 'Save opportunity' }).click();
    await expectError(page, 'kind-group', /Choose when/);
    await expectNoAxeViolations(page, 'new opportunity, nothing entered');
    await page.getByLabel('Name').fill('Year 11 options evening');
    await page.getByRole('radio', { name: 'Careers fair stand' }).check();
    await page.getByRole('radio', { name: 'Every week in term time' }).check();
    await page.getByLabel('Day of the week').selectOption('wed');
    await page.locator('#weekly-start').fill('16:00');
    await page.locator('#weekly-end').fill('17:00');
    await page.getByRole('checkbox', { name: 'Year 11' }).check();
    await page.getByLabel('Venue').fill('Sports hall');
    await page.getByRole('button', { name: 'Save opportunity' }).click();
    // After the school day (R-HOURS), said at the time.
    await expectError(page, 'weekly-start-group', /./);
    await expectNoAxeViolations(page, 'new opportunity refused');
    await page.locator('#weekly-start').fill('13:30');
    await page.locator('#weekly-end').fill('14:30');
    await page.getByRole('button', { name: 'Save opportunity' }).click();
    await page.waitForURL(/\/manage\/opportunities\/\?urn=990101$/);
    await bannerSays(page, /Year 11 options evening saved/);
    expect(await page.locator('#opportunity-list').textContent()).toContain('Every Wednesday in term time, 1:30pm to 2:30pm');

    await page.goto(`${site.url}/manage/staff/?urn=${HARBOUR_VIEW}`);
    await page.locator('#staff-table').waitFor();
    expect(await page.locator('#staff-table').textContent()).toContain('Sam Okonkwo-Reid');
    await expectNoAxeViolations(page, 'staff');
    await page.getByRole('button', { name: 'Add deputy' }).click();
    await expectError(page, 'new-name-group', /full name/);
    await expectNoAxeViolations(page, 'add deputy, nothing entered');
    await page.getByLabel('Full name').fill('Alex Morgan');
    await page.getByLabel('Email address').fill('alex.morgan@harbourview.example');
    await page.getByRole('button', { name: 'Add deputy' }).click();
    await bannerSays(page, /Alex Morgan added as a deputy/);
    await page.getByRole('button', { name: 'Remove Alex Morgan' }).click();
    await bannerSays(page, /Alex Morgan is no longer a deputy/);
    expect(await page.locator('#staff-table').textContent()).not.toContain('Alex Morgan');
  });

  it('changes the school day under an approved booking: the dry run warns before saving, then the summary says saved (issue 16, item 6)', async () => {
    const { page, context } = lead;
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const api = `${site.url}/api/manage/schools/${HARBOUR_VIEW}/settings`;
    const read = async () => (await (await fetch(api, { headers: { cookie } })).json()) as { version: number; settings: { schoolDay: Record<string, unknown> } };
    // An approved Year 9 visit late on a Wednesday, which a shorter Wednesday leaves outside the school day.
    const day = await schoolDayAhead(site.stack, HARBOUR_VIEW, 45, 3);
    const email = 'liaison@late-wednesday.example';
    await markAddressesConfirmed(createStore({ tableName: site.stack.tableName, endpoint: site.stack.dynamodb.endpoint }), [email]);
    const made = await fetch(`${site.url}/api/schools/${HARBOUR_VIEW}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: site.url, 'cloudfront-viewer-address': '10.9.0.1:443' },
      body: JSON.stringify(providerBody({ provider: { organisation: 'Quayside College', type: 'fe_college' }, contact: { name: 'Jo Quay', email, phone: '01632 960222' }, proposed: { date: day, start: '14:30', end: '15:00' }, yearGroups: [9] })),
    });
    expect(made.status).toBe(201);
    const { request } = (await made.json()) as { request: { id: string } };
    expect((await fetch(`${site.url}/api/manage/requests/${request.id}/approve`, { method: 'POST', headers: { cookie, origin: site.url, 'content-type': 'application/json' }, body: '{}' })).status).toBe(200);
    const before = await read();

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${site.url}/manage/settings/?urn=${HARBOUR_VIEW}`);
    await page.locator('#section-school-day').waitFor();
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    console.log(`settings summary at 1280 px: ${height} px high`);
    expect(height).toBeLessThan(4000); // the demo school: 12 terms, 3 closures, 7 grounds; was 10,800 px as one form
    await bothWidths(page, 'settings-summary');

    await page.getByRole('link', { name: 'Change Wednesday’s times' }).click();
    await page.waitForURL(/section=school-day#day-wed-start$/);
    await page.locator('#section-form').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'day-wed-start' });
    console.log(`school day page at 1280 px: ${await page.evaluate(() => document.documentElement.scrollHeight)} px high`);
    await bothWidths(page, 'settings-school-day');
    await page.locator('#day-wed-end').fill('14:00');
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    // The warning comes first, and nothing is saved yet.
    await page.locator('#affected').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'affected-heading', tag: 'h1' });
    expect(await page.title()).toBe('Check the bookings this change affects – Provider access');
    expect(await page.locator('#section-form').isHidden()).toBe(true);
    expect(await page.locator('#done-banner').count()).toBe(0);
    const item = (await page.locator(`#affected-list li[data-request-id="${request.id}"]`).textContent())?.replace(/\s+/g, ' ') ?? '';
    expect(item).toMatch(/^Quayside College, .*, 2:30pm to 3pm, Year 9 \(approved\): .*\(R-HOURS\)$/);
    expect(item).toContain('ends at 2pm');
    // The opportunity added above (Wednesdays 1:30pm to 2:30pm) would give no slots: said now too.
    expect(await page.locator('#warnings-list').textContent()).toContain('"Year 11 options evening" gives no slots now');
    expect((await read()).version).toBe(before.version);
    await bothWidths(page, 'settings-dry-run');

    // Going back keeps the answer; saving after the warning, the summary says saved.
    await page.getByRole('button', { name: 'Go back and change it' }).click();
    expect(await focused(page)).toMatchObject({ id: 'save-section' });
    expect(await page.locator('#day-wed-end').inputValue()).toBe('14:00');
    expect((await read()).version).toBe(before.version);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('button', { name: 'Save this change' }).click();
    await bannerSays(page, /School day saved/);
    await page.waitForURL(new RegExp(`/manage/settings/\\?urn=${HARBOUR_VIEW}$`));
    expect(await page.locator('#done-banner').textContent()).toMatch(/bookings? needs? attention/);
    expect(await page.locator('#settings-warnings').count()).toBe(0); // no warning below a success
    expect(await page.locator('#section-school-day').textContent()).toContain('8:40am to 2pm');
    expect((await read()).version).toBe(before.version + 1);
    await bothWidths(page, 'settings-saved');

    // Put the school day back for the tests after.
    const now = await read();
    const back = await fetch(api, { method: 'PUT', headers: { cookie, origin: site.url, 'content-type': 'application/json' }, body: JSON.stringify({ version: now.version, settings: { ...now.settings, schoolDay: before.settings.schoolDay } }) });
    expect(back.status).toBe(200);
    await page.setViewportSize({ width: 1024, height: 800 });
  });

  it('changes one section by keyboard alone: Change link, the field, Save, the banner', async () => {
    const { page } = lead;
    await page.goto(`${site.url}/manage/settings/?urn=${HARBOUR_VIEW}`);
    await page.locator('#section-premises').waitFor();
    await tabTo(page, (f) => f.tag === 'a' && f.text === 'Change premises and facilities', 120);
    await page.keyboard.press('Enter');
    await page.waitForURL(/section=premises#premises$/);
    await page.locator('#section-form').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'premises' });
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Lunch is in the canteen.');
    await tabTo(page, (f) => f.id === 'save-section');
    await page.keyboard.press('Enter');
    await bannerSays(page, /Premises saved/);
    expect(await page.locator('#section-premises').textContent()).toContain('Lunch is in the canteen.');
    // From the banner, Tab reaches the Change links again.
    await tabTo(page, (f) => f.tag === 'a' && f.text === 'Change premises and facilities', 120);
  });

  it('lets a trust admin switch between schools, and tells a lead who opens another school’s page', async () => {
    // The lead: Kingsmead is not theirs.
    await lead.page.goto(`${site.url}/manage/settings/?urn=990102`);
    await lead.page.locator('h1', { hasText: 'You do not manage this school' }).waitFor();
    expect(await lead.page.getByRole('link', { name: 'Go to Harbour View Academy' }).getAttribute('href')).toBe(`/manage/settings/?urn=${HARBOUR_VIEW}`);
    await expectNoAxeViolations(lead.page, 'another school’s settings');

    const cookie = await signIn(site.stack, 'trust.admin@northfield-trust.example');
    const admin = await openPage(b.browser, { width: 320, height: 800 });
    admin.page.setDefaultTimeout(10_000);
    await useSessionCookie(admin.context, cookie);
    await admin.page.goto(`${site.url}/manage/`);
    await admin.page.locator('#school-switcher').waitFor();
    expect(await admin.page.locator('#switch-urn option').count()).toBe(4);
    await expectNoAxeViolations(admin.page, 'dashboard with a school switcher');
    await expectNoHorizontalScroll(admin.page);
    await admin.page.getByLabel('School', { exact: true }).selectOption({ label: 'Kingsmead School and Sixth Form' });
    await admin.page.getByRole('button', { name: 'Change school' }).click();
    await admin.page.waitForURL(/\/manage\/\?urn=990102$/);
    await admin.page.locator('#school-name', { hasText: 'Kingsmead School and Sixth Form' }).waitFor();
    expect(await admin.page.locator('#account').textContent()).toContain('Trust admin');
    expect(await admin.page.getByRole('link', { name: 'Staff' }).getAttribute('href')).toBe('/manage/staff/?urn=990102');
    expectNoProblems(admin.problems);
    await admin.close();
  });

  it('shows the signed-out state on each set-up page after signing out', async () => {
    const { page, problems, close } = lead;
    await page.goto(`${site.url}/manage/staff/?urn=${HARBOUR_VIEW}`);
    await page.locator('#staff-table').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#sign-in-heading').waitFor();
    for (const path of ['/manage/settings/', '/manage/opportunities/', '/manage/staff/']) {
      await page.goto(`${site.url}${path}?urn=${HARBOUR_VIEW}`);
      await page.locator('#sign-in-heading').waitFor();
      expect(await page.locator('#sign-in-heading').textContent()).toBe('Sign in to manage your school');
    }
    await expectNoAxeViolations(page, 'staff page, signed out');
    expectNoProblems(problems);
    await close();
  });
});
