// The request form as question pages (issue 14, items 1–3) on the real product: each rule
// the issue saw reach "Check your answers" — Year 7, a Saturday, next week, 07:00, a half
// term, a session shorter than the school's minimum, no safeguarding or content
// confirmation — is stopped at its own field on its own step, with axe on every step and
// error state at 1280 and 320 px. Browser Back and Change keep the answers; a refusal of
// an earlier step's field goes back to that step; a lost check can be retried; the page
// does not shift as it loads; and the happy path's clicks and keystrokes are counted.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoSchools } from '#infra/local/demo-data.ts';
import { readInbox } from '#infra/local/ses.ts';
import { addDays, dayOfWeek } from '#shared/domain/dates.ts';
import { isSchoolDay } from '#shared/domain/calendar.ts';
import { HARBOUR_VIEW, journeyDates } from './dates.ts';
import { clickAndType, countEffort, readEffort } from './effort.ts';
import { answerVisit, answerWhen, answerYou, continueTo, expectStepError, onStep } from './request-steps.ts';
import { BROWSER_TEST_TIMEOUT, expectNoAxeViolations, expectNoHorizontalScroll, expectNoProblems, focused, openPage, screenshot, useBrowser, useLocalStack } from './support.ts';

const b = useBrowser();
const site = useLocalStack();

/** A weekday in a half term (between two of the demo school's terms), on or after `from`. */
function halfTermWeekday(from: string): string {
  const school = demoSchools(new Date()).find((s) => s.school.urn === HARBOUR_VIEW)!.school;
  const terms = [...school.calendar.terms].sort((x, y) => x.start.localeCompare(y.start));
  for (let i = 0; i + 1 < terms.length; i++) {
    for (let d = addDays(terms[i]!.end, 1); d < terms[i + 1]!.start; d = addDays(d, 1)) {
      if (d >= from && ![0, 6].includes(dayOfWeek(d)) && !isSchoolDay(school, d)) return d;
    }
  }
  throw new Error('the demo calendar has no half term ahead');
}

/** The Harbour View form's URL for proposing a time. */
const proposeUrl = () => `${site.url}/request/?urn=${HARBOUR_VIEW}`;

