// Sending through SES (SendRawEmail, so calendar parts and Reply-To travel as built).
// Locally SES_ENDPOINT points at the SES emulator.
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { composeRawEmail, type Address, type OutgoingEmail } from './compose.ts';

let client: SESClient | undefined;

function ses(): SESClient {
  const endpoint = process.env.SES_ENDPOINT;
  client ??= new SESClient({
    region: process.env.AWS_REGION ?? 'eu-west-2',
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    requestHandler: new NodeHttpHandler({ connectionTimeout: 2_000, requestTimeout: 10_000 }),
  });
  return client;
}

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
  const out = await ses().send(
    new SendRawEmailCommand({
      RawMessage: { Data: raw },
      Source: email.from.address,
      Destinations: email.to.map((a) => a.address),
      ...(process.env.SES_CONFIGURATION_SET ? { ConfigurationSetName: process.env.SES_CONFIGURATION_SET } : {}),
    }),
  );
  return out.MessageId ?? '';
}
