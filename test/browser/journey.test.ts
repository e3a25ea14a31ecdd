// A provider's whole journey in Chromium against the real product on this machine
// (startLocalStack: DynamoDB Local, the SES emulator, the demo trust): search → school →
// a slot → the rules the school's answers enforce, shown at their fields → fix → send →
// "check your email" (a first request from the address, issue 12 item 2) → the
// confirmation link → confirm → sent to the school → both emails → the emailed link →
// Continue → withdraw. axe-core checks every page and every error state.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readInbox, type InboxEmail } from '#infra/local/ses.ts';
import { DEMO_CAREERS_LEAD } from '#infra/local/demo-data.ts';
import { dayMonthYear, HARBOUR_VIEW, journeyDates } from './dates.ts';
import { BROWSER_TEST_TIMEOUT, expectNoAxeViolations, expectNoHorizontalScroll, expectNoProblems, focused, openPage, screenshot, useBrowser, useLocalStack } from './support.ts';

const b = useBrowser();
const site = useLocalStack();

/** The questions every request answers, filled in with the mouse. */
async function answerQuestions(page: Page, email: string) {
  await page.getByLabel('Organisation name').fill('Eastmouth College of Technology');
  await page.getByRole('radio', { name: 'Further education college' }).check();
  await page.getByLabel('UK provider reference number (UKPRN) (optional)').fill('10012345');
  await page.getByLabel('Full name').fill('Robin Carter');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Phone number').fill('01632 960 123');
  await page.getByLabel('How many of your staff will attend?').fill('2');
  await page.getByRole('checkbox', { name: 'Projector and screen' }).check();
  await page.getByRole('checkbox', { name: 'Our staff will follow the school’s safeguarding and visitor checks' }).check();
  for (const box of await page.locator('input[name="content"]').all()) await box.check();
  await page.getByLabel('Anything else the school should know? (optional)').fill('We will bring <b>prospectuses</b> & leaflets.');
}

/** Recipients are written "Name <address>". */
const sentTo = (m: InboxEmail, address: string) => m.destination.to.some((t) => t.includes(address));

async function waitForEmails(endpoint: string, count: (emails: InboxEmail[]) => boolean): Promise<InboxEmail[]> {
  let emails: InboxEmail[] = [];
  await expect
    .poll(async () => {
      emails = await readInbox(endpoint);
      return count(emails);
    }, { timeout: 15_000, interval: 250 })
    .toBe(true);
  return emails;
}

/** The error summary lists `message` and the field's group shows it inline. */
async function expectFieldError(page: Page, group: string, message: RegExp) {
  await page.locator('#form-errors .govuk-error-summary__list').waitFor();
  expect(await focused(page)).toMatchObject({ id: 'form-errors' });
  expect(await page.title()).toMatch(/^Error: Request provider access/);
  const links = await page.locator('#form-errors .govuk-error-summary__list a').allTextContents();
  expect(links.some((t) => message.test(t)), `summary lists ${message}: ${links.join(' | ')}`).toBe(true);
  await expect.poll(() => page.locator(`#${group}`).getAttribute('class')).toContain('govuk-form-group--error');
  expect(await page.locator(`#${group} .govuk-error-message`).textContent()).toMatch(message);
}

