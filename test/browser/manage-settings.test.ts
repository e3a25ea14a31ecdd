// A school's own set-up in Chromium against the real product on this machine
// (startLocalStack with the demo trust): the settings form (a list row added and removed,
// a rule the API checks shown at its field, a save refused because someone else saved
// first, then the new minimum notice saved and seen by providers), opportunities (only
// the Years 8 to 13 the school teaches; R-HOURS at the time) and staff (a deputy added and
// removed). axe-core checks every page and state; the settings page at 320 px too.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAREERS_LEAD } from '#infra/local/demo-data.ts';
import { signIn } from '../support/sign-in.ts';
import { HARBOUR_VIEW } from './dates.ts';
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
    const [name, value] = (await signIn(site.stack, DEMO_CAREERS_LEAD)).split('=') as [string, string];
    lead = await openPage(b.browser);
    lead.page.setDefaultTimeout(10_000);
    await lead.context.addCookies([{ name, value, domain: 'localhost', path: '/', httpOnly: true, secure: true, sameSite: 'Lax' }]);
  }, 60_000);

  it('changes the minimum notice in the settings: a rule at its field, a stale save, then saved', async () => {
    const { page, context } = lead;
    await page.goto(`${site.url}/manage/settings/?urn=${HARBOUR_VIEW}`);
    await page.locator('#settings-form').waitFor();
    expect(await page.locator('#minimumNoticeDays').inputValue()).toBe('30');
    await expectNoAxeViolations(page, 'settings');
    await screenshot(page, 'manage-settings-1024');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'manage-settings-320');
    await page.setViewportSize({ width: 1024, height: 800 });

    // A row added to a list, then removed.
    const terms = await page.locator('#terms-list .app-add-another__item').count();
    await page.getByRole('button', { name: 'Add another term' }).click();
    expect(await focused(page)).toMatchObject({ id: `term-${terms}-name` });
    await page.getByRole('button', { name: `Remove term ${terms + 1}` }).click();
    expect(await page.locator('#terms-list .app-add-another__item').count()).toBe(terms);

    // A rule the API checks, shown at its field.
    await page.getByLabel('How far ahead providers can book').fill('20');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectError(page, 'bookingWindowDays-group', /booking window/i);
    await expectNoAxeViolations(page, 'settings refused');
    await page.getByLabel('How far ahead providers can book').fill('365');
    // R-REASONABLE's minimum: 20 minutes until changed, bounded at its field.
    expect(await page.locator('#minimumLengthMinutes').inputValue()).toBe('20');
    await page.getByLabel('Shortest encounter').fill('5');
    await page.getByRole('button', { name: 'Save settings' }).click();
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
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#reload-settings').waitFor();
    expect(await page.locator('#error-summary').textContent()).toContain('Someone else saved these settings');
    await expectNoAxeViolations(page, 'settings changed by someone else');
    await page.locator('#reload-settings').click();
    await page.locator('#settings-form').waitFor();
    expect(await page.locator('#premises').inputValue()).toContain('Parking is on Quay Road.');

    await page.getByLabel('Minimum notice').fill('14');
    await page.getByLabel('Shortest encounter').fill('25');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await bannerSays(page, /Settings saved/);
    expect(await page.locator('#last-saved').textContent()).toContain(DEMO_CAREERS_LEAD);
    await page.reload();
    await page.locator('#settings-form').waitFor();
    expect(await page.locator('#minimumNoticeDays').inputValue()).toBe('14');
    expect(await page.locator('#minimumLengthMinutes').inputValue()).toBe('25');
    const { school } = (await (await fetch(`${site.url}/api/schools/${HARBOUR_VIEW}`)).json()) as { school: { minimumNoticeDays: number; minimumLengthMinutes: number } };
    expect(school.minimumNoticeDays).toBe(14);
    expect(school.minimumLengthMinutes).toBe(25);
  });

  it('asks before replacing the careers lead, saying who loses access (issue 12, item 4); Go back keeps the form as it was', async () => {
    const { page } = lead;
    await page.goto(`${site.url}/manage/settings/?urn=${HARBOUR_VIEW}`);
    await page.locator('#settings-form').waitFor();
    await page.locator('#lead-name').fill('Alex Newlead');
    await page.locator('#lead-email').fill('alex.newlead@harbourview.example');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#lead-change').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'affected-heading' });
    expect(await page.locator('#affected').textContent()).toContain('You are making Alex Newlead (alex.newlead@harbourview.example) the careers lead instead of');
    expect(await page.locator('#lead-change').textContent()).toMatch(/will lose access to this school’s pages at once/);
    await expectNoAxeViolations(page, 'replacing the careers lead');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'manage-settings-lead-change-320');
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.getByRole('button', { name: 'Go back' }).click();
    expect(await page.locator('#lead-email').inputValue()).toBe('alex.newlead@harbourview.example');
    expect(await page.locator('#affected').count()).toBe(0);
  });

  it('shows a deputy who the careers lead is without letting them change it (issue 12, item 4), and still saves their other settings', async () => {
    const [name, value] = (await signIn(site.stack, 'deputy.head@harbourview.example')).split('=') as [string, string];
    const deputy = await openPage(b.browser);
    await deputy.context.addCookies([{ name, value, domain: 'localhost', path: '/', httpOnly: true, secure: true, sameSite: 'Lax' }]);
    const { page } = deputy;
    await page.goto(`${site.url}/manage/settings/?urn=${HARBOUR_VIEW}`);
    await page.locator('#settings-form').waitFor();
    expect(await page.locator('#lead-email').count()).toBe(0);
    expect(await page.locator('#lead-read-only').textContent()).toContain('Only the careers lead or a trust admin can change who the careers lead is.');
    await expectNoAxeViolations(page, 'settings as a deputy');
    await page.getByLabel('How far ahead providers can book').fill('364');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await bannerSays(page, /Settings saved/);
    // Put it back (the page is re-rendered after the save: wait for that answer, not the old banner).
    await page.getByLabel('How far ahead providers can book').fill('365');
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && !(r.request().postData() ?? '').includes('"dryRun":true'));
    await page.getByRole('button', { name: 'Save settings' }).click();
    expect((await saved).status()).toBe(200);
    await bannerSays(page, /Settings saved/);
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

  it('lets a trust admin switch between schools, and tells a lead who opens another school’s page', async () => {
    // The lead: Kingsmead is not theirs.
    await lead.page.goto(`${site.url}/manage/settings/?urn=990102`);
    await lead.page.locator('h1', { hasText: 'You do not manage this school' }).waitFor();
    expect(await lead.page.getByRole('link', { name: 'Go to Harbour View Academy' }).getAttribute('href')).toBe(`/manage/settings/?urn=${HARBOUR_VIEW}`);
    await expectNoAxeViolations(lead.page, 'another school’s settings');

    const [name, value] = (await signIn(site.stack, 'trust.admin@northfield-trust.example')).split('=') as [string, string];
    const admin = await openPage(b.browser, { width: 320, height: 800 });
    admin.page.setDefaultTimeout(10_000);
    await admin.context.addCookies([{ name, value, domain: 'localhost', path: '/', httpOnly: true, secure: true, sameSite: 'Lax' }]);
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
