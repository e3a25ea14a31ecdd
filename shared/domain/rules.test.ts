import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSubsetAudience } from './audience.ts';
import { errorFromViolations, DomainError, rulesByField, type RuleViolation } from './errors.ts';
import {
  checkContent,
  checkProposedTime,
  checkRequest,
  checkSlot,
  earliestBookableDate,
  type ProviderRequestDraft,
  type SlotState,
} from './rules.ts';
import { demoSchool } from './test-fixtures.ts';
import type { School } from './types.ts';
import { providerAccessYears } from './year-groups.ts';

const school = demoSchool();
const NOW = '2026-03-14T10:00:00Z'; // Saturday 14 March 2026

function draft(overrides: Partial<ProviderRequestDraft> = {}): ProviderRequestDraft {
  return {
    provider: { organisation: 'Exampleton College', type: 'fe_college', ukprn: '10012345' },
    contact: { name: 'Alex Jones', email: 'alex.jones@exampleton.ac.uk', phone: '01234 111222' },
    sessionType: 'assembly',
    yearGroups: [10, 11],
    date: '2026-04-14',
    start: '09:00',
    end: '10:00',
    staffCount: 2,
    safeguardingAgreed: true,
    facilities: ['projector'],
    content: { provider: true, careers: true, learning: true, questions: true },
    notes: 'We will bring prospectuses for every pupil.',
    ...overrides,
  };
}

function codes(violations: RuleViolation[]): string[] {
  return violations.map((v) => v.code);
}

/** Every message must name what to change, never just say "invalid". */
const ACTIONABLE = /\b(choose|give|confirm|make|shorten|correct|say|use|leave)\b/i;
function expectActionable(violations: RuleViolation[]) {
  for (const v of violations) {
    expect(v.message, v.code).toMatch(ACTIONABLE);
    expect(v.message.trim().toLowerCase()).not.toBe('invalid');
    expect(v.code).toMatch(/^[A-Z][A-Z0-9_]*$/);
  }
}

describe('checkRequest', () => {
  it('accepts a good request with nothing to flag', () => {
    expect(checkRequest(school, draft(), { now: NOW })).toEqual({ violations: [], flags: [] });
  });

  it('returns every violation at once, not just the first', () => {
    const bad = draft({
      provider: { organisation: '', type: 'college' as never, ukprn: '123' },
      yearGroups: [7, 12],
      date: '2026-03-21',
      start: '16:00',
      end: '15:00',
      content: { provider: true, careers: false, learning: false, questions: true },
      safeguardingAgreed: false,
    });
    const out = checkRequest(demoSchool({ yearGroups: [7, 8, 9, 10, 11] }), bad, { now: NOW });
    expect(codes(out.violations).sort()).toEqual(
      [
        'ORGANISATION_REQUIRED',
        'PROVIDER_TYPE',
        'UKPRN_FORMAT',
        'SAFEGUARDING_NOT_AGREED',
        'YEAR_NOT_COVERED',
        'YEAR_NOT_TAUGHT',
        'END_BEFORE_START',
        'NOT_SCHOOL_DAY',
        'TOO_LITTLE_NOTICE',
        'CONTENT_MISSING',
        'CONTENT_MISSING',
      ].sort(),
    );
    expectActionable(out.violations);
  });
});

