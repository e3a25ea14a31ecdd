// The sign-in link email (staff dashboard, or a provider's requests).
import { html } from '#shared/domain/html.ts';
import { button, layout, type MessageContent } from './layout.ts';

export function signInLink(link: string, forStaff: boolean): MessageContent {
  const subject = forStaff ? 'Your sign-in link for Provider access' : 'Your link to see your provider access requests';
  const lead = forStaff
    ? 'Use this link to sign in to your school’s provider access dashboard.'
    : 'Use this link to see and manage the provider access requests you have sent.';
  const text = [lead, '', link, '', 'It works once and expires soon. If you did not ask for it, you can ignore this email.'].join('\n');
  const body = html`<h1 style="font-size:24px;margin-top:0;">${forStaff ? 'Sign in' : 'Your requests'}</h1>
<p>${lead}</p>
<p style="margin:24px 0;">${button(link, forStaff ? 'Sign in' : 'See your requests')}</p>
<p>It works once and expires soon. If you did not ask for it, you can ignore this email.</p>`;
  return { subject, text, html: layout(subject, body) };
}
