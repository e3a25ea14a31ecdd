// A provider's whole journey in Chromium against the real product on this machine
// (startLocalStack: DynamoDB Local, the SES emulator, the demo trust): search → school →
// a slot → the form's steps, a rule shown at its field on its step → fix → send →
// "check your email" (a first request from the address, issue 12 item 2) → the
// confirmation link → confirm → sent to the school → both emails → the emailed link →
// Continue → withdraw. axe-core checks every page and every error state.
import { describe, expect, it } from 'vitest';
import { readInbox, type InboxEmail } from '#infra/local/ses.ts';
import { DEMO_CAREERS_LEAD } from '#infra/local/demo-data.ts';
import { HARBOUR_VIEW, journeyDates } from './dates.ts';
import { answerVisit, answerWhen, answerYou, continueTo, expectStepError, onStep } from './request-steps.ts';
import { BROWSER_TEST_TIMEOUT, expectNoAxeViolations, expectNoHorizontalScroll, expectNoProblems, focused, openPage, screenshot, useBrowser, useLocalStack } from './support.ts';

const b = useBrowser();
const site = useLocalStack();

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

    // A slot: the first one listed. It is for one year group and sets the session, so the
    // first question is who you are; the caption says which slot.
    await page.locator('#slot-list a', { hasText: 'Request this slot' }).first().click();
    await page.waitForURL(/\/request\/\?urn=990101&opportunity=[\w-]+&date=\d{4}-\d{2}-\d{2}$/);
    await onStep(page, 'you');
    expect(await page.locator('#school-caption').textContent()).toMatch(/^Harbour View Academy: .+, \d{1,2} \w+ \d{4}, \d{1,2}(:\d{2})?(am|pm) to /);
    expect(await page.title()).toBe('Your organisation and contact details – Provider access');
    await expectNoAxeViolations(page, 'request form, step 3 (slot)');
    await answerYou(page, email);
    await continueTo(page, 'visit');

    // No safeguarding confirmation: stopped at its box; the summary's link takes focus there.
    await answerVisit(page, { safeguarding: false, notes: 'We will bring <b>prospectuses</b> & leaflets.' });
    await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
    await expectStepError(page, 'visit', 'safeguarding-group', /safeguarding and visitor checks/, 'P-DETAILS');
    await expectNoAxeViolations(page, 'request form, no safeguarding confirmation');
    await screenshot(page, 'request-error-safeguarding');
    await page.locator('#step-errors a', { hasText: /safeguarding/ }).click();
    expect(await focused(page)).toMatchObject({ id: 'safeguardingAgreed' });
    await page.keyboard.press('Space');
    await continueTo(page, 'check');
    expect(await page.title()).toBe('Check your answers before sending your request – Provider access');
    // What a person typed is shown as text, never as markup.
    expect(await page.locator('#check-answers').textContent()).toContain('We will bring <b>prospectuses</b> & leaflets.');
    await expectNoAxeViolations(page, 'check your answers');
    await screenshot(page, 'check-answers-1024');

    // The slot offers only its own year group, chosen already: never Year 7.
    await page.getByRole('link', { name: 'Change year groups' }).click();
    await onStep(page, 'pupils');
    expect(await page.locator('input[name="yearGroups"]').count()).toBe(1);
    expect(await page.locator('#yearGroups').isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Year 7' }).count()).toBe(0);
    expect(await page.locator('#sessionType-fixed-text').textContent()).toMatch(/, as the slot sets it\.$/);
    await expectNoAxeViolations(page, 'request form, step 2 (slot)');
    await continueTo(page, 'check');

    // The slot itself, one Change away: a summary, and a way to choose another.
    await page.getByRole('link', { name: 'Change slot' }).click();
    await onStep(page, 'when');
    expect(await page.locator('#slot-summary').textContent()).toMatch(/Slot.+Date.+Time.+Where.+Places left/);
    expect(await page.getByRole('link', { name: 'Choose a different slot' }).getAttribute('href')).toBe('/school/?urn=990101#dates');
    expect(await focused(page)).toMatchObject({ id: 'change-slot' });
    await expectNoAxeViolations(page, 'request form, step 1 (slot)');
    await continueTo(page, 'check');

    // Send: a first request from this address waits for its confirmation (issue 12, item 2).
    expect(await page.locator('#step-errors').isHidden()).toBe(true);
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
    await onStep(page, 'when');
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'request form (proposed)');

    // Each stopped on the first page, at the date, before anything else is asked.
    await answerWhen(page, dates.saturday, '10:00', '11:00');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectStepError(page, 'when', 'date-group', /is not a school day/, 'R-HOURS');
    expect(await page.locator('#date-day').getAttribute('class')).toContain('govuk-input--error');
    await expectNoAxeViolations(page, 'request form, Saturday refused');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'request-error-saturday-320');

    if (dates.tooSoon) {
      await answerWhen(page, dates.tooSoon, '10:00', '11:00');
      await page.getByRole('button', { name: 'Continue' }).click();
      await expectStepError(page, 'when', 'date-group', /at least 30 days' notice/, 'R-NOTICE');
      await expectNoAxeViolations(page, 'request form, too little notice');
    }

    await answerWhen(page, dates.earliest, '10:00', '11:00');
    await continueTo(page, 'pupils');
    await page.getByRole('checkbox', { name: 'Year 9' }).check();
    await page.getByRole('radio', { name: 'Assembly' }).check();
    await continueTo(page, 'you');
    await answerYou(page, 'sam.patel@trainright.example');
    await continueTo(page, 'visit');
    await answerVisit(page);
    await continueTo(page, 'check');
    await page.getByRole('button', { name: 'Send request' }).click();
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
