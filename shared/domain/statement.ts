// The provider access policy statement (RULES.md "The policy statement"): every S-* section
// built from the school's live settings and opportunities, as plain words and values. A
// published version keeps this content as it was on the day (it is never rebuilt), so an
// earlier version reads as the school published it, whatever changed since.
//
// Choices:
// - S-GROUNDS "for granting" is not a setting: it is the product's own checks in the
//   school's numbers (notice, response time, year groups taught), the same rules every
//   request is checked against; the grounds for refusing are the school's own list.
// - S-OPPORTUNITIES lists each opportunity under every key phase whose years it serves;
//   a phase without one says providers may propose a time through the request form.
// - S-REVIEW: the next review is a year after approval (29 February → 28 February).
// - A school teaching none of Years 8–13 still gets a statement that says so (R-TAUGHT).
// - S-PROCEDURE's contact is the one thing a published version loses: when the school names
//   another careers lead, or the lead's personal data is erased, their name, email and
//   phone in every version that named them give way to REDACTED_CAREERS_LEAD and a pointer
//   to the current statement; the rest of the version stays word for word.
import { describeSchedule, weekdayName } from './calendar.ts';
import { KEY_PHASES, type KeyPhase } from './coverage.ts';
import { dateParts, formatDateShort, isLeapYear, makeDate } from './dates.ts';
import type { StatutoryRuleId } from './errors.ts';
import { CONTENT_ITEM_LABELS, CONTENT_ITEMS, listWithAnd, plural, SESSION_TYPE_LABELS } from './labels.ts';
import { type IsoDate, type Opportunity, type School, WEEKDAYS, type YearGroup } from './types.ts';
import { formatYearGroups, providerAccessYears } from './year-groups.ts';

/** RULES.md "What a provider must tell the school", as the statement lists it. */
export const REQUEST_MUST_INCLUDE: readonly string[] = [
  'the organisation, the kind of provider and its UKPRN where it has one',
  'a contact name, email address and phone number',
  'the type of session (for example an assembly, a class discussion, a careers fair stand or a college visit)',
  'the year groups it is for (whole year groups only)',
  'the date, start and end time, or one of the published slots below',
  'how many staff will attend, and that they will follow our safeguarding and visitor checks',
  'the facilities needed (for example a hall, a classroom, a projector or internet access)',
  'confirmation that the session will cover the four things every encounter must cover (below)',
];

export interface StatementPhase {
  phase: KeyPhase;
  rule: StatutoryRuleId;
  /** 'Key phase 1: Years 8 and 9'. */
  title: string;
  /** The years of this phase the school teaches. */
  yearsTaught: YearGroup[];
  mandatory: boolean;
  /** How the phase's pupils get their two encounters, in the school's case. */
  howTwoEncounters: string;
  opportunities: { title: string; sessionType: string; yearGroups: string; when: string; venue: string }[];
}

/** The careers lead as a version published them (S-PROCEDURE). */
export interface StatementContact {
  name: string;
  email: string;
  phone?: string;
}

export const REDACTED_CAREERS_LEAD = "the school's careers lead (contact details removed)";

/** What stands in a version for a careers lead who was replaced or erased. */
export interface RedactedStatementContact {
  redacted: true;
  /** REDACTED_CAREERS_LEAD. */
  name: string;
  /** The school's statement as it is now (the latest version's address), for the current contact. */
  currentStatementUrl: string;
}

export function redactedContact(currentStatementUrl: string): RedactedStatementContact {
  return { redacted: true, name: REDACTED_CAREERS_LEAD, currentStatementUrl };
}

export function isRedactedContact(contact: StatementContact | RedactedStatementContact): contact is RedactedStatementContact {
  return 'redacted' in contact && contact.redacted;
}

/** The content of one statement, as published: words and values only. */
export interface StatementContent {
  school: {
    urn: string;
    name: string;
    address: { street: string; town: string; postcode: string };
    website?: string;
    trust?: { id: string; name: string };
    /** 'Years 8 to 11', or 'no year groups' when the school teaches none of 8–13. */
    providerAccessYears: string;
  };
  /** S-PROCEDURE */
  procedure: {
    careersLead: StatementContact | RedactedStatementContact;
    requestUrl: string;
    mustInclude: string[];
    minimumNoticeDays: number;
    responseSchoolDays: number;
    bookingWindowDays: number;
  };
  /** S-GROUNDS */
  grounds: { granting: string[]; refusing: string[] };
  /** S-PREMISES, the school's own words. */
  premises: string;
  /** S-OPPORTUNITIES, by key phase. */
  opportunities: StatementPhase[];
  /** What every pupil is entitled to. */
  entitlement: {
    summary: string;
    contentItems: string[];
    wholeYearGroups: string;
    schoolDay: { day: string; start: string; end: string }[];
  };
  /** S-REVIEW */
  review: { approvedBy: string; approvedOn: IsoDate; nextReviewOn: IsoDate };
}

