// Signing in as a person would: ask for a link, read it from the SES emulator's inbox,
// POST its token, keep the session cookie.
import type { LocalStack } from '#infra/local/stack.ts';
import { readInbox } from '#infra/local/ses.ts';
import { createStore } from '#shared/store/client.ts';
import { putPlatformAdmin } from '#shared/store/platform-admins.ts';
import { PROVIDER_SIGN_IN_SUBJECT, STAFF_SIGN_IN_SUBJECT } from '#shared/mail/messages/sign-in.ts';
import { linkIn, waitForEmail } from './stack.ts';

/** The sign-in email's subjects, for staff and for providers. */
const SIGN_IN_SUBJECTS = [STAFF_SIGN_IN_SUBJECT, PROVIDER_SIGN_IN_SUBJECT];

export async function signIn(stack: LocalStack, email: string): Promise<string> {
  const before = new Set((await readInbox(stack.ses.endpoint)).map((e) => e.messageId));
  const headers = { 'content-type': 'application/json', origin: stack.siteUrl };
  const asked = await fetch(`${stack.siteUrl}/api/auth/sign-in`, { method: 'POST', headers, body: JSON.stringify({ email }) });
  if (asked.status !== 202) throw new Error(`sign-in answered ${asked.status}`);
  // The sign-in email itself, by its subject: the lead's request emails carry #token= links
  // too (the action links), and a provider's update emails carry sign-in links of their own,
  // which may arrive while this one is on its way.
  const mail = await waitForEmail(stack, (e) => !before.has(e.messageId) && e.destination.to.some((t) => t.includes(email)) && SIGN_IN_SUBJECTS.includes(e.subject) && (e.body.text ?? '').includes('/sign-in/confirm/#token='));
  const token = linkIn(mail, /\/sign-in\/confirm\/#token=[\w-]+/).split('#token=')[1] ?? '';
  const session = await fetch(`${stack.siteUrl}/api/auth/session`, { method: 'POST', headers, body: JSON.stringify({ token }) });
  if (session.status !== 200) throw new Error(`session answered ${session.status}`);
  return (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** A platform admin (a PLATFORM#ADMINS item), signed in as above: the admin pages' and routes' tests. */
export async function signInAsPlatformAdmin(stack: LocalStack, email: string, name: string): Promise<string> {
  const store = createStore({ tableName: stack.tableName, endpoint: stack.dynamodb.endpoint });
  await putPlatformAdmin(store, { email, name, addedAt: new Date().toISOString() });
  return signIn(stack, email);
}
