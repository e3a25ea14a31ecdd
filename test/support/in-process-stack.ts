// The product without its HTTP hop: a test table on the run's DynamoDB Local with the demo
// data, an SES emulator, the handlers called in this process (test/support/in-process.ts),
// and the mailer (functions/notify.ts) fed by the real stream poller when a test asks for
// the mail to go out. Seconds to start, so fuzzing and security journeys stay cheap.
import { StreamPoller } from '#infra/local/stream-poller.ts';
import { readInbox, startSesEmulator, type InboxEmail, type RunningSes } from '#infra/local/ses.ts';
import { seedDemo } from '#infra/local/seed.ts';
import { LOCAL_IMPORT_BUCKET } from '#infra/local/s3.ts';
import { notify } from '#functions/notify.ts';
import { isSchoolDay } from '#shared/domain/calendar.ts';
import { addDays, dayOfWeek } from '#shared/domain/dates.ts';
import type { Store } from '#shared/store/client.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import { createSession } from '#shared/store/sessions.ts';
import { SESSION_COOKIE } from '#shared/http/session.ts';
import { call, type Answer, type Call } from './in-process.ts';
import { createTestTable, useTableForFunctions, type TestTable } from './table.ts';

/** The site the functions believe they serve (links in emails; the Origin they accept). */
export const SITE_URL = 'http://localhost:3000';

export interface InProcessStack {
  table: TestTable;
  store: Store;
  ses: RunningSes;
  /** A call with the site's Origin and JSON content type unless the call says otherwise. */
  api: (c: Call) => Promise<Answer>;
  /** Runs the mailer over everything new on the stream until nothing is left. */
  deliverMail: () => Promise<number>;
  inbox: () => Promise<InboxEmail[]>;
  /** A session cookie ('__Host-pa_session=…') made directly in the table, for a given person. */
  sessionFor: (kind: 'staff' | 'provider', email: string) => Promise<string>;
  stop: () => Promise<void>;
}

export async function startInProcessStack(prefix: string, options: { seed?: boolean } = {}): Promise<InProcessStack> {
  const table = await createTestTable(prefix);
  useTableForFunctions(table);
  process.env.SITE_URL = SITE_URL;
  // The imports bucket's name, as CDK gives the upload function (issue 17, item 1): signing an
  // upload address needs no S3 server, and the in-process tests never upload (the browser
  // test of the upload runs the local S3 server).
  process.env.IMPORT_BUCKET ??= LOCAL_IMPORT_BUCKET;
  const ses = await startSesEmulator();
  process.env.SES_ENDPOINT = ses.endpoint;
  if (options.seed ?? true) await seedDemo(table.store);
  const poller = new StreamPoller({ endpoint: table.endpoint, streamArn: table.streamArn, handler: (e) => notify(table.store, e.Records), maxRetries: 50 });

  let ip = 0;
  const api = (c: Call) =>
    call({
      ...c,
      // A fresh client address per call, so the per-IP rate limits never get in the way.
      sourceIp: c.sourceIp ?? `10.9.${Math.floor(ip / 250) % 250}.${ip++ % 250}`,
      headers: { origin: SITE_URL, ...(c.body !== undefined && typeof c.body !== 'string' ? { 'content-type': 'application/json' } : {}), ...c.headers },
    });

  return {
    table,
    store: table.store,
    ses,
    api,
    deliverMail: async () => {
      let total = 0;
      for (let idle = 0, rounds = 0; idle < 2 && rounds < 200; rounds++) {
        const n = await poller.pollOnce();
        total += n;
        idle = n === 0 ? idle + 1 : 0;
      }
      return total;
    },
    inbox: () => readInbox(ses.endpoint),
    sessionFor: async (kind, email) => `${SESSION_COOKIE}=${(await createSession(table.store, kind, email)).secret}`,
    stop: async () => {
      await poller.stop();
      await ses.stop();
    },
  };
}

/** The token in a link of an email's text part, e.g. `tokenIn(mail, /\/actions\/([\w-]+)/)`. */
export function tokenIn(email: InboxEmail, pattern: RegExp): string {
  const m = pattern.exec(email.body.text ?? '');
  if (!m?.[1]) throw new Error(`No link matching ${pattern} in: ${email.body.text}`);
  return m[1];
}

/** The first `count` school days of a school at least `daysAhead` days from today on a weekday (0 = Sunday). */
export async function schoolDays(store: Store, urn: string, daysAhead: number, weekday: number, count: number): Promise<string[]> {
  const school = await getSchoolProfile(store, urn);
  if (!school) throw new Error(`no school ${urn}`);
  const found: string[] = [];
  let d = addDays(new Date().toISOString().slice(0, 10), daysAhead);
  for (let i = 0; i < 400 && found.length < count; i++, d = addDays(d, 1)) if (dayOfWeek(d) === weekday && isSchoolDay(school, d)) found.push(d);
  if (found.length < count) throw new Error('not enough school days found');
  return found;
}

/** The first school day of a school at least `daysAhead` days from today on a weekday (0 = Sunday). */
export async function schoolDay(store: Store, urn: string, daysAhead: number, weekday = 3): Promise<string> {
  return (await schoolDays(store, urn, daysAhead, weekday, 1))[0] ?? '';
}