describe('R-YEARS provider access covers Years 8 to 13 only', () => {
  it.each([
    [[7], 'YEAR_NOT_COVERED', 'Year 7 is not covered by provider access, which is for Years 8 to 13; choose from Years 8 to 13.'],
    [[0], 'YEAR_NOT_COVERED', 'Reception is not covered by provider access, which is for Years 8 to 13; choose from Years 8 to 13.'],
    [[14], 'YEAR_GROUP_UNKNOWN', '"14" is not a year group; choose from Years 8 to 13.'],
    [[8.5], 'YEAR_GROUP_UNKNOWN', '"8.5" is not a year group; choose from Years 8 to 13.'],
    [[], 'YEAR_GROUPS_REQUIRED', 'Choose at least one year group from Years 8 to 13.'],
  ])('R-YEARS: %j → %s', (yearGroups, code, message) => {
    const { violations } = checkRequest(school, draft({ yearGroups }), { now: NOW });
    expect(violations).toEqual([{ code, rule: 'R-YEARS', field: 'yearGroups', message }]);
  });

  it('R-YEARS: a mixed list reports only the uncovered years, once each', () => {
    const { violations } = checkRequest(school, draft({ yearGroups: [7, 8, 7, 9] }), { now: NOW });
    expect(codes(violations)).toEqual(['YEAR_NOT_COVERED']);
  });
});

describe('R-TAUGHT only year groups the school teaches', () => {
  it.each([
    ['11–16 school asked for Year 12', [7, 8, 9, 10, 11], [12], ['YEAR_NOT_TAUGHT'], 'Riverside Academy does not teach Year 12; choose from Years 8 to 11.'],
    ['middle school (9–13) asked for Year 9', [5, 6, 7, 8], [8, 9], ['YEAR_NOT_TAUGHT'], 'Riverside Academy does not teach Year 9; choose from Year 8.'],
    ['sixth-form college asked for Year 11', [12, 13], [11], ['YEAR_NOT_TAUGHT'], 'Riverside Academy does not teach Year 11; choose from Years 12 and 13.'],
    ['11–16 school asked for Years 8 to 11', [7, 8, 9, 10, 11], [8, 9, 10, 11], [], undefined],
  ])('R-TAUGHT: %s', (_name, yearGroups, asked, expected, message) => {
    const { violations } = checkRequest(demoSchool({ yearGroups }), draft({ yearGroups: asked }), { now: NOW });
    expect(codes(violations)).toEqual(expected);
    if (message) expect(violations[0]).toMatchObject({ rule: 'R-TAUGHT', field: 'yearGroups', message });
  });

  it('R-TAUGHT: a primary school takes no requests and says so', () => {
    const primary = demoSchool({ name: 'Hill Primary', yearGroups: [0, 1, 2, 3, 4, 5, 6] });
    const { violations } = checkRequest(primary, draft({ yearGroups: [8] }), { now: NOW });
    expect(violations).toEqual([
      {
        code: 'NO_PROVIDER_ACCESS',
        rule: 'R-TAUGHT',
        field: 'yearGroups',
        message: 'Hill Primary teaches none of Years 8 to 13, so it takes no provider access requests; choose a school that teaches some of those years.',
      },
    ]);
    const y7 = checkRequest(primary, draft({ yearGroups: [6] }), { now: NOW });
    expect(codes(y7.violations)).toEqual(['NO_PROVIDER_ACCESS', 'YEAR_NOT_COVERED']);
    expect(y7.violations[1]?.message).toBe('Year 6 is not covered by provider access, which is for Years 8 to 13; choose a school that teaches some of Years 8 to 13.');
  });

  it('R-YEARS R-TAUGHT: a request that passes never names Year 7 or an untaught year (property)', () => {
    const schools = [
      demoSchool(),
      demoSchool({ yearGroups: [7, 8, 9, 10, 11] }),
      demoSchool({ yearGroups: [5, 6, 7, 8] }),
      demoSchool({ yearGroups: [12, 13] }),
      demoSchool({ yearGroups: [0, 1, 2, 3, 4, 5, 6] }),
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...schools),
        fc.uniqueArray(fc.integer({ min: -1, max: 15 }), { maxLength: 8 }),
        (s, yearGroups) => {
          const { violations } = checkRequest(s, draft({ yearGroups }), { now: NOW });
          if (violations.length === 0) {
            expect(yearGroups.length).toBeGreaterThan(0);
            expect(yearGroups).not.toContain(7);
            for (const y of yearGroups) expect(providerAccessYears(s)).toContain(y);
          }
        },
      ),
    );
  });
});

