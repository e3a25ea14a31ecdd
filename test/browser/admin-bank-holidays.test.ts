// The platform admin's bank-holiday page (issue 17, item 3) in Chromium against the local
// stack: reached from the admin pages' own navigation (Sign out offered once signed in); with no list loaded it warns first;
// no file and a file that is not GOV.UK's are errors at the field; GOV.UK's
// bank-holidays.json with a one-off day, ending within six months, is saved, listed, and
// warned about. axe-core checks each state at 1280 and 320 px wide. Signed out, each admin
// page says to sign in first, and the sign-in link brings a platform admin back to it.
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '#shared/domain/dates.ts';
import { bankHolidays } from '#shared/domain/bank-holidays.ts';
import { signInAsPlatformAdmin } from '../support/sign-in.ts';
import { BROWSER_TEST_TIMEOUT, bothWidths, expectNoProblems, focused, openPage, useBrowser, useLocalStack } from './support.ts';

const b = useBrowser();
const site = useLocalStack();
const ADMIN = 'holidays@provider-access.example';
let cookie: [string, string];

beforeAll(async () => {
  cookie = (await signInAsPlatformAdmin(site.stack, ADMIN, 'Calendar Team')).split('=') as [string, string];
}, 60_000);

describe('the bank-holiday page', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it('shows the list and its warning, refuses a wrong file, and saves GOV.UK’s file: axe-clean at 1280 and 320 px', async () => {
    const t = await openPage(b.browser, { width: 1280, height: 900 });
    t.page.setDefaultTimeout(10_000);
    const { page } = t;
    await t.context.addCookies([{ name: cookie[0], value: cookie[1], domain: 'localhost', path: '/', httpOnly: true, secure: true, sameSite: 'Lax' }]);
    await page.goto(`${site.url}/admin/schools/upload/`);
    // The admin pages' own navigation (not the provider's), with Sign out once signed in.
    const menu = page.getByRole('navigation', { name: 'Menu' });
    await menu.locator('#sign-out-item:not([hidden]):not([data-pending])').waitFor();
    expect((await menu.getByRole('link').allTextContents()).map((t) => t.trim())).toEqual(['Import schools', 'Bank holidays']);
    await menu.getByRole('link', { name: 'Bank holidays' }).click();
    await page.waitForURL(`${site.url}/admin/bank-holidays/`);
    await page.locator('#list-summary').waitFor();
    expect(await page.locator('nav[aria-label="Menu"] [aria-current="page"]').textContent()).toBe('Bank holidays');
    expect(await page.locator('#list-warning').textContent()).toMatch(/No bank-holiday list/);
    expect(await page.locator('#list-summary').textContent()).toContain('No list loaded');
    await bothWidths(page, 'admin-bank-holidays-none');

    await page.getByRole('button', { name: 'Upload and save' }).click();
    await page.locator('#error-summary .govuk-error-summary__list').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'error-summary' });
    expect(await page.locator('.govuk-error-message').textContent()).toContain('Select the bank-holidays.json file');
    await page.setInputFiles('#file', { name: 'bank-holidays.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ scotland: { division: 'scotland', events: [] } })) });
    await page.getByRole('button', { name: 'Upload and save' }).click();
    await expect.poll(() => page.locator('.govuk-error-message').textContent()).toMatch(/england-and-wales/);
    await bothWidths(page, 'admin-bank-holidays-wrong-file');

    // GOV.UK's file for this year and last, with a one-off day: it ends within six months
    // of today or already has, so the page still warns, now about the list's end.
    const today = new Date().toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    const regular = new Set([year - 1, year, year + 1].flatMap((y) => bankHolidays(y).map((d) => d.date)));
    let oneOff = addDays(today, 30);
    while (regular.has(oneOff)) oneOff = addDays(oneOff, 1);
    const events = [...[year - 1, year].flatMap((y) => bankHolidays(y).map((d) => ({ title: d.name, date: d.date, notes: '', bunting: true }))), { title: 'A one-off bank holiday', date: oneOff, notes: '', bunting: true }];
    const file = { 'england-and-wales': { division: 'england-and-wales', events }, scotland: { division: 'scotland', events: [] } };
    await page.setInputFiles('#file', { name: 'bank-holidays.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await page.getByRole('button', { name: 'Upload and save' }).click();
    await page.locator('#done-banner', { hasText: 'Bank holidays saved' }).waitFor();
    expect(await focused(page)).toMatchObject({ id: 'done-banner' });
    expect(await page.locator('#error-summary').isHidden()).toBe(true);
    expect(await page.locator('#list-summary').textContent()).toContain(`loaded on`);
    expect(await page.locator('#list-summary').textContent()).toContain(ADMIN);
    expect(await page.locator('#list-added').textContent()).toContain('A one-off bank holiday');
    expect(await page.locator('#list-warning').textContent()).toMatch(/ended on|within six months/);
    await bothWidths(page, 'admin-bank-holidays-saved');
    expectNoProblems(t.problems);
    await t.close();
  });

  it('signed out: each admin page says to sign in first; signing in comes back to it, and a platform admin without a school is shown their pages', async () => {
    const t = await openPage(b.browser, { width: 320, height: 800 });
    t.page.setDefaultTimeout(10_000);
    const { page } = t;
    await page.goto(`${site.url}/admin/schools/upload/`);
    await page.locator('#sign-in-first').waitFor();
    expect(await page.locator('#sign-in-first').textContent()).toContain('Sign in as a platform admin to import schools.');
    expect(await page.locator('#sign-out-item').isVisible()).toBe(false);
    await page.goto(`${site.url}/admin/bank-holidays/`);
    await page.locator('#list-problem #sign-in-link').waitFor();
    expect(await page.locator('#sign-out-item').isVisible()).toBe(false);
    await bothWidths(page, 'admin-signed-out');
    // Signed in (the link's page marks a fresh sign-in), the dashboard sends them back to the page they were on.
    await t.context.addCookies([{ name: cookie[0], value: cookie[1], domain: 'localhost', path: '/', httpOnly: true, secure: true, sameSite: 'Lax' }]);
    await page.evaluate(() => sessionStorage.setItem('signed-in-at', String(Date.now())));
    await page.goto(`${site.url}/manage/`);
    await page.waitForURL(`${site.url}/admin/bank-holidays/`);
    await page.locator('#list-summary').waitFor();
    // Another time, straight to the dashboard: the platform's pages, not "you manage no schools".
    await page.goto(`${site.url}/manage/`);
    await page.getByRole('heading', { name: 'Platform admin' }).waitFor();
    expect(await page.locator('#page').getByRole('link').allTextContents()).toEqual(['Import schools from GIAS', 'Bank holidays']);
    await bothWidths(page, 'manage-platform-admin');
    expectNoProblems(t.problems);
    await t.close();
  });
});
