// The whole local stack (in-memory DynamoDB Local, SES emulator, site, mailer on the
// stream) with the demo data, for journey tests; plus what a test needs to read mail.
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';
import { freePort } from '#infra/local/ports.ts';
import { readInbox, type InboxEmail } from '#infra/local/ses.ts';
import { TEST_ORIGIN_SECRET } from './cloudfront.ts';

/** The demo stack behind the tests' stand-in for CloudFront (./cloudfront.ts: viaCloudFront). */
export async function startDemoStack(): Promise<LocalStack> {
  return startLocalStack({ port: await freePort(), seed: true, originSecret: TEST_ORIGIN_SECRET });
}

/** Waits until the inbox holds an email matching `match` (the mailer runs on the stream). */
export async function waitForEmail(stack: LocalStack, match: (e: InboxEmail) => boolean, timeoutMs = 15_000): Promise<InboxEmail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = (await readInbox(stack.ses.endpoint)).find(match);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error('No matching email arrived in time');
}

export function linkIn(email: InboxEmail, pattern: RegExp): string {
  const m = pattern.exec(email.body.text ?? '');
  if (!m) throw new Error(`No link matching ${pattern} in: ${email.body.text}`);
  return m[0];
}
