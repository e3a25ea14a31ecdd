// Issue 14, item 5 in Chromium against the real product on this machine (the local stack
// with the demo trust): a provider asks to move an approved visit (the question page, its
// error summary and a rule refused at its field), the careers lead approves the move on the
// dashboard, and both sides' "Add to calendar" files and emailed invitations carry the
// original UID with SEQUENCE 1 at the new time; a provider answers a proposed time with
// another (07:00 refused at the start time with R-HOURS), and the lead sees it back in
// "Requests needing a decision" with the provider's time. After approval "Add to calendar"
// leads on both sides and cancelling comes last. axe-core on every state at 1280 and 320
// px, with screenshots in /tmp/shots.
import { mkdir } from 'node:fs/promises';
import ICAL from 'ical.js';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAREERS_LEAD } from '#infra/local/demo-data.ts';
import { readInbox, type InboxEmail } from '#infra/local/ses.ts';
import { createStore } from '#shared/store/client.ts';
import { markAddressesConfirmed } from '../support/confirmation.ts';
import { icsOf } from '../support/mail.ts';
import { providerBody, schoolDayAhead } from '../support/provider-body.ts';
import { signIn } from '../support/sign-in.ts';
import { waitForEmail } from '../support/stack.ts';
import { dayMonthYear, HARBOUR_VIEW } from './dates.ts';
import { BROWSER_TEST_TIMEOUT, expectNoAxeViolations, expectNoHorizontalScroll, expectNoProblems, focused, openPage, useBrowser, useLocalStack, type TestPage } from './support.ts';

const b = useBrowser();
const site = useLocalStack();
const SHOTS = '/tmp/shots';

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

async function fillDate(page: Page, prefix: string, iso: string) {
  const [d, m, y] = dayMonthYear(iso);
  await page.locator(`#${prefix}-day`).fill(d);
  await page.locator(`#${prefix}-month`).fill(m);
  await page.locator(`#${prefix}-year`).fill(y);
}

const to = (address: string) => (e: InboxEmail) => e.destination.to.some((t) => t.includes(address));
const event = (text: string) => new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
const uidOf = (ev: ICAL.Component) => String(ev.getFirstPropertyValue('uid'));
const seqOf = (ev: ICAL.Component) => Number(ev.getFirstPropertyValue('sequence'));

async function withCookie(context: BrowserContext, cookie: string) {
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, domain: 'localhost', path: '/', httpOnly: true, secure: true, sameSite: 'Lax' }]);
}

/** The .ics the page's "Add to calendar" link downloads, fetched with the page's own cookies. */
async function download(page: Page, id: string): Promise<ICAL.Component> {
  const link = page.locator(`#${id}`);
  const res = await page.request.get(new URL((await link.getAttribute('href')) ?? '', page.url()).toString());
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toMatch(/^text\/calendar/);
  return event(await res.text());
}

