// A colleague's invitation to an organisation (issue 15, item 1). The invitee may never
// have heard of the service, so it says who asked, what the organisation is, what being a
// member lets them do, and what to do if they did not expect it. The organisation's name
// and website and the inviter's name are what an admin typed: escaped in the HTML by the
// `html` template, as they are in the text part (which cannot run code).
import { html } from '#shared/domain/html.ts';
import { PROVIDER_TYPE_LABELS } from '#shared/domain/labels.ts';
import type { MemberRole, OrganisationRecord } from '#shared/domain/records.ts';
import { button, layout, type MessageContent } from './layout.ts';

export interface InviteWords {
  organisation: Pick<OrganisationRecord, 'name' | 'type' | 'ukprn' | 'website'>;
  role: MemberRole;
  /** Who invited them, as they will recognise them: a name, or else their address. */
  inviter: { name: string; address: string };
  /** How long the link works, in words ("7 days"). */
  lifetime: string;
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

export function organisationInvite(words: InviteWords, links: { signIn: string; signInPage: string }): MessageContent {
  const { organisation, role, inviter, lifetime } = words;
  const who = inviter.name ? `${inviter.name} (${inviter.address})` : inviter.address;
  const subject = `${inviter.name || inviter.address} invited you to join ${organisation.name} on Provider access`;
  const type = PROVIDER_TYPE_LABELS[organisation.type];
  const invited = `${who} has invited you to join ${organisation.name} on Provider access, as ${role === 'admin' ? 'an admin' : 'a member'}.`;
  const what = `${organisation.name} is registered here as ${article(type)} ${type}, UKPRN ${organisation.ukprn}${organisation.website ? `, ${organisation.website}` : ''}.`;
  const service = 'Provider access is where colleges and other providers ask schools in England for time with their pupils in Years 8 to 13, and schools answer.';
  const can = [
    'see every request your organisation has sent to schools, and each school’s answer',
    'send requests with your organisation’s details already filled in',
    ...(role === 'admin' ? ['change your organisation’s details, and invite or remove colleagues'] : []),
  ];
  const once = `The link works once, for ${lifetime}. After that, ask for a new link with this email address at ${links.signInPage}: you stay invited.`;
  const unexpected = `If you did not expect this, do not use the link. Reply to this email to ask ${inviter.name || inviter.address} about it, or ignore it: nothing happens until the link is used, and nobody can sign in as you without it.`;
  const text = [invited, '', what, service, '', 'As a member you can:', ...can.map((c) => `- ${c}`), '', 'To accept, sign in with this link:', links.signIn, '', once, '', unexpected].join('\n');
  const body = html`<h1 style="font-size:24px;margin-top:0;">Join ${organisation.name} on Provider access</h1>
<p>${invited}</p>
<p>${what}</p>
<p>${service}</p>
<p>As a member you can:</p>
<ul>${can.map((c) => html`<li>${c}</li>`)}</ul>
<p style="margin:24px 0;">${button(links.signIn, 'Sign in and join')}</p>
<p>${once}</p>
<p>${unexpected}</p>`;
  return { subject, text, html: layout(subject, body) };
}
