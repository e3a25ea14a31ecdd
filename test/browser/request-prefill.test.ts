// The request form's step 3 filled from the organisation's profile (issue 15, item 1) in a
// browser on the local stack: a colleague, invited and signed in, opens their organisation's
// page (which notes the membership in this browser), then a school's request form: step 3 says
// where the details came from and has the profile's name, type, UKPRN and default contact;
// once they are removed, the form fills nothing and stops asking. Axe at 1280 and 320 px.
import { describe, expect, it } from 'vitest';
import { signIn } from '../support/sign-in.ts';
import { HARBOUR_VIEW, journeyDates } from './dates.ts';
import { answerWhen, continueTo, onStep } from './request-steps.ts';
import { BROWSER_TEST_TIMEOUT, expectNoAxeViolations, expectNoHorizontalScroll, expectNoProblems, openPage, screenshot, useBrowser, useLocalStack, useSessionCookie } from './support.ts';

const b = useBrowser();
const site = useLocalStack();
const ADMIN = 'admin@prefill-college.example';
const COLLEAGUE = 'colleague@prefill-college.example';
const PROFILE = {
  name: 'Prefill Valley College',
  type: 'utc',
  ukprn: '10087654',
  website: 'https://www.prefill.example',
  defaultContact: { name: 'Jo Liaison', email: 'liaison@prefill-college.example', phone: '01632 960 777' },
};

/** A call to the API as the browser's page makes it (same origin), with a session cookie. */
async function call(cookie: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${site.url}${path}`, { method, headers: { cookie, origin: site.url, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
}

describe("the request form filled from the organisation's profile", { timeout: 2 * BROWSER_TEST_TIMEOUT }, () => {
  it('fills step 3 for a signed-in member, says so, and stops once they are removed', async () => {
    const admin = await signIn(site.stack, ADMIN);
    expect((await call(admin, 'PUT', '/api/provider/organisation', PROFILE)).status).toBe(201);
    expect((await call(admin, 'POST', '/api/provider/organisation/members', { email: COLLEAGUE, role: 'member' })).status).toBe(201);
    const cookie = await signIn(site.stack, COLLEAGUE);

    // The removal at the end makes the form's GET answer 404: that is the test's doing.
    const t = await openPage(b.browser, { width: 1280, expectedConsoleErrors: /404/ });
    const { page } = t;
    page.setDefaultTimeout(10_000);
    await useSessionCookie(t.context, cookie);
    await page.goto(`${site.url}/provider/organisation/`);
    await page.locator('#organisation-details').waitFor();

    const toStep3 = async () => {
      await page.goto(`${site.url}/request/?urn=${HARBOUR_VIEW}`);
      await onStep(page, 'when');
      await answerWhen(page, journeyDates().earliest, '10am', '10:45am');
      await continueTo(page, 'pupils');
      await page.getByRole('checkbox', { name: 'Year 10' }).check();
      await page.getByRole('radio', { name: 'Assembly' }).check();
      await continueTo(page, 'you');
    };
    await toStep3();
    expect(await page.locator('#from-organisation').isVisible()).toBe(true);
    expect(await page.locator('#from-organisation').textContent()).toContain('We filled these in from your organisation’s profile');
    expect(await page.locator('#remembered').isHidden()).toBe(true);
    const values = async () => Promise.all(['provider-organisation', 'provider-ukprn', 'contact-name', 'contact-email', 'contact-phone'].map((id) => page.locator(`#${id}`).inputValue()));
    expect(await values()).toEqual(['Prefill Valley College', '10087654', 'Jo Liaison', 'liaison@prefill-college.example', '01632 960 777']);
    expect(await page.locator('input[name="provider-type"]:checked').inputValue()).toBe('utc');
    await expectNoAxeViolations(page, 'request step 3, from the organisation');
    await screenshot(page, 'request-prefill-1280');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'request step 3, from the organisation, 320 px');
    await screenshot(page, 'request-prefill-320');

    // Removed: the next form's GET is refused, so nothing is filled and the browser's note goes.
    expect((await call(admin, 'DELETE', `/api/provider/organisation/members/${encodeURIComponent(COLLEAGUE)}`)).status).toBe(200);
    await toStep3();
    expect(await page.locator('#from-organisation').isHidden()).toBe(true);
    expect(await values()).toEqual(['', '', '', '', '']);
    expect(await page.evaluate(() => localStorage.getItem('organisation-member'))).toBeNull();
    expectNoProblems(t.problems);
    await t.close();
  });
});
