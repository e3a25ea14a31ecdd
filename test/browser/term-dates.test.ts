// Term dates from a file (issue 17, item 2) in Chromium against the product on this
// machine: from the settings' terms card, by keyboard alone, the careers lead opens the
// import, is told to choose a file, uploads a council-shaped .ics, checks the terms and the
// INSET day it will set, goes back, continues again and saves; the settings then show the
// council's terms. axe-core checks each state at 1280 px and 320 px (nothing scrolling sideways).
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAREERS_LEAD } from '#infra/local/demo-data.ts';
import type { Term } from '#shared/domain/types.ts';
import { signIn } from '../support/sign-in.ts';
import { councilIcs } from '../support/term-dates.ts';
import { HARBOUR_VIEW } from './dates.ts';
import { BROWSER_TEST_TIMEOUT, bothWidths, focused, openPage, tabTo, useBrowser, useLocalStack, type TestPage } from './support.ts';

const b = useBrowser();
const site = useLocalStack();

describe('the careers lead imports term dates from a council file', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let lead: TestPage;
  let cookie = '';

  beforeAll(async () => {
    cookie = await signIn(site.stack, DEMO_CAREERS_LEAD);
    const [name, value] = cookie.split('=') as [string, string];
    lead = await openPage(b.browser, { width: 1280, height: 900 });
    lead.page.setDefaultTimeout(10_000);
    await lead.context.addCookies([{ name, value, domain: 'localhost', path: '/', httpOnly: true, secure: true, sameSite: 'Lax' }]);
  }, 60_000);

  it('chooses a file, checks what will be set, goes back, and saves: by keyboard, axe-clean at 1280 and 320 px', async () => {
    const { page } = lead;
    const read = await (await fetch(`${site.url}/api/manage/schools/${HARBOUR_VIEW}/settings`, { headers: { cookie, origin: site.url } })).json();
    const terms: Term[] = read.settings.terms;
    const future = terms.filter((t) => t.start > new Date().toISOString().slice(0, 10));
    const inset = future[1]?.start ?? terms[0]?.start ?? '';
    const ics = Buffer.from(councilIcs(terms, [inset]));

    await page.goto(`${site.url}/manage/settings/?urn=${HARBOUR_VIEW}`);
    await page.locator('#section-terms').waitFor();
    await tabTo(page, (f) => f.id === 'import-term-dates');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/manage\/term-dates\/\?urn=990101$/);
    await page.locator('#term-dates-form').waitFor();
    await bothWidths(page, 'term-dates-choose');

    // Continue with no file: the error summary, focused, links to the field.
    await tabTo(page, (f) => f.id === 'preview-term-dates');
    await page.keyboard.press('Enter');
    await page.locator('#error-summary .govuk-error-summary__list').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'error-summary' });
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('#file-group').getAttribute('class')).toContain('govuk-form-group--error');
    await bothWidths(page, 'term-dates-no-file');

    // A file input opens the system's picker from the keyboard; the test hands it the file.
    await page.locator('#term-dates-file').setInputFiles({ name: 'council-term-dates.ics', mimeType: 'text/calendar', buffer: ics });
    await page.locator('#term-dates-file').focus();
    await tabTo(page, (f) => f.id === 'preview-term-dates');
    await page.keyboard.press('Enter');
    await page.locator('#preview-terms').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'page-heading' });
    expect(await page.title()).toMatch(/^Check these term dates/);
    expect(await page.locator('#preview-terms .govuk-summary-list__row').count()).toBe(terms.length);
    expect(await page.locator('#preview-terms').textContent()).toMatch(/Autumn term \d{4} \(1\)/);
    expect(await page.locator('#preview-inset li').count()).toBe(1);
    await bothWidths(page, 'term-dates-check');

    // Go back: the question again, nothing saved.
    await tabTo(page, (f) => f.id === 'go-back');
    await page.keyboard.press('Enter');
    await page.locator('#term-dates-form').waitFor();
    await page.locator('#term-dates-file').setInputFiles({ name: 'council-term-dates.ics', mimeType: 'text/calendar', buffer: ics });
    await page.locator('#term-dates-file').focus();
    await tabTo(page, (f) => f.id === 'preview-term-dates');
    await page.keyboard.press('Enter');
    await page.locator('#preview-terms').waitFor();

    await tabTo(page, (f) => f.id === 'save-term-dates');
    await page.keyboard.press('Enter');
    await page.locator('#done-banner', { hasText: 'Term dates saved' }).waitFor();
    expect(await focused(page)).toMatchObject({ id: 'done-banner' });
    await bothWidths(page, 'term-dates-saved');

    await tabTo(page, (f) => f.id === 'back-to-settings');
    await page.keyboard.press('Enter');
    await page.locator('#section-terms').waitFor();
    expect(await page.locator('#section-terms').textContent()).toMatch(/Autumn term \d{4} \(2\)/);
  });
});
