// Organisation accounts (issue 15, items 1 and 2), in process against DynamoDB Local: the
// first PUT creates the organisation, one per UKPRN even under a race; the authorisation
// matrix (A's members never reach B, a removed member is refused on the very next call,
// staff and provider sessions never cross); a signed-in member's request skips confirming.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolDays, startInProcessStack, type InProcessStack } from './support/in-process-stack.ts';
import { providerBody } from './support/provider-body.ts';
import { isConfirmedAddress } from '#shared/store/confirmed-addresses.ts';

let stack: InProcessStack;
let tuesdays: string[];
beforeAll(async () => {
  stack = await startInProcessStack('orgs');
  tuesdays = await schoolDays(stack.store, '990101', 40, 2, 10);
}, 60_000);
afterAll(async () => stack?.stop());

const profile = (ukprn: string, name = 'Eastmouth College') => ({
  name,
  type: 'fe_college',
  ukprn,
  website: 'https://www.eastmouth.example',
  defaultContact: { name: 'Schools Liaison', email: `liaison@${ukprn}.example`, phone: '01632 960 000' },
});

const as = (cookie: string) => ({
  get: () => stack.api({ method: 'GET', url: '/api/provider/organisation', cookies: [cookie] }),
  put: (body: unknown) => stack.api({ method: 'PUT', url: '/api/provider/organisation', body, cookies: [cookie] }),
  invite: (email: string, role = 'member') => stack.api({ method: 'POST', url: '/api/provider/organisation/members', body: { email, role }, cookies: [cookie] }),
  remove: (email: string) => stack.api({ method: 'DELETE', url: `/api/provider/organisation/members/${encodeURIComponent(email)}`, cookies: [cookie] }),
});

