// The one SES client (API v2), from the environment: SES on AWS, or the local SES emulator
// when SES_ENDPOINT is set (npm start, tests). It sends mail (SendEmail with the raw MIME,
// so calendar parts and Reply-To travel as built) and answers the health check.
import { GetAccountCommand, SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/** The health check waits this long for SES, then calls mail down; a send may take longer. */
const PING_TIMEOUT_MS = 3_000;

let client: { endpoint: string | undefined; ses: SESv2Client } | undefined;

/** One client per endpoint: a test that points SES_ENDPOINT elsewhere gets a new one. */
function ses(): SESv2Client {
  const endpoint = process.env.SES_ENDPOINT;
  if (!client || client.endpoint !== endpoint) {
    client = {
      endpoint,
      ses: new SESv2Client({
        region: process.env.AWS_REGION ?? 'eu-west-2',
        ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
        requestHandler: new NodeHttpHandler({ connectionTimeout: 2_000, requestTimeout: 10_000 }),
      }),
    };
  }
  return client.ses;
}

/** Sends one raw MIME message to its envelope recipients; SES's message id. */
export async function sendRawEmail(input: { from: string; to: string[]; raw: Uint8Array }): Promise<string> {
  const out = await ses().send(
    new SendEmailCommand({
      FromEmailAddress: input.from,
      Destination: { ToAddresses: input.to },
      Content: { Raw: { Data: input.raw } },
      ...(process.env.SES_CONFIGURATION_SET ? { ConfigurationSetName: process.env.SES_CONFIGURATION_SET } : {}),
    }),
  );
  return out.MessageId ?? '';
}

/** Proves SES answers (ses:GetAccount): used by the health check, sends nothing. */
export async function pingMail(): Promise<void> {
  await ses().send(new GetAccountCommand({}), { requestTimeout: PING_TIMEOUT_MS, abortSignal: AbortSignal.timeout(PING_TIMEOUT_MS) });
}
