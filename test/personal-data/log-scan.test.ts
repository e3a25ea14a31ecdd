// issue 12, item 10: no email address in any log line. The main flows run through the real
// handlers with the Powertools logger at DEBUG and everything the process writes to stdout
// and stderr captured: a request (its emails, the first one refused by SES with the
// address in SES's error), the lead's approval, a provider's sign-in, the dashboard, SES
// bounce feedback, and erasure. Then the local stack's own console lines (the stream
// poller setting a record aside, the local server's failures). No line may hold anything
// shaped like an address.
import type { SNSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sesFeedback } from '#functions/ses-feedback.ts';
import { localLog, localLogLine } from '#infra/local/console-log.ts';
import { StreamPoller } from '#infra/local/stream-poller.ts';
import { logger } from '#shared/log.ts';
import { putPlatformAdmin } from '#shared/store/platform-admins.ts';
import { startFlakySes, type FlakySes } from '../support/flaky-ses.ts';
import { schoolDay, startInProcessStack, tokenIn, type InProcessStack } from '../support/in-process-stack.ts';
import { markAddressesConfirmed } from '../support/confirmation.ts';
import { providerBody } from '../support/provider-body.ts';

// DEBUG from the logger's start: every invocation's injectLambdaContext (shared/http/handler.ts)
// sets the level back to the one the logger was made with, so a later setLogLevel would last
// one request. Hoisted above the imports, so shared/log.ts is made with it.
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
});

// An independent, ordinary address pattern (not the one shared/log.ts filters with).
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

const PROVIDER = { name: 'Morgan Logscan', email: 'morgan.logscan@eastmouth-college.example', phone: '01632 960333' };
const LEAD = 'careers.lead@harbourview.example';
const ADMIN = 'dpo@provider-access.example';
const URN = '990101';

let stack: InProcessStack;
let flaky: FlakySes;
const written: string[] = [];
const writes = { stdout: process.stdout.write, stderr: process.stderr.write };

