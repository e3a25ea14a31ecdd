// Bookings that stay true when a calendar changes (issue 11), in Chromium against the real
// product on this machine (startLocalStack with the demo trust): the careers lead adds an
// INSET closure on a date with three bookings (one waiting for a decision, two approved),
// is told "This change affects 3 bookings: …" before anything is saved, goes back (nothing
// saved), saves after the warning, sees them under "Needs attention" on the dashboard and on each
// request's page, and resolves them: proposes another time for the pending request, keeps
// one approved encounter with a reason and moves the other. axe-core on every state, at
// 1280 and 320 px, with screenshots in /tmp/shots.
import { mkdir, writeFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAREERS_LEAD } from '#infra/local/demo-data.ts';
import { formatDateShort } from '#shared/domain/dates.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import { createStore } from '#shared/store/client.ts';
import { markAddressesConfirmed } from '../support/confirmation.ts';
import { providerBody, schoolDayAhead } from '../support/provider-body.ts';
import { signIn } from '../support/sign-in.ts';
import { dayMonthYear, HARBOUR_VIEW } from './dates.ts';
import {
  BROWSER_TEST_TIMEOUT,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  expectNoProblems,
  focused,
  openPage,
  useBrowser,
  useLocalStack,
  type TestPage,
} from './support.ts';

const b = useBrowser();
const site = useLocalStack();
const SHOTS = '/tmp/shots';

