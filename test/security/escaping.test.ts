// HTML pages and emails escape every field. A request is sent with every free-text field
// (organisation, contact name, facilities, notes; the UKPRN, email and phone are checked
// formats) holding <img src=x onerror=alert(1)>, and the school's own texts (name, careers lead, grounds for refusing,
// premises) hold it too. Then: the lead's and provider's emails, the page after declining
// by an old action link's form (with the markup as the reason) and the provider's email
// about it, and every HTML page a GET route serves show it escaped and never raw; the JSON
// views (the provider's, the careers lead's and the emailed action link's) carry the exact
// text as JSON strings, served as application/json with nosniff, for the site's pages to
// put in as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '#shared/domain/html.ts';
import { httpRoutes } from '#shared/routes.ts';
import { getSchoolProfile, putSchoolProfile } from '#shared/store/schools.ts';
import type { InboxEmail } from '#infra/local/ses.ts';
import { schoolDay, startInProcessStack, type InProcessStack } from '../support/in-process-stack.ts';
import { providerBody } from '../support/provider-body.ts';
import { markAddressesConfirmed } from '../support/confirmation.ts';
import { journey, LEAD, type Journey } from './journey.ts';

const P = '<img src=x onerror=alert(1)>';
const RAW = /<(img|svg)[^>]*on(error|load)=/i;

let stack: InProcessStack;
let j: Journey;

function expectEscaped(what: string, html: string | undefined) {
  expect(html, what).toBeTruthy();
  expect(RAW.test(html ?? ''), `${what} shows markup raw: …${(html ?? '').slice(Math.max(0, (html ?? '').search(RAW) - 100), (html ?? '').search(RAW) + 60)}…`).toBe(false);
  expect(html, what).toContain(escapeHtml(P));
}

beforeAll(async () => {
  stack = await startInProcessStack('escaping');
  const staff = await stack.sessionFor('staff', LEAD);
  // The school's own texts, through its settings (what a careers lead can type)…
  const current = (await stack.api({ method: 'GET', url: '/api/manage/schools/990101/settings', cookies: [staff] })).json();
  const settings = { ...current.settings, premises: P, groundsForRefusing: [P, ...current.settings.groundsForRefusing], careersLead: { ...current.settings.careersLead, name: P } };
  const saved = await stack.api({ method: 'PUT', url: '/api/manage/schools/990101/settings', cookies: [staff], body: { version: current.version, settings } });
  expect(saved.status, saved.text).toBe(200);
  // …and its name, as a GIAS import could bring it.
  const school = await getSchoolProfile(stack.store, '990101');
  if (!school) throw new Error('no school');
  await putSchoolProfile(stack.store, { ...school, name: `Harbour View ${P}` });
  j = await journey(
    stack,
    {
      provider: { organisation: P, type: 'fe_college', ukprn: '10001234' },
      contact: { name: P, email: 'escaping@college.example', phone: '01632 960111' },
      facilities: [P],
      notes: `${P}\n${P}`,
    },
    'escaping',
  );
  await stack.api({ method: 'POST', url: '/api/auth/sign-out', cookies: [j.providerCookie] });
}, 90_000);
afterAll(async () => stack?.stop());

