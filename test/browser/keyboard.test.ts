// The provider's journey by keyboard alone: Tab, Shift+Tab, Space, Enter and typing, no
// clicks. Every control on the way must be reachable, show where focus is, and work.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readInbox } from '#infra/local/ses.ts';
import { BROWSER_TEST_TIMEOUT, expectNoAxeViolations, expectNoProblems, focused, openPage, tabTo, useBrowser, useLocalStack } from './support.ts';

const b = useBrowser();
const site = useLocalStack();

/** The focused element shows it: GOV.UK's yellow focus colour, an outline or a box shadow. */
async function expectVisibleFocus(page: Page) {
  const style = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const s = getComputedStyle(el);
    const label = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
    // Radios and checkboxes draw their focus ring on the label's ::before.
    const ring = label ? getComputedStyle(label, '::after').boxShadow + getComputedStyle(label, '::before').boxShadow : '';
    return { outline: s.outlineStyle, shadow: s.boxShadow, background: s.backgroundColor, ring };
  });
  const visible = style.outline !== 'none' || style.shadow !== 'none' || style.background === 'rgb(255, 221, 0)' || /rgb\(255, 221, 0\)/.test(style.ring);
  expect(visible, `focus is visible: ${JSON.stringify(style)}`).toBe(true);
}

async function tabToAndType(page: Page, id: string, text: string) {
  await tabTo(page, (f) => f.id === id);
  await expectVisibleFocus(page);
  await page.keyboard.type(text);
}

async function tabToAndPress(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean, key: 'Enter' | 'Space') {
  await tabTo(page, match);
  await expectVisibleFocus(page);
  await page.keyboard.press(key);
}