describe('R-WHOLE whole year groups, never a selected set', () => {
  it.each([
    ['Could we see the top set only?', 'top set'],
    ['Selected pupils interested in engineering', 'Selected pupils'],
    ['This is a boys only session', 'boys only'],
    ['Girls only please', 'Girls only'],
    ['For a targeted group of Year 10', 'targeted group'],
    ['Best in a small group of about 20', 'small group'],
    ['Set 1 maths students', 'Set 1'],
    ['Aimed at gifted and talented pupils', 'gifted'],
    ['Open to interested pupils', 'interested pupils'],
    ['Only the boys from Year 9', 'Only the boys'],
    ['Maximum 30 students', 'Maximum 30 students'],
    ['Just one class at a time', 'Just one class'],
    ['Pupil premium pupils first', 'Pupil premium'],
    ['Higher ability learners', 'Higher ability'],
    ['Pupils will opt-in on the day', 'opt-in'],
  ])('R-WHOLE: flags "%s" (%s) for the careers lead, without refusing', (notes, matched) => {
    const out = checkRequest(school, draft({ notes }), { now: NOW });
    expect(out.violations).toEqual([]);
    expect(out.flags[0]).toMatchObject({ code: 'SUBSET_AUDIENCE', rule: 'R-WHOLE', field: 'notes', matched });
    expect(out.flags[0]?.message).toContain(`"${matched}" in the notes`);
  });

  it.each([
    'An assembly for the whole of Year 10.',
    'We will bring prospectuses for every pupil.',
    'Please set up the projector before 9.',
    'Pupils may ask questions at the end.',
  ])('R-WHOLE: does not flag "%s"', (notes) => {
    expect(checkRequest(school, draft({ notes }), { now: NOW }).flags).toEqual([]);
  });

  it('R-WHOLE: scans the facilities too, and reports each phrase once', () => {
    const flags = checkRequest(school, draft({ notes: 'top set, Top set and girls only', facilities: ['hall', 'small group room'] }), { now: NOW }).flags;
    expect(flags.map((f) => `${f.field}:${f.matched}`)).toEqual(['notes:top set', 'notes:girls only', 'facilities.1:small group']);
    expect(findSubsetAudience('', 'notes')).toEqual([]);
  });
});

