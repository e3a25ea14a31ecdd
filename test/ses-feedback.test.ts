// SES bounce and complaint feedback on DynamoDB Local: the feedback function records
// permanently bouncing and complaining addresses as suppressed (and nothing else), the
// mailer then sends them nothing, and the careers lead's dashboard names them.
import type { SNSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sesFeedback } from '#functions/ses-feedback.ts';
import { suppressionsFrom } from '#shared/usecases/ses-feedback.ts';
import { manageRequests } from '#functions/manage-requests.ts';
import { seedDemo } from '#infra/local/seed.ts';
import { createRequestBody } from '#shared/api/provider.ts';
import { isSchoolDay } from '#shared/domain/calendar.ts';
import { addDays, dayOfWeek } from '#shared/domain/dates.ts';
import { deliverOnce, type Delivery } from '#shared/usecases/notify.ts';
import type { Store } from '#shared/store/client.ts';
import { claimDelivery, getMailLogEntry, recordDelivery } from '#shared/store/mail-log.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import { getSuppression, isSuppressed, recordSuppression, suppressedAmong } from '#shared/store/suppressions.ts';
import { createProviderRequest } from '#shared/usecases/create-request.ts';
import { schoolDay, startInProcessStack, type InProcessStack } from './support/in-process-stack.ts';
import { providerBody } from './support/provider-body.ts';
import { markAddressesConfirmed } from './support/confirmation.ts';
import { createTestTable, scanTable } from './support/table.ts';

let store: Store;
beforeAll(async () => {
  store = (await createTestTable('ses-feedback')).store;
});

/** An SNS delivery of SES messages, as Lambda receives it. */
function snsEvent(...messages: unknown[]): SNSEvent {
  return {
    Records: messages.map((m, i) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: 'arn:aws:sns:eu-west-2:000000000000:feedback:sub',
      Sns: {
        Type: 'Notification',
        MessageId: `sns-${i}`,
        TopicArn: 'arn:aws:sns:eu-west-2:000000000000:feedback',
        Subject: null as unknown as string,
        Message: typeof m === 'string' ? m : JSON.stringify(m),
        Timestamp: '2026-03-02T10:00:00.000Z',
        SignatureVersion: '1',
        Signature: '',
        SigningCertUrl: '',
        UnsubscribeUrl: '',
        MessageAttributes: {},
      },
    })),
  };
}