describe.each([1280, 320])('each rule stopped at its own field on its own step, at %i px', (width) => {
  it('proposes a time through every step, meeting each rule where it is asked', { timeout: 3 * BROWSER_TEST_TIMEOUT }, async () => {
    // The lost check below is logged by Chromium as a failed load: that is the test's doing.
    const { page, problems, close } = await openPage(b.browser, { width, height: 800, expectedConsoleErrors: /ERR_INTERNET_DISCONNECTED/ });
    const dates = journeyDates();
    const email = `sam.patel.${width}@trainright.example`;
    const axe = async (label: string) => {
      await expectNoAxeViolations(page, `${label} (${width} px)`);
      await expectNoHorizontalScroll(page);
    };

    // Step 1, the time.
    await page.goto(proposeUrl());
    await onStep(page, 'when');
    expect(await page.title()).toBe('When would you like to visit? – Provider access');
    expect(await page.locator('#end-hint').textContent()).toContain('At least 20 minutes after the start');
    expect(await page.locator('#proposed-intro').textContent()).toMatch(/8:40am to 3:10pm/);
    await axe('step 1, a proposed time');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectStepError(page, 'when', 'date-group', /Enter the date you propose/);
    await axe('step 1, nothing given');

    const stopped: [string, string, string, string, string, RegExp, string][] = [
      ['a Saturday', dates.saturday, '10:00', '10:45', 'date-group', /is not a school day/, 'R-HOURS'],
      ...(dates.tooSoon ? [['next week (too little notice)', dates.tooSoon, '10:00', '10:45', 'date-group', /30 days' notice/, 'R-NOTICE'] as [string, string, string, string, string, RegExp, string]] : []),
      ['a half-term date', halfTermWeekday(dates.earliest), '10:00', '10:45', 'date-group', /outside term time/, 'R-HOURS'],
      ['07:00', dates.earliest, '07:00', '07:45', 'start-group', /the school day runs from 8:40am to 3:10pm/, 'R-HOURS'],
      ['a session shorter than the minimum', dates.earliest, '10:00', '10:15', 'end-group', /too short: the school asks for at least 20 minutes/, 'R-REASONABLE'],
    ];
    for (const [name, date, start, end, group, message, rule] of stopped) {
      await answerWhen(page, date, start, end);
      await page.getByRole('button', { name: 'Continue' }).click();
      await expectStepError(page, 'when', group, message, rule);
      await axe(`step 1, ${name}`);
    }
    await screenshot(page, `request-step-when-error-${width}`);

    // Times as people type them, written back one way.
    await answerWhen(page, dates.earliest, '10am', '10.45');
    await continueTo(page, 'pupils');
    expect(await focused(page)).toMatchObject({ id: 'pupils-heading' });
    expect(new URL(page.url()).searchParams.get('step')).toBe('pupils');

    // Step 2: the school's taught Years 8–13 only, never Year 7 (the school teaches Year 7).
    expect(await page.locator('input[name="yearGroups"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['8', '9', '10', '11']);
    expect(await page.getByRole('checkbox', { name: 'Year 7' }).count()).toBe(0);
    await axe('step 2');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectStepError(page, 'pupils', 'yearGroups-group', /Choose at least one year group/);
    await axe('step 2, nothing chosen');
    await page.getByRole('checkbox', { name: 'Year 9' }).check();
    await page.getByRole('radio', { name: 'Assembly' }).check();
    await continueTo(page, 'you');

    // Step 3: nothing remembered in a new browser; the hint says what will be.
    expect(await page.locator('#remembered').isHidden()).toBe(true);
    expect(await page.locator('#remember-hint').textContent()).toContain('It remembers nothing else.');
    await axe('step 3');
    await answerYou(page, email);
    await continueTo(page, 'visit');

    // Step 4: the two confirmations, each at its own field.
    expect(await page.locator('#content-items li').allTextContents()).toHaveLength(4);
    await axe('step 4');
    await answerVisit(page, { safeguarding: false, notes: 'We will bring <b>prospectuses</b> & leaflets.' });
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectStepError(page, 'visit', 'safeguarding-group', /Confirm that your staff will follow the school's safeguarding/, 'P-DETAILS');
    await axe('step 4, no safeguarding confirmation');
    await answerVisit(page, { content: false });
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectStepError(page, 'visit', 'content-group', /Confirm that the session will cover all four/, 'R-CONTENT');
    expect(await page.locator('#step-errors li').count()).toBe(1);
    await axe('step 4, no content confirmation');
    await screenshot(page, `request-step-visit-error-${width}`);
    await answerVisit(page);
    await continueTo(page, 'check');
    expect(await focused(page)).toMatchObject({ id: 'check-heading' });

    // Check your answers: every answer as given, times one way, typed text as text.
    const answers = (await page.locator('#check-answers').textContent()) ?? '';
    expect(answers).toContain('10am to 10:45am');
    expect(answers).toContain('Year 9');
    expect(answers).toContain('We will bring <b>prospectuses</b> & leaflets.');
    expect(answers).toContain('Our staff will follow the school’s safeguarding and visitor checks');
    expect(answers).not.toContain('Not confirmed');
    await axe('check your answers');
    await screenshot(page, `request-check-answers-${width}`);

    // Browser Back walks the steps with the answers kept; Forward comes back.
    await page.goBack();
    await onStep(page, 'visit');
    expect(await page.getByRole('checkbox', { name: 'The session will cover all four' }).isChecked()).toBe(true);
    await page.goBack();
    await onStep(page, 'you');
    expect(await page.getByLabel('Organisation name').inputValue()).toBe('Eastmouth College of Technology');
    await page.goBack();
    await onStep(page, 'pupils');
    await page.goBack();
    await onStep(page, 'when');
    expect(await page.getByLabel('Start time').inputValue()).toBe('10am');
    expect(await page.getByLabel('End time').inputValue()).toBe('10:45am');
    for (const step of ['pupils', 'you', 'visit', 'check'] as const) {
      await page.goForward();
      await onStep(page, step);
    }

    // Change goes to the step and back to "Check your answers".
    await page.getByRole('link', { name: 'Change time' }).click();
    await onStep(page, 'when');
    expect(await focused(page)).toMatchObject({ id: 'start' });
    await page.getByLabel('Start time').fill('1:30pm');
    await page.getByLabel('End time').fill('1415');
    await continueTo(page, 'check');
    expect(await page.locator('#check-answers').textContent()).toContain('1:30pm to 2:15pm');

    if (width === 1280) {
      // A refusal of an earlier step's field, found at a later Continue, goes back to that step.
      await page.getByRole('link', { name: 'Change staff attending' }).click();
      await onStep(page, 'visit');
      await page.route('**/requests/check', (route) =>
        route.fulfill({
          status: 422,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'RULE_VIOLATION', message: 'x', fields: { 'proposed.start': 'The school changed its day: it now runs from 9am to 3:10pm; choose a start and end time between those times.' }, rules: { 'proposed.start': ['R-HOURS'] } } }),
        }),
      );
      await page.getByRole('button', { name: 'Continue' }).click();
      await expectStepError(page, 'when', 'start-group', /it now runs from 9am to 3:10pm/, 'R-HOURS');
      await page.unroute('**/requests/check');

      // A check that cannot reach the service says so and can be tried again.
      await page.route('**/requests/check', (route) => route.abort('internetdisconnected'));
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.locator('#step-errors', { hasText: 'We could not check your answers just now' }).waitFor();
      await onStep(page, 'when');
      await axe('step 1, the check not reached');
      await page.unroute('**/requests/check');
      await continueTo(page, 'check');
    }

    await page.getByRole('button', { name: 'Send request' }).click();
    await page.waitForURL(/\/request\/sent\/\?id=[\w-]+$/);
    expect(await page.locator('h1').textContent()).toBe('Check your email to confirm your request');
    expectNoProblems(problems);
    await close();
  });
});


/** The layout shift a page has made since it loaded, not counting shifts just after input (CLS's own rule). */
async function watchLayoutShift(target: { addInitScript: BrowserContext['addInitScript'] }): Promise<void> {
  await target.addInitScript(() => {
    const w = window as unknown as { cls: number };
    w.cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!entry.hadRecentInput) w.cls += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
}
const layoutShift = (page: Page) => page.evaluate(() => (window as unknown as { cls: number }).cls);

describe('the form does not shift as it loads', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it.each([1280, 320])('keeps the cumulative layout shift under 0.1 at %i px, for a slot and for a proposed time', async (width) => {
    const { page, context, problems, close } = await openPage(b.browser, { width, height: 800 });
    await watchLayoutShift(context);
    await page.goto(`${site.url}/school/?urn=${HARBOUR_VIEW}`);
    const slotLink = await page.locator('#slot-list a', { hasText: 'Request this slot' }).first().getAttribute('href');
    for (const path of [slotLink!, `/request/?urn=${HARBOUR_VIEW}`]) {
      await page.goto(`${site.url}${path}`);
      await page.locator('.app-request__step:not([hidden])').waitFor();
      await page.waitForTimeout(300);
      expect(await layoutShift(page), `CLS of ${path}`).toBeLessThan(0.1);
    }
    expectNoProblems(problems);
    await close();
  });
});

describe('the happy path, counted (issue 14, item 3)', { timeout: 2 * BROWSER_TEST_TIMEOUT }, () => {
  /**
   * Today's one-page form (9cf4a76), counted by the same effort.ts on the same path for a
   * new provider: 15 clicks and 70 keystrokes. A returning provider did the same there.
   */
  const BEFORE = { clicks: 15, keystrokes: 70 };

  it('a new provider, then the same provider returning, from the home page to the page after Send', async () => {
    const { page, context, problems, close } = await openPage(b.browser, { width: 1280 });
    await countEffort(context);
    const email = 'robin@eastmouth.ac.uk';

    /** As a person does it: click the search box, type, Enter; click the school, then a slot. */
    const toTheForm = async (p: typeof page) => {
      await p.goto(`${site.url}/`);
      await clickAndType(p, '#q', 'harbour');
      await p.keyboard.press('Enter');
      await p.getByRole('link', { name: 'Harbour View Academy' }).click();
      await p.locator('#slot-list a', { hasText: 'Request this slot' }).first().click();
      await p.locator('.app-request__step:not([hidden])').waitFor();
    };
    /** The visit: the two confirmations ticked, Continue, then Send on "Check your answers". */
    const visitAndSend = async (p: typeof page) => {
      await onStep(p, 'visit');
      await p.locator('#safeguardingAgreed').click();
      await p.locator('#content').click();
      await p.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
      await onStep(p, 'check');
      await p.getByRole('button', { name: 'Send request' }).click();
      await p.waitForURL(/\/request\/sent\//);
    };

    // New: the slot is for one year group and sets the session, so the first question is who you are.
    await toTheForm(page);
    await onStep(page, 'you');
    await clickAndType(page, '#provider-organisation', 'Eastmouth College');
    await page.getByRole('radio', { name: 'Further education college' }).click();
    await clickAndType(page, '#contact-name', 'Robin Carter');
    await clickAndType(page, '#contact-email', email);
    await clickAndType(page, '#contact-phone', '01632 960123');
    await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
    await visitAndSend(page);
    const fresh = await readEffort(page);
    expect(await page.locator('h1').textContent()).toBe('Check your email to confirm your request');

    // The address confirmed (the emailed link), so the next request goes straight to the school.
    let link: string | undefined;
    await expect
      .poll(async () => {
        link = (await readInbox(site.stack.ses.endpoint)).filter((m) => m.destination.to.some((t) => t.includes(email))).map((m) => /http:\/\/localhost:\d+\/request\/confirm\/#token=[\w-]+/.exec(m.body.text ?? '')?.[0]).find(Boolean);
        return Boolean(link);
      }, { timeout: 15_000, interval: 250 })
      .toBe(true);
    await page.goto(link!);
    await page.getByRole('button', { name: 'Confirm and send' }).click();
    await page.locator('#sent-title').waitFor();

    // Returning, in the same browser: the home page lists the school it sent to, and the
    // details come from it, so the first question is the visit.
    const again = await context.newPage();
    await again.goto(`${site.url}/`);
    await again.locator('#recent-schools').getByRole('link', { name: 'Harbour View Academy' }).click();
    await again.locator('#slot-list a', { hasText: 'Request this slot' }).first().click();
    await again.locator('.app-request__step:not([hidden])').waitFor();
    await visitAndSend(again);
    const returning = await readEffort(again);
    expect(await again.locator('h1').first().textContent()).toMatch(/^Request sent/);
    // The home page with its remembered school, at both widths: no axe violation, and the
    // list, drawn by the script, moves nothing on screen (a phone's 320 px too).
    for (const width of [1280, 320]) {
      const home = await context.newPage();
      await home.setViewportSize({ width, height: 800 });
      await watchLayoutShift(home);
      await home.goto(`${site.url}/`);
      await home.locator('#recent-schools:not([hidden])').waitFor();
      await home.waitForTimeout(300);
      expect(await layoutShift(home), `CLS of the home page at ${width} px`).toBeLessThan(0.1);
      await expectNoAxeViolations(home, `home page with a remembered school, ${width} px`);
      await screenshot(home, `home-recent-${width}`);
      await home.close();
    }
    await again.close();

    // What the browser keeps is the six details, nothing else; "Check your answers" says where
    // they came from, and "Not you?" clears them.
    const third = await context.newPage();
    await toTheForm(third);
    expect(JSON.parse((await third.evaluate(() => localStorage.getItem('provider-access:provider-details'))) ?? '{}')).toEqual({
      organisation: 'Eastmouth College',
      type: 'fe_college',
      ukprn: '',
      name: 'Robin Carter',
      email,
      phone: '01632 960123',
    });
    expect(JSON.parse((await third.evaluate(() => localStorage.getItem('provider-access:recent-schools'))) ?? '[]')).toEqual([{ urn: '990101', name: 'Harbour View Academy', town: 'Eastmouth' }]);
    await onStep(third, 'visit');
    await answerVisit(third);
    await continueTo(third, 'check');
    expect(await third.locator('#check-remembered').textContent()).toContain('These come from your last request on this browser.');
    await expectNoAxeViolations(third, 'check your answers, remembered details');
    await third.getByRole('button', { name: 'Not you? Clear these details' }).click();
    await onStep(third, 'you');
    expect(await third.getByLabel('Organisation name').inputValue()).toBe('');
    expect(await third.getByLabel('Email address').inputValue()).toBe('');
    expect(await third.evaluate(() => localStorage.getItem('provider-access:provider-details'))).toBeNull();
    expect(await third.evaluate(() => localStorage.getItem('provider-access:recent-schools'))).toBeNull();
    await third.close();

    console.log(`effort before (9cf4a76): ${BEFORE.clicks} clicks, ${BEFORE.keystrokes} keystrokes; after: new provider ${fresh.clicks} clicks, ${fresh.keystrokes} keystrokes; returning provider ${returning.clicks} clicks, ${returning.keystrokes} keystrokes`);
    // What this form takes today: a change that adds a click or a keystroke fails here.
    expect(fresh).toEqual({ clicks: 13, keystrokes: 70 });
    expect(returning).toEqual({ clicks: 6, keystrokes: 0 });
    // The target for a returning provider: at most 40% of today's clicks and keystrokes.
    expect(returning.clicks).toBeLessThanOrEqual(Math.floor(BEFORE.clicks * 0.4));
    expect(returning.keystrokes).toBeLessThanOrEqual(Math.floor(BEFORE.keystrokes * 0.4));
    expectNoProblems(problems);
    await close();
  });
});
