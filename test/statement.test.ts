// The published provider access policy statement on the local stack: nothing published
// is a clear 404; publishing snapshots the live settings as a new version; a settings
// change shows only once published again, while the earlier version keeps the old notice
// at its own address; who may publish; the review reminder (dashboard and one email).
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import { addDays } from '#shared/domain/dates.ts';
import { nextReviewDate } from '#shared/domain/statement.ts';
import { createStore, type Store } from '#shared/store/client.ts';
import { schoolKey } from '#shared/store/schools.ts';
import { statementReviewReminders } from '#shared/usecases/statement.ts';
import { json } from './support/site.ts';
import { startDemoStack, waitForEmail } from './support/stack.ts';
import { signIn } from './support/sign-in.ts';

let stack: LocalStack;
let store: Store;
let lead: string;
const URN = '990101';
const today = londonDate(new Date().toISOString());

beforeAll(async () => {
  stack = await startDemoStack();
  store = createStore({ tableName: stack.tableName, endpoint: stack.dynamodb.endpoint });
  lead = await signIn(stack, 'careers.lead@harbourview.example');
}, 90_000);
afterAll(async () => stack?.stop());

const api = (path: string, init: RequestInit & { cookie?: string } = {}) =>
  fetch(`${stack.siteUrl}${path}`, {
    ...init,
    redirect: 'manual',
    headers: { 'content-type': 'application/json', origin: stack.siteUrl, ...(init.cookie ? { cookie: init.cookie } : {}), ...(init.headers as Record<string, string>) },
  });

const publish = (body: unknown, cookie = lead, urn = URN) => api(`/api/manage/schools/${urn}/statement`, { method: 'POST', cookie, body: JSON.stringify(body) });

async function setNotice(days: number) {
  const read = await json(await api(`/api/manage/schools/${URN}/settings`, { cookie: lead }));
  const res = await api(`/api/manage/schools/${URN}/settings`, { method: 'PUT', cookie: lead, body: JSON.stringify({ version: read.version, settings: { ...read.settings, minimumNoticeDays: days } }) });
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(200);
}

