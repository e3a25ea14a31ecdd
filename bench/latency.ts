// Issue 17 item 5, email latency on the bench's own stack with the mailer running as
// `npm start` runs it (the stream poller: poll, wait its interval, poll): (a) a request
// created → the careers lead's email in the SES emulator's inbox; (b) the lead's approval
// → the provider's invitation (the email with the .ics). One sample at a time: the clock
// starts when the API has answered (the write is in the table) and stops when a poll of
// the emulator's inbox, every POLL_MS, first holds the email. The floor is the poller's
// own interval: a change written just after a poll waits that long before it is read.
import { performance } from 'node:perf_hooks';
import type { InboxEmail } from '#infra/local/ses.ts';
import type { Fixtures } from './api.ts';
import { BUSY, createCall, createRequests, decisionCall, expectStatus } from './fixtures.ts';
import { http, type HttpCall } from './http.ts';
import { MAILER_INTERVAL_MS, type BenchStack } from './stack.ts';
import { round, summary, type Summary } from './stats.ts';

/** How often the inbox is read while waiting (the measurement's resolution). */
const POLL_MS = 10;
const TIMEOUT_MS = 30_000;

export interface LatencyRow {
  name: string;
  n: number;
  ms: Summary;
  /** p50 and p99 as multiples of the floor (the poller's interval). */
  ratioP50: number;
  ratioP99: number;
}

export interface LatencyResult {
  floorMs: number;
  pollMs: number;
  rows: LatencyRow[];
}

async function inboxSince(endpoint: string, sinceSeconds: number): Promise<InboxEmail[]> {
  const res = await fetch(`${endpoint}/store?since=${sinceSeconds}`);
  return ((await res.json()) as { emails: InboxEmail[] }).emails;
}

/** Milliseconds from the API's answer to the first inbox read holding a new email that `match` accepts. */
async function timeToInbox(stack: BenchStack, call: HttpCall, status: number, match: (e: InboxEmail, answer: unknown) => boolean): Promise<number> {
  const since = Math.floor(Date.now() / 1000) - 1;
  const before = new Set((await inboxSince(stack.ses.endpoint, since)).map((e) => e.messageId));
  const answer = expectStatus(await http(stack.siteUrl, call), status, 'latency sample');
  const t0 = performance.now();
  const body: unknown = answer.json();
  for (;;) {
    const found = (await inboxSince(stack.ses.endpoint, since)).find((e) => !before.has(e.messageId) && match(e, body));
    if (found) return performance.now() - t0;
    if (performance.now() - t0 > TIMEOUT_MS) throw new Error(`latency: no email within ${TIMEOUT_MS} ms of ${call.method} ${call.path}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

const row = (name: string, ms: number[]): LatencyRow => {
  const s = summary(ms);
  return { name, n: ms.length, ms: s, ratioP50: round(s.p50 / MAILER_INTERVAL_MS), ratioP99: round(s.p99 / MAILER_INTERVAL_MS) };
};

export async function emailLatency(stack: BenchStack, f: Fixtures, samples: number, log: (l: string) => void): Promise<LatencyResult> {
  const { siteUrl } = stack;
  // Requests to approve in (b), made first; their emails skipped so they are not waited for.
  const calls = Array.from({ length: samples }, () => createCall(siteUrl, BUSY.urn, f.busyEncounter()));
  const toApprove = await createRequests(siteUrl, calls);
  const providerOf = new Map(toApprove.map((id, i) => [id, (calls[i]?.body as { contact: { email: string } }).contact.email]));
  await stack.skipMail();
  const stop = stack.runMailer();
  const created: number[] = [];
  const approved: number[] = [];
  try {
    const to = (e: InboxEmail, address: string) => e.destination.to.some((t) => t.toLowerCase().includes(address.toLowerCase()));
    for (let i = 0; i < samples; i++) {
      created.push(await timeToInbox(stack, createCall(siteUrl, BUSY.urn, f.busyEncounter()), 201, (e) => to(e, BUSY.lead)));
    }
    for (const id of toApprove) {
      const provider = providerOf.get(id) as string;
      approved.push(await timeToInbox(stack, decisionCall(siteUrl, f.busyLead, id, 'approve'), 200, (e) => to(e, provider) && e.attachments.some((a) => /\.ics$/i.test(a.filename ?? '') || /calendar/i.test(a.contentType ?? ''))));
    }
  } finally {
    await stop();
  }
  const rows = [row("request created → the lead's email", created), row("approval → the provider's invitation", approved)];
  for (const r of rows) log(`  ${r.name.padEnd(38)} p50 ${r.ms.p50.toFixed(0)} ms (${r.ratioP50}× the ${MAILER_INTERVAL_MS} ms floor), p99 ${r.ms.p99.toFixed(0)} ms (${r.ratioP99}×), n ${r.n}`);
  return { floorMs: MAILER_INTERVAL_MS, pollMs: POLL_MS, rows };
}