describe('a provider requests a slot and withdraws it by keyboard alone', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it('reaches and works every control without a mouse', async () => {
    const { page, problems, close } = await openPage(b.browser);
    const email = 'kim.osei@westbridge-apprenticeships.example';

    // Home: skip link, search.
    await page.goto(`${site.url}/`);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ text: 'Skip to main content' });
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    await tabToAndType(page, 'q', 'harbour');
    await page.keyboard.press('Enter');

    // Results → the school.
    await page.waitForURL(/\/schools\/\?q=harbour$/);
    await page.locator('#result-count').waitFor();
    await tabToAndPress(page, (f) => f.tag === 'a' && f.text === 'Harbour View Academy', 'Enter');

    // The school → its first slot.
    await page.waitForURL(/\/school\/\?urn=990101$/);
    await page.locator('#slot-list').waitFor();
    await tabToAndPress(page, (f) => f.tag === 'a' && f.text.startsWith('Request this slot'), 'Enter');

    // The form: Year 7 as well, to meet R-YEARS.
    await page.waitForURL(/\/request\/\?urn=990101&opportunity=/);
    await page.locator('#request-form').waitFor();
    await tabToAndPress(page, (f) => f.id === 'yearGroups', 'Space'); // Year 7
    expect(await page.locator('#yearGroups').isChecked()).toBe(true);
    await tabToAndType(page, 'provider-organisation', 'Westbridge Apprenticeships');
    // Tabbing into a radio group with nothing chosen lands on its first radio; Space chooses it.
    await tabTo(page, (f) => f.name === 'provider-type');
    await page.keyboard.press('ArrowDown'); // arrow keys move within the group and choose
    await page.keyboard.press('Space');
    expect(await page.locator('input[name="provider-type"]:checked').getAttribute('value')).toBe('utc');
    await tabToAndType(page, 'contact-name', 'Kim Osei');
    await tabToAndType(page, 'contact-email', email);
    await tabToAndType(page, 'contact-phone', '01632 960 777');
    await tabToAndPress(page, (f) => f.id === 'safeguardingAgreed', 'Space');
    for (const item of ['provider', 'careers', 'learning', 'questions']) await tabToAndPress(page, (f) => f.id === `content-${item}`, 'Space');
    await tabToAndPress(page, (f) => f.tag === 'button' && f.text === 'Continue', 'Enter');

    // Check your answers: focus moves to its heading; send.
    await page.locator('#check-heading').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'check-heading' });
    await tabToAndPress(page, (f) => f.tag === 'button' && f.text === 'Send request', 'Enter');

    // Refused: focus on the error summary; its link leads to the Year 7 box.
    await page.locator('#form-errors .govuk-error-summary__list').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'form-errors' });
    await expectNoAxeViolations(page, 'keyboard: Year 7 refused');
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toMatch(/Year 7 is not covered/);
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ id: 'yearGroups' });
    await page.keyboard.press('Space');
    expect(await page.locator('#yearGroups').isChecked()).toBe(false);
    await tabToAndPress(page, (f) => f.tag === 'button' && f.text === 'Continue', 'Enter');
    await page.locator('#check-heading').waitFor();

    // Changing an answer from "Check your answers" and coming back.
    await tabToAndPress(page, (f) => f.tag === 'a' && f.text === 'Change phone number', 'Enter');
    await expect.poll(async () => (await focused(page)).id).toBe('contact-phone');
    await page.keyboard.press('End');
    await page.keyboard.type('1');
    await tabToAndPress(page, (f) => f.tag === 'button' && f.text === 'Continue', 'Enter');
    await page.locator('#check-heading').waitFor();
    expect(await page.locator('#check-answers').textContent()).toContain('01632 960 7771');
    await tabToAndPress(page, (f) => f.tag === 'button' && f.text === 'Send request', 'Enter');

    // Sent: a first request from this address waits for its confirmation (issue 12, item 2).
    await page.waitForURL(/\/request\/sent\/\?id=/);
    expect(await page.locator('h1').textContent()).toBe('Check your email to confirm your request');
    const linkIn = async (pattern: RegExp) => {
      let found: string | undefined;
      await expect
        .poll(async () => {
          found = (await readInbox(site.stack.ses.endpoint)).filter((m) => m.destination.to.some((t) => t.includes(email))).map((m) => pattern.exec(m.body.text ?? '')?.[0]).find(Boolean);
          return Boolean(found);
        }, { timeout: 15_000, interval: 250 })
        .toBe(true);
      return found!;
    };
    // "Not received the email?" opens by keyboard.
    await tabToAndPress(page, (f) => f.text === 'Not received the email?', 'Enter');
    expect(await page.locator('details.govuk-details').getAttribute('open')).not.toBeNull();

    // The confirmation link, then Confirm and send, by keyboard.
    await page.goto(await linkIn(/http:\/\/localhost:\d+\/request\/confirm\/#token=[\w-]+/));
    await tabToAndPress(page, (f) => f.tag === 'button' && f.text === 'Confirm and send', 'Enter');
    await page.locator('#sent-title').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'sent-title' });
    expect(await page.locator('.govuk-panel__title').textContent()).toBe('Request sent to Harbour View Academy');

    // The emailed link, then Continue and withdraw, by keyboard.
    const link = await linkIn(/http:\/\/localhost:\d+\/sign-in\/confirm\/#token=[\w-]+/);
    await page.goto(link);
    await tabToAndPress(page, (f) => f.tag === 'button' && f.text === 'Continue', 'Enter');
    await page.waitForURL(/\/requests\/view\/\?id=/);
    await page.locator('#withdraw-form').waitFor();
    await tabToAndType(page, 'withdraw-reason', 'We have had to cancel our schools programme this term.');
    await tabToAndPress(page, (f) => f.tag === 'button' && f.text === 'Withdraw request', 'Enter');
    await page.locator('#done-banner').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'done-banner' });
    expect(await page.locator('[data-status]').first().getAttribute('data-status')).toBe('withdrawn');
    await expectNoAxeViolations(page, 'keyboard: withdrawn');

    // And back out through the service navigation.
    await tabToAndPress(page, (f) => f.tag === 'a' && f.text === 'See all your requests', 'Enter');
    await page.locator('#requests-table').waitFor();
    expectNoProblems(problems);
    await close();
  });
});
