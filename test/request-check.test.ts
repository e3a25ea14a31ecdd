// The request form's check (issue 14, item 1): POST /api/schools/{urn}/requests/check runs
// create's own checks on the answers given so far and writes nothing. Each answer the issue
// saw reach "Check your answers" is refused at its own field, with its rule, before a
// request exists; with every answer given, the check refuses exactly what create refuses.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { addDays, dayOfWeek } from '#shared/domain/dates.ts';
import { isSchoolDay } from '#shared/domain/calendar.ts';
import { createStore, type Store } from '#shared/store/client.ts';
import { requestSortKey, schoolPartition, sortKeyBeginsWith } from '#shared/store/keys.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import { markAddressesConfirmed } from './support/confirmation.ts';
import { providerBody, schoolDayAhead } from './support/provider-body.ts';
import { json } from './support/site.ts';
import { startDemoStack } from './support/stack.ts';
import { insideOneWindow, WAITS_FOR_WINDOW } from './support/rate-window.ts';

let stack: LocalStack;
let store: Store;
beforeAll(async () => {
  stack = await startDemoStack();
  store = createStore({ tableName: stack.tableName, endpoint: stack.dynamodb.endpoint });
  await markAddressesConfirmed(store, ['riley.lane@eastmouth-college.example']);
}, 90_000);
afterAll(async () => stack?.stop());

const post = (path: string, body: unknown, ip = '198.51.100.7') =>
  fetch(`${stack.siteUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: stack.siteUrl, 'x-forwarded-for': ip }, body: JSON.stringify(body) });
const check = (body: unknown, ip?: string) => post('/api/schools/990101/requests/check', body, ip);
const create = (body: unknown) => post('/api/schools/990101/requests', body);

/** Every item under the school's request keys: a check must add none. */
async function requestItems(): Promise<number> {
  // The store's own key builders: a request's items (and its events) sort under requestSortKey.
  const out = await store.doc.send(new QueryCommand({ TableName: stack.tableName, ...sortKeyBeginsWith(schoolPartition('990101'), requestSortKey('')), Select: 'COUNT' }));
  return out.Count ?? 0;
}

/** A weekday well ahead that falls between two of the school's terms (a half term or holiday). */
async function holidayWeekday(): Promise<string> {
  const school = await getSchoolProfile(store, '990101');
  let d = addDays(new Date().toISOString().slice(0, 10), 60);
  for (let i = 0; i < 400; i++, d = addDays(d, 1)) if (![0, 6].includes(dayOfWeek(d)) && school && !isSchoolDay(school, d)) return d;
  throw new Error('no holiday weekday found');
}

const nextSaturday = () => {
  let d = addDays(new Date().toISOString().slice(0, 10), 60);
  while (dayOfWeek(d) !== 6) d = addDays(d, 1);
  return d;
};

describe('issue 14, item 1: the check route', () => {
  it('passes the first page alone (a proposed time) and writes nothing', async () => {
    const before = await requestItems();
    const date = await schoolDayAhead(stack, '990101', 60);
    const res = await check({ proposed: { date, start: '10:00', end: '10:45' } });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ ok: true, warnings: [] });
    const whole = await check(providerBody({ proposed: { date, start: '10:00', end: '10:45' } }));
    expect(whole.status, await whole.clone().text()).toBe(200);
    expect(await requestItems()).toBe(before);
  });

  it.each([
    ['Year 7 (R-YEARS)', async () => ({ yearGroups: [7] }), 'yearGroups', 'R-YEARS'],
    ['a Saturday (R-HOURS)', async () => ({ proposed: { date: nextSaturday(), start: '10:00', end: '10:45' } }), 'date', 'R-HOURS'],
    ['a date next week (R-NOTICE)', async () => ({ proposed: { date: await schoolDayAhead(stack, '990101', 7), start: '10:00', end: '10:45' } }), 'date', 'R-NOTICE'],
    ['07:00 (R-HOURS)', async () => ({ proposed: { date: await schoolDayAhead(stack, '990101', 60), start: '07:00', end: '07:45' } }), 'start', 'R-HOURS'],
    ['a session shorter than the school minimum (R-REASONABLE)', async () => ({ proposed: { date: await schoolDayAhead(stack, '990101', 60), start: '10:00', end: '10:15' } }), 'end', 'R-REASONABLE'],
    ['a half-term date (R-HOURS)', async () => ({ proposed: { date: await holidayWeekday(), start: '10:00', end: '10:45' } }), 'date', 'R-HOURS'],
    ['no safeguarding confirmation (P-DETAILS)', async () => ({ safeguardingAgreed: false }), 'safeguardingAgreed', 'P-DETAILS'],
    ['a content item not confirmed (R-CONTENT)', async () => ({ content: { provider: true, careers: false, learning: true, questions: true } }), 'content.careers', 'R-CONTENT'],
  ])('stops %s at its own field, and at no field not yet answered', async (_name, answers, field, rule) => {
    const res = await check(await answers());
    const body = await json(res);
    expect(res.status, JSON.stringify(body)).toBe(422);
    expect(Object.keys(body.error.fields)).toEqual([field]);
    expect(body.error.rules[field]).toContain(rule);
  });

  it('with every answer given, refuses exactly what create refuses', async () => {
    const date = await schoolDayAhead(stack, '990101', 60);
    const bodies = [
      providerBody({ yearGroups: [7, 10], proposed: { date: nextSaturday(), start: '07:00', end: '07:45' }, safeguardingAgreed: false }),
      providerBody({ proposed: { date, start: '10:00', end: '10:45' }, content: { provider: false, careers: false, learning: true, questions: true } }),
      providerBody({ slot: { opportunityId: 'no-such-opportunity', date } }),
      providerBody({ proposed: { date, start: '13:00', end: '13:15' } }),
    ];
    for (const b of bodies) {
      const [c, made] = await Promise.all([check(b), create(b)]);
      expect(c.status).toBe(422);
      expect(made.status).toBe(422);
      expect(await json(c)).toEqual(await json(made));
    }
  });

  it('parses each answer as create does: a bad one is 400 with its field, an unknown one is refused', async () => {
    const bad = await check({ proposed: { date: '2027-02-30', start: '10:00', end: '10:45' } });
    expect(bad.status).toBe(400);
    expect(Object.keys((await json(bad)).error.fields)).toEqual(['proposed.date']);
    const both = await check({ slot: { opportunityId: 'x', date: '2027-03-03' }, proposed: { date: '2027-03-03', start: '10:00', end: '10:45' } });
    expect(both.status).toBe(400);
    const unknown = await check({ favouriteColour: 'teal' });
    expect((await json(unknown)).error.code).toBe('UNKNOWN_FIELD');
    const school = await post('/api/schools/999999/requests/check', { yearGroups: [9] });
    expect(school.status).toBe(404);
  });

  it('is rate-limited per address like create: the 101st check of one mailbox in an hour is 429', WAITS_FOR_WINDOW, async () => {
    await insideOneWindow();
    const answers = { contact: { name: 'Pat Check', email: 'pat+form@limits.example', phone: '01632 960100' } };
    for (let i = 0; i < 100; i++) expect((await check({ ...answers, contact: { ...answers.contact, email: i % 2 ? 'pat@limits.example' : 'pat+form@limits.example' } }, `203.0.113.${i}`)).status).toBe(200);
    const refused = await check(answers, '203.0.113.200');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
