import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSchoolDay, responseDeadline } from './calendar.ts';
import { addDays } from './dates.ts';
import {
  approvedWindow,
  dailyAction,
  deliveryReminderDate,
  pendingReminderDate,
  visitReminderDate,
  type DailyAction,
  type DailyRequest,
} from './reminders.ts';
import type { RequestState } from './state-machine.ts';
import { demoSchool } from './test-fixtures.ts';
import type { RequestStatus } from './types.ts';

// The fixture's calendar (test-fixtures.ts): Spring 2 2026 ends Fri 27 March, Summer 1
// starts Mon 13 April; Mon 4 May 2026 is a bank holiday; Fri 20 November 2026 a closure;
// October half term 2026 is 26–30 October.
const school = demoSchool();

function pending(createdAt: string, encounter = addDays(createdAt.slice(0, 10), 120)): DailyRequest {
  return { status: 'pending', createdAt, date: encounter, responseDeadline: responseDeadline(school, createdAt, encounter) };
}

function approved(date: string): DailyRequest {
  return { status: 'approved', createdAt: '2026-01-10T10:00:00Z', date, responseDeadline: '2026-01-20' };
}

function proposed(respondBy: string): DailyRequest {
  const alternative: RequestState['alternative'] = { date: addDays(respondBy, 1), start: '10:00', end: '11:00', respondBy, proposedAt: '2026-03-10T10:00:00Z' };
  return { status: 'alternative_proposed', createdAt: '2026-03-09T10:00:00Z', date: '2026-06-01', responseDeadline: '2026-03-20', alternative };
}

const remind = (reminder: string, from: string): DailyAction => ({ action: 'remind', reminder, from }) as DailyAction;
const expire = (deadline: string): DailyAction => ({ action: 'expire', deadline });

describe('daily job decisions: the careers lead is reminded of unanswered requests (R-NOTICE deadlines in school days, R-HOURS calendar)', () => {
  it.each([
    // Arrived Monday 16 March: the 3rd school day is Thursday 19th, the 7th Wednesday 25th; deadline 13 April (10 school days, across Easter).
    ['the day after arrival', '2026-03-16T10:00:00Z', '2026-03-17', undefined],
    ['2 school days on', '2026-03-16T10:00:00Z', '2026-03-18', undefined],
    ['the 3rd school day', '2026-03-16T10:00:00Z', '2026-03-19', remind('pending-3', '2026-03-19')],
    ['a missed run catches up', '2026-03-16T10:00:00Z', '2026-03-24', remind('pending-3', '2026-03-19')],
    ['the 7th school day', '2026-03-16T10:00:00Z', '2026-03-25', remind('pending-7', '2026-03-25')],
    ['in the Easter holiday, still pending', '2026-03-16T10:00:00Z', '2026-04-08', remind('pending-7', '2026-03-25')],
    ['on the deadline day itself', '2026-03-16T10:00:00Z', '2026-04-13', remind('pending-7', '2026-03-25')],
    ['the day after the deadline', '2026-03-16T10:00:00Z', '2026-04-14', expire('2026-04-13')],
    // A weekend is not counted: Thursday 19th → Fri 20, Mon 23, Tue 24.
    ['R-HOURS: across a weekend, on the Saturday', '2026-03-19T09:00:00Z', '2026-03-21', undefined],
    ['R-HOURS: across a weekend', '2026-03-19T09:00:00Z', '2026-03-24', remind('pending-3', '2026-03-24')],
    // Bank holiday Monday 4 May: Thursday 30 April → Fri 1, Tue 5, Wed 6; the 7th is Tue 12.
    ['R-HOURS: across a bank holiday (3rd)', '2026-04-30T09:00:00Z', '2026-05-05', undefined],
    ['R-HOURS: across a bank holiday', '2026-04-30T09:00:00Z', '2026-05-06', remind('pending-3', '2026-05-06')],
    ['R-HOURS: across a bank holiday (7th)', '2026-04-30T09:00:00Z', '2026-05-12', remind('pending-7', '2026-05-12')],
    // A closure day (Friday 20 November) is not a school day: Wednesday 18th → Thu 19, Mon 23, Tue 24.
    ['R-HOURS: across a closure day', '2026-11-18T09:00:00Z', '2026-11-23', undefined],
    ['R-HOURS: across a closure day (due)', '2026-11-18T09:00:00Z', '2026-11-24', remind('pending-3', '2026-11-24')],
    // Half term: Wednesday 21 October → Thu 22, Fri 23, then Mon 2 November.
    ['R-HOURS: across half term', '2026-10-21T09:00:00Z', '2026-10-28', undefined],
    ['R-HOURS: across half term (due)', '2026-10-21T09:00:00Z', '2026-11-02', remind('pending-3', '2026-11-02')],
    // Sent at 00:30 London time (BST) on Friday 1 May: it arrived on the 1st, not 30 April.
    ['Europe/London: just after midnight in BST', '2026-04-30T23:30:00Z', '2026-05-06', undefined],
    ['Europe/London: just after midnight in BST (due)', '2026-04-30T23:30:00Z', '2026-05-07', remind('pending-3', '2026-05-07')],
  ])('%s: arrived %s, on %s → %o', (_what, createdAt, today, want) => {
    expect(dailyAction(school, pending(createdAt), today)).toEqual(want);
  });

  it('R-NOTICE: a request whose deadline is the day before its encounter expires instead of being reminded', () => {
    // Arrived Monday 16 March for Thursday 19th: the school had to answer by Wednesday 18th.
    const r = pending('2026-03-16T10:00:00Z', '2026-03-19');
    expect(r.responseDeadline).toBe('2026-03-18');
    expect(dailyAction(school, r, '2026-03-18')).toBeUndefined();
    expect(dailyAction(school, r, '2026-03-19')).toEqual(expire('2026-03-18'));
  });

  it('an alternative proposed by the school expires after its respond-by date, and is never reminded', () => {
    expect(dailyAction(school, proposed('2026-03-20'), '2026-03-19')).toBeUndefined();
    expect(dailyAction(school, proposed('2026-03-20'), '2026-03-20')).toBeUndefined();
    expect(dailyAction(school, proposed('2026-03-20'), '2026-03-21')).toEqual(expire('2026-03-20'));
    expect(dailyAction(school, proposed('2026-03-20'), '2026-03-25')).toEqual(expire('2026-03-20'));
  });

  it.each<RequestStatus>(['declined', 'withdrawn', 'expired', 'cancelled', 'delivered', 'not_delivered'])('a %s request is left alone', (status) => {
    const r = { ...pending('2026-03-16T10:00:00Z'), status };
    for (const today of ['2026-03-19', '2026-03-25', '2026-04-14', '2026-07-02']) expect(dailyAction(school, r, today)).toBeUndefined();
  });
});