describe('R-HOURS inside the school day on a school day', () => {
  const EARLY = '2026-01-10T10:00:00Z';
  it.each([
    ['2026-03-14', '09:00', '10:00', 'NOT_SCHOOL_DAY', 'date', 'WEEKEND', 'Saturday 14 March 2026 is not a school day; choose a weekday in term time.'],
    ['2026-05-04', '09:00', '10:00', 'NOT_SCHOOL_DAY', 'date', 'BANK_HOLIDAY', 'Monday 4 May 2026 is a bank holiday (Early May bank holiday); choose another school day.'],
    ['2026-02-17', '09:00', '10:00', 'NOT_SCHOOL_DAY', 'date', 'OUTSIDE_TERM', 'Tuesday 17 February 2026 is outside term time; choose a date in term time, for example from Monday 23 February 2026 when Spring term 2 starts.'],
    ['2026-06-10', '09:00', '10:00', 'NOT_SCHOOL_DAY', 'date', 'CLOSURE', 'The school is closed to visitors on Wednesday 10 June 2026 (exams: Year 10 mock exams); choose another school day.'],
    ['2026-03-16', '08:00', '09:00', 'OUTSIDE_SESSION', 'start', 'OUTSIDE_SESSION', 'On Monday 16 March 2026 the school day runs from 8:40am to 3:10pm; choose a start and end time between those times.'],
    ['2026-03-20', '14:00', '15:00', 'OUTSIDE_SESSION', 'end', 'OUTSIDE_SESSION', 'On Friday 20 March 2026 the school day runs from 8:40am to 2:30pm; choose a start and end time between those times.'],
  ])('R-HOURS: %s %s–%s → %s', (date, start, end, code, field, reason, message) => {
    const { violations } = checkRequest(school, draft({ date, start, end }), { now: EARLY });
    expect(violations).toEqual([{ code, rule: 'R-HOURS', field, reason, message }]);
  });

  it('R-HOURS: a whole Friday 08:40–14:30 fits, a Monday-length session on a Friday does not', () => {
    expect(checkRequest(school, draft({ date: '2026-03-20', start: '08:40', end: '14:30' }), { now: EARLY }).violations).toEqual([]);
    const long = checkRequest(school, draft({ date: '2026-03-20', start: '08:40', end: '15:10' }), { now: EARLY }).violations;
    expect(codes(long)).toEqual(['DURATION_TOO_LONG', 'OUTSIDE_SESSION']);
    expect(long[0]?.message).toBe(
      'A session of 6 hours 30 minutes is longer than the school day on Friday 20 March 2026 (8:40am to 2:30pm); shorten it to 5 hours 50 minutes or less.',
    );
  });

  it.each([
    ['10:00', '09:00', 'END_BEFORE_START', 'The end time 9am is not after the start time 10am; choose an end time after 10am.'],
    ['10:00', '10:00', 'END_BEFORE_START', 'The end time 10am is not after the start time 10am; choose an end time after 10am.'],
  ])('R-HOURS duration: %s–%s → %s', (start, end, code, message) => {
    const { violations } = checkRequest(school, draft({ start, end }), { now: NOW });
    expect(violations).toEqual([{ code, rule: 'P-DURATION', field: 'end', message }]);
  });

  it("R-REASONABLE: shorter than the school's minimum (20 minutes unless set) is refused at the end time", () => {
    expect(checkRequest(school, draft({ start: '10:00', end: '10:05' }), { now: NOW }).violations).toEqual([
      { code: 'DURATION_TOO_SHORT', rule: 'R-REASONABLE', field: 'end', message: 'A 5-minute session is too short: the school asks for at least 20 minutes, so make it end at 10:20am or later.' },
    ]);
    expect(checkRequest(school, draft({ start: '10:00', end: '10:20' }), { now: NOW }).violations).toEqual([]);
    const strict = demoSchool({ rules: { ...school.rules, minimumLengthMinutes: 45 } });
    expect(checkRequest(strict, draft({ start: '13:00', end: '13:30' }), { now: NOW }).violations).toEqual([
      { code: 'DURATION_TOO_SHORT', rule: 'R-REASONABLE', field: 'end', message: 'A 30-minute session is too short: the school asks for at least 45 minutes, so make it end at 1:45pm or later.' },
    ]);
    const lenient = demoSchool({ rules: { ...school.rules, minimumLengthMinutes: 10 } });
    expect(checkRequest(lenient, draft({ start: '10:00', end: '10:10' }), { now: NOW }).violations).toEqual([]);
  });

  it('R-HOURS: a 20-minute session and a 9-hour one on a long day', () => {
    expect(checkRequest(school, draft({ start: '10:00', end: '10:20' }), { now: NOW }).violations).toEqual([]);
    const longDay = demoSchool({ calendar: { ...school.calendar, schoolDay: { tue: { start: '08:00', end: '18:00' } } } });
    expect(checkRequest(longDay, draft({ start: '08:00', end: '18:00' }), { now: NOW }).violations).toEqual([]);
    const shortDay = demoSchool({ calendar: { ...school.calendar, schoolDay: { tue: { start: '09:00', end: '10:00' } } } });
    expect(checkRequest(shortDay, draft({ start: '09:00', end: '11:00' }), { now: NOW }).violations[0]?.message).toMatch(/shorten it to 1 hour or less/);
    const tinyDay = demoSchool({ calendar: { ...school.calendar, schoolDay: { tue: { start: '09:00', end: '09:30' } } } });
    expect(checkRequest(tinyDay, draft({ start: '09:00', end: '10:00' }), { now: NOW }).violations[0]?.message).toMatch(/shorten it to 30 minutes or less/);
  });

  it.each([
    [{ date: '14/04/2026' }, ['DATE_FORMAT'], 'date'],
    [{ start: '9am' }, ['TIME_FORMAT'], 'start'],
    [{ end: '25:00' }, ['TIME_FORMAT'], 'end'],
  ])('R-HOURS: malformed %j is named, not thrown', (patch, expected, field) => {
    const { violations } = checkRequest(school, draft(patch), { now: NOW });
    expect(codes(violations)).toEqual(expected);
    expect(violations[0]?.field).toBe(field);
    expectActionable(violations);
  });
});

