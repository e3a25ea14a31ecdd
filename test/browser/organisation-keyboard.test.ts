// The organisation page by keyboard alone (issue 15, item 1; Tab, Shift+Tab, Space, Enter and
// typing, no mouse): a new college sets up its organisation, invites a colleague (whose
// invitation email arrives, naming the organisation) and removes them through the
// confirmation page. Axe on the states the keyboard reaches.
import { describe, expect, it } from 'vitest';
import { signIn } from '../support/sign-in.ts';
import { waitForEmail } from '../support/stack.ts';
import { BROWSER_TEST_TIMEOUT, expectNoAxeViolations, expectNoProblems, focused, openPage, screenshot, tabTo, useBrowser, useLocalStack, useSessionCookie } from './support.ts';

const b = useBrowser();
const site = useLocalStack();
const FOUNDER = 'founder@keyboard-college.example';
const COLLEAGUE = 'colleague@keyboard-college.example';

describe('your organisation by keyboard alone', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it('sets up the organisation, invites a colleague and removes them', async () => {
    const cookie = await signIn(site.stack, FOUNDER);
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
    await page.keyboard.type(FOUNDER);
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
    await page.keyboard.type(COLLEAGUE);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ type: 'radio', name: 'role' });
    await tabTo(page, (f) => f.id === 'send-invite');
    await page.keyboard.press('Enter');
    await page.locator(`[data-member="${COLLEAGUE}"]`).waitFor();
    expect(await focused(page)).toMatchObject({ id: 'done-banner' });
    expect(await page.locator('#done-banner').textContent()).toContain(`We have emailed ${COLLEAGUE} a link to join Keyboard College.`);
    const invitation = await waitForEmail(site.stack, (e) => e.destination.to.some((to) => to.includes(COLLEAGUE)));
    expect(invitation.subject).toBe('Kim Keys invited you to join Keyboard College on Provider access');

    // Remove: the link names whom it removes; the confirmation page's first button has focus.
    await tabTo(page, (f) => f.tag === 'a' && f.text === `Remove ${COLLEAGUE}`);
    await page.keyboard.press('Enter');
    await page.locator('#confirm-remove').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'confirm-remove' });
    await expectNoAxeViolations(page, 'organisation by keyboard: confirm removal');
    await screenshot(page, 'organisation-keyboard-confirm-1280');
    // "No, keep them" first (Tab from the button), then again and "Yes".
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ id: 'cancel-remove' });
    await page.keyboard.press('Enter');
    await page.locator(`[data-member="${COLLEAGUE}"]`).waitFor();
    await tabTo(page, (f) => f.tag === 'a' && f.text === `Remove ${COLLEAGUE}`);
    await page.keyboard.press('Enter');
    await page.locator('#confirm-remove').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('#done-banner').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'done-banner' });
    expect(await page.locator('#done-banner').textContent()).toContain(`${COLLEAGUE} no longer has access to Keyboard College.`);
    expect(await page.locator(`[data-member="${COLLEAGUE}"]`).count()).toBe(0);
    await expectNoAxeViolations(page, 'organisation by keyboard: removed');
    expectNoProblems(t.problems);
    await t.close();
  });
});
