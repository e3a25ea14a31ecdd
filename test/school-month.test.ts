// The month calendar (issue 14, item 4) on DynamoDB Local, through its two routes: each
// date of a month is closed with the reason the school's calendar gives (weekend, bank
// holiday, school holiday, INSET, exam closure, no sessions that weekday) or a school day
// with its open slots and places left; filters by year group and opportunity; months
// bounded by today and the booking window; a bad month is a 400 at query.month. The
// staff's month shows the encounters already approved for the year groups asked about.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankHolidayOn, bankHolidays } from '#shared/domain/bank-holidays.ts';
import { addDays, dayOfWeek, isWeekend } from '#shared/domain/dates.ts';
import { monthOf, monthRange, shiftMonth } from '#shared/domain/school-month.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import type { School } from '#shared/domain/types.ts';
import { getSchoolProfile, putSchoolProfile } from '#shared/store/schools.ts';
import { markAddressesConfirmed } from './support/confirmation.ts';
import { startInProcessStack, type InProcessStack } from './support/in-process-stack.ts';
import { providerBody } from './support/provider-body.ts';
import type { Json } from './support/site.ts';

const URN = '990101';
const LEAD = 'careers.lead@harbourview.example';
let stack: InProcessStack;
let staffCookie: string;

const today = londonDate(new Date().toISOString());
/** Two months ahead: every date is past the 30 days' notice and inside the year's window. */
const MONTH = shiftMonth(monthOf(today), 2);
const { first, last } = monthRange(MONTH);
const weekdays = (() => {
  const out: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) if (!isWeekend(d) && !bankHolidayOn(d)) out.push(d);
  return out;
})();
/** The calendar the test gives Harbour View: a term ending on the 24th, an INSET day, two exam days, no Friday sessions. */
const INSET = weekdays.find((d) => dayOfWeek(d) === 3) ?? '';
const EXAMS = (() => {
  const monday = weekdays.find((d) => d > INSET && dayOfWeek(d) === 1 && weekdays.includes(addDays(d, 1))) ?? '';
  return [monday, addDays(monday, 1)];
})();
const TERM_END = `${MONTH}-24`;

type Day = { date: string; closed?: { kind: string; label: string }; availability?: string; session?: { start: string; end: string }; slots: { opportunityId: string; placesLeft: number; capacity: number; yearGroups: number[] }[]; approved?: { start: string; end: string; yearGroups: number[]; requestId: string }[] };
type Month = { month: string; previous?: string; next?: string; bookableFrom: string; bookableTo: string; days: Day[] };

beforeAll(async () => {
  stack = await startInProcessStack('school-month');
  const school = (await getSchoolProfile(stack.store, URN)) as School;
  await putSchoolProfile(stack.store, {
    ...school,
    calendar: {
      schoolDay: { mon: { start: '08:40', end: '15:10' }, tue: { start: '08:40', end: '15:10' }, wed: { start: '08:40', end: '15:10' }, thu: { start: '08:40', end: '15:10' } },
      terms: [{ name: 'Test term', start: addDays(today, 1), end: TERM_END }],
      closures: [
        { start: INSET, end: INSET, reason: 'INSET', note: 'Staff training day' },
        { start: EXAMS[0] ?? '', end: EXAMS[1] ?? '', reason: 'EXAMS', note: 'Year 11 mocks' },
      ],
    },
  });
  await markAddressesConfirmed(stack.store, ['riley.lane@eastmouth-college.example']);
  staffCookie = await stack.sessionFor('staff', LEAD);
}, 90_000);
afterAll(async () => stack?.stop());

async function month(query: string, cookies: string[] = []): Promise<{ status: number; body: Json }> {
  const url = cookies.length ? `/api/manage/schools/${URN}/calendar?${query}` : `/api/schools/${URN}/calendar?${query}`;
  const res = await stack.api({ method: 'GET', url, cookies });
  return { status: res.status, body: res.json() as Json };
}
const calendar = async (query: string, cookies: string[] = []): Promise<Month> => {
  const res = await month(query, cookies);
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
  return res.body.calendar as Month;
};
const dayOf = (m: Month, date: string): Day => m.days.find((d) => d.date === date) as Day;

