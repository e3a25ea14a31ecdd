// One calendar for several schools of a trust (issue 17, item 2) in Chromium against the
// product on this machine, by keyboard alone: the trust admin follows the link on the trust's
// coverage page, is told to choose a file and a school, uploads a council-shaped .ics for two
// schools, checks each school's preview, goes back (the schools still ticked), continues and
// saves; each school's outcome is a summary list, and the school's settings show the terms.
// axe-core checks each state at 1280 px and 320 px (nothing scrolling sideways).
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TRUST } from '#infra/local/demo-data.ts';
import type { Term } from '#shared/domain/types.ts';
import { signIn } from '../support/sign-in.ts';
import { councilIcs } from '../support/term-dates.ts';
import { BROWSER_TEST_TIMEOUT, bothWidths, expectNoProblems, focused, openPage, tabTo, useBrowser, useLocalStack, type TestPage } from './support.ts';

const b = useBrowser();
const site = useLocalStack();
const TRUST_ADMIN = 'trust.admin@northfield-trust.example';

describe('a trust admin applies one calendar to several schools', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let admin: TestPage;
  let cookie = '';

  beforeAll(async () => {
    cookie = await signIn(site.stack, TRUST_ADMIN);
    const [name, value] = cookie.split('=') as [string, string];
    admin = await openPage(b.browser, { width: 1280, height: 900 });
    admin.page.setDefaultTimeout(10_000);
    await admin.context.addCookies([{ name, value, domain: 'localhost', path: '/', httpOnly: true, secure: true, sameSite: 'Lax' }]);
  }, 60_000);

  it('chooses a file and two schools, checks each, goes back, and saves: by keyboard, axe-clean at 1280 and 320 px', async () => {
    const { page } = admin;
    const get = async (url: string) => (await fetch(`${site.url}${url}`, { headers: { cookie, origin: site.url } })).json();
    const coverage = await get(`/api/manage/trusts/${DEMO_TRUST.id}/coverage`);
    const [first, second] = [...coverage.schools].sort((a: { schoolName: string }, b: { schoolName: string }) => a.schoolName.localeCompare(b.schoolName)) as { urn: string; schoolName: string }[];
    if (!first || !second) throw new Error('the demo trust has fewer than two schools');
    const terms: Term[] = (await get(`/api/manage/schools/${first.urn}/settings`)).settings.terms;
    const ics = Buffer.from(councilIcs(terms, [terms[1]?.start ?? terms[0]?.start ?? '']));

    await page.goto(`${site.url}/manage/trust/?id=${DEMO_TRUST.id}`);
    await page.locator('#trust-table').waitFor();
    await tabTo(page, (f) => f.id === 'trust-term-dates');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${site.url}/manage/trust/term-dates/?id=${DEMO_TRUST.id}`);
    await page.locator('#term-dates-form').waitFor();
    expect(await page.locator('input[name="schools"]').count()).toBe(coverage.schools.length);
    await bothWidths(page, 'trust-term-dates-choose');

    // Continue with nothing chosen: both questions in the error summary, focused.
    await tabTo(page, (f) => f.id === 'preview-term-dates');
    await page.keyboard.press('Enter');
    await page.locator('#error-summary .govuk-error-summary__list').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'error-summary' });
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('#error-summary li').count()).toBe(2);
    expect(await page.locator('#schools-group').getAttribute('class')).toContain('govuk-form-group--error');
    await bothWidths(page, 'trust-term-dates-errors');

    // A file input opens the system's picker from the keyboard; the test hands it the file.
    await page.locator('#term-dates-file').setInputFiles({ name: 'council-term-dates.ics', mimeType: 'text/calendar', buffer: ics });
    await page.locator('#term-dates-file').focus();
    // Tab reaches each checkbox in order (the schools by name); Space ticks it.
    await tabTo(page, (f) => f.id === 'schools');
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.id === 'schools-2');
    await page.keyboard.press('Space');
    expect(await page.locator('input[name="schools"]:checked').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual([first.urn, second.urn]);
    await tabTo(page, (f) => f.id === 'preview-term-dates');
    await page.keyboard.press('Enter');
    await page.locator('#preview-schools').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'page-heading' });
    expect(await page.title()).toMatch(/^Check these term dates/);
    expect(await page.locator('#preview-terms .govuk-summary-list__row').count()).toBe(terms.length);
    expect(await page.locator('#preview-schools .govuk-summary-card').count()).toBe(2);
    expect(await page.locator(`#preview-schools [data-urn="${second.urn}"] .govuk-summary-card__title`).textContent()).toBe(second.schoolName);
    expect(await page.locator('#save-term-dates').textContent()).toBe('Save these term dates for 2 schools');
    await bothWidths(page, 'trust-term-dates-check');

    // Go back: the question again, the schools still ticked, nothing saved.
    await tabTo(page, (f) => f.id === 'go-back');
    await page.keyboard.press('Enter');
    await page.locator('#term-dates-form').waitFor();
    expect(await page.locator('input[name="schools"]:checked').count()).toBe(2);
    await page.locator('#term-dates-file').setInputFiles({ name: 'council-term-dates.ics', mimeType: 'text/calendar', buffer: ics });
    await page.locator('#term-dates-file').focus();
    await tabTo(page, (f) => f.id === 'preview-term-dates');
    await page.keyboard.press('Enter');
    await page.locator('#preview-schools').waitFor();

    await tabTo(page, (f) => f.id === 'save-term-dates');
    await page.keyboard.press('Enter');
    await page.locator('#saved-schools').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'done-banner' });
    expect(await page.locator('#done-banner').textContent()).toContain('Term dates saved for 2 schools');
    expect(await page.locator('#saved-schools .govuk-summary-list__row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.outcome))).toEqual(['saved', 'saved']);
    await bothWidths(page, 'trust-term-dates-saved');

    const saved: Term[] = (await get(`/api/manage/schools/${second.urn}/settings`)).settings.terms;
    expect(saved.map((t) => t.name).join()).toMatch(/Autumn term \d{4} \(2\)/);
    await tabTo(page, (f) => f.id === 'back-to-trust');
    await page.keyboard.press('Enter');
    await page.locator('#trust-table').waitFor();
    expectNoProblems(admin.problems);
  });
});
