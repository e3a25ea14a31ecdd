// Sending one email: composed as raw MIME (./compose.ts), sent by the one SES client
// (./client.ts). Locally SES_ENDPOINT points at the SES emulator.
import { sendRawEmail } from './client.ts';
import { composeRawEmail, type Address, type OutgoingEmail } from './compose.ts';

/** The service's own sender, from MAIL_FROM ("Name <address>"), set per environment. */
export function senderAddress(): Address {
  const configured = process.env.MAIL_FROM ?? 'Provider access <no-reply@provider-access.example>';
  const m = /^(.*)<([^>]+)>\s*$/.exec(configured);
  return m ? { name: (m[1] ?? '').trim(), address: (m[2] ?? '').trim() } : { name: 'Provider access', address: configured.trim() };
}

/** What the mail log records for an email that was not sent because no address can receive it. */
export const NOT_SENT_UNDELIVERABLE = 'not-sent:undeliverable-address';

export async function sendEmail(email: OutgoingEmail): Promise<string> {
  // .invalid (RFC 2606) never receives mail: it stands for an erased person's address.
  if (email.to.every((a) => a.address.toLowerCase().endsWith('.invalid'))) return NOT_SENT_UNDELIVERABLE;
  const raw = await composeRawEmail(email);
  return sendRawEmail({ from: email.from.address, to: email.to.map((a) => a.address), raw });
}