describe('daily job decisions: the provider is reminded 2 school days before an approved visit', () => {
  it.each([
    ['a Tuesday visit: the Friday before', '2026-03-24', '2026-03-20'],
    ['a Thursday visit: the Tuesday', '2026-03-19', '2026-03-17'],
    ['R-HOURS: after bank holiday Monday 4 May', '2026-05-06', '2026-05-01'],
    ['R-HOURS: after closure day Friday 20 November', '2026-11-23', '2026-11-18'],
    ['R-HOURS: after half term, never more than a week ahead', '2026-11-03', '2026-10-27'],
    ['R-HOURS: the first day of a term, a week ahead', '2026-04-13', '2026-04-06'],
  ])('%s: visit %s → reminder on %s', (_what, visit, due) => {
    expect(visitReminderDate(school, visit)).toBe(due);
    expect(dailyAction(school, approved(visit), addDays(due, -1))).toBeUndefined();
    expect(dailyAction(school, approved(visit), due)).toEqual(remind('visit', due));
  });

  it.each([
    ['the day before the reminder', '2026-03-19', undefined],
    ['the reminder day', '2026-03-20', remind('visit', '2026-03-20')],
    ['the Saturday after it (a missed run catches up)', '2026-03-21', remind('visit', '2026-03-20')],
    ['the day before the visit', '2026-03-23', remind('visit', '2026-03-20')],
    ['the visit day itself', '2026-03-24', undefined],
  ])('visit Tuesday 24 March, on %s (%s) → %o', (_what, today, want) => {
    expect(dailyAction(school, approved('2026-03-24'), today)).toEqual(want);
  });
});

describe('daily job decisions: the lead is asked to record delivery after the encounter', () => {
  it.each([
    ['a Tuesday encounter: the Wednesday', '2026-03-17', '2026-03-18'],
    ['a Friday encounter: the Monday', '2026-03-20', '2026-03-23'],
    ['R-HOURS: before closure day Friday 20 November: the Monday', '2026-11-19', '2026-11-23'],
    ['R-HOURS: the last day of term: a week later, not after Easter', '2026-03-27', '2026-04-03'],
  ])('%s: encounter %s → reminder on %s', (_what, encounter, due) => {
    expect(deliveryReminderDate(school, encounter)).toBe(due);
    expect(dailyAction(school, approved(encounter), addDays(due, -1))).toBeUndefined();
    expect(dailyAction(school, approved(encounter), due)).toEqual(remind('delivery', due));
  });

  it.each([
    ['the encounter day', '2026-03-17', undefined],
    ['the next school day', '2026-03-18', remind('delivery', '2026-03-18')],
    ['60 days on (a missed run catches up)', '2026-05-16', remind('delivery', '2026-03-18')],
    ['61 days on: no longer looked at', '2026-05-17', undefined],
  ])('encounter Tuesday 17 March, on %s (%s) → %o', (_what, today, want) => {
    expect(dailyAction(school, approved('2026-03-17'), today)).toEqual(want);
  });

  it('the approved window the job queries covers every visit and delivery reminder that can be due', () => {
    expect(approvedWindow('2026-03-20')).toEqual({ from: '2026-01-19', to: '2026-03-27' });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }), fc.integer({ min: -90, max: 30 }), (start, offset) => {
        const today = addDays('2025-09-01', start);
        const encounter = addDays(today, offset);
        const due = dailyAction(school, approved(encounter), today);
        const { from, to } = approvedWindow(today);
        if (due) expect(encounter >= from && encounter <= to).toBe(true);
      }),
    );
  });
});

describe('daily job decisions: properties', () => {
  it('pending reminders fall on school days, the 3rd before the 7th, and never after the deadline', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 0, max: 40 }), (start, offset) => {
        const arrived = addDays('2025-09-01', start);
        const r = pending(`${arrived}T12:00:00Z`, '2028-07-01');
        const three = pendingReminderDate(school, arrived, 3);
        const seven = pendingReminderDate(school, arrived, 7);
        expect(three && isSchoolDay(school, three)).toBe(true);
        expect(seven && isSchoolDay(school, seven)).toBe(true);
        expect(three! < seven!).toBe(true);
        const today = addDays(arrived, offset);
        const due = dailyAction(school, r, today);
        if (due?.action === 'remind') {
          expect(isSchoolDay(school, due.from)).toBe(true);
          expect(today <= r.responseDeadline).toBe(true);
        }
        if (due?.action === 'expire') expect(today > r.responseDeadline).toBe(true);
      }),
    );
  });
});
