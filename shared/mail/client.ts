// SES clients from the environment: SES on AWS, or the local SES emulator when
// SES_ENDPOINT is set (npm start, tests).
import { SESv2Client, GetAccountCommand } from '@aws-sdk/client-sesv2';
import { NodeHttpHandler } from '@smithy/node-http-handler';

function localOptions() {
  const endpoint = process.env.SES_ENDPOINT;
  return endpoint
    ? { endpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 }
    : { region: process.env.AWS_REGION ?? 'eu-west-2' };
}

let account: SESv2Client | undefined;

/** Proves SES answers (ses:GetAccount): used by the health check, sends nothing. */
export async function pingMail(): Promise<void> {
  account ??= new SESv2Client({
    ...localOptions(),
    requestHandler: new NodeHttpHandler({ connectionTimeout: 1_000, requestTimeout: 3_000 }),
  });
  await account.send(new GetAccountCommand({}));
}