export interface StatementApproval {
  approvedBy: string;
  approvedOn: IsoDate;
}

export type SchoolForStatement = Pick<
  School,
  'urn' | 'name' | 'address' | 'website' | 'trust' | 'yearGroups' | 'careersLead' | 'calendar' | 'rules' | 'groundsForRefusing' | 'premises'
>;

/** A year after approval; 29 February is followed by 28 February. */
export function nextReviewDate(approvedOn: IsoDate): IsoDate {
  const { year, month, day } = dateParts(approvedOn);
  if (month === 2 && day === 29 && !isLeapYear(year + 1)) return makeDate(year + 1, 2, 28);
  return makeDate(year + 1, month, day);
}

/** Due on the review date itself and every day after, until a new version is published. */
export function isReviewDue(review: { nextReviewOn: IsoDate }, today: IsoDate): boolean {
  return today >= review.nextReviewOn;
}

export function statementReviewMessage(review: { nextReviewOn: IsoDate; approvedOn: IsoDate }): string {
  return `Your provider access policy statement was due for review on ${formatDateShort(review.nextReviewOn)} (it was approved on ${formatDateShort(review.approvedOn)}). Check the settings and opportunities, have it approved again and publish a new version.`;
}

/** The online request form of a school on the site. */
export function requestUrlOf(siteUrl: string, urn: string): string {
  return `${siteUrl.replace(/\/+$/, '')}/school/?urn=${encodeURIComponent(urn)}`;
}

function phaseText(spec: (typeof KEY_PHASES)[number], taught: YearGroup[], offers: number): string {
  const both = `Years ${spec.firstYear} and ${spec.secondYear}`;
  const window = `any time in Year ${spec.firstYear}, or from 1 September to 28 February in Year ${spec.secondYear}`;
  const who =
    spec.attendance === 'mandatory'
      ? `Every pupil in ${taught.length === 2 ? both : formatYearGroups(taught)} takes part in at least two encounters with providers`
      : `We offer every pupil in ${taught.length === 2 ? both : formatYearGroups(taught)} at least two encounters with providers, and pupils choose whether to attend`;
  const scope =
    taught.length === 2
      ? `; encounters count ${window}.`
      : taught[0] === spec.firstYear
        ? ` while they are with us in Year ${spec.firstYear}.`
        : ` by 28 February of Year ${spec.secondYear}, unless they had two in Year ${spec.firstYear} at their previous school.`;
  const how =
    offers > 1
      ? ` We plan them through the ${plural(offers, 'opportunity', 'opportunities')} listed here, with a different provider each time where we can; providers may also propose other times.`
      : offers === 1
        ? ' We plan them through the opportunity listed here, with a different provider each time where we can; providers may also propose other times.'
      : ' We have no fixed events for this key phase at the moment: providers may propose a date and time through the online request form.';
  return `${who}${scope}${how}`;
}

