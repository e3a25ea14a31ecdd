// Exports on a test table through the local server: the encounters CSV (one row per
// encounter, the columns a careers hub records, quoting and formula cells neutralised,
// read back by an independent parser) and the private calendar feed (secret address,
// rotation, stable UIDs and VTIMEZONE, read by ical.js).
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '#shared/domain/dates.ts';
import { demoSchool } from '#shared/domain/test-fixtures.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import { SESSION_COOKIE } from '#shared/http/session.ts';
import type { Store } from '#shared/store/client.ts';
import { calendarFeedKey } from '#shared/store/calendar-feeds.ts';
import { requestItem } from '#shared/store/requests.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import { putSchoolProfile } from '#shared/store/schools.ts';
import { createSession } from '#shared/store/sessions.ts';
import { putStaffRole } from '#shared/store/staff.ts';
import { CSV_COLUMNS } from '#shared/usecases/exports.ts';
import { sampleRequest } from './support/requests.ts';
import { json, startTestSite, type TestSite } from './support/site.ts';
import { createTestTable } from './support/table.ts';

const URN = '990401';
const ALL_FOUR = { provider: true, careers: true, learning: true, questions: true };
let store: Store;
let site: TestSite;
let lead: string;
let other: string;

let seq = 0;
function encounter(over: Partial<StoredRequest> & { date: string; status: StoredRequest['status'] }, content = ALL_FOUR): StoredRequest {
  const r = sampleRequest({ id: `01J1000000000000000000${String(++seq).padStart(4, '0')}`, urn: URN, start: '10:00', end: '11:00', yearGroups: [10], ...over });
  return over.status === 'delivered' ? { ...r, delivery: { content, attendance: r.yearGroups.map((y) => ({ yearGroup: y, pupils: 120 + y })), recordedAt: `${r.date}T15:00:00+00:00` } } : r;
}

const HOSTILE = ['=HYPERLINK("http://evil.example","Click")', '+44 Training', '-1 Apprenticeships', '@SUM(A1:A9)', '\tTabbed College', '\rReturn College'];
const ROWS: StoredRequest[] = [
  encounter({ date: '2026-03-04', status: 'delivered', yearGroups: [9, 10] }), //                      eligible
  encounter({ date: '2026-03-05', status: 'delivered', provider: { organisation: 'Smith, Jones & "Partners"', type: 'employer_provider' } }), // no UKPRN; quoting
  encounter({ date: '2026-03-06', status: 'delivered' }, { ...ALL_FOUR, questions: false }), //        not all four items
  encounter({ date: '2026-03-09', status: 'delivered', yearGroups: [7, 8] }), //                     Year 7 is not provider access
  encounter({ date: '2026-03-10', status: 'delivered', start: '15:30', end: '16:30' }), //           after the school day
  encounter({ date: '2026-06-10', status: 'approved' }), //                                          still to come
  ...HOSTILE.map((organisation, i) => encounter({ date: `2026-04-${String(20 + i).padStart(2, '0')}`, status: 'approved', provider: { organisation, type: 'fe_college', ukprn: '10009999' } })),
  encounter({ date: '2026-03-11', status: 'declined' }), //                                          not an encounter
  encounter({ date: '2026-03-12', status: 'pending' }), //                                           not an encounter
  encounter({ date: '2025-07-01', status: 'delivered' }), //                                         before the range asked for
];

beforeAll(async () => {
  const table = await createTestTable('exports');
  store = table.store;
  site = await startTestSite(table);
  await putSchoolProfile(store, demoSchool({ urn: URN, name: 'Export Academy' }));
  await putSchoolProfile(store, demoSchool({ urn: '990402', name: 'Other Academy' }));
  for (const r of ROWS) await store.doc.send(new PutCommand({ TableName: store.tableName, Item: requestItem(r) }));
  await putStaffRole(store, { urn: URN, email: 'lead@export.example', name: 'Lead', role: 'careers_lead' });
  await putStaffRole(store, { urn: '990402', email: 'lead@other.example', name: 'Other', role: 'careers_lead' });
  lead = `${SESSION_COOKIE}=${(await createSession(store, 'staff', 'lead@export.example')).secret}`;
  other = `${SESSION_COOKIE}=${(await createSession(store, 'staff', 'lead@other.example')).secret}`;
}, 60_000);
afterAll(async () => site?.stop());

const get = (path: string, cookie?: string) => fetch(`${site.url}${path}`, { headers: cookie ? { cookie } : {} });
const post = (path: string, cookie?: string) => fetch(`${site.url}${path}`, { method: 'POST', headers: { origin: site.url, ...(cookie ? { cookie } : {}) } });

