// Demo data for `npm start`: a fictional multi-academy trust with four schools of the
// kinds provider access must handle (11–16, 11–18, a 9–13 middle school with Year 8 only,
// a primary with no provider access). Every name, address and email is made up; emails
// use the reserved `.example` domain. Term dates are built from today's academic year so
// the demo has bookable dates whenever it runs.
import type { Closure, Opportunity, School, SessionType, Term } from '#shared/domain/types.ts';
import { DEFAULT_BOOKING_RULES } from '#shared/domain/types.ts';
import { yearGroupsFromAges } from '#shared/domain/year-groups.ts';
import { DEFAULT_GROUNDS_FOR_REFUSING } from '#shared/domain/settings.ts';
import type { StaffRoleRecord } from '#shared/domain/records.ts';

export const DEMO_TRUST = { id: 'northfield-learning-trust', name: 'Northfield Learning Trust (demo)' };


const PREMISES =
  'We provide the main hall (seats 300) with a projector, screen and microphone, classrooms with ' +
  'interactive whiteboards, and a private meeting room for one-to-one conversations. A member of ' +
  'staff is present at every session. Providers are welcome to leave prospectuses and leaflets ' +
  'with the careers lead for our careers library.';

function iso(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The academic year (1 September–31 August) that `today` falls in, by its first year. */
export function academicYearOf(today: Date): number {
  return today.getUTCMonth() >= 8 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
}

/** Six half terms a year, for this academic year and the next (so the booking window has terms). */
export function demoTerms(today: Date): Term[] {
  const terms: Term[] = [];
  const first = academicYearOf(today);
  for (const y of [first, first + 1]) {
    const label = `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
    terms.push(
      { name: `Autumn 1 ${label}`, start: iso(y, 9, 3), end: iso(y, 10, 23) },
      { name: `Autumn 2 ${label}`, start: iso(y, 11, 2), end: iso(y, 12, 18) },
      { name: `Spring 1 ${label}`, start: iso(y + 1, 1, 5), end: iso(y + 1, 2, 12) },
      { name: `Spring 2 ${label}`, start: iso(y + 1, 2, 22), end: iso(y + 1, 3, 26) },
      { name: `Summer 1 ${label}`, start: iso(y + 1, 4, 12), end: iso(y + 1, 5, 28) },
      { name: `Summer 2 ${label}`, start: iso(y + 1, 6, 7), end: iso(y + 1, 7, 21) },
    );
  }
  return terms;
}

export function demoClosures(today: Date): Closure[] {
  const y = academicYearOf(today);
  return [
    { start: iso(y, 11, 2), end: iso(y, 11, 2), reason: 'INSET', note: 'Staff training day' },
    { start: iso(y + 1, 1, 5), end: iso(y + 1, 1, 5), reason: 'INSET', note: 'Staff training day' },
    { start: iso(y + 1, 5, 10), end: iso(y + 1, 5, 21), reason: 'EXAMS', note: 'Public exams: hall and rooms in use' },
  ];
}

interface DemoSchool {
  school: School;
  opportunities: Opportunity[];
  staff: StaffRoleRecord[];
}

export function demoSchools(today: Date): DemoSchool[] {
  const calendar = (fridayEnd: string) => ({
    schoolDay: {
      mon: { start: '08:40', end: '15:10' },
      tue: { start: '08:40', end: '15:10' },
      wed: { start: '08:40', end: '15:10' },
      thu: { start: '08:40', end: '15:10' },
      fri: { start: '08:40', end: fridayEnd },
    },
    terms: demoTerms(today),
    closures: demoClosures(today),
  });
  const base = {
    trust: DEMO_TRUST,
    rules: { ...DEFAULT_BOOKING_RULES },
    groundsForRefusing: [...DEFAULT_GROUNDS_FOR_REFUSING],
    premises: PREMISES,
  };
  const admin = (urn: string): StaffRoleRecord => ({
    urn,
    email: 'trust.admin@northfield-trust.example',
    name: 'Morgan Fairweather',
    role: 'trust_admin',
  });

  return [
    {
      school: {
        ...base,
        urn: '990101',
        name: 'Harbour View Academy',
        phase: 'Secondary',
        statutoryLowAge: 11,
        statutoryHighAge: 16,
        yearGroups: yearGroupsFromAges(11, 16),
        address: { street: '1 Quay Road', town: 'Eastmouth', postcode: 'ZZ1 1AA' },
        // GIAS Easting/Northing (British National Grid metres): the two towns about 14 km apart, as on a real coast.
        location: { easting: 301480, northing: 81190 },
        website: 'https://harbourview.example',
        careersLead: { name: 'Jordan Ellery', email: 'careers.lead@harbourview.example', phone: '01632 960001' },
        calendar: calendar('14:00'),
      },
      opportunities: [
        {
          id: 'y10-assembly',
          title: 'Year 10 assembly',
          sessionType: 'assembly',
          yearGroups: [10],
          schedule: { kind: 'weekly', weekday: 'tue', start: '08:50', end: '09:20' },
          capacity: 1,
          venue: 'Main hall',
          facilities: ['projector', 'microphone'],
        },
        {
          id: 'y8-pshe',
          title: 'Year 8 careers lesson',
          sessionType: 'class_discussion',
          yearGroups: [8],
          schedule: { kind: 'weekly', weekday: 'thu', start: '13:30', end: '14:30' },
          capacity: 2,
          venue: 'Classrooms in the humanities block',
          facilities: ['classroom', 'projector'],
        },
      ],
      staff: [
        { urn: '990101', email: 'careers.lead@harbourview.example', name: 'Jordan Ellery', role: 'careers_lead' },
        { urn: '990101', email: 'deputy.head@harbourview.example', name: 'Sam Okonkwo-Reid', role: 'deputy' },
        admin('990101'),
      ],
    },
    {
      school: {
        ...base,
        urn: '990102',
        name: 'Kingsmead School and Sixth Form',
        phase: 'Secondary',
        statutoryLowAge: 11,
        statutoryHighAge: 18,
        yearGroups: yearGroupsFromAges(11, 18),
        address: { street: '40 Mill Lane', town: 'Westbridge', postcode: 'ZZ2 4BB' },
        location: { easting: 292160, northing: 92640 },
        website: 'https://kingsmead.example',
        careersLead: { name: 'Rowan Achterberg', email: 'careers@kingsmead.example', phone: '01632 960002' },
        calendar: calendar('15:10'),
        rules: { ...DEFAULT_BOOKING_RULES, minimumNoticeDays: 42 },
      },
      opportunities: [
        {
          id: 'sixth-form-fair',
          title: 'Sixth form futures fair',
          sessionType: 'careers_fair',
          yearGroups: [12, 13],
          schedule: { kind: 'once', date: iso(academicYearOf(today) + 1, 3, 11), start: '10:00', end: '12:30' },
          capacity: 12,
          venue: 'Sports hall',
          facilities: ['table', 'power socket'],
        },
        {
          id: 'y11-assembly',
          title: 'Year 11 assembly',
          sessionType: 'assembly',
          yearGroups: [11],
          schedule: { kind: 'weekly', weekday: 'wed', start: '08:45', end: '09:15' },
          capacity: 1,
          venue: 'Main hall',
          facilities: ['projector'],
        },
      ],
      staff: [
        { urn: '990102', email: 'careers@kingsmead.example', name: 'Rowan Achterberg', role: 'careers_lead' },
        admin('990102'),
      ],
    },
    {
      school: {
        ...base,
        urn: '990103',
        name: 'Oakridge Middle School',
        phase: 'Middle deemed secondary',
        statutoryLowAge: 9,
        statutoryHighAge: 13,
        yearGroups: yearGroupsFromAges(9, 13),
        address: { street: '7 Acorn Way', town: 'Eastmouth', postcode: 'ZZ1 3CC' },
        location: { easting: 302930, northing: 83370 },
        careersLead: { name: 'Casey Lindqvist', email: 'careers@oakridge-middle.example', phone: '01632 960003' },
        calendar: calendar('15:10'),
      },
      opportunities: [
        {
          id: 'y8-options-talk',
          title: 'Year 8 futures afternoon',
          sessionType: 'engagement_event',
          yearGroups: [8],
          schedule: { kind: 'weekly', weekday: 'fri', start: '13:15', end: '14:45' },
          capacity: 3,
          venue: 'School hall',
          facilities: ['projector'],
        },
      ],
      staff: [
        { urn: '990103', email: 'careers@oakridge-middle.example', name: 'Casey Lindqvist', role: 'careers_lead' },
        admin('990103'),
      ],
    },
    {
      school: {
        ...base,
        urn: '990104',
        name: 'Willow Lane Primary School',
        phase: 'Primary',
        statutoryLowAge: 4,
        statutoryHighAge: 11,
        yearGroups: yearGroupsFromAges(4, 11),
        address: { street: '12 Willow Lane', town: 'Westbridge', postcode: 'ZZ2 6DD' },
        location: { easting: 293850, northing: 91020 },
        careersLead: { name: 'Devon Marchetti', email: 'office@willowlane.example', phone: '01632 960004' },
        calendar: calendar('15:10'),
      },
      opportunities: [],
      staff: [admin('990104')],
    },
  ];
}

/** The careers lead printed by `npm start` so a newcomer can sign in at once. */
export const DEMO_CAREERS_LEAD = 'careers.lead@harbourview.example';

/**
 * The demo's returning provider: a college that has confirmed a request from its address
 * before (issue 12, item 2), so its requests reach the school at once. A request from any
 * other address waits for the confirmation link the inbox shows first.
 */
export const DEMO_PROVIDERS = [{ organisation: 'Eastmouth College', name: 'Riley Lane', email: 'riley.lane@eastmouth-college.example' }] as const;

/**
 * The demo's college workspace (issue 15): a provider organisation with two members and
 * requests at three of the demo schools in several states, so `npm start` shows what a
 * college's schools-liaison officer sees (/requests/, /provider/organisation/, its feed).
 * Its members are not DEMO_PROVIDERS (tests send requests as Riley and list them).
 */
export const DEMO_ORGANISATION = {
  name: 'Eastmouth College',
  type: 'fe_college',
  ukprn: '10004321',
  website: 'https://www.eastmouth-college.example',
  defaultContact: { name: 'Schools Liaison Team', email: 'schools@eastmouth-college.example', phone: '01632 960200' },
} as const;

export const DEMO_MEMBERS = [
  { email: 'morgan.hale@eastmouth-college.example', name: 'Morgan Hale', role: 'admin', phone: '01632 960201' },
  { email: 'priya.shah@eastmouth-college.example', name: 'Priya Shah', role: 'member', phone: '01632 960202' },
] as const;

/** What the school did with each demo request (the state machine's action), or nothing (still waiting). */
export type DemoOutcome = { action: 'approve' } | { action: 'decline'; reason: string } | { action: 'propose'; start: string; end: string } | { action: 'withdraw'; reason: string } | undefined;

export interface DemoWorkspaceRequest {
  urn: string;
  /** Index into DEMO_MEMBERS: who sent it. */
  by: 0 | 1;
  /** How many weeks ahead (the first school day on or after), so every run has dates inside the notice and booking window. */
  weeksAhead: number;
  start: string;
  end: string;
  yearGroups: number[];
  sessionType: SessionType;
  notes: string;
  outcome: DemoOutcome;
}

export const DEMO_WORKSPACE_REQUESTS: DemoWorkspaceRequest[] = [
  { urn: '990101', by: 0, weeksAhead: 8, start: '09:00', end: '09:45', yearGroups: [10], sessionType: 'assembly', notes: 'T Levels in digital and engineering.', outcome: { action: 'approve' } },
  { urn: '990101', by: 1, weeksAhead: 10, start: '13:30', end: '14:30', yearGroups: [9], sessionType: 'class_discussion', notes: 'Apprenticeships at 16: what they are like.', outcome: undefined },
  { urn: '990102', by: 1, weeksAhead: 9, start: '10:00', end: '11:00', yearGroups: [12], sessionType: 'engagement_event', notes: 'Higher technical qualifications.', outcome: { action: 'approve' } },
  { urn: '990102', by: 0, weeksAhead: 11, start: '09:00', end: '09:30', yearGroups: [11], sessionType: 'assembly', notes: 'College open evening and courses.', outcome: { action: 'decline', reason: 'A clash with other planned activities' } },
  { urn: '990103', by: 0, weeksAhead: 12, start: '11:00', end: '11:45', yearGroups: [8], sessionType: 'class_discussion', notes: 'Options talk with our construction tutors.', outcome: { action: 'propose', start: '13:30', end: '14:15' } },
  { urn: '990102', by: 1, weeksAhead: 13, start: '13:30', end: '14:15', yearGroups: [13], sessionType: 'class_discussion', notes: 'Degree apprenticeships.', outcome: { action: 'withdraw', reason: 'Our speaker is no longer available' } },
];