/** Every section of the statement from the school's settings, opportunities and approval. */
export function buildStatement(
  school: SchoolForStatement,
  opportunities: readonly Opportunity[],
  approval: StatementApproval,
  options: { siteUrl: string },
): StatementContent {
  const years = providerAccessYears(school);
  const rules = school.rules;
  const phases: StatementPhase[] = KEY_PHASES.flatMap((spec) => {
    const taught = [spec.firstYear, spec.secondYear].filter((y) => years.includes(y));
    if (taught.length === 0) return [];
    const offers = opportunities
      .filter((o) => o.yearGroups.some((y) => taught.includes(y)))
      .map((o) => ({
        title: o.title,
        sessionType: SESSION_TYPE_LABELS[o.sessionType],
        yearGroups: formatYearGroups(o.yearGroups),
        when: describeSchedule(o.schedule),
        venue: o.venue,
      }));
    return [
      {
        phase: spec.phase,
        rule: spec.rule,
        title: `Key phase ${spec.phase}: Years ${spec.firstYear} and ${spec.secondYear}`,
        yearsTaught: taught,
        mandatory: spec.attendance === 'mandatory',
        howTwoEncounters: phaseText(spec, taught, offers.length),
        opportunities: offers,
      },
    ];
  });
  const lead = school.careersLead;
  return {
    school: {
      urn: school.urn,
      name: school.name,
      address: { ...school.address },
      ...(school.website ? { website: school.website } : {}),
      ...(school.trust ? { trust: { ...school.trust } } : {}),
      providerAccessYears: formatYearGroups(years),
    },
    procedure: {
      careersLead: { name: lead.name, email: lead.email, ...(lead.phone ? { phone: lead.phone } : {}) },
      requestUrl: requestUrlOf(options.siteUrl, school.urn),
      mustInclude: [...REQUEST_MUST_INCLUDE],
      minimumNoticeDays: rules.minimumNoticeDays,
      responseSchoolDays: rules.responseDeadlineSchoolDays,
      bookingWindowDays: rules.bookingWindowDays,
    },
    grounds: {
      granting: years.length === 0 ? [] : grantingGrounds(school, years),
      refusing: [...school.groundsForRefusing],
    },
    premises: school.premises,
    opportunities: phases,
    entitlement: {
      summary:
        years.length === 0
          ? `${school.name} teaches none of Years 8 to 13, so the duty to give providers access to pupils does not apply to it.`
          : `Every pupil in ${formatYearGroups(years)} is entitled to at least two encounters with providers of technical education or apprenticeships in each key phase we teach: ${listWithAnd(
              phases.map((p) => `Years ${KEY_PHASES[p.phase - 1]!.firstYear} and ${KEY_PHASES[p.phase - 1]!.secondYear}${p.mandatory ? '' : ' (offered; pupils choose whether to attend)'}`),
            )}.`,
      contentItems: CONTENT_ITEMS.map((c) => CONTENT_ITEM_LABELS[c]),
      wholeYearGroups: 'Encounters are for whole year groups, never a selected set, band or group of pupils, and take place during the school day.',
      schoolDay: WEEKDAYS.flatMap((d) => {
        const s = school.calendar.schoolDay[d];
        return s ? [{ day: weekdayName(d), start: s.start, end: s.end }] : [];
      }),
    },
    review: { approvedBy: approval.approvedBy, approvedOn: approval.approvedOn, nextReviewOn: nextReviewDate(approval.approvedOn) },
  };
}

function grantingGrounds(school: SchoolForStatement, years: YearGroup[]): string[] {
  const r = school.rules;
  return [
    'the provider offers approved technical education qualifications or apprenticeships: a further education college, a university technical college, a studio school, an independent training provider, an employer-provider, or a higher education institution offering degree apprenticeships',
    `the encounter is for whole year groups we teach in ${formatYearGroups(years)}`,
    'it takes place during the school day, in term time, on a day the school is open',
    `it is asked for at least ${plural(r.minimumNoticeDays, 'day')} ahead and no more than ${plural(r.bookingWindowDays, 'day')} ahead`,
    'the provider will cover the four things every encounter must cover',
    "the provider's staff will follow our safeguarding and visitor checks",
  ];
}

// ---- what the statement pages read (public, and the careers lead's) ----

export interface StatementVersionLink {
  version: number;
  publishedAt: string;
  approvedOn: string;
  /** The version's own address (HTML page). */
  url: string;
}

/** GET /api/schools/{urn}/statement: one published version and the list of all of them. */
export interface StatementAnswer {
  urn: string;
  schoolName: string;
  version: number;
  publishedAt: string;
  latestVersion: number;
  isLatest: boolean;
  /** The latest version has passed its review date and no newer one is published. */
  reviewDue: boolean;
  /** This version's own address, and the address that always shows the latest. */
  url: string;
  latestUrl: string;
  content: StatementContent;
  /**
   * When this version's careers lead contact was removed (content.procedure.careersLead is
   * then the redaction): the school named another lead, or the lead's data was erased.
   */
  redaction?: { at: string; reason: 'careers-lead-replaced' | 'erased' };
  versions: StatementVersionLink[];
}

/** HTML to paste into the school's website. */
export interface StatementEmbed {
  url: string;
  link: string;
  iframe: string;
}

/** GET (and POST, after publishing) /api/manage/schools/{urn}/statement. */
export interface ManageStatementAnswer {
  urn: string;
  published?: {
    version: number;
    publishedAt: string;
    approvedBy: string;
    approvedOn: string;
    nextReviewOn: string;
    reviewDue: boolean;
    url: string;
  };
  /** A review warning sentence when the latest version is due for review. */
  reviewMessage?: string;
  /** What publishing now would publish (approval as today, by the last approver), to preview. */
  draft: StatementContent;
  embed: StatementEmbed;
  versions: StatementVersionLink[];
}
