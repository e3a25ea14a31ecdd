// Page behaviour the real API rarely shows on demand, with its answers faked by
// page.route in the contract's shapes: hostile text shown as text, the Idempotency-Key
// kept across a lost answer and renewed when the request changes, 429 with Retry-After,
// expired and used sign-in links, 401s, and the accept / turn down of a proposed time.
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { PublicSchool, RequestView, SlotView } from '#shared/api/provider.ts';
import { continueTo, onStep } from './request-steps.ts';
import { BROWSER_TEST_TIMEOUT, expectNoAxeViolations, expectNoHorizontalScroll, expectNoProblems, focused, openPage, screenshot, useBrowser, useStaticSite } from './support.ts';

const b = useBrowser();
const site = useStaticSite();

const HOSTILE = '<img src=x onerror="window.__pwned=1">Evil & Co';

function school(over: Partial<PublicSchool> = {}): PublicSchool {
  return {
    urn: '990101',
    name: 'Harbour View Academy',
    town: 'Eastmouth',
    postcode: 'ZZ1 1AA',
    phase: 'Secondary',
    trust: 'Northfield Learning Trust (demo)',
    providerAccessYears: [8, 9, 10, 11],
    address: { street: '1 Quay Road', town: 'Eastmouth', postcode: 'ZZ1 1AA' },
    yearGroups: [7, 8, 9, 10, 11],
    acceptsRequests: true,
    minimumNoticeDays: 30,
    bookingWindowDays: 365,
    responseDeadlineSchoolDays: 10,
    minimumLengthMinutes: 20,
    careersLead: { name: 'Jordan Ellery', email: 'careers.lead@harbourview.example', phone: '01632 960001' },
    schoolDay: { mon: { start: '08:40', end: '15:10' }, fri: { start: '08:40', end: '14:00' } },
    statementUrl: '/schools/990101/statement',
    opportunities: [],
    ...over,
  };
}

const SLOT: SlotView = {
  opportunityId: 'y8-pshe',
  title: 'Year 8 careers lesson',
  sessionType: 'class_discussion',
  yearGroups: [8],
  date: '2030-01-10',
  start: '13:30',
  end: '14:30',
  capacity: 2,
  placesLeft: 2,
  venue: 'Humanities block',
};

function requestView(over: Partial<RequestView> = {}): RequestView {
  return {
    id: '01J0000000000000000000000A',
    urn: '990101',
    schoolName: 'Harbour View Academy',
    status: 'pending',
    date: '2030-01-10',
    start: '13:30',
    end: '14:30',
    yearGroups: [8],
    sessionType: 'class_discussion',
    organisation: 'Eastmouth College',
    contactName: 'Robin Carter',
    contactEmail: 'robin@college.example',
    responseDueBy: '2029-12-20',
    flags: [],
    history: [{ type: 'REQUEST_SUBMITTED', at: '2029-12-06T10:15:00Z', actor: 'provider' }],
    ...over,
  };
}

const json = (route: Route, status: number, body: unknown, headers: Record<string, string> = {}) =>
  route.fulfill({ status, json: body, headers });

/** The form's check route (issue 14, item 1), faked: every answer passes. */
const passEveryCheck = (page: Page) => page.route('**/api/schools/990101/requests/check', (r) => json(r, 200, { ok: true, warnings: [] }));

async function fillYou(page: Page) {
  await page.getByLabel('Organisation name').fill('Eastmouth College');
  await page.getByRole('radio', { name: 'Further education college' }).check();
  await page.getByLabel('Full name').fill('Robin Carter');
  await page.getByLabel('Email address').fill('robin@college.example');
  await page.getByLabel('Phone number').fill('01632 960 123');
}

async function fillVisit(page: Page) {
  await page.getByRole('checkbox', { name: 'Our staff will follow the school’s safeguarding and visitor checks' }).check();
  await page.getByRole('checkbox', { name: 'The session will cover all four' }).check();
}