describe('R-NOTICE minimum notice and booking window', () => {
  it.each([
    ['2026-03-20', 'TOO_LITTLE_NOTICE', "This school asks for at least 30 days' notice; choose a date on or after 13 April 2026."],
    ['2026-03-13', 'IN_THE_PAST', 'Friday 13 March 2026 at 9am has already passed; choose a date on or after 13 April 2026.'],
    ['2027-03-16', 'BEYOND_BOOKING_WINDOW', 'This school takes bookings up to 365 days ahead; choose a date on or before 14 March 2027.'],
  ])('R-NOTICE: %s → %s', (date, code, message) => {
    const { violations } = checkRequest(school, draft({ date }), { now: NOW });
    expect(violations).toEqual([{ code, rule: 'R-NOTICE', field: 'date', message }]);
  });

  it('R-NOTICE: the earliest date allowed is exactly the notice period away', () => {
    expect(checkRequest(school, draft({ date: '2026-04-13' }), { now: NOW }).violations).toEqual([]);
    expect(codes(checkRequest(school, draft({ date: '2026-03-27' }), { now: NOW }).violations)).toEqual(['TOO_LITTLE_NOTICE']);
    expect(checkRequest(school, draft({ date: '2027-03-12' }), { now: NOW }).violations).toEqual([]);
  });

  it('R-NOTICE: points to the first school day when the earliest date is in the holidays', () => {
    const { violations } = checkRequest(school, draft({ date: '2026-03-20' }), { now: '2026-03-05T09:00:00Z' });
    expect(violations[0]?.message).toBe(
      "This school asks for at least 30 days' notice; choose a date on or after 4 April 2026; the first school day from then is Monday 13 April 2026.",
    );
  });

  it('R-NOTICE: a school with a day of notice, and one with none, judge times today against now', () => {
    const oneDay = demoSchool({ rules: { ...school.rules, minimumNoticeDays: 1 } });
    const out = checkRequest(oneDay, draft({ date: '2026-03-16' }), { now: '2026-03-16T08:00:00Z' });
    expect(out.violations[0]?.message).toBe("This school asks for at least 1 day's notice; choose a date on or after 17 March 2026.");
    const noNotice = demoSchool({ rules: { ...school.rules, minimumNoticeDays: 0 } });
    // 08:00 GMT on 16 March: a 09:00 session today is still ahead, an 08:40 start… is too.
    expect(checkRequest(noNotice, draft({ date: '2026-03-16' }), { now: '2026-03-16T08:00:00Z' }).violations).toEqual([]);
    expect(codes(checkRequest(noNotice, draft({ date: '2026-03-16' }), { now: '2026-03-16T09:00:00Z' }).violations)).toEqual(['IN_THE_PAST']);
    // In BST, 08:30 UTC is 09:30 local: the 09:00 session has started.
    expect(codes(checkRequest(noNotice, draft({ date: '2026-04-14' }), { now: '2026-04-14T08:30:00Z' }).violations)).toEqual(['IN_THE_PAST']);
  });

  it('R-NOTICE: a school may waive its own notice for an alternative it proposes, not the past', () => {
    const when = { date: '2026-03-17', start: '09:00', end: '10:00' };
    expect(codes(checkProposedTime(school, when, { now: NOW }))).toEqual(['TOO_LITTLE_NOTICE']);
    expect(checkProposedTime(school, when, { now: NOW, minimumNotice: false })).toEqual([]);
    expect(codes(checkProposedTime(school, { ...when, date: '2026-03-13' }, { now: NOW, minimumNotice: false }))).toEqual(['IN_THE_PAST']);
    expect(codes(checkProposedTime(school, { ...when, start: 'x' }, { now: NOW }))).toEqual(['TIME_FORMAT', 'TOO_LITTLE_NOTICE']);
  });

  it('R-NOTICE: earliest bookable date', () => {
    expect(earliestBookableDate(school, NOW)).toBe('2026-04-13');
    expect(earliestBookableDate(school, '2026-03-05T09:00:00Z')).toBe('2026-04-13');
    expect(earliestBookableDate(demoSchool({ rules: { ...school.rules, minimumNoticeDays: 0 } }), '2026-03-16T09:00:00Z')).toBe('2026-03-17');
  });
});

