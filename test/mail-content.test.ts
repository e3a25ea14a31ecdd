// What each side's copy of a decision says, through the real use cases, the real mailer on
// the stream and the SES emulator (which parses the MIME); the .ics read by ical.js. What
// one side wrote for the other reaches it (the school's message and the venue when
// approving, a decline's reason, a proposed time's message, a move's reason), in the
// email and in the invitation's DESCRIPTION; each copy says what is right for its reader:
// the provider where to go and what to bring, the careers lead who is coming and what they
// need, and never the provider's arrival instructions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxEmail } from '#infra/local/ses.ts';
import { addDays } from '#shared/domain/dates.ts';
import { schoolDay, schoolDays, startInProcessStack, type InProcessStack } from './support/in-process-stack.ts';
import { markAddressesConfirmed } from './support/confirmation.ts';
import { inviteOf } from './support/mail.ts';
import { providerBody } from './support/provider-body.ts';

const LEAD = 'careers.lead@harbourview.example';
const ADDRESS = 'Harbour View Academy, 1 Quay Road, Eastmouth, ZZ1 1AA';
const NOTE = 'Sign in at the north gate and park in the staff car park behind the sports hall. Bring your own laptop and a lanyard.';
const ARRIVAL = /arrive 15 minutes early/i;

let stack: InProcessStack;
let staff: string;
beforeAll(async () => {
  stack = await startInProcessStack('mail-content');
  staff = await stack.sessionFor('staff', LEAD);
}, 90_000);
afterAll(async () => stack?.stop());

let n = 0;
/** A request through the API (a proposed time, unless `overrides` names a slot); answers its id and contact address. */
async function newRequest(overrides: Record<string, unknown> = {}): Promise<{ id: string; email: string }> {
  const email = `contact${++n}@content-college.example`;
  const date = await schoolDay(stack.store, '990101', 40 + n * 3);
  // A returning provider: the request reaches the lead at once (issue 12, item 2).
  await markAddressesConfirmed(stack.store, [email]);
  const res = await stack.api({
    method: 'POST',
    url: '/api/schools/990101/requests',
    body: providerBody({
      provider: { organisation: `Content College ${n}`, type: 'fe_college', ukprn: '10001234' },
      contact: { name: 'Sam Provider', email, phone: '01632 960123' },
      proposed: { date, start: '10:00', end: '10:45' },
      yearGroups: [9],
      staffCount: 3,
      facilities: ['projector', 'a table for leaflets'],
      notes: 'Two of our staff use wheelchairs.',
      ...overrides,
    }),
  });
  if (res.status !== 201) throw new Error(res.text);
  await stack.deliverMail();
  return { id: res.json().request.id as string, email };
}

async function decide(id: string, action: string, body: Record<string, unknown>) {
  const res = await stack.api({ method: 'POST', url: `/api/manage/requests/${id}/${action}`, cookies: [staff], body });
  expect(res.status, res.text).toBe(200);
  await stack.deliverMail();
}

/** The one email to `to` whose subject starts with `subject`. */
async function copyFor(to: string, subject: string): Promise<InboxEmail> {
  const found = (await stack.inbox()).filter((e) => e.subject.startsWith(subject) && e.destination.to.some((t) => t.includes(to)));
  expect(found, `"${subject}" to ${to}`).toHaveLength(1);
  return found[0]!;
}

async function noCopyFor(to: string, subject: string) {
  expect((await stack.inbox()).filter((e) => e.subject.startsWith(subject) && e.destination.to.some((t) => t.includes(to)))).toEqual([]);
}

/**
 * Both parts of the email as the reader sees them: the text part, and the HTML part's text
 * (a detail row's heading and value joined by ': ' as in the text part, entities decoded).
 */
