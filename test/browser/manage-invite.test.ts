// Issue 16, items 2 and 3 in Chromium against the real product (startLocalStack with the
// demo trust): Coverage in the manage navigation (aria-current on its page), the dashboard's
// cohorts short of encounters at the top with links to each cohort, and the "Invite providers
// to book" journey by keyboard alone: the question refused with nothing chosen, a provider
// chosen, the slots and the email shown, sent, and the coverage page saying who was invited.
// The email arrives in the SES emulator's inbox. axe at 1280 and 320 px.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '#shared/domain/dates.ts';
import { createStore } from '#shared/store/client.ts';
import { requestItem } from '#shared/store/requests.ts';
import { sampleRequest } from '../support/requests.ts';
import { DEMO_CAREERS_LEAD } from '#infra/local/demo-data.ts';
import { readInbox } from '#infra/local/ses.ts';
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

describe('coverage is findable, and the lead invites providers to book (issue 16)', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let lead: TestPage;

  beforeAll(async () => {
    // A provider who visited Harbour View last month (delivered): the one the lead can invite back.
    const store = createStore({ tableName: site.stack.tableName, endpoint: site.stack.dynamodb.endpoint });
    const date = addDays(new Date().toISOString().slice(0, 10), -30);
    const visited = sampleRequest({
      urn: HARBOUR_VIEW,
      status: 'delivered',
      date,
      start: '10:00',
      end: '11:00',
      yearGroups: [10],
      provider: { organisation: 'Quayside Visits College', type: 'fe_college', ukprn: '10077777' },
      contact: { name: 'Quinn Side', email: 'quinn@quayside-visits.example', phone: '01632 960111' },
      providerEmail: 'quinn@quayside-visits.example',
      delivery: { content: { provider: true, careers: true, learning: true, questions: true }, attendance: [{ yearGroup: 10, pupils: 150, onRoll: 150 }], recordedAt: `${date}T15:00:00+00:00` },
    });
    await store.doc.send(new PutCommand({ TableName: store.tableName, Item: requestItem(visited) }));
    lead = await openPage(b.browser, { width: 1280, height: 900 });
    lead.page.setDefaultTimeout(10_000);
    await useSessionCookie(lead.context, await signIn(site.stack, DEMO_CAREERS_LEAD));
  }, 60_000);

  it('the dashboard lists the cohorts short of encounters first, and the navigation leads to coverage', async () => {
    const { page } = lead;
    await page.goto(`${site.url}/manage/?urn=${HARBOUR_VIEW}`);
    await page.locator('#coverage-concerns').waitFor();
    // The panel comes before the request lists.
    const order = await page.locator('#coverage-concerns, #needs-decision-heading').evaluateAll((els) => els.map((e) => e.id));
    expect(order).toEqual(['coverage-concerns', 'needs-decision-heading']);
    const items = page.locator('#coverage-concerns li[data-cohort]');
    expect(await items.count()).toBeGreaterThan(0);
    const statuses = await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-status')));
    expect(statuses[0]).toBe('at_risk');
    expect(statuses.indexOf('not_met') === -1 || statuses.lastIndexOf('at_risk') < statuses.indexOf('not_met')).toBe(true);
    const first = items.first();
    const year = await first.getAttribute('data-cohort');
    expect(await first.textContent()).toMatch(/more encounters? needed by \w+ \d+ \w+ \d{4}/);
    expect(await first.getByRole('link').getAttribute('href')).toBe(`/manage/coverage/?urn=${HARBOUR_VIEW}#cohort-${year}`);
    const nav = page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Coverage' });
    expect(await nav.getAttribute('href')).toBe(`/manage/coverage/?urn=${HARBOUR_VIEW}`);
    expect(await nav.getAttribute('aria-current')).toBeNull();
    await expectNoAxeViolations(page, 'dashboard with cohorts short');
    await screenshot(page, 'manage-dashboard-concerns-1280');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'dashboard with cohorts short at 320 px');
    await screenshot(page, 'manage-dashboard-concerns-320');
    await page.setViewportSize({ width: 1280, height: 900 });

    await nav.click();
    await page.locator('#coverage-grid').waitFor();
    const current = page.getByRole('navigation', { name: 'Menu' }).locator('[aria-current="page"]');
    expect(await current.textContent()).toBe('Coverage');
  });

  it('by keyboard: Invite providers to book, refused with nothing chosen, then sent; the page says who was invited', async () => {
    const { page } = lead;
    await page.goto(`${site.url}/manage/coverage/?urn=${HARBOUR_VIEW}`);
    await page.locator('#coverage-grid').waitFor();
    const invite = page.locator('a[id^="invite-"]').first();
    const id = await invite.getAttribute('id');
    expect(id).toMatch(/^invite-\d+$/);
    const year = id!.slice('invite-'.length);
    await tabTo(page, (f) => f.id === id, 200);
    await page.keyboard.press('Enter');
    await page.locator('#invite-form').waitFor();
    expect(page.url()).toContain(`/manage/coverage/invite/?urn=${HARBOUR_VIEW}&year=${year}`);
    expect(await page.locator('h1').textContent()).toBe(`Which providers do you want to invite to book for Year ${year}?`);
    // The demo's approved visit is from a provider who has been before; the slots and the email are shown before sending.
    const options = await page.locator('input[name="providers"]').count();
    expect(options).toBeGreaterThan(0);
    expect(await page.locator('#invite-slots li').count()).toBeGreaterThan(0);
    expect(await page.locator('#preview-text').textContent()).toContain('Request this slot: ');
    await expectNoAxeViolations(page, 'invite providers');
    await screenshot(page, 'manage-invite-1280');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'invite providers at 320 px');
    await screenshot(page, 'manage-invite-320');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Nothing chosen: the error summary, focused, links to the question.
    await tabTo(page, (f) => f.id === 'send-invitations', 200);
    await page.keyboard.press('Enter');
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Select at least one provider');
    await expectNoAxeViolations(page, 'invite providers, nothing chosen');
    await tabTo(page, (f) => f.tag === 'a' && f.text.startsWith('Select at least one provider'));
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ id: 'providers', name: 'providers' });
    await page.keyboard.press('Space');
    const organisation = (await page.locator('label[for="providers"]').textContent())?.trim() ?? '';
    await tabTo(page, (f) => f.id === 'send-invitations', 200);
    await page.keyboard.press('Enter');

    await page.locator('#done-banner').waitFor();
    expect(page.url()).toContain(`/manage/coverage/?urn=${HARBOUR_VIEW}#cohort-${year}`);
    expect(await focused(page)).toMatchObject({ id: 'done-banner' });
    expect(await page.locator('#done-banner').textContent()).toContain(`You invited 1 provider to book for Year ${year}`);
    expect(await page.locator(`[data-invited="${year}"]`).textContent()).toMatch(new RegExp(`^Invited 1 provider on \\d+ \\w+ \\d{4}: ${organisation.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.$`));
    await expectNoAxeViolations(page, 'coverage after inviting');

    // The email reaches the provider's contact (the mailer runs on the stream locally).
    let mails: Awaited<ReturnType<typeof readInbox>> = [];
    for (let i = 0; i < 50 && mails.length === 0; i++) {
      mails = (await readInbox(site.stack.ses.endpoint)).filter((m) => m.subject.includes(`to meet Year ${year}`));
      if (!mails.length) await new Promise((r) => setTimeout(r, 200));
    }
    expect(mails).toHaveLength(1);
    expect(mails[0]?.destination.to).toHaveLength(1);
    expect(mails[0]?.body.text).toContain(`/request/?urn=${HARBOUR_VIEW}&opportunity=`);

    // Again the same day: told kindly, at the question, and nothing sent.
    await page.goto(`${site.url}/manage/coverage/invite/?urn=${HARBOUR_VIEW}&year=${year}`);
    await page.locator('#invite-why').waitFor();
    expect(await page.locator('#last-invited').textContent()).toContain(organisation);
    expect(await page.locator('#invited-this-week').textContent()).toContain(`${organisation}: you can invite them again from`);
    await expectNoAxeViolations(page, 'invite providers, invited this week');
    expectNoProblems(lead.problems);
  });
});