describe('R-CONTENT all four content items', () => {
  it.each([
    ['provider', 'Confirm that the session will cover the provider and the approved technical education qualifications or apprenticeships it offers; every provider access encounter must.'],
    ['careers', 'Confirm that the session will cover the careers these lead to; every provider access encounter must.'],
    ['learning', 'Confirm that the session will cover what learning or training with the provider is like; every provider access encounter must.'],
    ['questions', "Confirm that the session will cover answers to pupils' questions; every provider access encounter must."],
  ] as const)('R-CONTENT: content.%s missing', (item, message) => {
    const content = { provider: true, careers: true, learning: true, questions: true, [item]: false };
    const { violations } = checkRequest(school, draft({ content }), { now: NOW });
    expect(violations).toEqual([{ code: 'CONTENT_MISSING', rule: 'R-CONTENT', field: `content.${item}`, message }]);
  });

  it('R-CONTENT: nothing confirmed is four violations; another prefix names other fields', () => {
    expect(checkContent(undefined).map((v) => v.field)).toEqual(['content.provider', 'content.careers', 'content.learning', 'content.questions']);
    expect(checkContent({ provider: true }, 'delivery.content').map((v) => v.field)).toEqual([
      'delivery.content.careers',
      'delivery.content.learning',
      'delivery.content.questions',
    ]);
  });
});

describe('R-PROVIDER type and UKPRN', () => {
  it.each([
    ['10012345', []],
    [' 10012345 ', []],
    ['', []],
    [undefined, []],
    ['1001234', ['UKPRN_FORMAT']],
    ['100123456', ['UKPRN_FORMAT']],
    ['20012345', ['UKPRN_FORMAT']],
    ['1001234A', ['UKPRN_FORMAT']],
  ])('R-PROVIDER: UKPRN %j → %j', (ukprn, expected) => {
    const { violations } = checkRequest(school, draft({ provider: { organisation: 'Exampleton College', type: 'fe_college', ukprn } }), { now: NOW });
    expect(codes(violations)).toEqual(expected);
    if (expected.length) {
      expect(violations[0]).toMatchObject({ rule: 'R-PROVIDER', field: 'provider.ukprn' });
      expect(violations[0]?.message).toContain('A UKPRN has 8 digits and starts with 1');
    }
  });

  it.each(['fe_college', 'utc', 'studio_school', 'independent_training_provider', 'employer_provider', 'he_degree_apprenticeships'] as const)(
    'R-PROVIDER: accepts provider type %s',
    (type) => {
      expect(checkRequest(school, draft({ provider: { organisation: 'X', type } }), { now: NOW }).violations).toEqual([]);
    },
  );

  it('R-PROVIDER: an unknown type and a blank organisation are named', () => {
    const { violations } = checkRequest(school, draft({ provider: { organisation: '  ', type: 'charity' as never } }), { now: NOW });
    expect(violations.map((v) => `${v.code}:${v.field}`)).toEqual(['ORGANISATION_REQUIRED:provider.organisation', 'PROVIDER_TYPE:provider.type']);
    expect(violations[1]?.message).toMatch(/^Choose the kind of provider you are: further education college, .* or higher education institution offering degree apprenticeships\.$/);
  });
});

