// A realistic 11–18 school for the domain's tests (and for demo data): shorter Friday,
// six terms a year for 2025/26 to 2027/28, an INSET day, an exam week and a trip.
import type { Opportunity, School, Term } from './types.ts';
import { DEFAULT_BOOKING_RULES } from './types.ts';

export const DEMO_TERMS: Term[] = [
  { name: 'Autumn term 1', start: '2025-09-03', end: '2025-10-24' },
  { name: 'Autumn term 2', start: '2025-11-03', end: '2025-12-19' },
  { name: 'Spring term 1', start: '2026-01-05', end: '2026-02-13' },
  { name: 'Spring term 2', start: '2026-02-23', end: '2026-03-27' },
  { name: 'Summer term 1', start: '2026-04-13', end: '2026-05-22' },
  { name: 'Summer term 2', start: '2026-06-01', end: '2026-07-22' },
  { name: 'Autumn term 1', start: '2026-09-02', end: '2026-10-23' },
  { name: 'Autumn term 2', start: '2026-11-02', end: '2026-12-18' },
  { name: 'Spring term 1', start: '2027-01-04', end: '2027-02-12' },
  { name: 'Spring term 2', start: '2027-02-22', end: '2027-03-25' },
  { name: 'Summer term 1', start: '2027-04-12', end: '2027-05-28' },
  { name: 'Summer term 2', start: '2027-06-07', end: '2027-07-21' },
  { name: 'Autumn term 1', start: '2027-09-02', end: '2027-10-22' },
  { name: 'Autumn term 2', start: '2027-11-01', end: '2027-12-17' },
  { name: 'Spring term 1', start: '2028-01-04', end: '2028-02-11' },
  { name: 'Spring term 2', start: '2028-02-21', end: '2028-03-31' },
  { name: 'Summer term 1', start: '2028-04-18', end: '2028-05-26' },
  { name: 'Summer term 2', start: '2028-06-05', end: '2028-07-21' },
];

export function demoSchool(overrides: Partial<School> = {}): School {
  return {
    urn: '100001',
    name: 'Riverside Academy',
    phase: 'Secondary',
    statutoryLowAge: 11,
    statutoryHighAge: 18,
    yearGroups: [7, 8, 9, 10, 11, 12, 13],
    address: { street: '1 River Lane', town: 'Exampleton', postcode: 'EX1 1AA' },
    careersLead: { name: 'Sam Patel', email: 'careers@riverside.example', phone: '01234 567890' },
    calendar: {
      schoolDay: {
        mon: { start: '08:40', end: '15:10' },
        tue: { start: '08:40', end: '15:10' },
        wed: { start: '08:40', end: '15:10' },
        thu: { start: '08:40', end: '15:10' },
        fri: { start: '08:40', end: '14:30' },
      },
      terms: DEMO_TERMS,
      closures: [
        { start: '2026-01-05', end: '2026-01-05', reason: 'INSET' },
        { start: '2026-06-08', end: '2026-06-12', reason: 'EXAMS', note: 'Year 10 mock exams' },
        { start: '2026-07-15', end: '2026-07-15', reason: 'TRIP', note: 'Year 9 trip to the coast' },
        { start: '2026-11-20', end: '2026-11-20', reason: 'OTHER' },
      ],
    },
    rules: { ...DEFAULT_BOOKING_RULES },
    groundsForRefusing: [
      'A clash with other planned activities',
      'Disruption to preparation for public or internal exams',
      'Staff, rooms or resources unavailable',
      'Not enough notice',
    ],
    premises: 'Main hall, classrooms with projectors, a private meeting room; a member of staff is always present.',
    ...overrides,
  };
}

/** A weekly Year 10 assembly on Tuesdays, two places a slot (the month calendar's and the year plan's tests). */
export const TUESDAY_ASSEMBLY: Opportunity = {
  id: 'y10',
  title: 'Year 10 assembly',
  sessionType: 'assembly',
  yearGroups: [10],
  schedule: { kind: 'weekly', weekday: 'tue', start: '08:50', end: '09:20' },
  capacity: 2,
  venue: 'Main hall',
  facilities: [],
};

/** A weekly Year 8 careers assembly on Tuesdays, one place a slot (the coverage tests' bookable suggestions). */
export const YEAR_8_TUESDAY_ASSEMBLY: Opportunity = {
  id: 'y8-tue',
  title: 'Year 8 careers assembly',
  sessionType: 'assembly',
  yearGroups: [8],
  schedule: { kind: 'weekly', weekday: 'tue', start: '09:00', end: '09:40' },
  capacity: 1,
  venue: 'Main hall',
  facilities: [],
};