describe('policy statement', () => {
  it('before publishing: the page is a 404 that says the school has not published one; the JSON says so too', async () => {
    const page = await fetch(`${stack.siteUrl}/schools/${URN}/statement`);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    const text = await page.text();
    expect(text).toContain('Harbour View Academy has not published its provider access policy statement here yet');
    expect(text).toContain('careers.lead@harbourview.example');
    const body = await json(await api(`/api/schools/${URN}/statement`));
    expect(body.error.code).toBe('STATEMENT_NOT_PUBLISHED');
    expect((await fetch(`${stack.siteUrl}/schools/999999/statement`)).status).toBe(404);
    expect((await fetch(`${stack.siteUrl}/schools/not-a-urn/statement`)).status).toBe(404);
  });

  it('the lead sees a draft from the live settings and the snippet for the school website', async () => {
    const res = await api(`/api/manage/schools/${URN}/statement`, { cookie: lead });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.published).toBeUndefined();
    expect(body.draft.procedure).toMatchObject({ minimumNoticeDays: 30, careersLead: { email: 'careers.lead@harbourview.example' } });
    expect(body.draft.procedure.requestUrl).toBe(`${stack.siteUrl}/school/?urn=${URN}`);
    expect(body.embed.url).toBe(`${stack.siteUrl}/schools/${URN}/statement`);
    expect(body.embed.link).toBe(`<a href="${stack.siteUrl}/schools/${URN}/statement">Provider access policy statement</a>`);
    expect(body.embed.iframe).toMatch(/^<iframe src="http:\/\/localhost:\d+\/schools\/990101\/statement" title="Harbour View Academy: provider access policy statement"/);
  });

  it('publishing makes version 1: every section, the version and date, embeddable, printable, no script', async () => {
    const res = await publish({ approvedBy: 'the governing board', approvedOn: today });
    const body = await json(res);
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.published).toMatchObject({ version: 1, approvedBy: 'the governing board', approvedOn: today, nextReviewOn: nextReviewDate(today), reviewDue: false });
    expect(res.headers.get('location')).toBe(`${stack.siteUrl}/schools/${URN}/statement?version=1`);

    const page = await fetch(`${stack.siteUrl}/schools/${URN}/statement`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(page.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('x-frame-options')).toBeNull();
    expect(html).toContain('<html lang="en-GB"');
    expect(html).not.toMatch(/<script|style="/);
    expect(html).toContain('<link rel="stylesheet" href="/assets/site.css">');
    for (const heading of ["Pupils' entitlement", 'How a provider asks for access', 'Granting and refusing requests', 'Premises and facilities', 'Opportunities for providers', 'Approval and review']) {
      expect(html).toContain(`>${heading}</h2>`);
    }
    expect(html).toContain('Version</dt><dd class="govuk-summary-list__value">1, published');
    expect(html).toContain("at least 30 days&#39; notice");
    expect(html).toContain('within 10 school days');
    expect(html).toContain('Jordan Ellery');
    expect(html).toContain(`/school/?urn=${URN}`);
    expect(html).toContain('Year 8 careers lesson');
    expect(html).toContain('Key phase 1: Years 8 and 9');
    expect(html).toContain('Not enough notice was given');
    expect(html).toContain('approved by the governing board');
    // Headings in order: one h1, then h2s, h3s only under an h2.
    const levels = [...html.matchAll(/<h([1-6])/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    levels.forEach((l, i) => i > 0 && expect(l - (levels[i - 1] ?? 1)).toBeLessThanOrEqual(1));
  });

  it('a new notice shows only when published again; version 1 keeps the old notice at its own address', async () => {
    await setNotice(42);
    // Not published yet: the public statement is the snapshot, unchanged.
    expect(await (await fetch(`${stack.siteUrl}/schools/${URN}/statement`)).text()).toContain("at least 30 days&#39; notice");
    const res = await publish({ approvedBy: 'the governing board', approvedOn: today });
    expect(res.status).toBe(201);
    expect((await json(res)).versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const latest = await (await fetch(`${stack.siteUrl}/schools/${URN}/statement`)).text();
    expect(latest).toContain("at least 42 days&#39; notice");
    expect(latest).not.toContain("at least 30 days&#39; notice");
    const first = await fetch(`${stack.siteUrl}/schools/${URN}/statement?version=1`);
    expect(first.status).toBe(200);
    const firstHtml = await first.text();
    expect(firstHtml).toContain("at least 30 days&#39; notice");
    expect(firstHtml).toContain('This is version 1, an earlier version of this statement.');
    expect(firstHtml).toContain(`<link rel="canonical" href="${stack.siteUrl}/schools/${URN}/statement?version=1">`);

    const v1 = await json(await api(`/api/schools/${URN}/statement?version=1`));
    expect(v1.statement).toMatchObject({ version: 1, latestVersion: 2, isLatest: false });
    expect(v1.statement.content.procedure.minimumNoticeDays).toBe(30);
    const v2 = await json(await api(`/api/schools/${URN}/statement`));
    expect(v2.statement).toMatchObject({ version: 2, isLatest: true });
    expect(v2.statement.content.procedure.minimumNoticeDays).toBe(42);

    const missing = await fetch(`${stack.siteUrl}/schools/${URN}/statement?version=3`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('The latest is version 2');
    expect((await json(await api(`/api/schools/${URN}/statement?version=3`))).error.code).toBe('STATEMENT_VERSION_NOT_FOUND');
    expect((await api(`/api/schools/${URN}/statement?version=abc`)).status).toBe(400);
  });

  it('who may publish, and what approval dates are refused', async () => {
    expect((await publish({ approvedBy: 'the governing board', approvedOn: today }, '')).status).toBe(401);
    const deputy = await signIn(stack, 'deputy.head@harbourview.example');
    expect((await api(`/api/manage/schools/${URN}/statement`, { cookie: deputy })).status).toBe(200);
    const byDeputy = await publish({ approvedBy: 'the governing board', approvedOn: today }, deputy);
    expect(byDeputy.status).toBe(403);
    expect((await json(byDeputy)).error.code).toBe('PUBLISHER_ROLE_REQUIRED');
    expect((await publish({ approvedBy: 'the governing board', approvedOn: today }, lead, '990102')).status).toBe(403);
    const future = await publish({ approvedBy: 'the governing board', approvedOn: addDays(today, 3) });
    expect(future.status).toBe(422);
    expect((await json(future)).error.fields.approvedOn).toBeDefined();
    const stale = await publish({ approvedBy: 'the governing board', approvedOn: addDays(today, -400) });
    expect((await json(stale)).error.code).toBe('APPROVAL_OUT_OF_DATE');
    const foreign = await api(`/api/manage/schools/${URN}/statement`, { method: 'POST', cookie: lead, headers: { origin: 'https://evil.example' }, body: JSON.stringify({ approvedBy: 'x y', approvedOn: today }) });
    expect(foreign.status).toBe(403);
    const trustAdmin = await signIn(stack, 'trust.admin@northfield-trust.example');
    const byTrust = await publish({ approvedBy: 'the trust board', approvedOn: today }, trustAdmin, '990102');
    expect(byTrust.status).toBe(201);
  });

  it('text from the settings is escaped on the page', async () => {
    const read = await json(await api(`/api/manage/schools/${URN}/settings`, { cookie: lead }));
    const premises = 'Main hall <script>alert(1)</script> & "quotes"\n\nA second paragraph.';
    const saved = await api(`/api/manage/schools/${URN}/settings`, { method: 'PUT', cookie: lead, body: JSON.stringify({ version: read.version, settings: { ...read.settings, premises } }) });
    expect(saved.status).toBe(200);
    expect((await publish({ approvedBy: 'the governing board', approvedOn: today })).status).toBe(201);
    const html = await (await fetch(`${stack.siteUrl}/schools/${URN}/statement`)).text();
    expect(html).toContain('Main hall &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('<p class="govuk-body">A second paragraph.</p>');
    expect(html).not.toContain('<script>');
  });

  it('past its review date: a warning on the dashboard and one reminder email to the lead', async () => {
    const latest = (await json(await api(`/api/manage/schools/${URN}/statement`, { cookie: lead }))).published;
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: schoolKey(URN),
        UpdateExpression: 'SET #s.nextReviewOn = :due',
        ExpressionAttributeNames: { '#s': 'statement' },
        ExpressionAttributeValues: { ':due': addDays(today, -1) },
      }),
    );
    const dashboard = await json(await api(`/api/manage/schools/${URN}/requests`, { cookie: lead }));
    expect(dashboard.statementReviewDue).toMatchObject({ version: latest.version, nextReviewOn: addDays(today, -1) });
    expect(dashboard.statementReviewDue.message).toContain('was due for review');
    const other = await json(await api('/api/manage/schools/990102/requests', { cookie: await signIn(stack, 'careers@kingsmead.example') }));
    expect(other.statementReviewDue).toBeUndefined();

    const first = await statementReviewReminders(store);
    expect(first).toMatchObject({ due: 1, queued: 1, alreadyQueued: 0 });
    expect(first.schools).toBeGreaterThanOrEqual(4);
    const again = await statementReviewReminders(store);
    expect(again).toMatchObject({ due: 1, queued: 0, alreadyQueued: 1 });
    const mail = await waitForEmail(stack, (e) => e.subject.startsWith('Review your provider access policy statement'));
    expect(mail.destination.to.join(' ')).toContain('careers.lead@harbourview.example');
    expect(mail.body.text).toContain(`/manage/statement/?urn=${URN}`);
    expect((await json(await api(`/api/schools/${URN}/statement`))).statement.reviewDue).toBe(true);
    expect(await (await fetch(`${stack.siteUrl}/schools/${URN}/statement`)).text()).toContain('was due to review this statement by');
  });
});
