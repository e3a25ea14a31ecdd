// The provider's organisation page (issue 15, item 1) in a browser on the local stack: a
// brand-new college signs in, sets the organisation up (the API's field messages in the error
// summary first), invites a colleague, and removes them only after confirming; axe on every
// state at 1280 px and at 320 px, where nothing scrolls sideways. The same by keyboard alone.
// Then the organisation's calendar feed (issue 15, item 3): made, copied, read back as a
// calendar app would, and rotated only after confirming, the old address dead at once.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { signIn } from '../support/sign-in.ts';
import { waitForEmail } from '../support/stack.ts';
import { BROWSER_TEST_TIMEOUT, expectNoAxeViolations, expectNoHorizontalScroll, expectNoProblems, focused, openPage, screenshot, tabTo, useBrowser, useLocalStack, useSessionCookie } from './support.ts';

const b = useBrowser();
const site = useLocalStack();
const FOUNDER = 'founder@harbourside-college.example';
const COLLEAGUE = 'colleague@harbourside-college.example';

describe('your organisation', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it('sets up the organisation, invites a colleague and removes them after confirming, at 1280 and 320 px', async () => {
    const cookie = await signIn(site.stack, FOUNDER);
    const t = await openPage(b.browser, { width: 1280 });
    const { page } = t;
    page.setDefaultTimeout(10_000);
    await useSessionCookie(t.context, cookie);
    await page.goto(`${site.url}/provider/organisation/`);
    await page.locator('#organisation-form').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Set up your organisation');
    expect(await page.locator('#ukprn-hint').textContent()).toBe('8 digits starting with 1');
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Your organisation');
    await expectNoAxeViolations(page, 'organisation: set up');

    // The API's messages, in the error summary and at each field.
    await page.fill('#name', 'Harbourside College');
    await page.fill('#ukprn', '2001234');
    await page.click('#save-organisation');
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('#ukprn-group .govuk-error-message').textContent()).toContain('8 digits starting with 1');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Choose the kind of provider you are.');
    expect(await page.title()).toMatch(/^Error: /);
    await expectNoAxeViolations(page, 'organisation: set-up errors');
    await screenshot(page, 'organisation-errors-1280');

    await page.check('#type');
    await page.fill('#ukprn', '10081234');
    await page.fill('#website', 'https://www.harbourside.example');
    await page.fill('#contact-name', 'Robin Liaison');
    await page.fill('#contact-email', 'liaison@harbourside-college.example');
    await page.fill('#contact-phone', '01632 960 321');
    await page.click('#save-organisation');
    await page.locator('#organisation-details').waitFor();
    expect(await page.locator('#done-banner').textContent()).toContain('Harbourside College is set up. You are its admin.');
    expect(await page.locator('#organisation-details').textContent()).toContain('10081234');
    expect(await page.locator('#members tbody tr').count()).toBe(1);
    await expectNoAxeViolations(page, 'organisation: account');

    // A Change link opens the question page at its field, filled in.
    await page.click('[data-change="ukprn"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ukprn');
    expect(await page.inputValue('#contact-email')).toBe('liaison@harbourside-college.example');
    await page.fill('#name', 'Harbourside College of FE');
    await page.click('#save-organisation');
    await page.locator('#organisation-details').waitFor();
    expect(await page.locator('#organisation-name').textContent()).toBe('Harbourside College of FE');

    await page.fill('#invite-email', COLLEAGUE);
    await page.click('#send-invite');
    await page.locator(`[data-member="${COLLEAGUE}"]`).waitFor();
    expect(await page.locator(`[data-member="${COLLEAGUE}"]`).textContent()).toContain('Invited, not signed in yet');
    // Inviting them again says so at the email field.
    await page.fill('#invite-email', COLLEAGUE);
    await page.click('#send-invite');
    await page.locator('#invite-email-group.govuk-form-group--error').waitFor();
    await expectNoAxeViolations(page, 'organisation: invite error');
    await screenshot(page, 'organisation-1280');

    // Remove is never one click: a confirmation page first; "No" keeps them.
    await page.click(`[data-remove="${COLLEAGUE}"]`);
    await page.locator('#confirm-remove').waitFor();
    expect(await page.locator('h1').textContent()).toBe(`Remove ${COLLEAGUE} from Harbourside College of FE?`);
    await expectNoAxeViolations(page, 'organisation: confirm removal');
    await page.click('#cancel-remove');
    await page.locator(`[data-member="${COLLEAGUE}"]`).waitFor();
    await page.click(`[data-remove="${COLLEAGUE}"]`);
    await page.click('#confirm-remove');
    await page.locator('#done-banner').waitFor();
    expect(await page.locator('#done-banner').textContent()).toContain(`${COLLEAGUE} no longer has access`);
    expect(await page.locator(`[data-member="${COLLEAGUE}"]`).count()).toBe(0);

    await page.setViewportSize({ width: 320, height: 800 });
    await page.reload();
    await page.locator('#organisation-details').waitFor();
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'organisation at 320 px');
    await screenshot(page, 'organisation-320');
    expectNoProblems(t.problems);
    await t.context.close();
  });

  it('by keyboard alone (Tab, Space, Enter, typing): sets up, invites (the invitation email arrives), removes through the confirmation page', async () => {
    const founder = 'founder@keyboard-college.example';
    const colleague = 'colleague@keyboard-college.example';
    const cookie = await signIn(site.stack, founder);
    const t = await openPage(b.browser, { width: 1280 });
    const { page } = t;
    page.setDefaultTimeout(10_000);
    await useSessionCookie(t.context, cookie);
    await page.goto(`${site.url}/provider/organisation/`);
    await page.locator('#organisation-form').waitFor();

    // Set up: each answer typed; the first kind of provider chosen with Space.
    await tabTo(page, (f) => f.id === 'name');
    await page.keyboard.type('Keyboard College');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'input', type: 'radio', name: 'type' });
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.id === 'ukprn');
    await page.keyboard.type('10086420');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ id: 'website' });
    await page.keyboard.type('https://www.keyboard-college.example');
    await tabTo(page, (f) => f.id === 'contact-name');
    await page.keyboard.type('Kim Keys');
    await page.keyboard.press('Tab');
    await page.keyboard.type(founder);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ id: 'contact-phone' });
    await page.keyboard.type('01632 960 432');
    await tabTo(page, (f) => f.id === 'save-organisation');
    await page.keyboard.press('Enter');
    await page.locator('#organisation-details').waitFor();
    // The banner has focus, so a screen reader hears it and Tab goes on from the top of the page.
    expect(await focused(page)).toMatchObject({ id: 'done-banner' });
    expect(await page.locator('#organisation-details').textContent()).toContain('Further education college');
    await expectNoAxeViolations(page, 'organisation by keyboard: set up');

    // Invite: the address typed, the role left as Member, sent with Enter.
    await tabTo(page, (f) => f.id === 'invite-email');
    await page.keyboard.type(colleague);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ type: 'radio', name: 'role' });
    await tabTo(page, (f) => f.id === 'send-invite');
    await page.keyboard.press('Enter');
    await page.locator(`[data-member="${colleague}"]`).waitFor();
    expect(await focused(page)).toMatchObject({ id: 'done-banner' });
    expect(await page.locator('#done-banner').textContent()).toContain(`We have emailed ${colleague} a link to join Keyboard College.`);
    const invitation = await waitForEmail(site.stack, (e) => e.destination.to.some((to) => to.includes(colleague)));
    expect(invitation.subject).toBe('Kim Keys invited you to join Keyboard College on Provider access');

    // Remove: the link names whom it removes; the confirmation page's first button has focus.
    await tabTo(page, (f) => f.tag === 'a' && f.text === `Remove ${colleague}`);
    await page.keyboard.press('Enter');
    await page.locator('#confirm-remove').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'confirm-remove' });
    await expectNoAxeViolations(page, 'organisation by keyboard: confirm removal');
    await screenshot(page, 'organisation-keyboard-confirm-1280');
    // "No, keep them" first (Tab from the button), then again and "Yes".
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ id: 'cancel-remove' });
    await page.keyboard.press('Enter');
    await page.locator(`[data-member="${colleague}"]`).waitFor();
    await tabTo(page, (f) => f.tag === 'a' && f.text === `Remove ${colleague}`);
    await page.keyboard.press('Enter');
    await page.locator('#confirm-remove').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('#done-banner').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'done-banner' });
    expect(await page.locator('#done-banner').textContent()).toContain(`${colleague} no longer has access to Keyboard College.`);
    expect(await page.locator(`[data-member="${colleague}"]`).count()).toBe(0);
    await expectNoAxeViolations(page, 'organisation by keyboard: removed');
    expectNoProblems(t.problems);
    await t.close();
  });

  it('shows the calendar feed: the address once, to copy or open, how to add it to Outlook and Google; a new one only after confirming', async () => {
    const email = 'founder@feedside-college.example';
    const cookie = await signIn(site.stack, email);
    const made = await fetch(`${site.url}/api/provider/organisation`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', origin: site.url, cookie },
      body: JSON.stringify({ name: 'Feedside College', type: 'fe_college', ukprn: '10082345', defaultContact: { name: 'Robin Liaison', email, phone: '01632 960 321' } }),
    });
    expect(made.status, await made.text()).toBe(201);
    const [name, value] = cookie.split('=') as [string, string];
    const t = await openPage(b.browser, { width: 1280 });
    const { page } = t;
    page.setDefaultTimeout(10_000);
    await t.context.addCookies([{ name, value, domain: 'localhost', path: '/', httpOnly: true, secure: true, sameSite: 'Lax' }]);
    await page.goto(`${site.url}/provider/organisation/`);
    await page.locator('#calendar-feed').waitFor();
    expect(await page.locator('#feed-heading').textContent()).toBe('Your calendar feed');
    expect(await page.locator('#feed-status').textContent()).toBe('Your organisation has no calendar feed yet.');
    await expectNoAxeViolations(page, 'organisation: no calendar feed');

    await page.click('#make-feed');
    await page.locator('#feed-url').waitFor();
    const url = await page.inputValue('#feed-url');
    expect(url).toMatch(/\/api\/provider\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(await page.getAttribute('#feed-webcal', 'href')).toBe(url.replace(/^https?:\/\//, 'webcal://'));
    expect(await page.locator('#feed-outlook summary').textContent()).toContain('Outlook');
    expect(await page.locator('#feed-google summary').textContent()).toContain('Google');
    expect(await page.locator('#feed-status').textContent()).toContain(`by ${email}`);
    await page.click('#feed-google summary');
    await expectNoAxeViolations(page, 'organisation: calendar feed made');
    await screenshot(page, 'organisation-feed-1280');

    // Read as a calendar app reads it: no cookie, a calendar.
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(new ICAL.Component(ICAL.parse(await feed.text())).getFirstPropertyValue('x-wr-calname')).toBe('Provider access: Feedside College');

    // A new address asks first; "No" keeps the current one.
    await page.click('#make-feed');
    await page.locator('#confirm-rotate').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Make a new calendar feed address?');
    await expectNoAxeViolations(page, 'organisation: confirm a new feed address');
    await page.click('#cancel-rotate');
    await page.locator('#calendar-feed').waitFor();
    expect((await fetch(url)).status).toBe(200);
    await page.click('#make-feed');
    await page.click('#confirm-rotate');
    await page.locator('#feed-url').waitFor();
    const rotated = await page.inputValue('#feed-url');
    expect(rotated).not.toBe(url);
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(rotated)).status).toBe(200);

    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'organisation: calendar feed at 320 px');
    await screenshot(page, 'organisation-feed-320');
    expectNoProblems(t.problems);
    await t.context.close();
  });
});