describe('GET /api/schools/{urn}/calendar (R-HOURS, R-NOTICE, P-SLOT)', () => {
  it('answers every date of the month, each shut day with the reason its calendar gives', async () => {
    const m = await calendar(`month=${MONTH}`);
    expect(m.days.map((d) => d.date)).toEqual(Array.from({ length: Number(last.slice(8)) }, (_, i) => addDays(first, i)));
    for (const d of m.days) {
      if (isWeekend(d.date)) expect(d.closed, d.date).toEqual({ kind: 'WEEKEND', label: 'Weekend' });
      else if (bankHolidayOn(d.date)) expect(d.closed, d.date).toEqual({ kind: 'BANK_HOLIDAY', label: `Bank holiday: ${bankHolidayOn(d.date)?.name}` });
      else if (d.date > TERM_END) expect(d.closed, d.date).toEqual({ kind: 'HOLIDAY', label: 'School holiday' });
      else if (d.date === INSET) expect(d.closed).toEqual({ kind: 'INSET', label: 'INSET day: Staff training day' });
      else if (EXAMS.includes(d.date)) expect(d.closed).toEqual({ kind: 'EXAMS', label: 'Exam closure: Year 11 mocks' });
      else if (dayOfWeek(d.date) === 5) expect(d.closed).toEqual({ kind: 'NO_SESSIONS', label: 'No sessions on Fridays' });
      else {
        expect(d.closed, d.date).toBeUndefined();
        expect(d.session).toEqual({ start: '08:40', end: '15:10' });
        expect(d.availability).toBe('open');
      }
      if (d.closed) expect(d.slots).toEqual([]);
    }
    // Harbour View's Tuesday Year 10 assembly and Thursday Year 8 PSHE, on each open school day of their weekday.
    const open = m.days.filter((d) => !d.closed);
    expect(open.filter((d) => dayOfWeek(d.date) === 2).every((d) => d.slots.some((s) => s.opportunityId === 'y10-assembly' && s.placesLeft === 1 && s.capacity === 1))).toBe(true);
    expect(open.filter((d) => dayOfWeek(d.date) === 4).every((d) => d.slots.some((s) => s.opportunityId === 'y8-pshe' && s.placesLeft === 2))).toBe(true);
    expect(m.previous).toBe(shiftMonth(MONTH, -1));
    expect(m.next).toBe(shiftMonth(MONTH, 1));
  });

  it('filters the slots by year group and by opportunity; closures stay', async () => {
    const y8 = await calendar(`month=${MONTH}&yearGroup=8`);
    const slots8 = y8.days.flatMap((d) => d.slots);
    expect(slots8.length).toBeGreaterThan(0);
    expect(slots8.every((s) => s.opportunityId === 'y8-pshe' && s.yearGroups.includes(8))).toBe(true);
    expect(dayOf(y8, INSET).closed?.kind).toBe('INSET');
    const assembly = await calendar(`month=${MONTH}&opportunity=y10-assembly`);
    expect(assembly.days.flatMap((d) => d.slots).every((s) => s.opportunityId === 'y10-assembly')).toBe(true);
    expect((await calendar(`month=${MONTH}&yearGroup=12`)).days.flatMap((d) => d.slots)).toEqual([]);
  });

  it("this month: days before the school's notice hold no slots and say why; there is no earlier month", async () => {
    const m = await calendar(`month=${monthOf(today)}`);
    expect(m.previous).toBeUndefined();
    expect(m.bookableFrom).toBe(addDays(today, 30));
    // Without a month: the month of the first date a request may name.
    expect((await calendar('')).month).toBe(monthOf(addDays(today, 30)));
    for (const d of m.days.filter((x) => !x.closed)) {
      expect(d.availability, d.date).toBe(d.date <= today ? 'past' : d.date < m.bookableFrom ? 'notice' : 'open');
      if (d.availability !== 'open') expect(d.slots).toEqual([]);
    }
  });

  it('names the bank holiday the month has', async () => {
    const next = [...bankHolidays(Number(today.slice(0, 4))), ...bankHolidays(Number(today.slice(0, 4)) + 1)].find((b) => b.date > today && !isWeekend(b.date));
    if (!next) throw new Error('no bank holiday ahead');
    const m = await calendar(`month=${monthOf(next.date)}`);
    expect(dayOf(m, next.date).closed).toEqual({ kind: 'BANK_HOLIDAY', label: `Bank holiday: ${next.name}` });
  });

  it('refuses a month it cannot read or that is outside today to the booking window, at query.month (400)', async () => {
    for (const bad of ['2027-13', '2027-1', 'May', '']) {
      const res = await month(`month=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.fields).toHaveProperty(['query.month']);
    }
    for (const outside of [shiftMonth(monthOf(today), -1), shiftMonth(monthOf(today), 13)]) {
      const res = await month(`month=${outside}`);
      expect(res.status, outside).toBe(400);
      expect(res.body.error.code).toBe('MONTH_OUT_OF_RANGE');
      expect(res.body.error.fields).toHaveProperty(['query.month']);
    }
    const year7 = await month(`month=${MONTH}&yearGroup=7`);
    expect(year7.status).toBe(400);
    expect(year7.body.error.fields).toHaveProperty(['query.yearGroup']);
    expect((await month(`month=${MONTH}&colour=red`)).status).toBe(400);
    expect((await stack.api({ method: 'GET', url: `/api/schools/123456/calendar?month=${MONTH}` })).status).toBe(404);
  });
});

describe('GET /api/manage/schools/{urn}/calendar (staff)', () => {
  it('shows a booked slot with fewer places, and the encounter once approved, only for its year groups', async () => {
    const tuesday = (await calendar(`month=${MONTH}`)).days.find((d) => dayOfWeek(d.date) === 2 && d.slots.length > 0)?.date ?? '';
    const created = await stack.api({
      method: 'POST',
      url: `/api/schools/${URN}/requests`,
      headers: { 'idempotency-key': 'school-month-0001' },
      body: providerBody({ slot: { opportunityId: 'y10-assembly', date: tuesday } }),
    });
    expect(created.status, created.text.slice(0, 300)).toBe(201);
    const id = String((created.json() as { request: { id: string } }).request.id);
    // P-SLOT: a waiting request holds its place.
    expect(dayOf(await calendar(`month=${MONTH}`), tuesday).slots.find((s) => s.opportunityId === 'y10-assembly')?.placesLeft).toBe(0);

    const approved = await stack.api({ method: 'POST', url: `/api/manage/requests/${id}/approve`, cookies: [staffCookie], body: {} });
    expect(approved.status, approved.text.slice(0, 300)).toBe(200);
    const y10 = await calendar(`month=${MONTH}&yearGroups=10,11`, [staffCookie]);
    expect(dayOf(y10, tuesday).approved).toEqual([{ start: '08:50', end: '09:20', yearGroups: [10], requestId: id }]);
    expect(y10.days.filter((d) => d.date !== tuesday).every((d) => (d.approved ?? []).length === 0)).toBe(true);
    // The school waives its own notice: every school day from tomorrow is open to propose.
    expect(y10.bookableFrom).toBe(addDays(today, 1));
    const y8 = await calendar(`month=${MONTH}&yearGroups=8`, [staffCookie]);
    expect(dayOf(y8, tuesday).approved).toEqual([]);
    expect(y8.days.flatMap((d) => d.slots).every((s) => s.yearGroups.includes(8))).toBe(true);
    expect(dayOf(y8, INSET).closed?.label).toBe('INSET day: Staff training day');
  });

  it('needs a session of the school’s staff, and refuses year groups outside 8–13 at query.yearGroups', async () => {
    expect((await stack.api({ method: 'GET', url: `/api/manage/schools/${URN}/calendar?month=${MONTH}` })).status).toBe(401);
    const other = await stack.api({ method: 'GET', url: `/api/manage/schools/990102/calendar?month=${MONTH}`, cookies: [staffCookie] });
    expect(other.status).toBe(403);
    const bad = await month(`month=${MONTH}&yearGroups=7,10`, [staffCookie]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty(['query.yearGroups']);
  });
});
