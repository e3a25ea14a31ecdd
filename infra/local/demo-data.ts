// Demo data for `npm start`: a fictional multi-academy trust with four schools of the
// kinds provider access must handle (11–16, 11–18, a 9–13 middle school with Year 8 only,
// a primary with no provider access). Every name, address and email is made up; emails
// use the reserved `.example` domain. Term dates are built from today's academic year so
// the demo has bookable dates whenever it runs.
import type { Closure, Opportunity, ProviderType, School, SessionType, Term, YearGroup } from '#shared/domain/types.ts';
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

/**
 * Six half terms a year: last academic year (so encounters the showcase records as delivered
 * in a cohort's earlier year fall on school days), this one and the next (so the booking
 * window has terms).
 */
export function demoTerms(today: Date): Term[] {
  const terms: Term[] = [];
  const first = academicYearOf(today);
  for (const y of [first - 1, first, first + 1]) {
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

/**
 * The showcase (issue 16): what a newcomer should see at work after `npm start`. Colleges
 * and employers who have visited the demo schools, their encounters sent, approved and
 * recorded as delivered through the same use cases as the site, placed relative to today
 * so the coverage page tells the same story whenever the demo runs:
 * - Harbour View, Year 9: met (a carousel in three sessions, counted once, and a whole
 *   encounter from another provider with pupils who missed it: a catch-up owed);
 * - Year 10: on track (one delivered, one approved to come from another provider);
 * - Year 11: at risk (two delivered, both with Eastmouth College: R-RANGE counts them once),
 *   with a Year 11 opportunity whose open slots close the gap; not met once its window has
 *   closed on 28 February;
 * - Year 8: at risk with nothing booked (its careers lesson's slots are the suggestions).
 * Kingsmead and Oakridge have a delivered encounter each for the trust's view, and the
 * three secondary schools have published their provider access policy statement.
 */
export interface DemoShowcaseProvider {
  organisation: string;
  type: ProviderType;
  ukprn: string;
  contact: { name: string; email: string; phone: string };
}

export const DEMO_SHOWCASE_PROVIDERS = {
  coastline: {
    organisation: 'Coastline University Technical College',
    type: 'utc',
    ukprn: '10007711',
    contact: { name: 'Alex Mercer', email: 'alex.mercer@coastline-utc.example', phone: '01632 960301' },
  },
  westbridge: {
    organisation: 'Westbridge Engineering Apprenticeships',
    type: 'independent_training_provider',
    ukprn: '10007722',
    contact: { name: 'Jess Okafor', email: 'jess.okafor@westbridge-apprenticeships.example', phone: '01632 960302' },
  },
  harbourUniversity: {
    organisation: 'Harbour University',
    type: 'he_degree_apprenticeships',
    ukprn: '10007733',
    contact: { name: 'Nia Evans', email: 'nia.evans@harbour-university.example', phone: '01632 960303' },
  },
  dunford: {
    organisation: 'Dunford Engineering',
    type: 'employer_provider',
    ukprn: '10007744',
    contact: { name: 'Tom Reyes', email: 'tom.reyes@dunford-engineering.example', phone: '01632 960304' },
  },
  // The demo college, sent by its invited member, so its workspace shows the visits too.
  eastmouth: {
    organisation: DEMO_ORGANISATION.name,
    type: DEMO_ORGANISATION.type,
    ukprn: DEMO_ORGANISATION.ukprn,
    contact: { name: DEMO_MEMBERS[1].name, email: DEMO_MEMBERS[1].email, phone: DEMO_MEMBERS[1].phone },
  },
} as const satisfies Record<string, DemoShowcaseProvider>;

export interface DemoShowcaseEncounter {
  urn: string;
  provider: keyof typeof DEMO_SHOWCASE_PROVIDERS;
  /** The cohort, by the year group it is in today; the request names the year group it was in on the day. */
  cohortYearGroup: YearGroup;
  /**
   * Delivered: about this many days ago (the nearest school day inside the cohort's window,
   * earlier first). Approved: the first school day at least this many weeks ahead.
   */
  when: { daysAgo: number } | { weeksAhead: number };
  start: string;
  end: string;
  sessionType: SessionType;
  /** Says what it was, and tells a second start that it is already there (with the provider and school). */
  notes: string;
  /** Delivered: pupils on roll and pupils who took part, per session (R-ATTEND); several sessions make a carousel (R-WHOLE), on consecutive school days. */
  delivered?: { onRoll: number; tookPart: number }[];
}

export const DEMO_SHOWCASE_ENCOUNTERS: DemoShowcaseEncounter[] = [
  {
    urn: '990101',
    provider: 'coastline',
    cohortYearGroup: 9,
    when: { daysAgo: 200 },
    start: '10:00',
    end: '10:50',
    sessionType: 'class_discussion',
    notes: 'Engineering taster lessons, one carousel of form groups over three days.',
    delivered: [
      { onRoll: 60, tookPart: 60 },
      { onRoll: 60, tookPart: 60 },
      { onRoll: 60, tookPart: 60 },
    ],
  },
  {
    urn: '990101',
    provider: 'westbridge',
    cohortYearGroup: 9,
    when: { daysAgo: 40 },
    start: '09:00',
    end: '09:40',
    sessionType: 'assembly',
    notes: 'What an engineering apprenticeship is like, from two of our apprentices.',
    delivered: [{ onRoll: 180, tookPart: 171 }],
  },
  {
    urn: '990101',
    provider: 'harbourUniversity',
    cohortYearGroup: 10,
    when: { daysAgo: 20 },
    start: '10:00',
    end: '11:00',
    sessionType: 'engagement_event',
    notes: 'Degree apprenticeships: earning while you study.',
    delivered: [{ onRoll: 176, tookPart: 176 }],
  },
  { urn: '990101', provider: 'dunford', cohortYearGroup: 10, when: { weeksAhead: 6 }, start: '10:00', end: '11:00', sessionType: 'class_discussion', notes: 'Engineering careers at Dunford, with a design challenge.' },
  {
    urn: '990101',
    provider: 'eastmouth',
    cohortYearGroup: 11,
    when: { daysAgo: 250 },
    start: '10:00',
    end: '11:00',
    sessionType: 'class_discussion',
    notes: 'T Levels and apprenticeships after Year 11.',
    delivered: [{ onRoll: 172, tookPart: 172 }],
  },
  {
    urn: '990101',
    provider: 'eastmouth',
    cohortYearGroup: 11,
    when: { daysAgo: 55 },
    start: '09:00',
    end: '09:40',
    sessionType: 'assembly',
    notes: 'Applying to college: our courses and the open evening.',
    delivered: [{ onRoll: 172, tookPart: 172 }],
  },
  {
    urn: '990102',
    provider: 'harbourUniversity',
    cohortYearGroup: 12,
    when: { daysAgo: 30 },
    start: '10:00',
    end: '11:00',
    sessionType: 'engagement_event',
    notes: 'Degree apprenticeships for sixth formers.',
    delivered: [{ onRoll: 140, tookPart: 96 }],
  },
  {
    urn: '990102',
    provider: 'westbridge',
    cohortYearGroup: 9,
    when: { daysAgo: 70 },
    start: '10:00',
    end: '11:00',
    sessionType: 'class_discussion',
    notes: 'Apprenticeships at 16 and 18.',
    delivered: [{ onRoll: 210, tookPart: 210 }],
  },
  {
    urn: '990103',
    provider: 'dunford',
    cohortYearGroup: 8,
    when: { daysAgo: 25 },
    start: '13:15',
    end: '14:15',
    sessionType: 'engagement_event',
    notes: 'Build a bridge: an afternoon with our engineers.',
    delivered: [{ onRoll: 120, tookPart: 120 }],
  },
];

/** Harbour View's Year 11 opportunity: its open slots are what would close Year 11's gap. */
export const DEMO_SHOWCASE_OPPORTUNITY: { urn: string; opportunity: Opportunity } = {
  urn: '990101',
  opportunity: {
    id: 'y11-careers-lesson',
    title: 'Year 11 careers lesson',
    sessionType: 'class_discussion',
    yearGroups: [11],
    schedule: { kind: 'weekly', weekday: 'wed', start: '13:30', end: '14:30' },
    capacity: 1,
    venue: 'Classrooms in the humanities block',
    facilities: ['classroom', 'projector'],
  },
};

/** The schools whose careers lead publishes the statement, approved by the governors three weeks ago. */
export const DEMO_STATEMENT_SCHOOLS = ['990101', '990102', '990103'] as const;
export const DEMO_STATEMENT_APPROVAL = { approvedBy: 'the governing board', daysAgo: 21 } as const;