describe('moves and counter-offers reach the other side with a correct invitation', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let lead: TestPage;
  let provider: TestPage;
  let leadCookie: string;
  const email = 'liaison@moving-college.example';
  const ids = { moved: '', countered: '' };
  let firstInvite: ICAL.Component;
  let newDate = '';

  beforeAll(async () => {
    leadCookie = await signIn(site.stack, DEMO_CAREERS_LEAD);
    await markAddressesConfirmed(createStore({ tableName: site.stack.tableName, endpoint: site.stack.dynamodb.endpoint }), [email]);
    const create = async (daysAhead: number, start: string, end: string) => {
      const date = await schoolDayAhead(site.stack, HARBOUR_VIEW, daysAhead, 3);
      const res = await fetch(`${site.url}/api/schools/${HARBOUR_VIEW}/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: site.url, 'cloudfront-viewer-address': `10.9.0.${daysAhead}:443` },
        body: JSON.stringify(providerBody({ provider: { organisation: 'Moving <College>', type: 'fe_college' }, contact: { name: 'Riley Lane', email, phone: '01632 960100' }, proposed: { date, start, end }, yearGroups: [9] })),
      });
      const body = (await res.json()) as { request?: { id: string } };
      if (res.status !== 201 || !body.request) throw new Error(`request not created: ${res.status} ${JSON.stringify(body)}`);
      return body.request.id;
    };
    const leadPost = async (path: string, body: unknown) => {
      const res = await fetch(`${site.url}${path}`, { method: 'POST', headers: { cookie: leadCookie, origin: site.url, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    };
    ids.moved = await create(45, '10:00', '10:45');
    ids.countered = await create(52, '10:00', '10:45');
    await leadPost(`/api/manage/requests/${ids.moved}/approve`, {});
    const proposed = await schoolDayAhead(site.stack, HARBOUR_VIEW, 54, 2);
    await leadPost(`/api/manage/requests/${ids.countered}/propose`, { date: proposed, start: '11:00', end: '11:45', message: 'Would the Tuesday suit?' });
    firstInvite = icsOf(await waitForEmail(site.stack, (e) => e.subject.startsWith('Approved:') && to(email)(e))).getFirstSubcomponent('vevent')!;
    await waitForEmail(site.stack, (e) => e.subject.startsWith('Request sent to') && to(email)(e));
    const providerCookie = await signIn(site.stack, email);
    lead = await openPage(b.browser, { width: 1280, height: 900 });
    provider = await openPage(b.browser, { width: 1280, height: 900 });
    for (const p of [lead, provider]) p.page.setDefaultTimeout(10_000);
    await withCookie(lead.context, leadCookie);
    await withCookie(provider.context, providerCookie);
  }, 90_000);

  it('the provider\'s approved visit leads with Add to calendar and Ask to move; withdrawing comes last', async () => {
    const { page } = provider;
    await page.goto(`${site.url}/requests/view/?id=${ids.moved}`);
    await page.locator('#visit-actions').waitFor();
    const buttons = await page.locator('#visit-actions .govuk-button').allTextContents();
    expect(buttons).toEqual(['Add to calendar', 'Ask to move']);
    // In reading order: the calendar and the move come before the warning button that ends the visit.
    const order = await page.evaluate(() => [...document.querySelectorAll('.govuk-button')].map((el) => el.textContent?.trim()));
    expect(order.indexOf('Add to calendar')).toBe(0);
    expect(order.indexOf('Withdraw request')).toBeGreaterThan(order.indexOf('Ask to move'));
    expect(await page.locator('#withdraw-form .govuk-button--warning').count()).toBe(1);
    const ev = await download(page, 'add-to-calendar');
    expect(uidOf(ev)).toBe(uidOf(firstInvite));
    expect(seqOf(ev)).toBe(seqOf(firstInvite));
    await checkBothWidths(page, 'moves-1-provider-approved');
  });

  it('asking to move: the question page refuses a missing answer and a Saturday at their fields, then sends the move; the visit stays put meanwhile', async () => {
    const { page } = provider;
    await page.getByRole('link', { name: 'Ask to move' }).click();
    await page.waitForURL(/\/requests\/move\/\?id=/);
    await page.locator('#move-form').waitFor();
    expect(await page.title()).toBe('Ask to move your visit – Provider access');
    await checkBothWidths(page, 'moves-2-move-form');

    // By keyboard: Enter in the first field sends the empty form.
    await page.locator('#date-day').focus();
    await page.keyboard.press('Enter');
    await page.locator('.govuk-error-summary').waitFor();
    expect(await focused(page)).toMatchObject({ tag: 'div' });
    const listed = await page.locator('.govuk-error-summary__list li').allTextContents();
    expect(listed).toEqual(['Enter the new date.', 'Enter the start time.', 'Enter the end time.', 'Enter why you need to move the visit.']);
    await checkBothWidths(page, 'moves-3-move-form-errors');

    let saturday = await schoolDayAhead(site.stack, HARBOUR_VIEW, 47, 3);
    while (new Date(`${saturday}T12:00:00Z`).getUTCDay() !== 6) saturday = new Date(Date.parse(`${saturday}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await fillDate(page, 'date', saturday);
    await page.locator('#start').fill('13:00');
    await page.locator('#end').fill('13:45');
    await page.locator('#text').fill('Our minibus is <booked> that morning');
    await page.getByRole('button', { name: 'Ask to move the visit' }).click();
    await page.locator('#date-group .govuk-error-message').waitFor();
    expect(await page.locator('#date-group').textContent()).toContain('R-HOURS');
    await checkBothWidths(page, 'moves-4-move-form-saturday');

    newDate = await schoolDayAhead(site.stack, HARBOUR_VIEW, 47, 4);
    await fillDate(page, 'date', newDate);
    await page.getByRole('button', { name: 'Ask to move the visit' }).click();
    await page.waitForURL(new RegExp(`/requests/view/\\?id=${ids.moved}$`));
    await page.locator('#done-banner', { hasText: 'You asked the school to move your visit' }).waitFor();
    expect(await focused(page)).toMatchObject({ id: 'done-banner' });
    expect(await page.locator('#move-waiting').textContent()).toContain('The school has not answered yet');
    expect(await page.locator('#ask-to-move').count()).toBe(0);
    expect(await page.locator('#move-waiting').textContent()).toContain('Our minibus is <booked> that morning');
    await checkBothWidths(page, 'moves-5-provider-move-waiting');
    expectNoProblems(provider.problems);
  });

  it('the careers lead approves the move on the dashboard: the new time, Add to calendar first, Cancel apart; both invitations carry the same UID with SEQUENCE 1', async () => {
    const { page } = lead;
    await waitForEmail(site.stack, (e) => e.subject.startsWith('Move asked:') && to(DEMO_CAREERS_LEAD)(e));
    await page.goto(`${site.url}/manage/?urn=${HARBOUR_VIEW}`);
    await page.locator('#moves-asked').waitFor();
    expect(await page.locator('#moves-asked-heading').textContent()).toBe('Moves to answer (1)');
    expect(await page.locator('#moves-asked').textContent()).toContain('Our minibus is <booked> that morning');
    await checkBothWidths(page, 'moves-6-dashboard');
    // The request's own page answers it too: the time asked for and why, approve, or decline with a reason.
    await page.goto(`${site.url}/manage/requests/view/?id=${ids.moved}`);
    await page.locator('#move-heading').waitFor();
    expect(await page.locator('#move-heading').textContent()).toBe('Moving <College> asks to move this encounter');
    await page.getByRole('button', { name: 'Decline the move' }).click();
    await page.locator('#decline-move-reason-group .govuk-error-message').waitFor();
    await checkBothWidths(page, 'moves-6b-lead-move-waiting');
    await page.goto(`${site.url}/manage/?urn=${HARBOUR_VIEW}`);
    await page.locator('#moves-asked').waitFor();
    await page.locator(`#approve-move-${ids.moved} button`).click();
    await page.locator('#done-banner', { hasText: /approved Moving <College>’s move/ }).waitFor();
    expect(await page.locator('#moves-asked').count()).toBe(0);

    await page.goto(`${site.url}/manage/requests/view/?id=${ids.moved}`);
    await page.locator('#decisions').waitFor();
    const main = await page.locator('#decisions .govuk-button').allTextContents();
    expect(main[0]).toBe('Add to calendar');
    expect(main).toContain('Move to a new time');
    expect(main).not.toContain('Cancel the encounter');
    expect(await page.locator('#cancel-group .govuk-button--warning').textContent()).toBe('Cancel the encounter');
    const ev = await download(page, 'add-to-calendar');
    expect(uidOf(ev)).toBe(uidOf(firstInvite));
    expect(seqOf(ev)).toBe(seqOf(firstInvite) + 1);
    expect(String(ev.getFirstProperty('dtstart')!.getFirstValue())).toContain(`${newDate}T13:00:00`);
    await checkBothWidths(page, 'moves-7-lead-request-moved');

    for (const who of [email, DEMO_CAREERS_LEAD]) {
      const mail = await waitForEmail(site.stack, (e) => e.subject.startsWith('New time:') && to(who)(e));
      const invite = icsOf(mail).getFirstSubcomponent('vevent')!;
      expect(uidOf(invite)).toBe(uidOf(firstInvite));
      expect(seqOf(invite)).toBe(seqOf(firstInvite) + 1);
    }
    // The provider's page and download say the same.
    await provider.page.goto(`${site.url}/requests/view/?id=${ids.moved}`);
    await provider.page.locator('#visit-actions').waitFor();
    expect(seqOf(await download(provider.page, 'add-to-calendar'))).toBe(seqOf(firstInvite) + 1);
    expectNoProblems(lead.problems);
  });

  it('the lead declines a second ask from the emailed link: the page shows the ask, wants a reason, and the provider is told', async () => {
    const later = await schoolDayAhead(site.stack, HARBOUR_VIEW, 49, 4);
    const asked = await provider.page.request.post(`${site.url}/api/requests/${ids.moved}/move`, { headers: { origin: site.url }, data: { date: later, start: '11:00', end: '11:45', reason: 'Or the week after?' } });
    expect(asked.status()).toBe(200);
    const mail = await waitForEmail(site.stack, (e) => e.subject.startsWith('Move asked:') && to(DEMO_CAREERS_LEAD)(e) && (e.body.text ?? '').includes('Or the week after?'));
    const link = /Decline the move[^:]*: (\S+\/actions\/#token=[\w-]+)/.exec(mail.body.text ?? '')?.[1];
    expect(link).toBeTruthy();
    const { page } = lead;
    await page.goto(link!);
    await page.getByRole('button', { name: 'Decline the move' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Or the week after?');
    await page.getByRole('button', { name: 'Decline the move' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await checkBothWidths(page, 'moves-11-link-decline-move');
    await page.locator('#reason').fill('The hall is booked that week');
    await page.getByRole('button', { name: 'Decline the move' }).click();
    await page.locator('#done-title', { hasText: 'Move declined' }).waitFor();
    await checkBothWidths(page, 'moves-12-link-move-declined');
    const told = await waitForEmail(site.stack, (e) => e.subject.startsWith('Move declined:') && to(email)(e));
    expect(told.body.text).toContain('The hall is booked that week');
  });

  it('a provider counters the school\'s proposed time: 07:00 is refused at the start time (R-HOURS); the good time goes back to the school, which sees it', async () => {
    const { page } = provider;
    await page.goto(`${site.url}/requests/view/?id=${ids.countered}`);
    await page.getByRole('link', { name: 'Offer another time' }).click();
    await page.locator('#counter-form').waitFor();
    await checkBothWidths(page, 'moves-8-counter-form');
    const counterDate = await schoolDayAhead(site.stack, HARBOUR_VIEW, 56, 4);
    await fillDate(page, 'date', counterDate);
    await page.locator('#start').fill('07:00');
    await page.locator('#end').fill('07:45');
    await page.locator('#text').fill('Thursday suits our staff better');
    await page.getByRole('button', { name: 'Send the new time' }).click();
    await page.locator('#start-group .govuk-error-message').waitFor();
    expect(await page.locator('#start-group').textContent()).toContain('R-HOURS');
    expect(await page.locator('.govuk-error-summary').count()).toBe(1);
    await checkBothWidths(page, 'moves-9-counter-form-0700');
    await page.locator('#start').fill('13:30');
    await page.locator('#end').fill('14:15');
    await page.getByRole('button', { name: 'Send the new time' }).click();
    await page.locator('#done-banner', { hasText: 'You sent the school another time' }).waitFor();
    expect(await page.locator('#page .govuk-tag').first().textContent()).toMatch(/school/i);
    expectNoProblems(provider.problems);

    const mail = await waitForEmail(site.stack, (e) => e.subject.startsWith('New time offered:') && to(DEMO_CAREERS_LEAD)(e));
    expect(mail.body.text).toContain('Thursday suits our staff better');
    await lead.page.goto(`${site.url}/manage/?urn=${HARBOUR_VIEW}`);
    await lead.page.locator(`#needs-decision a[data-request-id="${ids.countered}"]`).click();
    await lead.page.locator('#decisions').waitFor();
    expect(await lead.page.locator('#decisions .govuk-button').first().textContent()).toBe('Approve');
    expect(await lead.page.locator('main').textContent()).toContain('The provider offered another time');
    await checkBothWidths(lead.page, 'moves-10-lead-countered');
    expect((await readInbox(site.stack.ses.endpoint)).some((e) => e.subject.startsWith('New time offered:'))).toBe(true);
  });
});