describe('encounters CSV', () => {
  it('one row per encounter in the range, the hub columns, quoted, formulas neutralised, as a download', async () => {
    const res = await get(`/api/manage/schools/${URN}/encounters.csv?from=2025-09-01&to=2026-08-31`, lead);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="encounters-${URN}-2025-09-01-to-2026-08-31.csv"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: spreadsheet programs read UTF-8
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('\r\n');
    const [header, ...rows] = parse(text, { bom: true, relax_quotes: false }) as string[][];
    expect(header).toEqual([...CSV_COLUMNS]);
    // 6 + 6 hostile approved ones; not the declined, the pending, or the one before the range.
    expect(rows).toHaveLength(12);
    const row = (date: string) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows.find((r) => r[0] === date)?.[i]]));

    expect(row('2026-03-04')).toEqual({
      Date: '2026-03-04',
      Start: '10:00',
      End: '11:00',
      Provider: 'Eastmouth College',
      'Provider type': 'further education college',
      UKPRN: '10001234',
      'Year groups': 'Years 9 and 10',
      'Session type': 'assembly',
      Delivered: 'yes',
      'Four items confirmed': 'yes',
      Attendance: 'Year 9: 129; Year 10: 130',
      'Eligible provider access encounter': 'yes',
    });
    expect(row('2026-03-05')).toMatchObject({ Provider: 'Smith, Jones & "Partners"', UKPRN: '', 'Eligible provider access encounter': 'yes' });
    expect(row('2026-03-06')).toMatchObject({ Delivered: 'yes', 'Four items confirmed': 'no', 'Eligible provider access encounter': 'no' });
    expect(row('2026-03-09')).toMatchObject({ 'Year groups': 'Years 7 and 8', 'Eligible provider access encounter': 'no' });
    expect(row('2026-03-10')).toMatchObject({ Start: '15:30', 'Eligible provider access encounter': 'no' });
    expect(row('2026-06-10')).toMatchObject({ Delivered: 'no', 'Four items confirmed': 'no', Attendance: '', 'Eligible provider access encounter': 'no' });
    // Every cell that a spreadsheet would run as a formula starts with a single quote.
    const providersOut = HOSTILE.map((_, i) => row(`2026-04-${String(20 + i).padStart(2, '0')}`).Provider);
    expect(providersOut).toEqual(HOSTILE.map((h) => `'${h}`));
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('the current academic year by default; refuses a reversed or too long range; staff of the school only', async () => {
    expect((await get(`/api/manage/schools/${URN}/encounters.csv`, lead)).status).toBe(200);
    const reversed = await get(`/api/manage/schools/${URN}/encounters.csv?from=2026-08-31&to=2025-09-01`, lead);
    expect(reversed.status).toBe(400);
    expect((await json(reversed)).error.code).toBe('DATE_RANGE_REVERSED');
    expect((await json(await get(`/api/manage/schools/${URN}/encounters.csv?from=2020-09-01&to=2026-08-31`, lead))).error.code).toBe('DATE_RANGE_TOO_LONG');
    expect((await get(`/api/manage/schools/${URN}/encounters.csv?from=2026-02-30`, lead)).status).toBe(400);
    expect((await get(`/api/manage/schools/${URN}/encounters.csv`)).status).toBe(401);
    expect((await get(`/api/manage/schools/${URN}/encounters.csv`, other)).status).toBe(403);
  });
});

describe('private calendar feed', () => {
  // Encounters of the other school, dated from today: the feed reaches a year back and two ahead.
  const today = londonDate(new Date().toISOString());
  const FEED_URN = '990402';
  const feedRows = [
    encounter({ urn: FEED_URN, date: addDays(today, 30), status: 'approved', calendarSequence: 2 }),
    encounter({ urn: FEED_URN, date: addDays(today, -10), status: 'delivered' }),
    encounter({ urn: FEED_URN, date: addDays(today, 60), status: 'declined' }),
    encounter({ urn: FEED_URN, date: addDays(today, -400), status: 'delivered' }),
  ];

  it('a secret address, given once and stored only as a hash; rotating it ends the old one', async () => {
    for (const r of feedRows) await store.doc.send(new PutCommand({ TableName: store.tableName, Item: requestItem(r) }));
    expect((await post(`/api/manage/schools/${FEED_URN}/calendar-feed`)).status).toBe(401);
    expect((await post(`/api/manage/schools/${FEED_URN}/calendar-feed`, lead)).status).toBe(403);
    const made = await post(`/api/manage/schools/${FEED_URN}/calendar-feed`, other);
    expect(made.status).toBe(201);
    const { url } = await json(made);
    expect(url).toMatch(new RegExp(`^${site.url}/api/schools/${FEED_URN}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    const secret = /calendar\/(.+)\.ics$/.exec(url)?.[1] ?? '';
    const stored = (await store.doc.send(new GetCommand({ TableName: store.tableName, Key: calendarFeedKey({ urn: FEED_URN }) }))).Item;
    expect(stored?.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(secret);

    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const cal = new ICAL.Component(ICAL.parse(await feed.text()));
    expect(cal.getFirstPropertyValue('method')).toBeNull();
    expect(cal.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/London');
    const events = cal.getAllSubcomponents('vevent');
    // The approved one ahead and the delivered one just gone; not the declined, not the one 400 days back.
    expect(events.map((e) => String(e.getFirstPropertyValue('uid'))).sort()).toEqual([feedRows[0]!.id, feedRows[1]!.id].map((id) => `${id}@provider-access`).sort());
    const ahead = events.find((e) => String(e.getFirstPropertyValue('uid')).startsWith(feedRows[0]!.id))!;
    expect(ahead.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/London');
    expect(String(ahead.getFirstPropertyValue('dtstart'))).toBe(`${feedRows[0]!.date}T10:00:00`);
    expect(Number(ahead.getFirstPropertyValue('sequence'))).toBe(2);

    const rotated = await json(await post(`/api/manage/schools/${FEED_URN}/calendar-feed`, other));
    expect(rotated.url).not.toBe(url);
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(rotated.url)).status).toBe(200);
    expect((await fetch(`${site.url}/api/schools/${URN}/calendar/${/calendar\/(.+)$/.exec(rotated.url)?.[1]}`)).status).toBe(404);
    expect((await fetch(`${site.url}/api/schools/${FEED_URN}/calendar/short.ics`)).status).toBe(400);
  });
});
