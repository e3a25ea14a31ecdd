// "Schools near me" (issue 15, item 4) in a browser on the local stack and its demo data:
// the near form by keyboard alone (place, a 5 km distance, "Find schools near"), the results
// by distance with the API's sentence on how approximate they are, an unknown place in the
// error summary at its field; axe at 1280 and 320 px; the home page's link to the form.
import { describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT, expectNoAxeViolations, expectNoHorizontalScroll, expectNoProblems, focused, openPage, screenshot, tabTo, useBrowser, useLocalStack } from './support.ts';

const b = useBrowser();
const site = useLocalStack();

describe('find schools near a postcode or town', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it('searches within 5 km of a postcode by keyboard alone, at 1280 and 320 px', async () => {
    const t = await openPage(b.browser, { width: 1280 });
    const { page } = t;
    page.setDefaultTimeout(10_000);
    await page.goto(`${site.url}/`);
    // The home page links to the near form; the link is in the HTML, so nothing shifts.
    await tabTo(page, (f) => f.tag === 'a' && f.text === 'Or find schools near a postcode or town');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/schools\/#near-form$/);
    await expectNoAxeViolations(page, 'find a school, empty');

    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await tabTo(page, (f) => f.id === 'near');
    await page.keyboard.type('ZZ1 1AB');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'select', id: 'radius' });
    // 15 km is chosen at first: two up is 5 km.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Find schools near');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/schools\/\?near=ZZ1\+1AB&radius=5$/);
    await page.locator('#result-count').waitFor();
    expect(await page.locator('#result-count').textContent()).toBe('2 schools within 5 km of ZZ1 1AB');
    expect(await page.locator('#placed').textContent()).toBe('Placed from the one school we know in postcode sector ZZ1 1; distances are approximate, within about 1 km.');
    const names = await page.locator('.app-result-list__title').allTextContents();
    expect(names).toEqual(['Harbour View Academy', 'Oakridge Middle School']);
    expect(await page.locator('[data-distance]').allTextContents()).toEqual(['less than 0.1 km away', '2.6 km away']);
    expect(await page.locator('#near').inputValue()).toBe('ZZ1 1AB');
    expect(await page.locator('#radius').inputValue()).toBe('5');
    await expectNoAxeViolations(page, 'schools near ZZ1 1AB');
    await screenshot(page, 'schools-near-1280');

    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'schools near ZZ1 1AB, 320 px');
    await screenshot(page, 'schools-near-320');
    expectNoProblems(t.problems);
    await t.close();
  });

  it('shows a place it cannot find in the error summary, at the field', async () => {
    const t = await openPage(b.browser, { width: 320, expectedConsoleErrors: /404/ });
    const { page } = t;
    page.setDefaultTimeout(10_000);
    await page.goto(`${site.url}/schools/?near=Nowhere&radius=15`);
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('We cannot find "Nowhere"');
    expect(await page.locator('#near-group .govuk-error-message').textContent()).toContain('We cannot find "Nowhere"');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('#results').textContent()).toBe('');
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'schools near an unknown town, 320 px');
    await screenshot(page, 'schools-near-error-320');

    // Dates the wrong way round: the API's message at the "To" field, the dates kept in the form.
    await page.goto(`${site.url}/schools/?near=ZZ1+1AB&from=2031-03-10&to=2031-03-01`);
    await page.locator('#to-group .govuk-error-message').waitFor();
    expect(await page.locator('#to-group .govuk-error-message').textContent()).toContain('The last date is before the first');
    expect(await Promise.all(['from-day', 'from-month', 'from-year'].map((id) => page.locator(`#${id}`).inputValue()))).toEqual(['10', '3', '2031']);
    await expectNoAxeViolations(page, 'schools near, dates reversed, 320 px');
    expectNoProblems(t.problems);
    await t.close();
  });

  it('takes the open-slots dates as GOV.UK date inputs, by keyboard: a part missing or one date alone is shown at that field, then the search runs with from= and to=', async () => {
    const t = await openPage(b.browser, { width: 1280 });
    const { page } = t;
    page.setDefaultTimeout(10_000);
    await page.goto(`${site.url}/schools/`);
    await tabTo(page, (f) => f.id === 'near');
    await page.keyboard.type('ZZ1 1AB');
    await tabTo(page, (f) => f.id === 'from-day');
    // Day and year, no month; no last date.
    await page.keyboard.type('3');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ id: 'from-year' });
    await page.keyboard.type('2031');
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Find schools near');
    await page.keyboard.press('Enter');
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(page.url()).toBe(`${site.url}/schools/`);
    expect(await summary.locator('li').allTextContents()).toEqual(['The first date must include a month.', 'Enter the last date, or leave both dates empty.']);
    expect(await page.locator('#from-group .govuk-error-message').textContent()).toContain('The first date must include a month.');
    expect(await page.locator('#to-group .govuk-error-message').textContent()).toContain('Enter the last date');
    // Only the missing part is marked, and the summary's link goes to it.
    expect(await page.locator('#from-group .govuk-input--error').evaluateAll((els) => els.map((e) => e.id))).toEqual(['from-month']);
    await expectNoAxeViolations(page, 'schools near, a date part missing');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'schools near, a date part missing, 320 px');
    await screenshot(page, 'schools-near-date-error-320');
    await page.setViewportSize({ width: 1280, height: 800 });
    await tabTo(page, (f) => f.tag === 'a' && f.text === 'The first date must include a month.');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ id: 'from-month' });
    await page.keyboard.type('3');
    await tabTo(page, (f) => f.id === 'to-day');
    await page.keyboard.type('31');
    await page.keyboard.press('Tab');
    await page.keyboard.type('3');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2031');
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Find schools near');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/schools\/\?near=ZZ1\+1AB&radius=15&from=2031-03-03&to=2031-03-31$/);
    await page.locator('#slots-checked').waitFor();
    expect(await page.locator('#slots-checked').textContent()).toMatch(/^Showing the schools with open slots from Monday 3 March 2031 to Monday 31 March 2031, of the \d+ nearest\. We checked (the \d+ that offers? sessions on or after Monday 3 March 2031; the other \d+ offers? none from that date|both|all \d+)\.$/);
    // The dates typed are shown again as typed.
    expect(await Promise.all(['from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year'].map((id) => page.locator(`#${id}`).inputValue()))).toEqual(['3', '3', '2031', '31', '3', '2031']);
    await expectNoAxeViolations(page, 'schools near with open-slot dates');
    await screenshot(page, 'schools-near-dates-1280');
    expectNoProblems(t.problems);
    await t.close();
  });
});