describe('pages with faked API answers', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it('shows hostile text from the API as text, never as markup', async () => {
    const { page, problems, close } = await openPage(b.browser);
    await page.route('**/api/schools?*', (r) => json(r, 200, { schools: [{ ...school(), name: HOSTILE, town: '<b>Town</b>' }] }));
    await page.route('**/api/schools/990101', (r) =>
      json(r, 200, { school: school({ name: HOSTILE, statementUrl: 'javascript:alert(1)', opportunities: [{ id: 'o', title: HOSTILE, sessionType: 'assembly', yearGroups: [8], schedule: '<script>x</script>', capacity: 1, venue: 'Hall', facilities: [] }] }) }),
    );
    await page.route('**/api/schools/990101/slots?*', (r) => json(r, 200, { slots: [{ ...SLOT, title: HOSTILE }] }));
    // The month calendar (issue 14, item 4): a slot's title and a closure's label from the API, in its cells and words.
    await page.route('**/api/schools/990101/calendar?*', (r) => {
      const month = new URL(r.request().url()).searchParams.get('month') ?? '2030-01';
      const day = (n: number) => `${month}-${String(n).padStart(2, '0')}`;
      const days = [
        { date: day(1), closed: { kind: 'OTHER', label: HOSTILE }, slots: [] },
        { date: day(2), availability: 'open', session: { start: '08:40', end: '15:10' }, slots: [{ ...SLOT, date: day(2), title: HOSTILE }] },
      ];
      return json(r, 200, { calendar: { urn: '990101', month, today: day(1), bookableFrom: day(2), bookableTo: day(28), days } });
    });
    await page.goto(`${site.url}/schools/?q=evil`);
    await page.locator('.app-result-list').waitFor();
    expect(await page.locator('.app-result-list h2 a').textContent()).toBe(HOSTILE);
    await page.goto(`${site.url}/school/?urn=990101`);
    await page.locator('#slot-list').waitFor();
    expect(await page.locator('h1').textContent()).toBe(HOSTILE);
    await page.locator('#calendar-grid td.app-calendar__cell--slots').waitFor();
    const month = (await page.locator('#calendar-grid button[data-date]').first().getAttribute('data-date'))?.slice(0, 7);
    expect(await page.locator(`#calendar-grid button[data-date="${month}-01"] .app-calendar__words`).textContent()).toContain(`closed: ${HOSTILE}`);
    expect(await page.locator(`#calendar-grid button[data-date="${month}-02"] .app-calendar__detail`).textContent()).toContain(HOSTILE);
    await page.locator(`#calendar-grid button[data-date="${month}-02"]`).click();
    expect(await page.locator('#day-slots').textContent()).toContain(HOSTILE);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.locator('main script').count()).toBe(0);
    // A javascript: statement link from the API is not followed.
    expect(await page.getByRole('link', { name: /policy statement/ }).getAttribute('href')).toBe('#');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expectNoProblems(problems);
    await close();
  });

  it('keeps the Idempotency-Key when a lost answer is retried with the same request, and renews it when the request changes', async () => {
    const { page, problems, close } = await openPage(b.browser, { expectedConsoleErrors: /net::ERR_FAILED|Failed to load resource/ });
    await page.route('**/api/schools/990101', (r) => json(r, 200, { school: school() }));
    await page.route('**/api/schools/990101/slots?*', (r) => json(r, 200, { slots: [SLOT] }));
    const sent: { key: string; body: Record<string, unknown> }[] = [];
    let answer: 'abort' | '429' | '422' | '201' = 'abort';
    await page.route('**/api/schools/990101/requests', async (r) => {
      const req = r.request();
      sent.push({ key: req.headers()['idempotency-key'] ?? '', body: req.postDataJSON() as Record<string, unknown> });
      expect(req.headers()['content-type']).toBe('application/json');
      if (answer === 'abort') return r.abort('failed');
      if (answer === '429') return json(r, 429, { error: { code: 'RATE_LIMITED', message: 'Too many requests from this address.' } }, { 'retry-after': '120' });
      if (answer === '422') return json(r, 422, { error: { code: 'REQUEST_RULES_BROKEN', message: 'x', fields: { 'contact.email': 'Use your work email address.', 'provider.ukprn': 'A UKPRN has 8 digits.' }, rules: { 'provider.ukprn': ['R-PROVIDER'] } } });
      return json(r, 201, { request: requestView() });
    });
    await passEveryCheck(page);
    await page.goto(`${site.url}/request/?urn=990101&opportunity=y8-pshe&date=2030-01-10`);
    // The slot is for Year 8 alone and sets the session: the first question is who you are.
    await onStep(page, 'you');
    expect(await page.locator('#yearGroups').isChecked()).toBe(true); // the slot's year group, chosen
    expect(await page.locator('input[name="yearGroups"]').count()).toBe(1);
    expect(await page.locator('#sessionType-fixed-text').textContent()).toBe('Class or group discussion, as the slot sets it.');
    await fillYou(page);
    await continueTo(page, 'visit');
    await fillVisit(page);
    await continueTo(page, 'check');
    await page.getByRole('button', { name: 'Send request' }).click();

    // The network failed: the check page says so; sending again reuses the key.
    await page.locator('#step-errors .govuk-error-summary__list').waitFor();
    expect(await page.locator('#step-errors').textContent()).toContain('Your request has not been sent yet');
    await expectNoAxeViolations(page, 'network error on check answers');
    answer = '429';
    await page.getByRole('button', { name: 'Send request' }).click();
    await expect.poll(() => page.locator('#step-errors').textContent()).toContain('Try again in 2 minutes.');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.key).toBe(sent[0]!.key);
    expect(sent[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[0]!.body).toMatchObject({
      slot: { opportunityId: 'y8-pshe', date: '2030-01-10' },
      provider: { organisation: 'Eastmouth College', type: 'fe_college' },
      contact: { name: 'Robin Carter', email: 'robin@college.example', phone: '01632 960 123' },
      sessionType: 'class_discussion',
      yearGroups: [8],
      staffCount: 1,
      safeguardingAgreed: true,
      facilities: [],
      content: { provider: true, careers: true, learning: true, questions: true },
      notes: '',
      website: '',
    });
    expect(sent[0]!.body).not.toHaveProperty('proposed');

    // Field errors go back to the step that asks them, each at its field.
    answer = '422';
    await page.getByRole('button', { name: 'Send request' }).click();
    await onStep(page, 'you');
    await page.locator('#step-errors .govuk-error-summary__list').waitFor();
    expect(await page.locator('#contact-email-group .govuk-error-message').textContent()).toContain('Use your work email address.');
    expect(await page.locator('#provider-ukprn-group .govuk-error-message').textContent()).toContain('A UKPRN has 8 digits.');
    // The rule behind a field is said in plain words under its message (issue 11); a field with no rule has none.
    expect(await page.locator('#provider-ukprn-group .app-error-rule').textContent()).toBe(
      'R-PROVIDER: Requests come from a provider of technical education or apprenticeships.',
    );
    expect(await page.locator('#contact-email-group .app-error-rule').count()).toBe(0);
    expect(await page.locator('#contact-email').getAttribute('aria-describedby')).toContain('contact-email-group-error');
    await expectNoAxeViolations(page, 'field errors from the API');
    await expectNoHorizontalScroll(page);

    // A changed request is a new submission: a new key.
    await page.getByLabel('Email address').fill('robin.carter@college.example');
    // Sent back from "Check your answers", Continue returns there, the errors gone.
    await continueTo(page, 'check');
    expect(await page.locator('.govuk-form-group--error').count()).toBe(0);
    expect(await page.locator('#step-errors').isHidden()).toBe(true);
    answer = '201';
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.waitForURL(/\/request\/sent\/\?id=01J0000000000000000000000A$/);
    expect(sent).toHaveLength(4);
    expect(sent[3]!.key).not.toBe(sent[0]!.key);
    expect(sent[2]!.key).toBe(sent[0]!.key); // the 422 was for the same body as the lost answers
    expect(await page.locator('#due').textContent()).toContain('will answer by Thursday 20 December 2029');
    expectNoProblems(problems);
    await close();
  });

  it('checks each step’s own questions before asking the service, and the browser Back button walks back through the steps with the answers', async () => {
    const { page, problems, close } = await openPage(b.browser);
    await page.route('**/api/schools/990101', (r) => json(r, 200, { school: school() }));
    await passEveryCheck(page);
    await page.goto(`${site.url}/request/?urn=990101`);
    await onStep(page, 'when');
    await page.getByLabel('Day', { exact: true }).fill('31');
    await page.getByLabel('Month', { exact: true }).fill('2');
    await page.getByLabel('Year', { exact: true }).fill('2030');
    await page.getByLabel('Start time').fill('25:00');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#step-errors .govuk-error-summary__list').waitFor();
    expect(await page.locator('#step-errors li').allTextContents()).toEqual([
      'The date must be a real date, for example 12 1 2027.',
      'Enter the start time as a time of day, like 9:30am or 1:15pm.',
      'Enter the end time, for example 10:30am.',
    ]);
    expect(await focused(page)).toMatchObject({ id: 'step-errors' });
    await expectNoAxeViolations(page, 'the page’s own checks');
    await screenshot(page, 'request-own-checks');

    await page.getByLabel('Day', { exact: true }).fill('11');
    await page.getByLabel('Start time').fill('9:30');
    await page.getByLabel('End time').fill('10.30');
    await continueTo(page, 'pupils');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#step-errors li', { hasText: 'Choose at least one year group.' }).waitFor();
    expect(await page.locator('#step-errors li').allTextContents()).toEqual(['Choose at least one year group.', 'Choose the type of session.']);
    await page.getByRole('checkbox', { name: 'Year 9' }).check();
    await page.getByRole('radio', { name: 'Assembly' }).check();
    await continueTo(page, 'you');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#step-errors li', { hasText: 'Enter the name of your organisation.' }).waitFor();
    expect(await page.locator('#step-errors li').allTextContents()).toEqual(expect.arrayContaining(['Enter the name of your organisation.', 'Enter your email address.']));
    await fillYou(page);
    await continueTo(page, 'visit');
    await fillVisit(page);
    await continueTo(page, 'check');
    expect(await page.locator('#check-answers').textContent()).toContain('Monday 11 February 2030');
    expect(await page.locator('#check-answers').textContent()).toContain('9:30am to 10:30am');
    for (const step of ['visit', 'you', 'pupils', 'when'] as const) {
      await page.goBack();
      await onStep(page, step);
    }
    expect(await page.getByLabel('Start time').inputValue()).toBe('9:30am');
    expect(page.url()).toBe(`${site.url}/request/?urn=990101`);
    await page.goForward();
    await onStep(page, 'pupils');
    expect(await page.getByRole('checkbox', { name: 'Year 9' }).isChecked()).toBe(true);
    expectNoProblems(problems);
    await close();
  });

  it('says when a school takes no requests, or a slot is gone', async () => {
    const { page, problems, close } = await openPage(b.browser);
    await page.route('**/api/schools/990104', (r) => json(r, 200, { school: school({ urn: '990104', name: 'Willow Lane Primary', acceptsRequests: false, providerAccessYears: [], yearGroups: [0, 1, 2, 3, 4, 5, 6] }) }));
    await page.route('**/api/schools/990101', (r) => json(r, 200, { school: school() }));
    await page.route('**/api/schools/990101/slots?*', (r) => json(r, 200, { slots: [] }));
    await page.goto(`${site.url}/request/?urn=990104`);
    await page.locator('#unavailable').waitFor();
    expect(await page.locator('#unavailable').textContent()).toContain('takes no provider access requests');
    expect(await page.locator('.app-request__step:not([hidden])').count()).toBe(0);
    await page.goto(`${site.url}/request/?urn=990101&opportunity=y8-pshe&date=2030-01-10`);
    await page.locator('#unavailable').waitFor();
    expect(await page.locator('#unavailable').textContent()).toContain('That slot is not available any more');
    await expectNoAxeViolations(page, 'slot gone');
    await page.goto(`${site.url}/school/?urn=12`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('We could not find that school');
    expectNoProblems(problems);
    await close();
  });

  it('sign-in: always the same answer, and the address is checked first', async () => {
    const { page, problems, close } = await openPage(b.browser);
    const bodies: unknown[] = [];
    await page.route('**/api/auth/sign-in', (r) => {
      bodies.push(r.request().postDataJSON());
      return json(r, 202, { sent: true });
    });
    await page.goto(`${site.url}/sign-in/`);
    await page.getByLabel('Email address').fill('not-an-email');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.locator('#error-summary .govuk-error-summary__list').waitFor();
    await expectNoAxeViolations(page, 'sign-in error');
    expect(bodies).toEqual([]);
    await page.getByLabel('Email address').fill('robin@college.example');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.locator('#sent-heading').waitFor();
    // Every address gets a link now (issue 15: a new college signs in to set up its organisation).
    expect(await page.locator('#sent-text').textContent()).toBe('We have sent a link to robin@college.example.');
    expect(bodies).toEqual([{ email: 'robin@college.example' }]);
    await expectNoAxeViolations(page, 'sign-in sent');
    expectNoProblems(problems);
    await close();
  });

  it('sign-in links: nothing happens on opening; expired, used and broken links say what to do', async () => {
    const { page, problems, close } = await openPage(b.browser);
    const tokens: string[] = [];
    let code = 'TOKEN_EXPIRED';
    await page.route('**/api/auth/session', (r) => {
      tokens.push((r.request().postDataJSON() as { token: string }).token);
      return json(r, 400, { error: { code, message: 'No.' } });
    });
    await page.goto(`${site.url}/sign-in/confirm/#token=abc123`);
    await page.getByRole('button', { name: 'Continue' }).waitFor();
    expect(tokens).toEqual([]); // opening the link did nothing
    expect(page.url()).toBe(`${site.url}/sign-in/confirm/`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('#problem-heading').textContent()).toBe('This link has expired');
    expect(tokens).toEqual(['abc123']);
    expect(await page.getByRole('link', { name: 'Get a new link' }).getAttribute('href')).toBe('/sign-in/');
    await expectNoAxeViolations(page, 'expired link');
    code = 'TOKEN_USED';
    await page.goto(`${site.url}/sign-in/confirm/#token=def456`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('#problem-heading').textContent()).toBe('This link has already been used');
    await page.goto(`${site.url}/sign-in/confirm/`);
    await expect.poll(() => page.locator('#problem-heading').textContent()).toBe('This link does not work');
    expectNoProblems(problems);
    await close();
  });

  it('issue 12, item 2: a request’s confirmation link: nothing happens on opening; confirming shows it sent; expired, used, refused and broken links say what to do', async () => {
    const { page, problems, close } = await openPage(b.browser, { width: 320, height: 700 });
    const tokens: string[] = [];
    let answer: { status: number; body: unknown } = { status: 200, body: { request: requestView() } };
    await page.route('**/api/request-confirmations', (r) => {
      tokens.push((r.request().postDataJSON() as { token: string }).token);
      return json(r, answer.status, answer.body);
    });
    await page.goto(`${site.url}/request/confirm/#token=abc123`);
    await page.getByRole('button', { name: 'Confirm and send' }).waitFor();
    expect(tokens).toEqual([]); // opening the link did nothing
    expect(page.url()).toBe(`${site.url}/request/confirm/`);
    await expectNoAxeViolations(page, 'confirm your request');
    await expectNoHorizontalScroll(page);
    await page.getByRole('button', { name: 'Confirm and send' }).click();
    await expect.poll(() => page.locator('.govuk-panel__title').textContent()).toBe('Request sent to Harbour View Academy');
    expect(tokens).toEqual(['abc123']);
    expect(await page.title()).toBe('Request sent to Harbour View Academy – Provider access');
    expect(await page.locator('#due').textContent()).toBe(
      'The careers lead at Harbour View Academy will answer by Thursday 20 December 2029: they will approve your request, decline it with a reason, or propose another time.',
    );
    expect(await page.getByRole('link', { name: 'See your request' }).getAttribute('href')).toBe('/requests/view/?id=01J0000000000000000000000A');
    await expectNoAxeViolations(page, 'request confirmed');
    await expectNoHorizontalScroll(page);

    const problemFor = async (status: number, code: string, message = 'No.') => {
      answer = { status, body: { error: { code, message } } };
      await page.goto(`${site.url}/request/confirm/#token=t${status}${code}`);
      await page.getByRole('button', { name: 'Confirm and send' }).click();
      await page.locator('#problem').waitFor({ state: 'visible' });
      expect(await focused(page)).toMatchObject({ id: 'problem-heading' });
      return [await page.locator('#problem-heading').textContent(), await page.locator('#problem-text').textContent()];
    };
    expect((await problemFor(410, 'CONFIRMATION_EXPIRED'))[0]).toBe('This link has expired');
    await expectNoAxeViolations(page, 'expired confirmation link');
    expect((await problemFor(410, 'TOKEN_USED'))[0]).toBe('This link has already been used');
    const [refused, why] = await problemFor(409, 'SLOT_FULL', 'The slot on Tuesday 19 January 2027 at 8:50am has no places left, so this time cannot be booked.');
    expect(refused).toBe('Your request can no longer be sent');
    expect(why).toBe('The slot on Tuesday 19 January 2027 at 8:50am has no places left, so this time cannot be booked. Make the request again with another date or time.');
    expect(await page.getByRole('link', { name: 'Find the school and make the request again' }).getAttribute('href')).toBe('/');
    await expectNoAxeViolations(page, 'confirmation refused');
    await page.goto(`${site.url}/request/confirm/`);
    await expect.poll(() => page.locator('#problem-heading').textContent()).toBe('This link does not work');
    expectNoProblems(problems);
    await close();
  });

  it('issue 12, item 2: the sent page of an unconfirmed request says to check the email, when, and what happens next', async () => {
    const { page, problems, close } = await openPage(b.browser, { width: 320, height: 700 });
    await page.goto(`${site.url}/`);
    const waiting = requestView({ status: 'unconfirmed', confirmBy: '2029-12-07T10:15:00Z', responseDueBy: undefined });
    await page.evaluate((r) => sessionStorage.setItem(`request-sent:${r.id}`, JSON.stringify(r)), waiting);
    await page.goto(`${site.url}/request/sent/?id=${waiting.id}`);
    await page.locator('#confirm-by').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Check your email to confirm your request');
    expect(await page.locator('#emailed').textContent()).toBe('We have sent an email to robin@college.example.');
    expect(await page.locator('#confirm-by').textContent()).toBe(
      'Select the link in the email to confirm your request to Harbour View Academy. The link works once, for 24 hours, until 7 December 2029 at 10:15am.',
    );
    expect(await page.locator('.govuk-panel').count()).toBe(0); // not sent to the school yet: no "done" panel
    await page.getByText('Not received the email?').click();
    expect(await page.getByRole('link', { name: 'send the request again' }).getAttribute('href')).toBe('/school/?urn=990101');
    await expectNoAxeViolations(page, 'check your email');
    await expectNoHorizontalScroll(page);
    expectNoProblems(problems);
    await close();
  });

  it('a signed-in link goes only to a path on this site', async () => {
    const { page, problems, close } = await openPage(b.browser);
    await page.route('**/api/auth/session', (r) => json(r, 200, { next: '//evil.example/steal' }));
    await page.route('**/api/requests', (r) => json(r, 200, { requests: [], total: 0, counts: {}, schools: [] }));
    await page.goto(`${site.url}/sign-in/confirm/#token=abc`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${site.url}/requests/`);
    // The page renders once its own request answers: wait for that, not only for the address.
    await expect.poll(() => page.locator('main').textContent()).toContain('You have no requests yet');
    expectNoProblems(problems);
    await close();
  });

  it('your requests and one request: 401 leads to sign-in', async () => {
    const { page, problems, close } = await openPage(b.browser);
    await page.route('**/api/requests**', (r) => json(r, 401, { error: { code: 'SIGN_IN_NEEDED', message: 'Sign in.' } }));
    await page.goto(`${site.url}/requests/`);
    await page.locator('#sign-in-link').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Sign in to see your requests');
    await expectNoAxeViolations(page, 'requests, signed out');
    await page.goto(`${site.url}/requests/view/?id=01J0000000000000000000000A`);
    await page.locator('#sign-in-link').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Sign in to see this request');
    expectNoProblems(problems);
    await close();
  });

  it('a proposed time: accept it, or turn it down with a reason', async () => {
    const { page, problems, close } = await openPage(b.browser, { width: 320, height: 700 });
    const alternative = { date: '2030-01-17', start: '10:00', end: '11:00', respondBy: '2030-01-03', note: 'The hall is booked on the 10th.' };
    const proposed = requestView({ status: 'alternative_proposed', alternative, history: [...requestView().history, { type: 'ALTERNATIVE_PROPOSED', at: '2029-12-08T09:00:00Z', actor: 'school', note: alternative.note }] });
    const posts: { path: string; body: unknown }[] = [];
    await page.route('**/api/requests/01J0000000000000000000000A', (r) => json(r, 200, { request: proposed }));
    await page.route('**/api/requests/01J0000000000000000000000A/*', (r) => {
      const path = new URL(r.request().url()).pathname;
      posts.push({ path, body: r.request().postDataJSON() });
      const status = path.endsWith('/accept') ? 'approved' : 'withdrawn';
      return json(r, 200, { request: { ...proposed, status, alternative: undefined, date: status === 'approved' ? alternative.date : proposed.date } });
    });
    await page.goto(`${site.url}/requests/view/?id=01J0000000000000000000000A`);
    await page.getByRole('button', { name: 'Accept the new time' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Thursday 17 January 2030');
    expect(await page.locator('main').textContent()).toContain('The hall is booked on the 10th.');
    await expectNoAxeViolations(page, 'alternative proposed');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'request-view-alternative-320');

    await page.getByLabel('Why does the new time not suit you? (optional)').fill('We teach on Thursdays.');
    await page.getByRole('button', { name: 'Turn down the new time' }).click();
    await page.locator('#done-banner').waitFor();
    expect(await page.locator('#done-banner').textContent()).toContain('You have turned down the new time');
    expect(posts).toEqual([{ path: '/api/requests/01J0000000000000000000000A/reject', body: { reason: 'We teach on Thursdays.' } }]);

    await page.goto(`${site.url}/requests/view/?id=01J0000000000000000000000A`);
    await page.getByRole('button', { name: 'Accept the new time' }).click();
    await page.locator('#done-banner').waitFor();
    expect(await page.locator('[data-status]').first().getAttribute('data-status')).toBe('approved');
    expect(posts[1]).toEqual({ path: '/api/requests/01J0000000000000000000000A/accept', body: {} });
    await expectNoAxeViolations(page, 'alternative accepted');
    expectNoProblems(problems);
    await close();
  });
});
