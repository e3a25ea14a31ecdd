// The careers lead's journey by keyboard alone (Tab, Enter, Space, arrows and typing; no
// clicks) on the real local stack: the signed-out dashboard → a sign-in link → the
// emailed link → Continue → the dashboard → approve one request → back → decline another,
// meeting the error summary on the way and following its link to the field.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAREERS_LEAD } from '#infra/local/demo-data.ts';
import { readInbox } from '#infra/local/ses.ts';
import { createStore } from '#shared/store/client.ts';
import { markAddressesConfirmed } from '../support/confirmation.ts';
import { providerBody, schoolDayAhead } from '../support/provider-body.ts';
import { viaCloudFront } from '../support/cloudfront.ts';
import { HARBOUR_VIEW } from './dates.ts';
import { BROWSER_TEST_TIMEOUT, expectNoAxeViolations, expectNoProblems, focused, openPage, tabTo, useBrowser, useLocalStack } from './support.ts';

const b = useBrowser();
const site = useLocalStack();

type Focused = Awaited<ReturnType<typeof focused>>;

/** The focused element shows it: GOV.UK's yellow focus colour, an outline or a box shadow. */
async function expectVisibleFocus(page: Page) {
  const style = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const s = getComputedStyle(el);
    const label = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
    const ring = label ? getComputedStyle(label, '::after').boxShadow + getComputedStyle(label, '::before').boxShadow : '';
    return { outline: s.outlineStyle, shadow: s.boxShadow, background: s.backgroundColor, ring };
  });
  const visible = style.outline !== 'none' || style.shadow !== 'none' || style.background === 'rgb(255, 221, 0)' || /rgb\(255, 221, 0\)/.test(style.ring);
  expect(visible, `focus is visible: ${JSON.stringify(style)}`).toBe(true);
}

async function tabToAndPress(page: Page, match: (f: Focused) => boolean, key: 'Enter' | 'Space') {
  await tabTo(page, match);
  await expectVisibleFocus(page);
  await page.keyboard.press(key);
}

async function tabToAndType(page: Page, id: string, text: string) {
  await tabTo(page, (f) => f.id === id);
  await expectVisibleFocus(page);
  await page.keyboard.type(text);
}