describe('a provider requests a slot, meets the rules, sends, then withdraws (mouse)', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it('goes from search to withdrawal with no accessibility violations', async () => {
    const { page, problems, close } = await openPage(b.browser);
    const email = 'robin.carter@eastmouth-college.example';

    // Search.
    await page.goto(`${site.url}/`);
    await page.getByLabel('Find a school').fill('harbour');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('#result-count').waitFor();
    await expectNoAxeViolations(page, 'search results');
    await page.getByRole('link', { name: 'Harbour View Academy' }).click();

    // The school page: its details, the statement link, dates from the notice on.
    await page.waitForURL(/\/school\/\?urn=990101$/);
    await page.locator('#slot-list, #no-slots').first().waitFor();
    expect(await page.locator('h1').textContent()).toBe('Harbour View Academy');
    expect(await page.getByRole('link', { name: /Read the provider access policy statement/ }).getAttribute('href')).toBe('/schools/990101/statement');
    expect(await page.locator('#slot-range').textContent()).toContain('at least 30 days’ notice');
    await expectNoAxeViolations(page, 'school page');
    await screenshot(page, 'school-1024');

    // A slot: the first one listed.
    await page.locator('#slot-list a', { hasText: 'Request this slot' }).first().click();
    await page.waitForURL(/\/request\/\?urn=990101&opportunity=[\w-]+&date=\d{4}-\d{2}-\d{2}$/);
    await page.locator('#request-form').waitFor();
    expect(await page.locator('#slot-summary').textContent()).toMatch(/Slot.+Date.+Time/);
    await expectNoAxeViolations(page, 'request form (slot)');

    // Year 7 on top of the slot's own year group: R-YEARS, at the year groups.
    await page.getByRole('checkbox', { name: 'Year 7' }).check();
    await answerQuestions(page, email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#check-heading').waitFor();
    expect(await page.title()).toBe('Check your answers before sending your request – Provider access');
    expect(await page.locator('#check-answers').textContent()).toContain('Years 7 and');
    // What a person typed is shown as text, never as markup.
    expect(await page.locator('#check-answers').textContent()).toContain('We will bring <b>prospectuses</b> & leaflets.');
    await expectNoAxeViolations(page, 'check your answers');
    await screenshot(page, 'check-answers-1024');
    await page.getByRole('button', { name: 'Send request' }).click();
    await expectFieldError(page, 'yearGroups-group', /Year 7 is not covered/);
    await expectNoAxeViolations(page, 'request form, Year 7 refused');
    await screenshot(page, 'request-error-year-7');
    // The summary's link takes focus to the first year-group box.
    await page.locator('#form-errors a', { hasText: /Year 7 is not covered/ }).click();
    expect(await focused(page)).toMatchObject({ id: 'yearGroups' });

    // Fix and send: a first request from this address waits for its confirmation (issue 12, item 2).
    await page.getByRole('checkbox', { name: 'Year 7' }).uncheck();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#check-heading').waitFor();
    expect(await page.locator('#check-errors').isHidden()).toBe(true);
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.waitForURL(/\/request\/sent\/\?id=[\w-]+$/);
    const id = new URL(page.url()).searchParams.get('id')!;
    expect(await page.locator('h1').textContent()).toBe('Check your email to confirm your request');
    expect(await page.title()).toBe('Check your email to confirm your request – Provider access');
    expect(await page.locator('#emailed').textContent()).toBe(`We have sent an email to ${email}.`);
    expect(await page.locator('#confirm-by').textContent()).toMatch(/confirm your request to Harbour View Academy\. The link works once, for 24 hours, until \d{1,2} \w+ \d{4} at /);
    expect(await page.locator('#until').textContent()).toContain('does not see your request and it holds no place');
    // The reference a person reads (issue 14, item 6), not the id in the address.
    const reference = (await page.locator('[data-reference]').textContent()) ?? '';
    expect(reference).toMatch(/^PA-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/);
    expect(reference).not.toBe(id);
    await expectNoAxeViolations(page, 'check your email');
    await screenshot(page, 'request-check-email');

    // The confirmation email, and nothing yet to the school.
    const [confirmation] = await waitForEmails(site.stack.ses.endpoint, (all) => all.some((m) => sentTo(m, email)));
    const first = (await readInbox(site.stack.ses.endpoint)).filter((m) => sentTo(m, email) || sentTo(m, DEMO_CAREERS_LEAD));
    expect(first.map((m) => m.subject)).toEqual([`Confirm your provider access request to Harbour View Academy (${reference})`]);
    const confirmLink = /http:\/\/localhost:\d+\/request\/confirm\/#token=[\w-]+/.exec(confirmation?.body.text ?? '')?.[0];
    expect(confirmLink, 'the confirmation link').toBeDefined();

    // Opening it changes nothing; Confirm and send sends it to the school.
    await page.goto(confirmLink!);
    await page.getByRole('button', { name: 'Confirm and send' }).waitFor();
    expect(new URL(page.url()).hash).toBe(''); // the token leaves the address bar at once
    expect(await page.title()).toBe('Confirm your request – Provider access');
    await expectNoAxeViolations(page, 'confirm your request');
    expect((await readInbox(site.stack.ses.endpoint)).some((m) => sentTo(m, DEMO_CAREERS_LEAD))).toBe(false);
    await page.getByRole('button', { name: 'Confirm and send' }).click();
    await page.locator('#sent-title').waitFor();
    expect(await focused(page)).toMatchObject({ id: 'sent-title' });
    expect(await page.locator('.govuk-panel__title').textContent()).toBe('Request sent to Harbour View Academy');
    expect(await page.locator('#reference').textContent()).toBe(reference);
    expect(await page.locator('#due').textContent()).toMatch(/will answer by \w+day \d{1,2} \w+ \d{4}/);
    expect(await page.locator('#emailed').textContent()).toContain(email);
    await expectNoAxeViolations(page, 'request sent');
    await screenshot(page, 'request-sent');

    // Both emails: the careers lead's, and the provider's with the manage link.
    const acknowledgement = (m: InboxEmail) => sentTo(m, email) && m.subject.startsWith('Request sent to');
    const emails = await waitForEmails(site.stack.ses.endpoint, (all) => all.some(acknowledgement) && all.some((m) => sentTo(m, DEMO_CAREERS_LEAD)));
    const toProvider = emails.find(acknowledgement)!;
    const link = /http:\/\/localhost:\d+\/sign-in\/confirm\/#token=[\w-]+/.exec(`${toProvider.body.text ?? ''} ${toProvider.body.html ?? ''}`)?.[0];
    expect(link, 'the manage link in the provider email').toBeDefined();

    // The emailed link: opening it changes nothing; Continue signs in and shows the request.
    await page.goto(link!);
    await page.getByRole('button', { name: 'Continue' }).waitFor();
    expect(new URL(page.url()).hash).toBe(''); // the token leaves the address bar at once
    await expectNoAxeViolations(page, 'sign-in confirm');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(new RegExp(`/requests/view/\\?id=${id}$`));
    await page.locator('[data-status="pending"]').waitFor();
    expect(await page.locator('#history').textContent()).toContain('Request sent');
    await expectNoAxeViolations(page, 'request view (pending)');
    await screenshot(page, 'request-view-pending');

    // Withdraw: a reason is required.
    await page.getByRole('button', { name: 'Withdraw request' }).click();
    await page.locator('#error-summary .govuk-error-summary__list').waitFor();
    expect(await page.locator('#withdraw-reason-group .govuk-error-message').textContent()).toContain('Enter why you are withdrawing');
    await expectNoAxeViolations(page, 'withdraw without a reason');
    await page.getByLabel('Why are you withdrawing?').fill('Our speaker is no longer available that week.');
    await page.getByRole('button', { name: 'Withdraw request' }).click();
    await page.locator('#done-banner').waitFor();
    expect(await page.locator('#done-banner').textContent()).toContain('You have withdrawn your request');
    expect(await page.locator('[data-status]').first().getAttribute('data-status')).toBe('withdrawn');
    expect(await page.getByRole('button', { name: 'Withdraw request' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'request withdrawn');

    // The list of the provider's requests, while signed in.
    await page.goto(`${site.url}/requests/`);
    await page.locator('#requests-table').waitFor();
    expect(await page.locator('#requests-table').textContent()).toContain('Withdrawn');
    await expectNoAxeViolations(page, 'your requests');

    // The link works once.
    await page.goto(link!);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#problem-heading').waitFor();
    expect(await page.locator('#problem-heading').textContent()).toBe('This link has already been used');
    await expectNoAxeViolations(page, 'used link');
    // So does the confirmation link.
    await page.goto(confirmLink!);
    await page.getByRole('button', { name: 'Confirm and send' }).click();
    await page.locator('#problem-heading').waitFor();
    expect(await page.locator('#problem-heading').textContent()).toBe('This link has already been used');
    expect(await focused(page)).toMatchObject({ id: 'problem-heading' });
    await expectNoAxeViolations(page, 'used confirmation link');

    expectNoProblems(problems);
    await close();
  });

  it('proposes a time: a Saturday, then too little notice, each at the date; then a good date is sent', async () => {
    const { page, problems, close } = await openPage(b.browser, { width: 320, height: 700 });
    const dates = journeyDates();
    await page.goto(`${site.url}/school/?urn=${HARBOUR_VIEW}`);
    await page.getByRole('button', { name: 'Propose a different date and time' }).click();
    await page.waitForURL(/\/request\/\?urn=990101$/);
    await page.locator('#proposed-fields').waitFor();
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'request form (proposed)');

    const setDate = async (iso: string) => {
      const [d, m, y] = dayMonthYear(iso);
      await page.getByLabel('Day', { exact: true }).fill(d);
      await page.getByLabel('Month', { exact: true }).fill(m);
      await page.getByLabel('Year', { exact: true }).fill(y);
    };
    const send = async () => {
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.locator('#check-heading').waitFor();
      await page.getByRole('button', { name: 'Send request' }).click();
    };

    await setDate(dates.saturday);
    await page.getByLabel('Start time').fill('10:00');
    await page.getByLabel('End time').fill('11:00');
    await page.getByRole('checkbox', { name: 'Year 9' }).check();
    await page.getByRole('radio', { name: 'Assembly' }).check();
    await answerQuestions(page, 'sam.patel@trainright.example');
    await send();
    await expectFieldError(page, 'date-group', /is not a school day/);
    expect(await page.locator('#date-day').getAttribute('class')).toContain('govuk-input--error');
    await expectNoAxeViolations(page, 'request form, Saturday refused');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'request-error-saturday-320');

    if (dates.tooSoon) {
      await setDate(dates.tooSoon);
      await send();
      await expectFieldError(page, 'date-group', /at least 30 days' notice/);
      await expectNoAxeViolations(page, 'request form, too little notice');
    }

    await setDate(dates.earliest);
    await send();
    await page.waitForURL(/\/request\/sent\/\?id=[\w-]+$/);
    expect(await page.locator('h1').textContent()).toBe('Check your email to confirm your request');
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'check your email (320 px)');
    await screenshot(page, 'request-check-email-320');
    expectNoProblems(problems);
    await close();
  });

  it('shows a school that teaches no Years 8 to 13 as taking no requests, with no form', async () => {
    const { page, problems, close } = await openPage(b.browser);
    await page.goto(`${site.url}/schools/?q=willow`);
    await page.locator('#result-count').waitFor();
    expect(await page.locator('.app-result-list').textContent()).toContain('No provider access');
    await expectNoAxeViolations(page, 'search, primary school');
    await page.getByRole('link', { name: 'Willow Lane Primary' }).click();
    await page.locator('#no-provider-access').waitFor();
    expect(await page.locator('#no-provider-access').textContent()).toContain('takes no provider access requests');
    expect(await page.locator('a[href^="/request/"]').count()).toBe(0);
    await expectNoAxeViolations(page, 'school page, no provider access');
    expectNoProblems(problems);
    await close();
  });
});