describe('request details (P-DETAILS)', () => {
  it.each([
    [{ contact: { name: '', email: 'a@b.co', phone: '01234567890' } }, 'CONTACT_NAME_REQUIRED', 'contact.name'],
    [{ contact: { name: 'A', email: 'not-an-email', phone: '01234567890' } }, 'CONTACT_EMAIL_FORMAT', 'contact.email'],
    [{ contact: { name: 'A', email: 'a@b.co', phone: '123' } }, 'CONTACT_PHONE_FORMAT', 'contact.phone'],
    [{ sessionType: 'party' as never }, 'SESSION_TYPE', 'sessionType'],
    [{ staffCount: 0 }, 'STAFF_COUNT', 'staffCount'],
    [{ staffCount: 1.5 }, 'STAFF_COUNT', 'staffCount'],
    [{ staffCount: 51 }, 'STAFF_COUNT', 'staffCount'],
    [{ safeguardingAgreed: false }, 'SAFEGUARDING_NOT_AGREED', 'safeguardingAgreed'],
    [{ notes: 'x'.repeat(2001) }, 'NOTES_TOO_LONG', 'notes'],
  ])('%j → %s', (patch, code, field) => {
    const { violations } = checkRequest(school, draft(patch), { now: NOW });
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ code, field, rule: 'P-DETAILS' });
    expectActionable(violations);
  });

  it('accepts an international phone number', () => {
    expect(checkRequest(school, draft({ contact: { name: 'A', email: 'a@b.co', phone: '+44 (0)1234 567-890' } }), { now: NOW }).violations).toEqual([]);
  });
});

describe('slots (P-SLOT)', () => {
  const slot: SlotState = { opportunityId: 'opp-1', date: '2026-04-14', start: '09:00', end: '10:00', capacity: 2, yearGroups: [10, 11], held: 1 };
  const ref = { opportunityId: 'opp-1', date: '2026-04-14', start: '09:00' };

  it('accepts a slot with a place left', () => {
    expect(checkRequest(school, draft({ slot: ref }), { now: NOW, slot }).violations).toEqual([]);
  });

  it.each([
    ['full', { held: 2 }, {}, ['SLOT_FULL']],
    ['over-full', { held: 5 }, {}, ['SLOT_FULL']],
    ['other time', {}, { start: '09:30', end: '10:00' }, ['SLOT_MISMATCH']],
    ['other years', {}, { yearGroups: [9, 10] }, ['YEAR_NOT_IN_SLOT']],
  ])('%s', (_name, slotPatch, draftPatch, expected) => {
    const { violations } = checkRequest(school, draft({ slot: ref, ...draftPatch }), { now: NOW, slot: { ...slot, ...slotPatch } });
    expect(codes(violations)).toEqual(expected);
    expectActionable(violations);
  });

  it('names the slot that is full', () => {
    expect(checkSlot(draft(), { ...slot, held: 2 })[0]?.message).toBe(
      'The slot on Tuesday 14 April 2026 from 9am to 10am has no places left; choose another slot or propose a different time.',
    );
    expect(checkSlot(draft({ yearGroups: [8] }), { ...slot, yearGroups: [] })).toEqual([]);
  });

  it('a slot that no longer exists', () => {
    expect(codes(checkRequest(school, draft({ slot: ref }), { now: NOW }).violations)).toEqual(['SLOT_NOT_FOUND']);
  });
});