/** axe with no violations at 1280 px and at 320 px (nothing scrolling sideways), with a screenshot of each. */
async function checkBothWidths(page: Page, name: string) {
  await mkdir(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectNoAxeViolations(page, `${name} at 1280 px`);
  await page.screenshot({ path: `${SHOTS}/${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 320, height: 800 });
  await expectNoHorizontalScroll(page);
  await expectNoAxeViolations(page, `${name} at 320 px`);
  await page.screenshot({ path: `${SHOTS}/${name}-320.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

let n = 0;
async function createRequest(organisation: string, date: string, start: string, end: string): Promise<string> {
  const k = ++n;
  // A returning provider: the request reaches the school at once (issue 12, item 2 has its own journey).
  await markAddressesConfirmed(createStore({ tableName: site.stack.tableName, endpoint: site.stack.dynamodb.endpoint }), [`liaison${k}@attention-college${k}.example`]);
  const res = await fetch(`${site.url}/api/schools/${HARBOUR_VIEW}/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: site.url, 'cloudfront-viewer-address': `10.8.0.${k}:443` },
    body: JSON.stringify(
      providerBody({
        provider: { organisation, type: 'fe_college' },
        contact: { name: 'Riley Lane', email: `liaison${k}@attention-college${k}.example`, phone: '01632 960100' },
        proposed: { date, start, end },
        yearGroups: [9],
      }),
    ),
  });
  const body = (await res.json()) as { request?: { id: string } };
  if (res.status !== 201 || !body.request) throw new Error(`request not created: ${res.status} ${JSON.stringify(body)}`);
  return body.request.id;
}

async function fillDate(page: Page, prefix: string, iso: string) {
  const [d, m, y] = dayMonthYear(iso);
  await page.locator(`#${prefix}-day`).fill(d);
  await page.locator(`#${prefix}-month`).fill(m);
  await page.locator(`#${prefix}-year`).fill(y);
}

async function bannerSays(page: Page, text: RegExp) {
  await page.locator('#done-banner', { hasText: text }).waitFor();
  expect(await focused(page)).toMatchObject({ id: 'done-banner' });
}

describe('a change to the calendar puts bookings outside the rules: warned, flagged, resolved', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let lead: TestPage;
  let cookie: string;
  let day: string;
  const ids = { pending: '', keep: '', move: '' };

  beforeAll(async () => {
    cookie = await signIn(site.stack, DEMO_CAREERS_LEAD); // before the requests, whose emails go to the lead too
    day = await schoolDayAhead(site.stack, HARBOUR_VIEW, 45, 3);
    ids.pending = await createRequest('Eastmouth College', day, '10:00', '10:45');
    ids.keep = await createRequest('Westbridge Training', day, '11:00', '11:45');
    ids.move = await createRequest('Harbour UTC', day, '13:00', '13:30');
    for (const id of [ids.keep, ids.move]) {
      const res = await fetch(`${site.url}/api/manage/requests/${id}/approve`, { method: 'POST', headers: { cookie, origin: site.url, 'content-type': 'application/json' }, body: '{}' });
      if (res.status !== 200) throw new Error(`not approved: ${res.status}`);
    }
    const [name, value] = cookie.split('=') as [string, string];
    lead = await openPage(b.browser, { width: 1280, height: 900 });
    lead.page.setDefaultTimeout(10_000);
    await lead.context.addCookies([{ name, value, domain: 'localhost', path: '/', httpOnly: true, secure: true, sameSite: 'Lax' }]);
  }, 60_000);

  it('adding a closure on a booked date: the warning comes before anything is saved; going back keeps the answers; saving after it saves', async () => {
    const { page } = lead;
    const settingsApi = `${site.url}/api/manage/schools/${HARBOUR_VIEW}/settings`;
    const read = async () => (await (await fetch(settingsApi, { headers: { cookie } })).json()) as { version: number; settings: { closures: unknown[] } };
    const before = await read();

    await page.goto(`${site.url}/manage/settings/?urn=${HARBOUR_VIEW}&section=closures`);
    await page.locator('#section-form').waitFor();
    const row = await page.locator('#closures-list .app-add-another__item').count();
    await page.getByRole('button', { name: 'Add a closure' }).click();
    await fillDate(page, `closure-${row}-start`, day);
    await fillDate(page, `closure-${row}-end`, day);
    await page.locator(`#closure-${row}-note`).fill('Staff training day');
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    await page.locator('#affected').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'affected-heading' });
    expect(await page.title()).toBe('Check the bookings this change affects – Provider access');
    expect(await page.locator('#section-form').isHidden()).toBe(true);
    expect(await page.locator('#done-banner').count()).toBe(0);
    const warning = (await page.locator('#affected .govuk-warning-text__text').textContent())?.replace(/\s+/g, ' ').trim();
    expect(warning).toBe('Warning This change affects 3 bookings:');
    const listed = await page.locator('#affected-list li').allTextContents();
    const added = `is now an INSET day: Staff training day (closure added ${formatDateShort(londonDate(new Date().toISOString()))}).`;
    expect(listed).toHaveLength(3);
    expect(listed[0]).toMatch(/^Eastmouth College, .*\(needs a decision\): /);
    expect(listed[1]).toMatch(/^Westbridge Training, .*\(approved\): /);
    expect(listed[2]).toMatch(/^Harbour UTC, .*\(approved\): /);
    for (const item of listed) expect(item).toContain(added);
    await mkdir(SHOTS, { recursive: true });
    await writeFile(`${SHOTS}/dry-run.txt`, `${warning}\n${listed.join('\n')}\n`);
    expect((await read()).version).toBe(before.version); // the dry run saved nothing
    await checkBothWidths(page, 'attention-1-warning');

    // Go back: the closures as they were typed, nothing saved.
    await page.getByRole('button', { name: 'Go back and change it' }).click();
    expect(await page.locator('#affected').count()).toBe(0);
    expect(await page.locator('#section-form').isVisible()).toBe(true);
    expect(await focused(page)).toMatchObject({ id: 'save-section' });
    expect(await page.locator(`#closure-${row}-note`).inputValue()).toBe('Staff training day');
    expect((await read()).settings.closures).toHaveLength(before.settings.closures.length);

    // Saved after the warning: success on the summary.
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('#affected').waitFor();
    await page.getByRole('button', { name: 'Save this change' }).click();
    await bannerSays(page, /Closures saved/);
    expect(await page.locator('#done-banner').textContent()).toContain('3 bookings need attention');
    expect((await read()).settings.closures).toHaveLength(before.settings.closures.length + 1);
    await checkBothWidths(page, 'attention-2-saved');
    await page.locator('#done-banner').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/attention-2-saved-top-1280.png` }); // the banner itself, as the screen shows it
  });

  it('the dashboard lists them first under "Needs attention", and each request says what changed', async () => {
    const { page } = lead;
    await page.goto(`${site.url}/manage/?urn=${HARBOUR_VIEW}`);
    await page.locator('#attention-section').waitFor();
    expect(await page.locator('#needs-attention-heading').textContent()).toBe('Needs attention (3)');
    // First of the request lists, after the cohorts short of encounters the dashboard opens with (issue 16, item 3).
    const headings = await page.locator('h2.govuk-heading-m').allTextContents();
    expect(headings[0]).toMatch(/^Cohorts short of encounters/);
    expect(headings[1]).toBe('Needs attention (3)');
    expect(await page.locator('#needs-attention tbody tr').count()).toBe(3);
    expect(await page.locator('#needs-attention').textContent()).toContain('is now an INSET day');
    await checkBothWidths(page, 'attention-3-dashboard');

    await page.locator(`#needs-attention a[data-request-id="${ids.pending}"]`).click();
    await page.locator('#attention').waitFor();
    const text = (await page.locator('#attention').textContent()) ?? '';
    expect(text).toContain('This booking needs attention:');
    expect(text).toContain('is now an INSET day');
    expect(text).toContain('(R-HOURS)');
    expect(text).toContain('It cannot be approved as it is');
    expect(await page.locator('#decide-approve').count()).toBe(0);
    expect(await page.locator('#decide-propose').count()).toBe(1);
    await checkBothWidths(page, 'attention-4-request-pending');

    await page.goto(`${site.url}/manage/requests/view/?id=${ids.keep}`);
    await page.locator('#attention').waitFor();
    for (const id of ['decide-reschedule', 'decide-keep', 'decide-cancel']) expect(await page.locator(`#${id}`).count(), id).toBe(1);
    await checkBothWidths(page, 'attention-5-request-approved');
  });

  it('resolves them: another time proposed for the request, one encounter kept with a reason, the other moved', async () => {
    const { page } = lead;
    const other = await schoolDayAhead(site.stack, HARBOUR_VIEW, 52, 4);

    await page.goto(`${site.url}/manage/requests/view/?id=${ids.pending}`);
    await page.getByRole('link', { name: 'Propose another time' }).click();
    await page.getByRole('button', { name: 'Send the new time' }).waitFor();
    await fillDate(page, 'date', other);
    await page.getByLabel('Start time').fill('10:00');
    await page.getByLabel('End time').fill('10:45');
    await page.getByRole('button', { name: 'Send the new time' }).click();
    await page.waitForURL(new RegExp(`/manage/requests/view/\\?id=${ids.pending}$`));
    await bannerSays(page, /You proposed another time/);
    expect(await page.locator('#attention').count()).toBe(0);

    await page.goto(`${site.url}/manage/requests/view/?id=${ids.keep}`);
    await page.getByRole('link', { name: 'Keep it as it is' }).click();
    await page.getByRole('button', { name: 'Keep it as it is' }).waitFor();
    expect(await page.title()).toBe('Keep the encounter as it is – Provider access');
    expect(await page.locator('#page .govuk-warning-text').first().textContent()).toContain('is now an INSET day');
    await page.getByRole('button', { name: 'Keep it as it is' }).click();
    await page.locator('#error-summary .govuk-error-summary__list').waitFor();
    expect(await page.locator('#error-summary').textContent()).toContain('Enter why you are keeping the encounter as it is.');
    await checkBothWidths(page, 'attention-6-keep-error');
    await page.getByLabel('Why are you keeping it as it is?').fill('The year team will host the college in the library that day');
    await page.getByRole('button', { name: 'Keep it as it is' }).click();
    await page.waitForURL(new RegExp(`/manage/requests/view/\\?id=${ids.keep}$`));
    await bannerSays(page, /You kept the encounter as it is/);
    expect(await page.locator('#attention').count()).toBe(0);
    expect(await page.locator('#history').textContent()).toContain('The year team will host the college in the library that day');
    expect(await page.locator('#history').textContent()).toContain('Kept as it is after a change');
    await checkBothWidths(page, 'attention-7-kept');

    await page.goto(`${site.url}/manage/requests/view/?id=${ids.move}`);
    await page.getByRole('link', { name: 'Move to a new time' }).click();
    await page.getByRole('button', { name: 'Move the encounter' }).waitFor();
    await fillDate(page, 'date', other);
    await page.getByLabel('Start time').fill('13:00');
    await page.getByLabel('End time').fill('13:30');
    await page.getByLabel('Why are you moving it?').fill('The school is closed for staff training that day');
    await page.getByRole('button', { name: 'Move the encounter' }).click();
    await page.waitForURL(new RegExp(`/manage/requests/view/\\?id=${ids.move}$`));
    await bannerSays(page, /You moved the encounter to a new time/);
    expect(await page.locator('#attention').count()).toBe(0);

    await page.goto(`${site.url}/manage/?urn=${HARBOUR_VIEW}`);
    await page.locator('#needs-decision-heading').waitFor();
    expect(await page.locator('#attention-section').count()).toBe(0);
    await checkBothWidths(page, 'attention-8-dashboard-resolved');
    expectNoProblems(lead.problems);
  });
});
