// A mailer in its own process, to be killed: the stream poller feeding functions/notify.ts,
// exactly as `npm start` runs it. Configured by the environment the test passes:
// DYNAMODB_ENDPOINT, TABLE_NAME, STREAM_ARN, SES_ENDPOINT, SITE_URL.
import { StreamPoller } from '#infra/local/stream-poller.ts';
import { notify } from '#functions/notify.ts';
import { createStore } from '#shared/store/client.ts';

const endpoint = process.env.DYNAMODB_ENDPOINT ?? '';
const store = createStore({ tableName: process.env.TABLE_NAME ?? '', endpoint });
const poller = new StreamPoller({ endpoint, streamArn: process.env.STREAM_ARN ?? '', handler: (e) => notify(store, e.Records), maxRetries: 1000 });
process.stdout.write('ready\n');
for (;;) {
  await poller.pollOnce();
  await new Promise((r) => setTimeout(r, 50));
}
