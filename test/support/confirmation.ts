// Issue 12, item 2: a first request from an address waits for its provider to confirm it.
// Tests that are about something else send from addresses that count as confirmed, made
// so here by the store's own marker, as a provider who confirmed a request before; tests of
// the step itself confirm as a provider would, with the link from the SES emulator's inbox.
import type { InboxEmail } from '#infra/local/ses.ts';
import type { Store } from '#shared/store/client.ts';
import { recordConfirmedAddress } from '#shared/store/confirmed-addresses.ts';

/** Records each address as having confirmed a request before, so its requests reach the school at once. */
export async function markAddressesConfirmed(store: Store, emails: readonly string[]): Promise<void> {
  for (const email of emails) await recordConfirmedAddress(store, email);
}

export const CONFIRMATION_SUBJECT = /^Confirm your provider access request to /;

/** Whether an email is a request's confirmation link sent to `address`. */
export function isConfirmationFor(address: string): (e: InboxEmail) => boolean {
  return (e) => CONFIRMATION_SUBJECT.test(e.subject) && e.destination.to.some((t) => t.toLowerCase().includes(address.toLowerCase()));
}

/** The token of a confirmation email's link (/request/confirm/#token=…). */
export function confirmationTokenIn(email: InboxEmail): string {
  const m = /\/request\/confirm\/#token=([\w-]+)/.exec(email.body.text ?? '');
  if (!m?.[1]) throw new Error(`No confirmation link in: ${email.body.text}`);
  return m[1];
}