/** Every line the process wrote while `run` ran (and nothing printed). */
function capture(stream: 'stdout' | 'stderr') {
  process[stream].write = ((chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
}

function sns(message: unknown): SNSEvent {
  const Sns = { Type: 'Notification', MessageId: 'sns-logscan', TopicArn: 'arn:aws:sns:eu-west-2:000000000000:feedback', Message: JSON.stringify(message), Timestamp: new Date().toISOString() };
  return { Records: [{ EventSource: 'aws:sns', EventVersion: '1.0', EventSubscriptionArn: 'arn:aws:sns:eu-west-2:000000000000:feedback:sub', Sns: Sns as SNSEvent['Records'][number]['Sns'] }] };
}

beforeAll(async () => {
  stack = await startInProcessStack('logscan');
  // SES refuses the first email, naming its recipient, as it does in the sandbox; the rest go through.
  flaky = await startFlakySes(stack.ses.endpoint, (n) => (n === 0 ? 'reject' : 'forward'));
  process.env.SES_ENDPOINT = flaky.endpoint;
  await putPlatformAdmin(stack.store, { email: ADMIN, name: 'Data Protection Officer', addedAt: new Date().toISOString() });
  logger.setLogLevel('DEBUG');
  capture('stdout');
  capture('stderr');
}, 60_000);

afterAll(async () => {
  process.stdout.write = writes.stdout;
  process.stderr.write = writes.stderr;
  logger.setLogLevel('SILENT');
  await flaky?.stop();
  await stack?.stop();
});

describe('issue 12, item 10: no email address in any log line', () => {
  it('request, approval, sign-in, dashboard, SES feedback and erasure log what happened, never an address', async () => {
    const lead = await stack.sessionFor('staff', LEAD);
    const admin = await stack.sessionFor('staff', ADMIN);

    // A request, and its emails (SES refuses the first, naming the address; the mailer retries).
    const date = await schoolDay(stack.store, URN, 50, 3);
    // A returning provider: the request reaches the school at once (issue 12, item 2 has its own tests).
    await markAddressesConfirmed(stack.store, [PROVIDER.email]);
    const created = await stack.api({ method: 'POST', url: `/api/schools/${URN}/requests`, body: providerBody({ proposed: { date, start: '10:00', end: '10:45' }, yearGroups: [9], contact: PROVIDER }) });
    expect(created.status, created.text).toBe(201);
    const id = created.json().request.id as string;
    await stack.deliverMail();
    expect(flaky.stats.failed).toBe(1);

    // The careers lead approves it.
    const approved = await stack.api({ method: 'POST', url: `/api/manage/requests/${id}/approve`, cookies: [lead], body: { note: 'See you then' } });
    expect(approved.status, approved.text).toBe(200);

    // The provider signs in by email link.
    expect((await stack.api({ method: 'POST', url: '/api/auth/sign-in', body: { email: PROVIDER.email } })).status).toBe(202);
    await stack.deliverMail();
    const link = (await stack.inbox()).filter((m) => m.destination.to.some((t) => t.includes(PROVIDER.email)) && /#token=/.test(m.body.text ?? '')).at(-1);
    if (!link) throw new Error('no sign-in email');
    const session = await stack.api({ method: 'POST', url: '/api/auth/session', body: { token: tokenIn(link, /#token=([\w-]+)/) } });
    expect(session.status, session.text).toBe(200);

    // SES says the provider's address bounced for good (its words name the address); the dashboard lists it.
    const bounced = await sesFeedback(stack.store, sns({
      eventType: 'Bounce',
      mail: { messageId: 'ses-logscan-1' },
      bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: PROVIDER.email, status: '5.1.1', diagnosticCode: `smtp; 550 5.1.1 <${PROVIDER.email}>: Recipient address rejected` }] },
    }));
    expect(bounced.suppressed).toBe(1);
    const dashboard = await stack.api({ method: 'GET', url: `/api/manage/schools/${URN}/requests`, cookies: [lead] });
    expect(dashboard.status).toBe(200);
    expect(dashboard.json().suppressedAddresses).toContain(PROVIDER.email);
    // The lead cancels: the email to the suppressed provider is not sent (and logged without the address).
    const cancelled = await stack.api({ method: 'POST', url: `/api/manage/requests/${id}/cancel`, cookies: [lead], body: { reason: 'The hall is flooded' } });
    expect(cancelled.status, cancelled.text).toBe(200);
    await stack.deliverMail();

    // A platform admin erases the provider contact.
    const erased = await stack.api({ method: 'POST', url: '/api/admin/erasure', cookies: [admin], body: { email: PROVIDER.email } });
    expect(erased.status, erased.text).toBe(200);

    const lines = written.join('').split('\n').filter((l) => l.trim());
    const logged = lines.map((l) => l.trim()).join('\n');
    // The flows did log (so the scan is not of nothing): each step's line is there.
    for (const expected of ['"message":"request"', '"route":"request-create"', '"route":"manage-decision"', '"route":"auth-session"', '"route":"admin-erasure"', 'email delivery failed', '"message":"email sent"', 'email not sent (suppressed)', 'address suppressed after SES feedback', 'personal data erased on request']) {
      expect(logged, expected).toContain(expected);
    }
    // SES's refusal named the address: the line keeps the error, with the address blanked.
    expect(lines.find((l) => l.includes('email delivery failed'))).toContain('<address>');
    const leaks = lines.filter((l) => EMAIL.test(l));
    expect(leaks, leaks.join('\n')).toEqual([]);
  });

  it("the local stack's own console lines (a record set aside, a server failure) hold no address", async () => {
    const local: string[] = [];
    const poller = new StreamPoller({
      endpoint: stack.table.endpoint,
      streamArn: stack.table.streamArn,
      maxRetries: 0,
      log: localLog((line) => local.push(line)),
      handler: () => Promise.reject(new Error(`SES refused ${PROVIDER.email} and ${LEAD}`)),
    });
    for (let i = 0; i < 3; i++) await poller.pollOnce();
    await poller.stop();
    expect(local.some((l) => l.includes('stream handler threw'))).toBe(true);
    expect(local.some((l) => l.includes('set aside (dead-letter)'))).toBe(true);
    local.push(localLogLine('local server error', Object.assign(new Error(`no route for ${LEAD}`), { cause: new Error(`lookup of ${PROVIDER.email} failed`) })));
    const leaks = local.filter((l) => EMAIL.test(l));
    expect(leaks, leaks.join('\n')).toEqual([]);
    expect(local.at(-1)).toContain('<address>');
  });
});