describe('every field is escaped in HTML', () => {
  it("the lead's and the provider's emails", () => {
    // The confirmation of a first request carries the school's name (issue 12, item 2).
    expectEscaped('confirmation email', j.confirmationEmail.body.html);
    expectEscaped('lead email', j.leadEmail.body.html);
    expectEscaped('provider email', j.providerEmailMessage.body.html);
  });

  it('the emailed action link\'s request (JSON, which the page shows as text), the page after declining, and the email telling the provider', async () => {
    // The confirmation page builds its content with the DOM from this JSON: no HTML to escape.
    const view = await stack.api({ method: 'POST', url: '/api/actions/view', body: { token: j.actionTokens.decline } });
    expect(view.status).toBe(200);
    expect(view.headers['content-type']).toContain('application/json');
    expect(view.headers['x-content-type-options']).toBe('nosniff');
    expect(view.json().link.request.provider.organisation).toContain(P);

    const form = new URLSearchParams({ reason: 'other', otherReason: P, note: P }).toString();
    const done = await stack.api({ method: 'POST', url: `/api/actions/${j.actionTokens.decline}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    expect(done.status, done.text).toBe(200);
    expectEscaped('declined page', done.text);

    await stack.deliverMail();
    const told = (await stack.inbox()).find((e: InboxEmail) => e.subject.startsWith('Declined') && e.destination.to.some((t) => t.includes(j.providerEmail)));
    expectEscaped('declined email', told?.body.html);
  });

  it("the approval's venue and message to the provider, in both copies", async () => {
    const staff = await stack.sessionFor('staff', LEAD);
    const date = await schoolDay(stack.store, '990101', 57);
    const email = 'approve-escaping@college.example';
    await markAddressesConfirmed(stack.store, [email]); // a returning provider (issue 12, item 2)
    const created = await stack.api({
      method: 'POST',
      url: '/api/schools/990101/requests',
      body: providerBody({ contact: { name: 'Sam Provider', email, phone: '01632 960111' }, proposed: { date, start: '10:00', end: '10:45' }, yearGroups: [9] }),
    });
    expect(created.status, created.text).toBe(201);
    const approved = await stack.api({ method: 'POST', url: `/api/manage/requests/${created.json().request.id}/approve`, cookies: [staff], body: { venue: P, note: P } });
    expect(approved.status, approved.text).toBe(200);
    await stack.deliverMail();
    const copies = (await stack.inbox()).filter((e: InboxEmail) => e.subject.startsWith('Approved') && e.destination.to.some((t) => t.includes(email) || t.includes(LEAD)));
    expect(copies).toHaveLength(2);
    for (const copy of copies) expectEscaped(`approval to ${copy.destination.to.join()}`, copy.body.html);
  });

  it('every HTML page a GET route serves (the statement page too, once published)', async () => {
    const staff = await stack.sessionFor('staff', LEAD);
    const publish = httpRoutes.find((r) => r.name === 'manage-statement-publish');
    if (publish) {
      const body = { approvedBy: `the governing board ${P}`, approvedOn: new Date().toISOString().slice(0, 10) };
      expect((await stack.api({ method: 'POST', url: publish.path.replace('{urn}', '990101'), cookies: [staff], body })).status).toBe(201);
    }
    let pages = 0;
    for (const route of httpRoutes.filter((r) => r.method === 'GET' && !r.path.includes('{id}') && !r.path.includes('{token}') && !r.path.includes('{feed}'))) {
      const url = route.path.replace('{urn}', '990101').replace('{trustId}', 'northfield-learning-trust');
      const res = await stack.api({ method: 'GET', url, cookies: route.access === 'staff' ? [staff] : [] });
      if (!(res.headers['content-type'] ?? '').startsWith('text/html') || res.status !== 200) continue;
      pages++;
      expect(RAW.test(res.text), `${url} shows markup raw`).toBe(false);
    }
    if (publish) expect(pages).toBeGreaterThan(0);
  });

  it('the JSON views carry the exact text, as application/json with nosniff', async () => {
    const provider = await stack.sessionFor('provider', j.providerEmail);
    const staff = await stack.sessionFor('staff', LEAD);
    for (const [url, cookie, pick] of [
      [`/api/requests/${j.requestId}`, provider, (b: { request: { organisation: string; contactName: string } }) => [b.request.organisation, b.request.contactName]],
      [`/api/manage/requests/${j.requestId}`, staff, (b: { request: { provider: { organisation: string }; contact: { name: string }; notes: string; facilities: string[] } }) => [
        b.request.provider.organisation,
        b.request.contact.name,
        b.request.facilities[0],
        b.request.notes.split('\n')[0],
      ]],
    ] as const) {
      const res = await stack.api({ method: 'GET', url, cookies: [cookie] });
      expect(res.status, res.text).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const values = (pick as (b: unknown) => string[])(res.json());
      expect(values.length).toBeGreaterThan(1);
      for (const v of values) expect(v).toBe(P);
      expect(res.text).not.toContain('&lt;'); // data, not HTML: escaping is the page's job, as text
    }
  });
});
