// A request's reference in Chromium (issue 14, item 6), on the real product on this machine:
// "Find a request by reference" on the careers lead's dashboard and on the provider's list,
// by keyboard, at 1280 and 320 px, with axe: a reference typed loosely finds the request's
// page (which shows it in its Reference row), another school's or another provider's is
// not found with a sentence that names the school, and what cannot be a reference is
// stopped at the field before anything is asked.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAREERS_LEAD } from '#infra/local/demo-data.ts';
import { REFERENCE_EXAMPLE } from '#shared/domain/reference.ts';
import { createStore } from '#shared/store/client.ts';
import { markAddressesConfirmed } from '../support/confirmation.ts';
import { viaCloudFront } from '../support/cloudfront.ts';
import { providerBody, schoolDayAhead } from '../support/provider-body.ts';
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
  tabTo,
  useBrowser,
  useLocalStack,
  useSessionCookie,
  type TestPage,
} from './support.ts';

const b = useBrowser();
const site = useLocalStack();
const KINGSMEAD = '990102';
const RILEY = 'riley.lane@eastmouth-college.example';
const KIM = 'kim@westbridge-training.example';

let n = 0;
async function createRequest(urn: string, organisation: string, email: string, daysAhead: number): Promise<{ id: string; reference: string }> {
  await markAddressesConfirmed(createStore({ tableName: site.stack.tableName, endpoint: site.stack.dynamodb.endpoint }), [email]);
  const date = await schoolDayAhead(site.stack, urn, daysAhead, 3);
  const res = await fetch(`${site.url}/api/schools/${urn}/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: site.url, ...viaCloudFront(`10.9.1.${++n}`) },
    body: JSON.stringify(providerBody({ provider: { organisation, type: 'fe_college' }, contact: { name: 'Riley Lane', email, phone: '01632 960100' }, proposed: { date, start: '10:00', end: '10:45' }, yearGroups: [10] })),
  });
  const body = (await res.json()) as { request?: { id: string; reference: string } };
  if (res.status !== 201 || !body.request) throw new Error(`request not created: ${res.status} ${JSON.stringify(body)}`);
  return { id: body.request.id, reference: body.request.reference };
}

async function signedIn(email: string): Promise<TestPage> {
  const cookie = await signIn(site.stack, email);
  const t = await openPage(b.browser, { width: 1280 });
  t.page.setDefaultTimeout(10_000);
  await useSessionCookie(t.context, cookie);
  return t;
}

/** Types a reference into the search by keyboard alone (Tab to the field, type, Enter). */
async function searchByKeyboard(page: Page, typed: string) {
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await tabTo(page, (f) => f.id === 'find-reference');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(typed);
  await page.keyboard.press('Enter');
}

async function expectFieldError(page: Page, message: string) {
  await page.locator('#error-summary .govuk-error-summary__list').waitFor();
  expect(await focused(page)).toMatchObject({ id: 'error-summary' });
  expect(await page.title()).toMatch(/^Error: /);
  expect(await page.locator('#error-summary').textContent()).toContain(message);
  expect(await page.locator('#find-group').getAttribute('class')).toContain('govuk-form-group--error');
  expect(await page.locator('#find-group .govuk-error-message').textContent()).toContain(message);
  // The summary's link takes the person to the field.
  await page.locator('#error-summary a').click();
  expect(await focused(page)).toMatchObject({ id: 'find-reference' });
}

describe('finding a request by its reference', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let mine: { id: string; reference: string };
  let kims: { id: string; reference: string };
  let kingsmead: { id: string; reference: string };

  beforeAll(async () => {
    mine = await createRequest(HARBOUR_VIEW, 'Eastmouth College', RILEY, 45);
    kims = await createRequest(HARBOUR_VIEW, 'Westbridge Training', KIM, 52);
    kingsmead = await createRequest(KINGSMEAD, 'Eastmouth College', RILEY, 46);
  }, 60_000);

  it("the careers lead's dashboard: found, not this school's, not a reference; at 1280 and 320 px", async () => {
    const lead = await signedIn(DEMO_CAREERS_LEAD);
    const { page } = lead;
    await page.goto(`${site.url}/manage/?urn=${HARBOUR_VIEW}`);
    await page.locator('#find-form').waitFor();
    // Each listed request shows its reference under the provider's name.
    expect(await page.locator(`[data-reference="${mine.reference}"]`).count()).toBe(1);
    expect(await page.locator('#find-reference-hint').textContent()).toContain(REFERENCE_EXAMPLE);
    await expectNoAxeViolations(page, 'dashboard with the reference search');
    await screenshot(page, 'reference-dashboard-1280');

    // Another school's request: not found here, in words that name this school.
    await searchByKeyboard(page, kingsmead.reference);
    await expectFieldError(page, `No request at Harbour View Academy has the reference ${kingsmead.reference}`);
    await expectNoAxeViolations(page, 'dashboard search, not found');
    await screenshot(page, 'reference-dashboard-not-found-1280');

    // Not a reference at all: said at the field, nothing asked of the API.
    await searchByKeyboard(page, 'PA-12');
    await expectFieldError(page, `A reference looks like ${REFERENCE_EXAMPLE}`);

    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'dashboard search, 320 px');
    await screenshot(page, 'reference-dashboard-error-320');

    // Typed loosely (lower case, spaces, O for 0): the request's page, with its Reference row.
    await searchByKeyboard(page, mine.reference.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o'));
    await page.waitForURL(new RegExp(`/manage/requests/view/\\?id=${mine.id}$`));
    await page.locator('#status').waitFor();
    expect(await page.locator('.govuk-summary-list__row', { hasText: 'Reference' }).locator('dd').first().textContent()).toBe(mine.reference);
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'reference-manage-request-320');
    await page.setViewportSize({ width: 1280, height: 800 });
    await expectNoAxeViolations(page, 'request page with its reference');
    await screenshot(page, 'reference-manage-request-1280');
    expectNoProblems(lead.problems);
    await lead.close();
  });

  it("the provider's list: their own at any school found, another provider's not; at 1280 and 320 px", async () => {
    const provider = await signedIn(RILEY);
    const { page } = provider;
    await page.goto(`${site.url}/requests/`);
    await page.locator('#find-form').waitFor();
    expect(await page.locator(`[data-reference="${mine.reference}"]`).count()).toBe(1);
    expect(await page.locator(`[data-reference="${kingsmead.reference}"]`).count()).toBe(1);
    await expectNoAxeViolations(page, 'provider list with the reference search');
    await screenshot(page, 'reference-provider-list-1280');

    await searchByKeyboard(page, kims.reference);
    await expectFieldError(page, `None of your requests has the reference ${kims.reference}`);
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'provider search, not found, 320 px');
    await screenshot(page, 'reference-provider-list-error-320');

    await searchByKeyboard(page, kingsmead.reference.replace(/-/g, ''));
    await page.waitForURL(new RegExp(`/requests/view/\\?id=${kingsmead.id}$`));
    await page.locator('.govuk-summary-list__row', { hasText: 'Reference' }).waitFor();
    expect(await page.locator('.govuk-summary-list__row', { hasText: 'Reference' }).locator('dd').textContent()).toBe(kingsmead.reference);
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'reference-provider-request-320');
    await page.setViewportSize({ width: 1280, height: 800 });
    await expectNoAxeViolations(page, 'provider request page with its reference');
    expectNoProblems(provider.problems);
    await provider.close();
  });
});