function readable(email: InboxEmail): string[] {
  const html = (email.body.html ?? '')
    .replace(/<\/th>\s*<td[^>]*>/g, ': ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return [email.body.text ?? '', html];
}

function expectIn(email: InboxEmail, ...wanted: (string | RegExp)[]) {
  for (const part of readable(email)) for (const w of wanted) expect(part, `${email.subject} to ${email.destination.to.join()}`).toMatch(w);
}

function expectNotIn(email: InboxEmail, ...unwanted: (string | RegExp)[]) {
  for (const part of readable(email)) for (const w of unwanted) expect(part, `${email.subject} to ${email.destination.to.join()}`).not.toMatch(w);
}

describe('approve, with a message and a venue', () => {
  let request: { id: string; email: string };
  let provider: InboxEmail;
  let lead: InboxEmail;
  beforeAll(async () => {
    request = await newRequest();
    await decide(request.id, 'approve', { note: NOTE, venue: 'Drama studio' });
    provider = await copyFor(request.email, 'Approved:');
    lead = await copyFor(LEAD, provider.subject);
  });

  it("the provider's email: where to go (venue, address), the school's message, photo ID and visitor checks, whom to ask for", () => {
    expectIn(provider, NOTE, 'Where: Drama studio', `Address: ${ADDRESS}`, /Arrive 15 minutes early \(by 9:45am\) to sign in as the school asks/, /photo ID for each of your 3 staff/, /visitor checks/);
    expectIn(provider, /Jordan Ellery, careers\.lead@harbourview\.example, 01632 960001/);
    // The school said where to sign in: the general line does not send them to reception.
    expectNotIn(provider, /go to reception/);
  });

  it("the provider's invitation: the venue first in LOCATION; the message and arrival in DESCRIPTION", () => {
    const invite = inviteOf(provider);
    expect(invite.calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(invite.location).toBe(`Drama studio, ${ADDRESS}`);
    expect(invite.description).toContain(`Message from the school: ${NOTE}`);
    expect(invite.description).toMatch(ARRIVAL);
    expect(invite.description).toContain('Where: Drama studio, Harbour View Academy');
  });

  it("the lead's email: who is coming, for whom, what they need; never the provider's arrival instructions or the message to them", () => {
    expectIn(lead, 'Where: Drama studio', /Content College \d+/, /Sam Provider, 01632 960123/, 'Staff coming: 3', 'Year 9', 'assembly', 'projector, a table for leaflets', 'Two of our staff use wheelchairs.');
    expectNotIn(lead, ARRIVAL, /photo ID/i, /north gate/, /Message from the school/);
  });

  it("the lead's invitation: the same place and UID, its own DESCRIPTION", () => {
    const invite = inviteOf(lead);
    expect(invite.location).toBe(`Drama studio, ${ADDRESS}`);
    expect(invite.event.getFirstPropertyValue('uid')).toBe(inviteOf(provider).event.getFirstPropertyValue('uid'));
    expect(invite.description).toMatch(/Provider: Content College \d+; contact Sam Provider, 01632 960123/);
    expect(invite.description).toContain('Staff coming: 3.');
    expect(invite.description).toContain('Facilities needed: projector, a table for leaflets.');
    expect(invite.description).toContain('Notes from the provider: Two of our staff use wheelchairs.');
    expect(invite.description).not.toMatch(ARRIVAL);
    expect(invite.description).not.toMatch(/photo ID|north gate/i);
  });

  it('the venue is kept on the request and shown to staff', async () => {
    const res = await stack.api({ method: 'GET', url: `/api/manage/requests/${request.id}`, cookies: [staff] });
    expect(res.json().request.venue).toBe('Drama studio');
  });

  describe('then moved, with a reason', () => {
    let providerMoved: InboxEmail;
    let leadMoved: InboxEmail;
    beforeAll(async () => {
      const [date] = await schoolDays(stack.store, '990101', 75, 4, 1);
      await decide(request.id, 'reschedule', { date, start: '13:00', end: '13:45', reason: 'The drama studio is needed for mock exams' });
      providerMoved = await copyFor(request.email, 'New time:');
      leadMoved = await copyFor(LEAD, providerMoved.subject);
    });

    it('both emails give the reason; the provider\'s still says where to go, with the school\'s message', () => {
      expectIn(providerMoved, 'The drama studio is needed for mock exams', NOTE, 'Where: Drama studio', ARRIVAL);
      expectIn(leadMoved, 'The drama studio is needed for mock exams', 'Staff coming: 3');
      expectNotIn(leadMoved, ARRIVAL, /north gate/);
    });

    it('both invitations carry the reason in DESCRIPTION; only the provider\'s the arrival', () => {
      const p = inviteOf(providerMoved);
      const l = inviteOf(leadMoved);
      expect(p.description).toContain('Reason given: The drama studio is needed for mock exams');
      expect(p.description).toContain(`Message from the school: ${NOTE}`);
      expect(p.description).toMatch(ARRIVAL);
      expect(l.description).toContain('Reason given: The drama studio is needed for mock exams');
      expect(l.description).not.toMatch(ARRIVAL);
      expect(l.description).not.toContain('north gate');
      expect(p.location).toBe(`Drama studio, ${ADDRESS}`);
      expect(Number(p.event.getFirstPropertyValue('sequence'))).toBe(1);
    });
  });
});

describe('approve a request on a slot, without a venue', () => {
  it("the opportunity's venue: offered to the approve page, then in both emails and LOCATION", async () => {
    const from = await schoolDay(stack.store, '990101', 40);
    const listed = await stack.api({ method: 'GET', url: `/api/schools/990101/slots?from=${from}&to=${addDays(from, 60)}` });
    const slots = listed.json().slots as { opportunityId: string; date: string; placesLeft: number }[];
    const slot = slots.find((s) => s.opportunityId === 'y10-assembly' && s.placesLeft > 0);
    if (!slot) throw new Error('no Year 10 assembly slot');
    const request = await newRequest({ proposed: undefined, yearGroups: [10], slot: { opportunityId: 'y10-assembly', date: slot.date } });
    const view = await stack.api({ method: 'GET', url: `/api/manage/requests/${request.id}`, cookies: [staff] });
    expect(view.json().request.venue).toBe('Main hall');

    await decide(request.id, 'approve', {});
    const provider = await copyFor(request.email, 'Approved:');
    const lead = (await stack.inbox()).find((e) => e.subject === provider.subject && e.destination.to.some((t) => t.includes(LEAD)));
    if (!lead) throw new Error("no lead's copy");
    // No message from the school: the general line sends them to reception.
    expectIn(provider, 'Where: Main hall', /Arrive 15 minutes early \(by 8:35am\) and go to reception to sign in/);
    expectNotIn(provider, /Message from the school/);
    expectIn(lead, 'Where: Main hall');
    expect(inviteOf(provider).location).toBe(`Main hall, ${ADDRESS}`);
    expect(inviteOf(lead).location).toBe(`Main hall, ${ADDRESS}`);
  });
});

describe('decline and propose: only the provider is told, with what the school wrote', () => {
  it("decline: the reason and the lead's note in the provider's email", async () => {
    const request = await newRequest();
    await decide(request.id, 'decline', { reason: 'Staff, rooms or resources are not available', note: 'Try us again in the summer term.' });
    const provider = await copyFor(request.email, 'Declined:');
    expectIn(provider, 'Reason given: Staff, rooms or resources are not available: Try us again in the summer term.');
    await noCopyFor(LEAD, 'Declined:');
  });

  it("propose: the new time and the school's message in the provider's email", async () => {
    const request = await newRequest();
    const [date] = await schoolDays(stack.store, '990101', 85, 4, 1);
    await decide(request.id, 'propose', { date, start: '11:00', end: '11:40', message: 'Thursdays suit our Year 9 timetable better.' });
    const provider = await copyFor(request.email, 'Harbour View Academy proposes another time');
    expectIn(provider, 'Message from the school: Thursdays suit our Year 9 timetable better.', /proposes .* 11am to 11:40am/);
    await noCopyFor(LEAD, 'Harbour View Academy proposes another time');
  });
});

describe("the request's reference in every email about it (issue 14, item 6)", () => {
  const REF = /^PA-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/;

  /** Every email in the inbox about this reference: subject ending with it, the body showing it once, near the top. */
  async function emailsAbout(reference: string): Promise<InboxEmail[]> {
    const about = (await stack.inbox()).filter((e) => e.subject.includes(reference));
    for (const email of about) {
      expect(email.subject.endsWith(` (${reference})`), email.subject).toBe(true);
      // The subject still reads first: what happened, then the reference.
      expect(email.subject.indexOf(reference)).toBeGreaterThan(20);
      // The HTML part's body (its <title> repeats the subject).
      const parts = readable({ ...email, body: { ...email.body, html: (email.body.html ?? '').replace(/<head>.*<\/head>/s, '') } });
      for (const part of parts) {
        expect(part.split(reference).length - 1, `${email.subject}: once in the body`).toBe(1);
        expect(part.indexOf(`Reference: ${reference}`), email.subject).toBeGreaterThanOrEqual(0);
        expect(part.indexOf(`Reference: ${reference}`), `${email.subject}: near the top`).toBeLessThan(part.indexOf('Dear') >= 0 ? part.indexOf('Dear') : 400);
      }
    }
    return about;
  }

  it("the lead's and the provider's emails on sending, and each later change, carry it in the subject and at the top", async () => {
    const request = await newRequest();
    const view = await stack.api({ method: 'GET', url: `/api/manage/requests/${request.id}`, cookies: [staff] });
    const reference = view.json().request.reference as string;
    expect(reference).toMatch(REF);
    const sent = await emailsAbout(reference);
    expect(sent.map((e) => e.subject.replace(/:.*/, '')).sort()).toEqual(['Provider access request', 'Request sent to Harbour View Academy']);
    const forLead = sent.find((e) => e.destination.to.some((t) => t.includes(LEAD)));
    expect(forLead?.subject).toMatch(new RegExp(`^Provider access request: Content College ${n}, Year 9, \\d+ \\w+ \\d{4} \\(${reference}\\)$`));
    await decide(request.id, 'approve', { venue: 'Main hall' });
    const approved = (await emailsAbout(reference)).filter((e) => e.subject.startsWith('Approved:'));
    expect(approved).toHaveLength(2);
    // The invitation is untouched: its summary is the encounter, not the subject.
    expect(inviteOf(approved[0]!)).toBeDefined();
  });

  it('the confirmation email of a first request carries it, and never the internal id', async () => {
    const email = `first-${Date.now()}@content-college.example`;
    const date = await schoolDay(stack.store, '990101', 70);
    const res = await stack.api({
      method: 'POST',
      url: '/api/schools/990101/requests',
      body: providerBody({ contact: { name: 'Sam First', email, phone: '01632 960124' }, proposed: { date, start: '10:00', end: '10:45' }, yearGroups: [9] }),
    });
    expect(res.status, res.text).toBe(201);
    const { id, reference } = res.json().request as { id: string; reference: string };
    expect(reference).toMatch(REF);
    await stack.deliverMail();
    const [confirm] = await emailsAbout(reference);
    expect(confirm?.subject).toBe(`Confirm your provider access request to Harbour View Academy (${reference})`);
    expectNotIn(confirm!, id);
  });
});
