// The careers lead's emailed approve / decline / propose links in Chromium against the real
// product on this machine (issue 12, item 3): each link is /actions/#token=…; the page
// takes the token out of the address bar at once, shows the request and the decision's
// questions, and posts the token only in request bodies; no address the browser asks for,
// and no Referer, ever holds it. By mouse at 1280 px and 320 px, by keyboard alone, and an
// old link with the token in its path. axe-core checks every state.
import type { Page, Request } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAREERS_LEAD } from '#infra/local/demo-data.ts';
import { readInbox, type InboxEmail } from '#infra/local/ses.ts';
import { createStore } from '#shared/store/client.ts';
import { markAddressesConfirmed } from '../support/confirmation.ts';
import { providerBody, schoolDayAhead } from '../support/provider-body.ts';
import { dayMonthYear, HARBOUR_VIEW } from './dates.ts';
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

let n = 0;
async function createRequest(organisation: string, email: string, date: string, start: string, end: string): Promise<string> {
  // A returning provider: the request reaches the school at once (issue 12, item 2 has its own journey).
  await markAddressesConfirmed(createStore({ tableName: site.stack.tableName, endpoint: site.stack.dynamodb.endpoint }), [email]);
  const res = await fetch(`${site.url}/api/schools/${HARBOUR_VIEW}/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: site.url, 'cloudfront-viewer-address': `10.7.0.${++n}:443` },
    body: JSON.stringify(providerBody({ provider: { organisation, type: 'fe_college' }, contact: { name: 'Ash Morgan', email, phone: '01632 960555' }, proposed: { date, start, end }, yearGroups: [9] })),
  });
  const body = (await res.json()) as { request?: { id: string } };
  if (res.status !== 201 || !body.request) throw new Error(`request not created: ${res.status} ${JSON.stringify(body)}`);
  return body.request.id;
}

const textOf = (m: InboxEmail) => `${m.body.text ?? ''}`;

/** The lead's three links for a request, from the SES emulator's inbox. */
async function linksFor(id: string): Promise<Record<'approve' | 'decline' | 'propose', string>> {
  let mail: InboxEmail | undefined;
  await expect
    .poll(async () => {
      mail = (await readInbox(site.stack.ses.endpoint)).find((m) => m.destination.to.some((t) => t.includes(DEMO_CAREERS_LEAD)) && textOf(m).includes(`/manage/requests/view/?id=${id}`) && textOf(m).includes('Decline: '));
      return Boolean(mail);
    }, { timeout: 15_000, interval: 200 })
    .toBe(true);
  const link = (label: string) => new RegExp(`${label}: (\\S+)`).exec(textOf(mail!))![1]!;
  return { approve: link('Approve'), decline: link('Decline'), propose: link('Propose another time') };
}
const tokenOf = (link: string) => new URLSearchParams(new URL(link).hash.slice(1)).get('token') ?? '';

/** Every request the page makes, with its full headers and body, to look for the token in them. */
function recordRequests(page: Page) {
  const seen: { url: string; headers: Record<string, string>; body: string }[] = [];
  const pending: Promise<void>[] = [];
  page.on('request', (r: Request) => {
    pending.push(r.allHeaders().then((headers) => void seen.push({ url: r.url(), headers, body: r.postData() ?? '' })));
  });
  return async () => {
    await Promise.all(pending);
    return seen;
  };
}

/** The token is in no address the browser asked for and no Referer; only in the bodies of the POSTs (`posts`, in order). */
function expectTokenOnlyInBodies(seen: { url: string; headers: Record<string, string>; body: string }[], token: string, posts: string[]) {
  expect(seen.length).toBeGreaterThan(3);
  for (const r of seen) {
    expect(r.url, r.url).not.toContain(token);
    expect(r.headers.referer, `Referer of ${r.url}`).toBeUndefined();
  }
  const carried = seen.filter((r) => r.body.includes(token)).map((r) => new URL(r.url).pathname);
  expect(carried).toEqual(posts);
}

describe('the lead’s emailed action links (issue 12, item 3)', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  const ids = { decline: '', propose: '', old: '' };
  let dates: { first: string; second: string; saturday: string };
  beforeAll(async () => {
    const first = await schoolDayAhead(site.stack, HARBOUR_VIEW, 45, 2);
    const second = await schoolDayAhead(site.stack, HARBOUR_VIEW, 52, 2);
    let saturday = second;
    while (new Date(`${saturday}T12:00:00Z`).getUTCDay() !== 6) saturday = new Date(Date.parse(`${saturday}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    dates = { first, second, saturday };
    ids.decline = await createRequest('Northgate Apprenticeships', 'jo@northgate.example', first, '11:00', '11:45');
    ids.propose = await createRequest('Riverside College', 'ash@riverside-college.example', first, '13:30', '14:15');
    ids.old = await createRequest('Coastline UTC', 'sam@coastline-utc.example', second, '10:00', '10:45');
  }, 60_000);

  it('issue 12, item 3: the decline link opens the confirmation, the address bar loses the fragment, a reason is needed, then it declines; 1280 px and 320 px', async () => {
    const links = await linksFor(ids.decline);
    const link = links.decline;
    const token = tokenOf(link);
    expect(new URL(link).pathname).toBe('/actions/');
    const { page, problems, close } = await openPage(b.browser, { width: 1280 });
    const requests = recordRequests(page);
    await page.goto(link);
    await page.locator('h1', { hasText: 'Decline this request' }).waitFor();
    expect(page.url()).toBe(`${site.url}/actions/`);
    expect(await page.evaluate(() => location.hash)).toBe('');
    expect(await page.title()).toBe('Decline this request – Provider access');
    // The school, and the request's reference as the email gave it (issue 14, item 6).
    expect(await page.locator('.govuk-caption-l').textContent()).toMatch(/^Harbour View Academy, reference PA-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/);
    const summary = await page.locator('.govuk-summary-list').textContent();
    expect(summary).toContain('Northgate Apprenticeships');
    expect(summary).toContain('Ash Morgan, jo@northgate.example, 01632 960555');
    expect(summary).toContain('11am to 11:45am');
    expect(await page.locator('meta[name="referrer"]').getAttribute('content')).toBe('no-referrer');
    await expectNoAxeViolations(page, 'decline link, 1280 px');
    await screenshot(page, 'action-link-decline-1280');

    await page.getByRole('button', { name: 'Decline request' }).click();
    await page.locator('#error-summary .govuk-error-summary__list').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'error-summary' });
    expect(await page.title()).toBe('Error: Decline this request – Provider access');
    expect(await page.locator('#error-summary').textContent()).toContain('Choose a reason for declining.');
    expect(await page.locator('#reason-group').getAttribute('class')).toContain('govuk-form-group--error');
    expect(await page.locator('#reason-group .govuk-error-message').textContent()).toContain('Choose a reason for declining.');
    await expectNoAxeViolations(page, 'decline link, no reason');
    // The summary's link takes the lead to the first choice.
    await page.locator('#error-summary a').click();
    expect(await focused(page)).toMatchObject({ id: 'reason' });

    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'decline link, 320 px');
    await screenshot(page, 'action-link-decline-error-320');
    await page.getByRole('radio', { name: 'Not enough notice was given' }).check();
    await page.getByLabel('Anything else to tell the provider (optional)').fill('We need four weeks’ notice for an assembly.');
    await page.getByRole('button', { name: 'Decline request' }).click();
    await page.locator('#done-title').waitFor();
    expect(await page.locator('#done-title').textContent()).toBe('Request declined');
    expect(await focused(page)).toMatchObject({ id: 'done-title' });
    expect(await page.title()).toBe('Request declined – Provider access');
    expect(await page.locator('.govuk-panel__body').textContent()).toContain('Northgate Apprenticeships');
    expect(await page.locator('#page').textContent()).toContain('We have told Ash Morgan and given your reason.');
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'decline link, done, 320 px');
    await screenshot(page, 'action-link-declined-320');
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'action-link-declined-1280');
    // What the link is for, the decline refused for want of a reason, the decline.
    expectTokenOnlyInBodies(await requests(), token, ['/api/actions/view', '/api/actions', '/api/actions']);

    // The email's other links now say why they no longer work.
    await page.goto(links.approve);
    await page.locator('#problem-heading').waitFor();
    expect(await page.locator('#problem-heading').textContent()).toBe('This request has already been answered');
    // What was done, by whom and when (issue 14, item 7), then why the link no longer acts.
    expect(await page.locator('#problem-text').textContent()).toMatch(/^You declined this request on .+\. So this link no longer applies/);
    expect(page.url()).toBe(`${site.url}/actions/`);
    await expectNoAxeViolations(page, 'an answered request’s other link');
    await screenshot(page, 'action-link-answered-1280');
    expectNoProblems(problems);
    await close();
  });

  it('issue 12, item 3: by keyboard alone, proposes another time: a Saturday is refused at the date, then the new time is sent', async () => {
    const { propose } = await linksFor(ids.propose);
    const { page, problems, close } = await openPage(b.browser, { width: 1280 });
    await page.goto(propose);
    await page.locator('h1', { hasText: 'Propose another time' }).waitFor();
    expect(page.url()).toBe(`${site.url}/actions/`);
    await expectNoAxeViolations(page, 'propose link');
    const type = async (id: string, text: string) => {
      await tabTo(page, (f) => f.id === id);
      await page.keyboard.type(text);
    };
    const [sd, sm, sy] = dayMonthYear(dates.saturday);
    await type('date-day', sd);
    await type('date-month', sm);
    await type('date-year', sy);
    await type('start', '10:00');
    await type('end', '10:45');
    await type('message', 'The hall is free that week.');
    await tabTo(page, (f) => f.id === 'submit-decision');
    await page.keyboard.press('Enter');
    await page.locator('#error-summary .govuk-error-summary__list').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'error-summary' });
    expect(await page.locator('#date-group').getAttribute('class')).toContain('govuk-form-group--error');
    await expectNoAxeViolations(page, 'propose link, a Saturday');
    await screenshot(page, 'action-link-propose-saturday-1280');
    // From the summary, by keyboard, to the date; then a school day instead.
    await tabTo(page, (f) => f.tag === 'a' && /date|day|Saturday|weekend|school/i.test(f.text));
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('date-day');
    const [d, m, y] = dayMonthYear(dates.second);
    for (const [id, value] of [['date-day', d], ['date-month', m], ['date-year', y]] as const) {
      if ((await focused(page)).id !== id) await tabTo(page, (f) => f.id === id);
      await page.keyboard.press('Control+A');
      await page.keyboard.type(value);
    }
    await tabTo(page, (f) => f.id === 'submit-decision');
    await page.keyboard.press('Enter');
    await page.locator('#done-title').waitFor();
    expect(await page.locator('#done-title').textContent()).toBe('New time sent');
    expect(await focused(page)).toMatchObject({ id: 'done-title' });
    await expectNoAxeViolations(page, 'propose link, done');
    await screenshot(page, 'action-link-proposed-1280');
    expectNoProblems(problems);
    await close();
  });

  it('issue 12, item 3: an old link with the token in its path lands on the same page, the token out of the address, and approves', async () => {
    const { approve } = await linksFor(ids.old);
    const token = tokenOf(approve);
    const { page, problems, close } = await openPage(b.browser, { width: 1280 });
    const requests = recordRequests(page);
    await page.goto(`${site.url}/actions/${token}`);
    await page.locator('h1', { hasText: 'Approve this request' }).waitFor();
    expect(page.url()).toBe(`${site.url}/actions/`);
    expect(await page.evaluate(() => history.length)).toBe(2); // about:blank, then /actions/: the old address is not kept
    await expectNoAxeViolations(page, 'old approve link');
    // A reload (the fragment gone) still finds the token, kept for this tab only.
    await page.reload();
    await page.locator('h1', { hasText: 'Approve this request' }).waitFor();
    await page.getByRole('button', { name: 'Approve request' }).click();
    await page.locator('#done-title').waitFor();
    expect(await page.locator('#done-title').textContent()).toBe('Request approved');
    expect(await page.locator('#page').textContent()).toContain('We have emailed Ash Morgan with a calendar invitation, and sent one to you.');
    await expectNoAxeViolations(page, 'old approve link, done');
    const seen = await requests();
    // The one request with the token in its address is the old link itself, answered by a redirect.
    expect(seen.filter((r) => r.url.includes(token)).map((r) => new URL(r.url).pathname)).toEqual([`/actions/${token}`]);
    expect(seen.filter((r) => r.body.includes(token)).map((r) => new URL(r.url).pathname)).toEqual(['/api/actions/view', '/api/actions/view', '/api/actions']);
    for (const r of seen) expect(r.headers.referer, `Referer of ${r.url}`).toBeUndefined();
    expectNoProblems(problems);
    await close();
  });
});
