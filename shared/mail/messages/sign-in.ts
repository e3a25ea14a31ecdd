// The sign-in link email: a careers lead's (or trust admin's) school dashboard, or a
// provider's organisation workspace (issue 15: a provider signs in to their organisation,
// or sets one up on first sign-in).
import { html } from '#shared/domain/html.ts';
import { button, layout, type MessageContent } from './layout.ts';

export const STAFF_SIGN_IN_SUBJECT = 'Your sign-in link for Provider access';
export const PROVIDER_SIGN_IN_SUBJECT = 'Sign in to your organisation on Provider access';

/** `lifetime`: how long the link works, in words ("15 minutes"). */
export function signInLink(link: string, forStaff: boolean, lifetime: string): MessageContent {
  const subject = forStaff ? STAFF_SIGN_IN_SUBJECT : PROVIDER_SIGN_IN_SUBJECT;
  const lead = forStaff
    ? ['Use this link to sign in to your school’s provider access dashboard.']
    : [
        'Use this link to sign in to your organisation’s workspace on Provider access: every request your organisation has sent to schools, their answers, and your organisation’s details.',
        'If your organisation is not set up here yet, you can set it up once you are signed in.',
      ];
  const once = `The link works once, for ${lifetime}. If you did not ask for it, you can ignore this email: nobody can sign in as you without the link.`;
  const text = [...lead, '', link, '', once].join('\n');
  const body = html`<h1 style="font-size:24px;margin-top:0;">Sign in</h1>
${lead.map((l) => html`<p>${l}</p>`)}
<p style="margin:24px 0;">${button(link, 'Sign in')}</p>
<p>${once}</p>`;
  return { subject, text, html: layout(subject, body) };
}