const bounce = (bounceType: string, ...emails: string[]) => ({
  eventType: 'Bounce',
  mail: { messageId: 'ses-message-1', timestamp: '2026-03-02T09:59:00.000Z' },
  bounce: {
    bounceType,
    bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
    timestamp: '2026-03-02T09:59:30.000Z',
    bouncedRecipients: emails.map((emailAddress) => ({ emailAddress, status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' })),
  },
});

const complaint = (...emails: string[]) => ({
  eventType: 'Complaint',
  mail: { messageId: 'ses-message-2' },
  complaint: { timestamp: '2026-03-02T11:00:00.000Z', complaintFeedbackType: 'abuse', complainedRecipients: emails.map((emailAddress) => ({ emailAddress })) },
});

describe('SES feedback function', () => {
  it("suppresses every recipient of a permanent bounce, lower-cased, with SES's words", async () => {
    const out = await sesFeedback(store, snsEvent(bounce('Permanent', 'Gone.Away@College.example', 'left@college.example')));
    expect(out).toEqual({ suppressed: 2 });
    expect(await getSuppression(store, 'gone.away@college.example')).toEqual({
      reason: 'bounce',
      at: '2026-03-02T09:59:30.000Z',
      detail: 'Permanent/General: 5.1.1: smtp; 550 5.1.1 user unknown',
      messageId: 'ses-message-1',
    });
    expect(await isSuppressed(store, 'LEFT@college.example')).toBe(true);
  });

  it('keeps no address: only its hash, and SES\'s words with any address blanked', async () => {
    const message = bounce('Permanent', 'named@college.example');
    const first = message.bounce.bouncedRecipients[0];
    if (first) first.diagnosticCode = 'smtp; 550 5.1.1 <named@college.example>: Recipient address rejected';
    await sesFeedback(store, snsEvent(message));
    expect((await getSuppression(store, 'named@college.example'))?.detail).toBe('Permanent/General: 5.1.1: smtp; 550 5.1.1 <<address>>: Recipient address rejected');
    const items = (await scanTable(store)).filter((i) => i.itemType === 'suppression');
    expect(items.length).toBeGreaterThan(0);
    expect(JSON.stringify(items)).not.toMatch(/@/);
  });

  it('suppresses complainers, from configuration-set events and identity notifications alike', async () => {
    await sesFeedback(store, snsEvent(complaint('angry@school.example')));
    const notification = { ...complaint('cross@school.example'), eventType: undefined, notificationType: 'Complaint' };
    await sesFeedback(store, snsEvent(notification));
    expect((await getSuppression(store, 'angry@school.example'))?.reason).toBe('complaint');
    expect((await getSuppression(store, 'cross@school.example'))?.detail).toBe('Complaint/abuse');
  });

  it('suppresses nothing for a transient bounce, a delivery, or a message that is not SES JSON', async () => {
    const out = await sesFeedback(
      store,
      snsEvent(bounce('Transient', 'full@school.example'), { eventType: 'Delivery', mail: {} }, 'not json', { eventType: 'Bounce' }),
    );
    expect(out).toEqual({ suppressed: 0 });
    expect(await isSuppressed(store, 'full@school.example')).toBe(false);
    expect(suppressionsFrom({ eventType: 'Bounce', bounce: { bounceType: 'Undetermined', bouncedRecipients: [{ emailAddress: 'x@y.example' }] } })).toEqual([]);
  });

  it('keeps the latest report for an address that bounces and then complains', async () => {
    await sesFeedback(store, snsEvent(bounce('Permanent', 'twice@college.example')));
    await sesFeedback(store, snsEvent(complaint('twice@college.example')));
    expect((await getSuppression(store, 'twice@college.example'))?.reason).toBe('complaint');
  });
});

describe('suppressed addresses', () => {
  it('are found among many addresses at once (batches of 100), each once, lower-cased', async () => {
    await recordSuppression(store, { email: 'batch-150@school.example', reason: 'bounce', at: '2026-03-02T00:00:00.000Z' });
    const emails = Array.from({ length: 230 }, (_, i) => `batch-${i}@school.example`);
    const found = await suppressedAmong(store, [...emails, 'BATCH-150@School.example', 'gone.away@college.example', '']);
    expect(found).toEqual(['batch-150@school.example', 'gone.away@college.example']);
    expect(await suppressedAmong(store, [])).toEqual([]);
  });

  it('get no email from deliverOnce: nothing is built, the mail log says suppressed, and a later claim may still take it', async () => {
    let built = 0;
    const source = { pk: 'SCHOOL#990101', sk: 'REQ#01TEST#EV#2026-03-02T10:00:00.000Z#0001' };
    const delivery: Delivery = {
      role: 'provider',
      to: { name: 'Gone Away', address: 'Gone.Away@college.example' },
      build: async () => {
        built++;
        throw new Error('must not be built for a suppressed address');
      },
    };
    expect(await deliverOnce(store, source, delivery)).toBe('suppressed');
    expect(built).toBe(0);
    const entry = await getMailLogEntry(store, source, 'provider');
    expect(entry).toMatchObject({ role: 'provider', outcome: 'suppressed', reason: 'bounce' });
    expect(entry?.messageId).toBeUndefined();
    expect(JSON.stringify(entry)).not.toContain('@');
    // Not a send: were the address released, the same event could still reach it.
    expect(await claimDelivery(store, source, 'provider')).toBe(true);
  });

  it('never overwrite a sent marker: an address suppressed after its email went out leaves the log as it was', async () => {
    const source = { pk: 'SCHOOL#990101', sk: 'REQ#01TEST#EV#2026-03-02T10:00:00.000Z#0002' };
    expect(await claimDelivery(store, source, 'lead')).toBe(true);
    await recordDelivery(store, source, 'lead', 'ses-sent-1');
    const delivery: Delivery = { role: 'lead', to: { name: 'Left', address: 'left@college.example' }, build: () => Promise.reject(new Error('not built')) };
    expect(await deliverOnce(store, source, delivery)).toBe('already-sent');
    expect(await getMailLogEntry(store, source, 'lead')).toMatchObject({ messageId: 'ses-sent-1' });
  });

  it("are named on the careers lead's dashboard: the lead's own and the listed providers'", async () => {
    await seedDemo(store);
    const school = await getSchoolProfile(store, '990101');
    if (!school) throw new Error('no demo school');
    let date = addDays(new Date().toISOString().slice(0, 10), 45);
    while (dayOfWeek(date) !== 3 || !isSchoolDay(school, date)) date = addDays(date, 1);
    const input = createRequestBody.parse(
      providerBody({ proposed: { date, start: '10:00', end: '10:45' }, yearGroups: [9], contact: { name: 'Gone Away', email: 'Gone.Away@college.example', phone: '01632 960111' } }),
    );
    await markAddressesConfirmed(store, ['gone.away@college.example']); // a returning provider (issue 12, item 2)
    await createProviderRequest(store, '990101', input, { ip: '10.9.9.9' });
    // Who may see the list (staff of the school) is the edge's to check: test/security/access.test.ts.
    const before = await manageRequests(store, '990101', {});
    expect((before.body as { suppressedAddresses: string[] }).suppressedAddresses).toEqual(['gone.away@college.example']);

    await sesFeedback(store, snsEvent(bounce('Permanent', school.careersLead.email)));
    const after = await manageRequests(store, '990101', {});
    const body = after.body as { suppressedAddresses: string[]; needsDecision: { contact: { email: string } }[] };
    expect(body.needsDecision.map((r) => r.contact.email)).toContain('Gone.Away@college.example'); // as typed; the list is lower case
    expect(body.suppressedAddresses).toEqual([school.careersLead.email.toLowerCase(), 'gone.away@college.example']);
    const history = await manageRequests(store, '990101', { status: 'pending' });
    expect((history.body as { suppressedAddresses: string[] }).suppressedAddresses).toContain('gone.away@college.example');
  });
});

describe("a suppressed careers lead's address, through the real mailer", () => {
  const LEAD = 'careers.lead@harbourview.example';
  let stack: InProcessStack;
  beforeAll(async () => {
    stack = await startInProcessStack('suppressed-lead');
  }, 90_000);
  afterAll(async () => stack?.stop());

  it('a new request: nothing to the lead, the provider acknowledged, the mail log says suppressed, the dashboard says why and what to do', async () => {
    await recordSuppression(stack.store, { email: 'Careers.Lead@HarbourView.example', reason: 'bounce', at: '2026-03-02T09:59:30.000Z', detail: 'Permanent/General: 5.1.1' });
    const date = await schoolDay(stack.store, '990101', 45);
    const providerEmail = 'still.here@college.example';
    await markAddressesConfirmed(stack.store, [providerEmail]); // a returning provider (issue 12, item 2)
    const created = await stack.api({
      method: 'POST',
      url: '/api/schools/990101/requests',
      body: providerBody({ proposed: { date, start: '10:00', end: '10:45' }, yearGroups: [9], contact: { name: 'Still Here', email: providerEmail, phone: '01632 960111' } }),
    });
    expect(created.status, created.text).toBe(201);
    const requestId = created.json().request.id as string;
    await stack.deliverMail();

    const inbox = await stack.inbox();
    expect(inbox.filter((e) => e.destination.to.some((t) => t.toLowerCase().includes(LEAD)))).toEqual([]);
    const acknowledged = inbox.filter((e) => e.subject.startsWith('Request sent to') && e.destination.to.some((t) => t.includes(providerEmail)));
    expect(acknowledged).toHaveLength(1);

    const items = await scanTable(stack.store);
    const submitted = items.find((i) => i.itemType === 'requestEvent' && i.requestId === requestId && i.type === 'REQUEST_SUBMITTED');
    if (!submitted) throw new Error('no REQUEST_SUBMITTED event');
    const source = { pk: String(submitted.pk), sk: String(submitted.sk) };
    const leadEntry = await getMailLogEntry(stack.store, source, 'lead');
    expect(leadEntry).toMatchObject({ role: 'lead', outcome: 'suppressed', reason: 'bounce' });
    expect(leadEntry?.messageId).toBeUndefined();
    expect(await getMailLogEntry(stack.store, source, 'provider')).toMatchObject({ messageId: acknowledged[0]?.messageId });
    // The lead's email was never built: no action links were minted for it.
    expect(items.filter((i) => i.itemType === 'token' && i.purpose === 'action')).toEqual([]);

    const staff = await stack.sessionFor('staff', 'deputy.head@harbourview.example');
    const dashboard = await stack.api({ method: 'GET', url: '/api/manage/schools/990101/requests', cookies: [staff] });
    expect(dashboard.status).toBe(200);
    expect(dashboard.json().undeliverableSchoolAddresses).toEqual([
      { who: 'careers_lead', name: 'Jordan Ellery', address: LEAD, reason: 'bounce', since: '2026-03-02T09:59:30.000Z', sender: 'no-reply@provider-access.example' },
    ]);
  });
});