describe('organisation accounts', () => {
  it('the first PUT creates the organisation, its author its admin; a bad UKPRN says what to enter', async () => {
    const admin = as(await stack.sessionFor('provider', 'founder@eastmouth.example'));
    expect((await admin.get()).status).toBe(404);

    const bad = await admin.put(profile('2001234'));
    expect(bad.status).toBe(400);
    expect(bad.json().error.fields.ukprn).toMatch(/8 digits starting with 1/);

    const created = await admin.put(profile('10012345'));
    expect(created.status, created.text).toBe(201);
    expect(created.json().you).toEqual({ email: 'founder@eastmouth.example', role: 'admin' });
    const read = (await admin.get()).json();
    expect(read.organisation).toMatchObject({ name: 'Eastmouth College', ukprn: '10012345', version: 1 });
    expect(read.members.map((m: { email: string }) => m.email)).toEqual(['founder@eastmouth.example']);

    const saved = await admin.put({ ...profile('10012345', 'Eastmouth College of FE'), version: 1 });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json().organisation).toMatchObject({ name: 'Eastmouth College of FE', version: 2 });
    // A save from a stale read is refused, not merged.
    expect((await admin.put({ ...profile('10012345'), version: 1 })).json().error.code).toBe('ORGANISATION_CHANGED');
  });

  it('a brand-new college, unknown to us, gets a provider sign-in link to set up its organisation', async () => {
    const email = 'newcomer@freshfield.example';
    const asked = await stack.api({ method: 'POST', url: '/api/auth/sign-in', body: { email } });
    expect(asked.status, asked.text).toBe(202);
    await stack.deliverMail();
    const mail = (await stack.inbox()).find((e) => e.destination.to.some((t) => t.includes(email)));
    // Worded for signing in to an organisation's workspace, or setting one up; how long the link lasts.
    expect(mail?.subject).toBe('Sign in to your organisation on Provider access');
    expect(mail?.body.text).toMatch(/your organisation’s workspace on Provider access/);
    expect(mail?.body.text).toMatch(/not set up here yet, you can set it up once you are signed in/);
    expect(mail?.body.text).toContain('The link works once, for 7 days.');
    const token = /\/sign-in\/confirm\/#token=([\w-]+)/.exec(mail?.body.text ?? '')?.[1];
    expect(token).toBeTruthy();
    const opened = await stack.api({ method: 'POST', url: '/api/auth/session', body: { token } });
    expect(opened.status, opened.text).toBe(200);
    expect(opened.json()).toEqual({ next: '/provider/organisation/', kind: 'provider' });
    const cookie = opened.cookies[0]!.split(';')[0]!;
    const college = as(cookie);
    expect((await college.get()).status).toBe(404);
    expect((await college.put(profile('10066666', 'Freshfield College'))).status).toBe(201);
    // Being a provider is not being staff: the same session is refused by staff routes.
    expect((await stack.api({ method: 'GET', url: '/api/manage/me', cookies: [cookie] })).status).toBe(401);
  });

  it('one organisation per UKPRN, also when several sign-ups race for it (R-PROVIDER)', async () => {
    const racers = await Promise.all(Array.from({ length: 6 }, (_, i) => stack.sessionFor('provider', `racer${i}@northgate.example`)));
    const answers = await Promise.all(racers.map((c) => as(c).put(profile('10099999', 'Northgate College'))));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.map((a) => a.status)).toEqual(Array(5).fill(409));
    expect(refused[0]!.json().error).toMatchObject({ code: 'UKPRN_TAKEN', rule: 'R-PROVIDER' });
    // Nor can an organisation move onto a UKPRN another holds; its own old one is freed when it moves.
    const other = as(await stack.sessionFor('provider', 'admin@westfield.example'));
    expect((await other.put(profile('10077777', 'Westfield'))).status).toBe(201);
    expect((await other.put({ ...profile('10099999', 'Westfield'), version: 1 })).json().error.code).toBe('UKPRN_TAKEN');
    expect((await other.put({ ...profile('10077778', 'Westfield'), version: 1 })).status).toBe(200);
    const taker = as(await stack.sessionFor('provider', 'admin@southbay.example'));
    expect((await taker.put(profile('10077777', 'Southbay'))).status).toBe(201);
  });

  it('admins invite (an invitation with a sign-in link is emailed); members see the organisation but cannot change it or its members', async () => {
    const admin = as(await stack.sessionFor('provider', 'admin@riverside.example'));
    expect((await admin.put(profile('10055555', 'Riverside College'))).status).toBe(201);
    const invited = await admin.invite('colleague@riverside.example');
    expect(invited.status, invited.text).toBe(201);
    expect(invited.json().members.find((m: { email: string }) => m.email === 'colleague@riverside.example')).toMatchObject({ role: 'member', invitedBy: 'admin@riverside.example', joinedAt: null });
    await stack.deliverMail();
    const mail = (await stack.inbox()).find((e) => e.destination.to.some((t) => t.includes('colleague@riverside.example')));
    expect(mail?.body.text ?? '').toContain('/sign-in/confirm/#token=');

    const colleague = as(await stack.sessionFor('provider', 'colleague@riverside.example'));
    expect((await colleague.get()).json().you.role).toBe('member');
    expect((await colleague.put({ ...profile('10055555', 'Hijacked'), version: 1 })).json().error.code).toBe('ORGANISATION_ADMIN_REQUIRED');
    expect((await colleague.invite('friend@riverside.example')).status).toBe(403);
    expect((await colleague.remove('admin@riverside.example')).status).toBe(403);
    // One organisation each: a member of another cannot be invited.
    expect((await admin.invite('founder@eastmouth.example')).json().error.code).toBe('ALREADY_A_MEMBER');
    // Nor can the last admin leave.
    expect((await admin.remove('admin@riverside.example')).json().error.code).toBe('LAST_ADMIN');
  });

  it('a member of A cannot read or change B; a removed member is refused on the next call', async () => {
    const a = as(await stack.sessionFor('provider', 'admin@a-college.example'));
    const b = as(await stack.sessionFor('provider', 'admin@b-college.example'));
    expect((await a.put(profile('10011111', 'A College'))).status).toBe(201);
    expect((await b.put(profile('10022222', 'B College'))).status).toBe(201);
    expect((await b.invite('member@b-college.example')).status).toBe(201);

    // A's admin can address only A: B's member is not found, B's profile is untouched.
    expect((await a.remove('member@b-college.example')).json().error.code).toBe('MEMBER_NOT_FOUND');
    expect((await a.get()).json().organisation.name).toBe('A College');
    expect((await b.get()).json().members).toHaveLength(2);
    expect((await b.get()).json().organisation.name).toBe('B College');

    const member = as(await stack.sessionFor('provider', 'member@b-college.example'));
    expect((await member.get()).status).toBe(200);
    expect((await b.remove('member@b-college.example')).status).toBe(200);
    // The same session, the very next call: no organisation.
    const after = await member.get();
    expect(after.status).toBe(404);
    expect(after.json().error.code).toBe('ORGANISATION_NOT_FOUND');
    expect((await member.invite('x@b-college.example')).status).toBe(404);
  });

  it('staff sessions never pass provider routes, nor provider sessions staff routes', async () => {
    const staff = await stack.sessionFor('staff', 'careers.lead@harbourview.example');
    for (const call of [as(staff).get(), as(staff).put(profile('10033333')), as(staff).invite('a@b.example'), as(staff).remove('a@b.example')]) {
      const answer = await call;
      expect(answer.status).toBe(401);
      expect(answer.json().error.code).toBe('SIGN_IN_REQUIRED');
    }
    const provider = await stack.sessionFor('provider', 'admin@a-college.example');
    expect((await stack.api({ method: 'GET', url: '/api/manage/me', cookies: [provider] })).status).toBe(401);
    expect((await stack.api({ method: 'GET', url: '/api/provider/organisation' })).status).toBe(401);
  });

  it('a signed-in member’s request skips confirming for addresses the organisation vouches for (issue 15, item 2)', async () => {
    const admin = await stack.sessionFor('provider', 'admin@vouch.example');
    expect((await as(admin).put(profile('10044444', 'Vouch College'))).status).toBe(201);
    expect((await as(admin).invite('teammate@vouch.example')).status).toBe(201);
    const send = (email: string, date: string) =>
      stack.api({ method: 'POST', url: '/api/schools/990101/requests', body: providerBody({ slot: { opportunityId: 'y10-assembly', date }, contact: { name: 'Sam Vouch', email, phone: '01632 960100' } }), cookies: [admin] });

    const forTeammate = await send('teammate@vouch.example', tuesdays[0]!);
    expect(forTeammate.status, forTeammate.text).toBe(201);
    expect(forTeammate.json().request.status).toBe('pending');
    // Vouched for, not proven by its own mailbox: signed out, that address still confirms first.
    expect(await isConfirmedAddress(stack.store, 'teammate@vouch.example')).toBe(false);
    expect((await send('liaison@10044444.example', tuesdays[1]!)).json().request.status).toBe('pending');
    expect((await send('stranger@elsewhere.example', tuesdays[2]!)).json().request.status).toBe('unconfirmed');
  });

  describe('the invitation email', () => {
    const ADMIN = 'priya.shah@harbour-hill.example';
    const NAME = 'Harbour & Hill <College>';
    const to = (address: string) => (e: { destination: { to: string[] } }) => e.destination.to.some((t) => t.includes(address));

    it('says who invited them to what, what membership allows, carries a single-use sign-in link, and is escaped in HTML', async () => {
      const admin = as(await stack.sessionFor('provider', ADMIN));
      const body = { ...profile('10088888', NAME), defaultContact: { name: 'Priya Shah', email: ADMIN, phone: '01632 960 001' } };
      expect((await admin.put(body)).status).toBe(201);
      expect((await admin.invite('new.colleague@harbour-hill.example', 'admin')).status).toBe(201);
      await stack.deliverMail();
      const mails = (await stack.inbox()).filter(to('new.colleague@harbour-hill.example'));
      expect(mails).toHaveLength(1);
      const mail = mails[0]!;
      // The inviter by name: they are the organisation's default contact.
      expect(mail.subject).toBe(`Priya Shah invited you to join ${NAME} on Provider access`);
      expect(mail.replyTo?.join()).toContain(ADMIN);
      const text = mail.body.text ?? '';
      expect(text).toContain(`Priya Shah (${ADMIN}) has invited you to join ${NAME} on Provider access, as an admin.`);
      expect(text).toContain(`${NAME} is registered here as a further education college, UKPRN 10088888, https://www.eastmouth.example.`);
      expect(text).toMatch(/see every request your organisation has sent/);
      expect(text).toMatch(/invite or remove colleagues/);
      expect(text).toContain('The link works once, for 7 days.');
      expect(text).toMatch(/If you did not expect this, do not use the link/);
      // Escaped in HTML: what an admin typed never becomes markup.
      const html = mail.body.html ?? '';
      expect(html).toContain('Harbour &amp; Hill &lt;College&gt;');
      expect(html).not.toContain('<College>');
      expect(html).toContain('<li>change your organisation’s details, and invite or remove colleagues</li>');

      // The same sign-in token as signing in: used once, it opens a provider session on the organisation's page.
      const token = /\/sign-in\/confirm\/#token=([\w-]+)/.exec(text)?.[1];
      expect(html).toContain(`/sign-in/confirm/#token=${token}`);
      const opened = await stack.api({ method: 'POST', url: '/api/auth/session', body: { token } });
      expect(opened.json()).toEqual({ next: '/provider/organisation/', kind: 'provider' });
      expect((await stack.api({ method: 'POST', url: '/api/auth/session', body: { token } })).status).not.toBe(200);
      const joined = as(opened.cookies[0]!.split(';')[0]!);
      expect((await joined.get()).json().members.find((m: { email: string }) => m.email === 'new.colleague@harbour-hill.example').joinedAt).toBeTruthy();
    });

    it('an inviter who is not the default contact is named by address, a member is told only what members do, and someone removed before it went gets nothing', async () => {
      const inviter = as(await stack.sessionFor('provider', 'new.colleague@harbour-hill.example'));
      expect((await inviter.invite('plain.member@harbour-hill.example')).status).toBe(201);
      expect((await inviter.invite('changed.mind@harbour-hill.example')).status).toBe(201);
      expect((await inviter.remove('changed.mind@harbour-hill.example')).status).toBe(200);
      await stack.deliverMail();
      const inbox = await stack.inbox();
      expect(inbox.filter(to('changed.mind@harbour-hill.example'))).toEqual([]);
      const [mail] = inbox.filter(to('plain.member@harbour-hill.example'));
      expect(mail?.subject).toBe(`new.colleague@harbour-hill.example invited you to join ${NAME} on Provider access`);
      expect(mail?.body.text).toContain('as a member.');
      expect(mail?.body.text).not.toMatch(/invite or remove colleagues/);
    });
  });
});
