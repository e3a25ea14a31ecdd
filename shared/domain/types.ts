// The shapes the rules engine, the store and the web agree on. Dates are school-local
// (Europe/London) calendar dates 'YYYY-MM-DD' and wall-clock times 'HH:MM'; an instant is
// an ISO-8601 string with offset. Names follow the school's language (RULES.md).

export type IsoDate = string;
export type LocalTime = string;
export type Instant = string;

/** 0 is Reception, 1..13 are Years 1 to 13. */
export type YearGroup = number;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface SessionTimes {
  start: LocalTime;
  end: LocalTime;
}

/** The school day per weekday; a weekday left out has no school (R-HOURS). */
export type SchoolDay = Partial<Record<Weekday, SessionTimes>>;

export interface Term {
  name: string;
  start: IsoDate;
  end: IsoDate;
}

export const CLOSURE_REASONS = ['INSET', 'EXAMS', 'TRIP', 'OTHER'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** Whole days, inclusive, on which the school takes no visitors. */
export interface Closure {
  start: IsoDate;
  end: IsoDate;
  reason: ClosureReason;
  note?: string;
  /** The day the school added it (set when settings are saved): says what changed under a booking. */
  addedOn?: IsoDate;
}

export interface BankHoliday {
  date: IsoDate;
  name: string;
}

/**
 * GOV.UK's published list (bank-holidays.json, its england-and-wales division), as the
 * differences from the rules above: a one-off day announced after this code was written
 * is in `add`, a regular day moved away from is in `remove`. Between `from` and `until`
 * the published list is the truth; outside them the rules alone. A platform admin loads it
 * (shared/usecases/bank-holidays.ts); the store puts it on each school's calendar as read,
 * so every school-day count sees it and this module stays free of I/O.
 */
export interface PublishedBankHolidays {
  add: BankHoliday[];
  remove: IsoDate[];
  from: IsoDate;
  until: IsoDate;
}

export interface SchoolCalendar {
  schoolDay: SchoolDay;
  terms: Term[];
  closures: Closure[];
  /**
   * Never stored with the school: GOV.UK's published bank-holiday changes (a platform item),
   * put here by the store as the profile is read, so every school-day count uses them.
   */
  bankHolidays?: PublishedBankHolidays;
}

/** R-NOTICE and the response deadline, set per school. */
export interface BookingRules {
  minimumNoticeDays: number;
  bookingWindowDays: number;
  responseDeadlineSchoolDays: number;
  pendingHoldsPlace: boolean;
  /** R-REASONABLE: the shortest encounter the school accepts, in minutes; a profile saved before the setting existed has none (minimumLengthOf gives the default). */
  minimumLengthMinutes?: number;
}

/** R-REASONABLE's default minimum length (RULES.md). */
export const DEFAULT_MINIMUM_LENGTH_MINUTES = 20;

export const DEFAULT_BOOKING_RULES: BookingRules = {
  minimumNoticeDays: 30,
  bookingWindowDays: 365,
  responseDeadlineSchoolDays: 10,
  pendingHoldsPlace: true,
  minimumLengthMinutes: DEFAULT_MINIMUM_LENGTH_MINUTES,
};

export const SESSION_TYPES = [
  'assembly',
  'class_discussion',
  'engagement_event',
  'one_to_one_introduction',
  'open_day',
  'college_visit',
  'virtual_session',
  'careers_fair',
] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

export const PROVIDER_TYPES = [
  'fe_college',
  'utc',
  'studio_school',
  'independent_training_provider',
  'employer_provider',
  'he_degree_apprenticeships',
] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

export type OpportunitySchedule =
  | { kind: 'weekly'; weekday: Weekday; start: LocalTime; end: LocalTime; from?: IsoDate; until?: IsoDate }
  | { kind: 'once'; date: IsoDate; start: LocalTime; end: LocalTime };

/** An event or recurring slot the school offers providers (S-OPPORTUNITIES). */
export interface Opportunity {
  id: string;
  title: string;
  sessionType: SessionType;
  yearGroups: YearGroup[];
  schedule: OpportunitySchedule;
  capacity: number;
  venue: string;
  facilities: string[];
}

export interface Person {
  name: string;
  email: string;
  phone?: string;
}

export interface School {
  urn: string;
  name: string;
  phase: string;
  statutoryLowAge: number;
  statutoryHighAge: number;
  /** Year groups the school teaches (R-TAUGHT), derived from statutory ages. */
  yearGroups: YearGroup[];
  address: { street: string; town: string; postcode: string };
  /** GIAS Easting and Northing (British National Grid, metres): distances in "schools near me". */
  location?: { easting: number; northing: number };
  website?: string;
  trust?: { id: string; name: string };
  /** GIAS UKPRN of the school, where it has one. */
  ukprn?: string;
  careersLead: Person;
  calendar: SchoolCalendar;
  rules: BookingRules;
  groundsForRefusing: string[];
  premises: string;
  /**
   * Years after the end of the academic year of an encounter that its personal data is
   * kept (UK GDPR storage limitation); the daily job anonymises it after. Default 6.
   */
  personalDataRetentionYears?: number;
}

/** The statuses a school ever sees (its lists, filters and counts). */
export const SCHOOL_REQUEST_STATUSES = [
  'pending',
  'approved',
  'declined',
  'alternative_proposed',
  'withdrawn',
  'expired',
  'cancelled',
  'delivered',
  'not_delivered',
] as const;
export type SchoolRequestStatus = (typeof SCHOOL_REQUEST_STATUSES)[number];

export const REQUEST_STATUSES = [
  // Sent from an address nobody has confirmed yet (issue 12, item 2): no school sees it and
  // it holds no place until the provider follows the emailed link; gone after 24 hours.
  'unconfirmed',
  ...SCHOOL_REQUEST_STATUSES,
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