let n = 0;
async function createRequest(organisation: string, email: string, date: string, start: string, end: string): Promise<string> {
  // A returning provider: the request reaches the careers lead at once (issue 12, item 2).
  await markAddressesConfirmed(createStore({ tableName: site.stack.tableName, endpoint: site.stack.dynamodb.endpoint }), [email]);
  const res = await fetch(`${site.url}/api/schools/${HARBOUR_VIEW}/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: site.url, ...viaCloudFront(`10.8.0.${++n}`) },
    body: JSON.stringify(providerBody({ provider: { organisation, type: 'fe_college' }, contact: { name: 'Kim Osei', email, phone: '01632 960777' }, proposed: { date, start, end }, yearGroups: [10] })),
  });
  const body = (await res.json()) as { request?: { id: string } };
  if (res.status !== 201 || !body.request) throw new Error(`request not created: ${res.status} ${JSON.stringify(body)}`);
  return body.request.id;
}

describe('a careers lead approves and declines by keyboard alone', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  const ids = { approve: '', decline: '' };
  beforeAll(async () => {
    const date = await schoolDayAhead(site.stack, HARBOUR_VIEW, 45, 4);
    ids.approve = await createRequest('Quayside College', 'kim@quayside-college.example', date, '09:00', '09:40');
    ids.decline = await createRequest('Southfield Apprenticeships', 'jo@southfield.example', date, '13:30', '14:10');
  }, 60_000);

  it('signs in, approves one request and declines another without a mouse', async () => {
    const { page, problems, close } = await openPage(b.browser);
    page.setDefaultTimeout(10_000);

    // Signed out: the dashboard offers a sign-in link.
    await page.goto(`${site.url}/manage/`);
    await page.locator('#sign-in-heading').waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ text: 'Skip to main content' });
    await page.keyboard.press('Enter');
    await tabToAndPress(page, (f) => f.id === 'sign-in-link', 'Enter');
    await page.waitForURL(/\/sign-in\/$/);
    await tabToAndType(page, 'email', DEMO_CAREERS_LEAD);
    await page.keyboard.press('Enter');
    await page.locator('#sent-heading').waitFor();

    // The emailed link, then Continue.
    let link: string | undefined;
    await expect
      .poll(async () => {
        const mail = (await readInbox(site.stack.ses.endpoint)).find((m) => m.destination.to.some((t) => t.includes(DEMO_CAREERS_LEAD)) && /\/sign-in\/confirm\/#token=/.test(m.body.text ?? ''));
        link = /http:\/\/localhost:\d+\/sign-in\/confirm\/#token=[\w-]+/.exec(mail?.body.text ?? '')?.[0];
        return Boolean(link);
      }, { timeout: 15_000, interval: 250 })
      .toBe(true);
    await page.goto(link!);
    await tabToAndPress(page, (f) => f.tag === 'button' && f.text === 'Continue', 'Enter');
    await page.waitForURL(/\/manage\/$/);
    await page.locator('#needs-decision').waitFor();

    // Approve the first: dashboard → request → Approve → confirm.
    await tabToAndPress(page, (f) => f.tag === 'a' && f.text.startsWith('Quayside College'), 'Enter');
    await page.waitForURL(new RegExp(`/manage/requests/view/\\?id=${ids.approve}$`));
    await page.locator('#decisions').waitFor();
    await tabToAndPress(page, (f) => f.id === 'decide-approve', 'Enter');
    await page.waitForURL(/action=approve$/);
    await page.locator('#decision-form').waitFor();
    await tabToAndType(page, 'note', 'Please come to the main reception.');
    await tabToAndPress(page, (f) => f.tag === 'button' && f.text === 'Approve request', 'Enter');
    await page.locator('#done-banner').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'done-banner' });
    expect(await page.locator('#status [data-status]').getAttribute('data-status')).toBe('approved');
    await expectNoAxeViolations(page, 'keyboard: approved');

    // Back to the dashboard, then decline the second.
    await tabToAndPress(page, (f) => f.tag === 'a' && f.text === 'Back to the dashboard', 'Enter');
    await page.locator('#needs-decision').waitFor();
    await tabToAndPress(page, (f) => f.tag === 'a' && f.text.startsWith('Southfield Apprenticeships'), 'Enter');
    await page.locator('#decisions').waitFor();
    await tabToAndPress(page, (f) => f.id === 'decide-decline', 'Enter');
    await page.locator('#decision-form').waitFor();
    await tabToAndPress(page, (f) => f.tag === 'button' && f.text === 'Decline request', 'Enter');

    // No reason: focus on the error summary; its link leads to the first reason.
    await page.locator('#error-summary .govuk-error-summary__list').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'error-summary' });
    await expectNoAxeViolations(page, 'keyboard: decline without a reason');
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Choose a reason for declining.');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ id: 'reason' });
    await expectVisibleFocus(page);
    // Arrow keys move through the radios and choose; the second ground.
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('input[name="reason"]:checked').getAttribute('id')).toBe('reason-2');
    await tabToAndType(page, 'note', 'We have exams that week.');
    await tabToAndPress(page, (f) => f.tag === 'button' && f.text === 'Decline request', 'Enter');
    await page.locator('#done-banner').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'done-banner' });
    expect(await page.locator('#status [data-status]').getAttribute('data-status')).toBe('declined');
    expect(await page.locator('#reason').textContent()).toContain('We have exams that week.');
    await expectNoAxeViolations(page, 'keyboard: declined');

    // Sign out from the service navigation.
    await page.keyboard.press('Shift+Tab');
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Sign out', 120, 'Shift+Tab');
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    await page.locator('#sign-in-heading', { hasText: 'You have signed out' }).waitFor();
    expectNoProblems(problems);
    await close();
  });
});
