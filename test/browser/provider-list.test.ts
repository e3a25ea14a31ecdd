// The provider's list of its requests (issue 15, item 3) in a browser on the local stack: the
// filters by keyboard alone (a school chosen, "Apply filters"), counts by status, the session
// type and year group columns, "Download as CSV" with the same filters; axe at 1280 and 320 px;
// the filters in a "Filter requests" panel, open on a wide screen or with a filter in use.
import { describe, expect, it, beforeAll } from 'vitest';
import { createStore } from '#shared/store/client.ts';
import { markAddressesConfirmed } from '../support/confirmation.ts';
import { viaCloudFront } from '../support/cloudfront.ts';
import { providerBody, schoolDayAhead } from '../support/provider-body.ts';
import { signIn } from '../support/sign-in.ts';
import { HARBOUR_VIEW } from './dates.ts';
import { BROWSER_TEST_TIMEOUT, expectNoAxeViolations, expectNoHorizontalScroll, expectNoProblems, focused, openPage, screenshot, tabTo, useBrowser, useLocalStack, useSessionCookie } from './support.ts';

const b = useBrowser();
const site = useLocalStack();
const KINGSMEAD = '990102';
const ALEX = 'alex.list@eastmouth-college.example';

let n = 0;
async function createRequest(urn: string, daysAhead: number, yearGroups: number[]): Promise<string> {
  await markAddressesConfirmed(createStore({ tableName: site.stack.tableName, endpoint: site.stack.dynamodb.endpoint }), [ALEX]);
  const date = await schoolDayAhead(site.stack, urn, daysAhead, 3);
  const res = await fetch(`${site.url}/api/schools/${urn}/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: site.url, ...viaCloudFront(`10.9.2.${++n}`) },
    body: JSON.stringify(providerBody({ provider: { organisation: 'Eastmouth College', type: 'fe_college' }, contact: { name: 'Alex List', email: ALEX, phone: '01632 960100' }, proposed: { date, start: '10:00', end: '10:45' }, yearGroups })),
  });
  const body = (await res.json()) as { request?: { id: string } };
  if (res.status !== 201 || !body.request) throw new Error(`request not created: ${res.status} ${JSON.stringify(body)}`);
  return body.request.id;
}

describe('your requests: filters, counts and the CSV', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  beforeAll(async () => {
    await createRequest(HARBOUR_VIEW, 45, [10]);
    await createRequest(KINGSMEAD, 47, [11, 12]);
  }, 60_000);

  it('filters by school with the keyboard alone, at 1280 and 320 px', async () => {
    const cookie = await signIn(site.stack, ALEX);
    const t = await openPage(b.browser, { width: 1280 });
    const { page } = t;
    page.setDefaultTimeout(10_000);
    await useSessionCookie(t.context, cookie);
    await page.goto(`${site.url}/requests/`);
    await page.locator('#filters').waitFor();
    expect(await page.locator('#requests-table tbody tr').count()).toBe(2);
    expect(await page.locator('#requests-table thead').textContent()).toContain('Session type');
    expect(await page.locator('#requests-table').textContent()).toContain('Years 11 and 12');
    expect(await page.locator('#counts').textContent()).toContain('Waiting for the school: 2');
    // Signed in: the footer no longer offers a sign-in link; its places stay.
    expect(await page.locator('#footer-sign-in').isVisible()).toBe(false);
    expect(await page.locator('.govuk-footer').getByRole('link', { name: 'Visit tours' }).isVisible()).toBe(true);
    expect(await page.locator('#csv').getAttribute('href')).toBe('/api/requests.csv');
    // A wide screen: the filters panel is open beside the list.
    expect(await page.locator('#filters-panel').getAttribute('open')).toBe('');
    expect(await page.locator('#filters-panel summary').textContent()).toBe('Filter requests');
    await expectNoAxeViolations(page, 'your requests with filters');
    await screenshot(page, 'provider-list-1280');

    // Keyboard only: to the school filter, choose Kingsmead, on to "Apply filters".
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await tabTo(page, (f) => f.id === 'urn');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, (f) => f.text === 'Apply filters');
    expect(await focused(page)).toMatchObject({ tag: 'button' });
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/requests\/\?.*urn=990102/);
    await page.locator('#filters').waitFor();
    expect(await page.locator('#requests-table tbody tr').count()).toBe(1);
    expect(await page.locator('#requests-table tbody').textContent()).toContain('Kingsmead');
    expect(await page.locator('#urn').inputValue()).toBe(KINGSMEAD);
    expect(await page.locator('#filters-panel summary').textContent()).toBe('Filter requests (1 applied)');
    const csvHref = (await page.locator('#csv').getAttribute('href')) ?? '';
    expect(csvHref).toMatch(/^\/api\/requests\.csv\?.*urn=990102/);

    // The link downloads the same list as CSV (the page's cookie is the provider's session).
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), csvHref);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2);
    expect(csv).toContain('990102');
    expect(csv).not.toContain(`,${HARBOUR_VIEW},`);

    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'your requests filtered, 320 px');
    await screenshot(page, 'provider-list-filtered-320');

    // A phone with no filter in use: the panel is closed, so the list comes next; it opens by keyboard.
    await page.goto(`${site.url}/requests/`);
    await page.locator('#requests-table').waitFor();
    expect(await page.locator('#filters-panel').getAttribute('open')).toBeNull();
    expect(await page.locator('#urn').isVisible()).toBe(false);
    const summaryBox = (await page.locator('#filters-panel summary').boundingBox())!;
    const tableBox = (await page.locator('#requests-table').boundingBox())!;
    expect(tableBox.y - (summaryBox.y + summaryBox.height)).toBeLessThan(400);
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'your requests, filters closed, 320 px');
    await screenshot(page, 'provider-list-320');
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await tabTo(page, (f) => f.tag === 'summary');
    await page.keyboard.press('Enter');
    expect(await page.locator('#filters-panel').getAttribute('open')).toBe('');
    await tabTo(page, (f) => f.id === 'urn');
    await expectNoAxeViolations(page, 'your requests, filters opened, 320 px');
    await screenshot(page, 'provider-list-filters-open-320');

    // A date that does not exist, typed into the address: what is wrong, in words, and a way back.
    await page.goto(`${site.url}/requests/?from=2027-02-30`);
    await page.locator('#filter-errors').waitFor();
    expect(await page.locator('#filter-errors').textContent()).toContain('Enter a real date');
    await expectNoAxeViolations(page, 'your requests, a filter refused, 320 px');
    expectNoProblems(t.problems);
    await t.close();
  });
});
