// The provider's journey by keyboard alone: Tab, Shift+Tab, Space, Enter and typing, no
// clicks. Every control on the way must be reachable, show where focus is, and work.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readInbox } from '#infra/local/ses.ts';
import { dayMonthYear, journeyDates } from './dates.ts';
import { expectStepError, onStep } from './request-steps.ts';
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

describe('a provider proposes a time through every step of the form, sends it and withdraws it by keyboard alone', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it('reaches and works every control without a mouse', async () => {
    const { page, problems, close } = await openPage(b.browser);
    const email = 'kim.osei@westbridge-apprenticeships.example';
    const dates = journeyDates();

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

    // The school → propose a time, so every step of the form is asked.
    await page.waitForURL(/\/school\/\?urn=990101$/);
    await page.locator('#slot-list').waitFor();
    await tabToAndPress(page, (f) => f.tag === 'a' && f.text === 'Propose a different date and time', 'Enter');

    // Step 1, the time: a Saturday first, stopped at the date; the summary's link leads there.
    await page.waitForURL(/\/request\/\?urn=990101$/);
    await onStep(page, 'when');
    const typeDate = async (iso: string) => {
      const [d, m, y] = dayMonthYear(iso);
      await tabToAndType(page, 'date-day', d);
      await tabToAndType(page, 'date-month', m);
      await tabToAndType(page, 'date-year', y);
    };
    await typeDate(dates.saturday);
    await tabToAndType(page, 'start', '10am');
    await tabToAndType(page, 'end', '10:45am');
    await tabToAndPress(page, (f) => f.tag === 'button' && f.text === 'Continue', 'Enter');
    await expectStepError(page, 'when', 'date-group', /is not a school day/, 'R-HOURS');
    await expectNoAxeViolations(page, 'keyboard: a Saturday refused');
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toMatch(/is not a school day/);
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ id: 'date-day' });
    // Shift+Tab back out, then the right date typed over the wrong one.
    await page.keyboard.press('Shift+Tab');
    for (const part of ['date-day', 'date-month', 'date-year']) {
      await tabTo(page, (f) => f.id === part);
      await page.keyboard.press('Control+A');
      await page.keyboard.type(dayMonthYear(dates.earliest)[['date-day', 'date-month', 'date-year'].indexOf(part)]!);
    }
    await tabToAndPress(page, (f) => f.tag === 'button' && f.text === 'Continue', 'Enter');

    // Step 2: focus starts at the page's heading.
    await onStep(page, 'pupils');
    expect(await focused(page)).toMatchObject({ id: 'pupils-heading' });
    await tabToAndPress(page, (f) => f.id === 'yearGroups-9', 'Space');
    // Tabbing into a radio group with nothing chosen lands on its first radio; Space chooses it.
    await tabToAndPress(page, (f) => f.name === 'sessionType', 'Space');
    expect(await page.locator('input[name="sessionType"]:checked').getAttribute('value')).toBe('assembly');
    await tabToAndPress(page, (f) => f.tag === 'button' && f.text === 'Continue', 'Enter');

    // Step 3.
    await onStep(page, 'you');
    await tabToAndType(page, 'provider-organisation', 'Westbridge Apprenticeships');
    await tabTo(page, (f) => f.name === 'provider-type');
    await page.keyboard.press('ArrowDown'); // arrow keys move within the group and choose
    await page.keyboard.press('Space');
    expect(await page.locator('input[name="provider-type"]:checked').getAttribute('value')).toBe('utc');
    await tabToAndType(page, 'contact-name', 'Kim Osei');
    await tabToAndType(page, 'contact-email', email);
    await tabToAndType(page, 'contact-phone', '01632 960 777');
    await tabToAndPress(page, (f) => f.tag === 'button' && f.text === 'Continue', 'Enter');

    // Step 4: the two confirmations.
    await onStep(page, 'visit');
    await tabToAndPress(page, (f) => f.id === 'safeguardingAgreed', 'Space');
    await tabToAndPress(page, (f) => f.id === 'content', 'Space');
    await tabToAndPress(page, (f) => f.tag === 'button' && f.text === 'Continue', 'Enter');

    // Check your answers: focus moves to its heading.
    await onStep(page, 'check');
    expect(await focused(page)).toMatchObject({ id: 'check-heading' });
    await expectNoAxeViolations(page, 'keyboard: check your answers');

    // Changing an answer from "Check your answers" and coming back.
    await tabToAndPress(page, (f) => f.tag === 'a' && f.text === 'Change phone number', 'Enter');
    await onStep(page, 'you');
    await expect.poll(async () => (await focused(page)).id).toBe('contact-phone');
    await page.keyboard.press('End');
    await page.keyboard.type('1');
    await tabToAndPress(page, (f) => f.tag === 'button' && f.text === 'Continue', 'Enter');
    await onStep(page, 'check');
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
