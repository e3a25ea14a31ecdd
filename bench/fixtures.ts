// What the bench's calls need: signed-in sessions, request bodies with unique contacts and
// client addresses (so rate limits never refuse a bench call), and encounter times that
// never overlap (so every approval succeeds), on the demo trust's schools.
import { randomBytes } from 'node:crypto';
import { isSchoolDay } from '#shared/domain/calendar.ts';
import { addDays, dayOfWeek } from '#shared/domain/dates.ts';
import type { Store } from '#shared/store/client.ts';
import { recordConfirmedAddresses } from '#shared/store/confirmed-addresses.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import { createSession } from '#shared/store/sessions.ts';
import { ORIGIN_HEADER, VIEWER_ADDRESS_HEADER } from '#shared/http/client-ip.ts';
import { SESSION_COOKIE } from '#shared/http/session.ts';
import { providerBody } from '#test/support/provider-body.ts';
import { http, type HttpAnswer, type HttpCall } from './http.ts';

/** The school whose screens are measured (11–16), the one that takes the bulk of writes (11–18), and one with slots to book. */
export const SHOWCASE = { urn: '990101', lead: 'careers.lead@harbourview.example', trust: 'northfield-learning-trust' };
export const BUSY = { urn: '990102', lead: 'careers@kingsmead.example', years: [8, 9, 10, 11, 12, 13] };
export const SLOTTED = { urn: '990103', opportunityId: 'y8-options-talk', weekday: 5 };
export const PROVIDER = 'riley.lane@eastmouth-college.example';

export async function sessionCookie(store: Store, kind: 'staff' | 'provider', email: string): Promise<string> {
  return `${SESSION_COOKIE}=${(await createSession(store, kind, email)).secret}`;
}

/** The school days of a school (Monday to Thursday) from `daysAhead` on. */
export async function schoolDays(store: Store, urn: string, daysAhead: number, count: number, weekdays = [1, 2, 3, 4]): Promise<string[]> {
  const school = await getSchoolProfile(store, urn);
  if (!school) throw new Error(`no school ${urn}`);
  const days: string[] = [];
  const today = new Date().toISOString().slice(0, 10);
  // Within the booking window (365 days by default), with a margin.
  const last = addDays(today, Math.max(daysAhead, school.rules.bookingWindowDays - 10));
  let d = addDays(today, daysAhead);
  for (; d <= last && days.length < count; d = addDays(d, 1)) {
    if (weekdays.includes(dayOfWeek(d)) && isSchoolDay(school, d)) days.push(d);
  }
  return days;
}

export interface Encounter {
  date: string;
  start: string;
  end: string;
  yearGroup: number;
}

const TIMES = [
  ['09:00', '09:30'],
  ['10:00', '10:30'],
  ['11:00', '11:30'],
  ['13:00', '13:30'],
  ['14:00', '14:30'],
] as const;

/** Encounters that never overlap one another for a year group: each can be approved. */
export function encounters(days: readonly string[], years: readonly number[]): () => Encounter {
  let i = 0;
  return () => {
    const perDay = TIMES.length * years.length;
    const day = days[Math.floor(i / perDay)];
    if (!day) throw new Error('ran out of bench encounter times: ask for more school days');
    const within = i % perDay;
    const [start, end] = TIMES[within % TIMES.length] as readonly [string, string];
    const yearGroup = years[Math.floor(within / TIMES.length)] as number;
    i++;
    return { date: day, start, end, yearGroup };
  };
}

let serial = 0;

/**
 * The bench client stands in for CloudFront (as the tests do, test/support/cloudfront.ts):
 * its stack accepts this origin secret, so the viewer address it sends is believed.
 */
export const BENCH_ORIGIN_SECRET = randomBytes(32).toString('base64url');

/**
 * The bench's providers are returning ones (issue 12, item 2): each address has confirmed a
 * request before, so every creation is the full write a school sees, as most are. A pool of
 * mailboxes, marked confirmed before anything is timed; caller n writes from mailbox
 * n % RETURNING_PROVIDERS, so none reaches the per-address limit (20 an hour) while the
 * bench makes fewer than 20 × RETURNING_PROVIDERS requests.
 */
export const RETURNING_PROVIDERS = 1000;
const benchAddress = (k: number) => `bench.${k}@provider${k % 97}.example`;

export async function markReturningProviders(store: Store): Promise<void> {
  await recordConfirmedAddresses(store, Array.from({ length: RETURNING_PROVIDERS }, (_, k) => benchAddress(k)));
}

/** A caller of its own: contact email (a returning provider's), client address (CloudFront-Viewer-Address, with the origin secret) and Idempotency-Key. */
export function caller() {
  const n = serial++;
  if (n >= 20 * RETURNING_PROVIDERS) throw new Error(`the bench made ${n} requests: raise RETURNING_PROVIDERS so no address passes the per-address limit`);
  return {
    email: benchAddress(n % RETURNING_PROVIDERS),
    headers: {
      [ORIGIN_HEADER]: BENCH_ORIGIN_SECRET,
      [VIEWER_ADDRESS_HEADER]: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}:443`,
      'idempotency-key': `bench-${process.pid}-${n}-${Date.now().toString(36)}`,
    },
  };
}

/** POST /api/schools/{urn}/requests for a proposed time, as the request page sends it (with an Idempotency-Key). */
export function createCall(siteUrl: string, urn: string, when: Encounter, email?: string): HttpCall {
  const who = caller();
  const contactEmail = email ?? who.email;
  return {
    method: 'POST',
    path: `/api/schools/${urn}/requests`,
    headers: { origin: siteUrl, ...who.headers },
    body: providerBody({
      proposed: { date: when.date, start: when.start, end: when.end },
      yearGroups: [when.yearGroup],
      contact: { name: 'Sam Provider', email: contactEmail, phone: '01632 960111' },
    }),
  };
}

/** The same for a published slot. */
export function createSlotCall(siteUrl: string, urn: string, opportunityId: string, date: string, yearGroup: number): HttpCall {
  const who = caller();
  return {
    method: 'POST',
    path: `/api/schools/${urn}/requests`,
    headers: { origin: siteUrl, ...who.headers },
    body: providerBody({ slot: { opportunityId, date }, yearGroups: [yearGroup], contact: { name: 'Sam Provider', email: who.email, phone: '01632 960111' } }),
  };
}

export function expectStatus(answer: HttpAnswer, status: number, what: string): HttpAnswer {
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status}: ${answer.body.toString('utf8').slice(0, 400)}`);
  return answer;
}

/** Creates requests (a few at a time) and returns their ids. */
export async function createRequests(siteUrl: string, calls: HttpCall[], concurrency = 4): Promise<string[]> {
  const ids: string[] = new Array<string>(calls.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls.length) {
        const i = next++;
        const answer = expectStatus(await http(siteUrl, calls[i] as HttpCall), 201, 'create request');
        ids[i] = answer.json<{ request: { id: string } }>().request.id;
      }
    }),
  );
  return ids;
}

export function decisionCall(siteUrl: string, cookie: string, id: string, action: 'approve' | 'decline'): HttpCall {
  return {
    method: 'POST',
    path: `/api/manage/requests/${id}/${action}`,
    headers: { origin: siteUrl, cookie },
    body: action === 'decline' ? { reason: 'The date clashes with mock examinations' } : {},
  };
}