describe('errorFromViolations', () => {
  it('turns one violation into its own typed error', () => {
    const err = errorFromViolations(checkRequest(school, draft({ yearGroups: [7] }), { now: NOW }).violations);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ name: 'DomainError', code: 'YEAR_NOT_COVERED', rule: 'R-YEARS', field: 'yearGroups' });
    expect(err?.fields).toEqual({ yearGroups: err?.message });
  });

  it('keeps every message of several, by field', () => {
    const err = errorFromViolations(checkRequest(school, draft({ yearGroups: [7, 6], date: '2026-03-21' }), { now: NOW }).violations);
    expect(err?.code).toBe('REQUEST_RULES_BROKEN');
    expect(err?.violations).toHaveLength(4);
    expect(err?.fields?.yearGroups).toContain('Year 7');
    expect(err?.fields?.yearGroups).toContain('Year 6');
    expect(err?.message).toMatch(/^This request needs 4 changes: /);
    expect(errorFromViolations([])).toBeUndefined();
  });

  it('names the rules of every field, each once, in the order broken (a rule id on each field)', () => {
    const elevenToSixteen = demoSchool({ yearGroups: [7, 8, 9, 10, 11] });
    const err = errorFromViolations(checkRequest(elevenToSixteen, draft({ yearGroups: [7, 12], date: '2026-03-21' }), { now: NOW }).violations);
    expect(err?.rule).toBeUndefined();
    // 21 March 2026 is a Saturday (R-HOURS) and a week away (R-NOTICE): both are named.
    expect(err?.rules).toEqual({ yearGroups: ['R-YEARS', 'R-TAUGHT'], date: ['R-HOURS', 'R-NOTICE'] });
    expect(rulesByField([{ field: 'end', rule: 'P-DURATION' }, { field: '', rule: 'R-HOURS' }], 'proposed')).toEqual({ 'proposed.end': ['P-DURATION'], proposed: ['R-HOURS'] });
    expect(new DomainError('TOO_LITTLE_NOTICE', 'Do y.', { rule: 'R-NOTICE', field: 'date' }).rules).toEqual({ date: ['R-NOTICE'] });
  });

  it('carries a cause when given', () => {
    const cause = new Error('x');
    expect(new DomainError('TOO_LITTLE_NOTICE', 'Do y.', { cause }).cause).toBe(cause);
    // No HTTP here: shared/http/statuses.ts gives the code its status.
    expect('status' in new DomainError('TOO_LITTLE_NOTICE', 'Do y.')).toBe(false);
  });
});

describe('every violation message names what to change (property)', () => {
  it('holds for random drafts', () => {
    const schools: School[] = [demoSchool(), demoSchool({ yearGroups: [0, 1, 2, 3, 4, 5, 6] })];
    fc.assert(
      fc.property(
        fc.constantFrom(...schools),
        fc.record({
          yearGroups: fc.array(fc.integer({ min: -2, max: 15 }), { maxLength: 4 }),
          date: fc.oneof(fc.constantFrom('2026-03-14', '2026-04-14', '2026-05-04', '2027-06-01', 'soon'), fc.date({ min: new Date('2025-01-01'), max: new Date('2028-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))),
          start: fc.constantFrom('08:00', '09:00', '14:00', 'x'),
          end: fc.constantFrom('08:05', '10:00', '15:30', '23:00'),
          staffCount: fc.integer({ min: -1, max: 60 }),
          ukprn: fc.oneof(fc.constant(undefined), fc.stringMatching(/^[0-9A-Z]{0,9}$/)),
        }),
        (s, r) => {
          const d = draft({ ...r, provider: { organisation: 'X', type: 'utc', ukprn: r.ukprn } });
          expectActionable(checkRequest(s, d, { now: NOW }).violations);
        },
      ),
      { numRuns: 300 },
    );
  });
});
