// The journey the security tests share, in process: a provider sends a first request from
// their address and confirms it with the emailed link (issue 12, item 2), the mailer sends
// both emails (the lead's with three action links, the provider's with a sign-in
// link), the careers lead signs in with an emailed link, the provider signs in with theirs.
// Every secret issued on the way is returned, as the emails and cookies carried it.
import type { InboxEmail } from '#infra/local/ses.ts';
import { cookieValue } from '../support/in-process.ts';
import { schoolDay, tokenIn, type InProcessStack } from '../support/in-process-stack.ts';
import { providerBody } from '../support/provider-body.ts';

export const LEAD = 'careers.lead@harbourview.example';

export interface Journey {
  requestId: string;
  providerEmail: string;
  /** The email with the link that confirmed the request, and that link's token. */
  confirmationEmail: InboxEmail;
  confirmationToken: string;
  leadEmail: InboxEmail;
  providerEmailMessage: InboxEmail;
  actionTokens: { approve: string; decline: string; propose: string };
  staffCookie: string;
  providerCookie: string;
  /** The Set-Cookie headers as the session route sent them. */
  setCookies: string[];
  /** Every token and session id the journey was given, in clear. */
  secrets: string[];
}

async function mailTo(stack: InProcessStack, to: string, subject: string, after: Set<string>): Promise<InboxEmail> {
  await stack.deliverMail();
  const found = (await stack.inbox()).find((e) => !after.has(e.messageId) && e.destination.to.some((t) => t.includes(to)) && e.subject.startsWith(subject));
  if (!found) throw new Error(`no email "${subject}" to ${to}`);
  return found;
}

export async function journey(stack: InProcessStack, overrides: Record<string, unknown> = {}, tag = 'journey'): Promise<Journey> {
  const seen = new Set((await stack.inbox()).map((e) => e.messageId));
  const providerEmail = `${tag}@college.example`;
  const date = await schoolDay(stack.store, '990101', 50);
  const created = await stack.api({
    method: 'POST',
    url: '/api/schools/990101/requests',
    body: providerBody({ proposed: { date, start: '10:00', end: '10:45' }, yearGroups: [9], contact: { name: 'Sam Provider', email: providerEmail, phone: '01632 960111' }, ...overrides }),
  });
  if (created.status !== 201) throw new Error(created.text);
  const requestId = created.json().request.id as string;
  if (created.json().request.status !== 'unconfirmed') throw new Error(`a first request from ${providerEmail} should wait for confirming`);

  const setCookies: string[] = [];
  const confirmationEmail = await mailTo(stack, created.json().request.contactEmail, 'Confirm your provider access request', seen);
  const confirmationToken = tokenIn(confirmationEmail, /\/request\/confirm\/#token=([\w-]+)/);
  const confirmed = await stack.api({ method: 'POST', url: '/api/request-confirmations', body: { token: confirmationToken } });
  if (confirmed.status !== 200) throw new Error(confirmed.text);
  setCookies.push(...confirmed.cookies);
  const confirmCookie = cookieValue(confirmed.cookies[0]);

  const leadEmail = await mailTo(stack, LEAD, 'Provider access request', seen);
  const providerEmailMessage = await mailTo(stack, providerEmail, 'Request sent to', seen);
  const link = (label: string) => tokenIn(leadEmail, new RegExp(`${label}: \\S+/actions/#token=([\\w-]+)`));
  const actionTokens = { approve: link('Approve'), decline: link('Decline'), propose: link('Propose another time') };
  const providerLinkToken = tokenIn(providerEmailMessage, /#token=([\w-]+)/);

  const asked = await stack.api({ method: 'POST', url: '/api/auth/sign-in', body: { email: LEAD } });
  if (asked.status !== 202) throw new Error(asked.text);
  const signIn = await mailTo(stack, LEAD, 'Your sign-in link', seen);
  const staffLinkToken = tokenIn(signIn, /#token=([\w-]+)/);

  const session = async (token: string) => {
    const res = await stack.api({ method: 'POST', url: '/api/auth/session', body: { token } });
    if (res.status !== 200) throw new Error(res.text);
    setCookies.push(...res.cookies);
    return cookieValue(res.cookies[0]);
  };
  const staffCookie = await session(staffLinkToken);
  const providerCookie = await session(providerLinkToken);
  const secrets = [
    ...Object.values(actionTokens),
    confirmationToken,
    providerLinkToken,
    staffLinkToken,
    confirmCookie.split('=')[1] ?? '',
    staffCookie.split('=')[1] ?? '',
    providerCookie.split('=')[1] ?? '',
  ];
  return { requestId, providerEmail, confirmationEmail, confirmationToken, leadEmail, providerEmailMessage, actionTokens, staffCookie, providerCookie, setCookies, secrets };
}
