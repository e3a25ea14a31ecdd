// Calendar invitations (.ics) for an approved encounter, built by ical-generator with a
// VTIMEZONE for Europe/London (timezones-ical-library). One stable UID per request; the
// SEQUENCE comes from the state machine's event, so every change supersedes the last.
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { SCHOOL_TIME_ZONE } from '#shared/domain/timezone.ts';
import { formatYearGroups } from '#shared/domain/year-groups.ts';
import { CONTENT_ITEMS, CONTENT_ITEM_LABELS, SESSION_TYPE_LABELS } from '#shared/domain/labels.ts';
import type { StoredRequest, StoredSchool } from '#shared/domain/records.ts';
import { arrivalText, schoolAddress, sentenceCase } from './messages/visit.ts';

export function calendarUid(requestId: string): string {
  return `${requestId}@provider-access`;
}

export interface InviteInput {
  request: StoredRequest;
  school: StoredSchool;
  /** PUBLISH: the encounter as a file to add to a calendar ("Add to calendar" on the request's page), not an invitation. */
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH';
  sequence: number;
  now: Date;
  /** Whose copy: each side's DESCRIPTION says what it needs (shared/mail/messages/visit.ts). */
  audience: 'lead' | 'provider';
  /** Where in the school (e.g. "Main hall"): first in LOCATION. */
  venue?: string;
  /** Why it moved or was cancelled, for both sides. */
  reason?: string;
}

/** The provider's DESCRIPTION: where to go, the school's message, arrival, whom to ask for. */
function providerDescription(request: StoredRequest, school: StoredSchool, venue: string | undefined, reason: string | undefined): string[] {
  const lead = school.careersLead;
  return [
    `${sentenceCase(SESSION_TYPE_LABELS[request.sessionType])} for ${formatYearGroups(request.yearGroups)} (whole year groups) at ${school.name}.`,
    ...(reason ? [`Reason given: ${reason}`] : []),
    `Where: ${[venue, schoolAddress(school)].filter(Boolean).join(', ')}.`,
    ...(request.schoolMessage ? [`Message from the school: ${request.schoolMessage}`] : []),
    `On arrival: ${arrivalText(request)}`,
    `Careers lead: ${[lead.name, lead.phone].filter(Boolean).join(', ')}.`,
  ];
}

/** The careers lead's DESCRIPTION: who is coming, for whom, and what they need. */
function leadDescription(request: StoredRequest, venue: string | undefined, reason: string | undefined): string[] {
  return [
    `${sentenceCase(SESSION_TYPE_LABELS[request.sessionType])} for ${formatYearGroups(request.yearGroups)} (whole year groups)${venue ? ` in ${venue}` : ''}.`,
    ...(reason ? [`Reason given: ${reason}`] : []),
    `Provider: ${request.provider.organisation}; contact ${request.contact.name}, ${request.contact.phone}.`,
    `Staff coming: ${request.staffCount}.`,
    `Facilities needed: ${request.facilities.length ? request.facilities.join(', ') : 'none'}.`,
    ...(request.notes ? [`Notes from the provider: ${request.notes}`] : []),
  ];
}

const CALENDAR_METHOD = { REQUEST: ICalCalendarMethod.REQUEST, CANCEL: ICalCalendarMethod.CANCEL, PUBLISH: ICalCalendarMethod.PUBLISH } as const;

export function buildInvite({ request, school, method, sequence, now, audience, venue, reason }: InviteInput): string {
  const cal = ical({
    prodId: { company: 'Provider access', product: 'encounters', language: 'EN' },
    method: CALENDAR_METHOD[method],
  });
  // A generator without a calendar-wide zone: VTIMEZONE for the event's zone, DTSTAMP in UTC.
  cal.timezone({ name: null, generator: (tz) => tzlib_get_ical_block(tz)[0] ?? null });
  const description = [
    ...(audience === 'provider' ? providerDescription(request, school, venue, reason) : leadDescription(request, venue, reason)),
    'The encounter covers:',
    ...CONTENT_ITEMS.map((c, i) => `${i + 1}. ${CONTENT_ITEM_LABELS[c]}`),
  ].join('\n');
  cal.createEvent({
    id: calendarUid(request.id),
    sequence,
    stamp: now,
    start: `${request.date}T${request.start}:00`,
    end: `${request.date}T${request.end}:00`,
    timezone: SCHOOL_TIME_ZONE,
    summary: `Provider access: ${request.provider.organisation} at ${school.name}`,
    description,
    location: [venue, schoolAddress(school)].filter(Boolean).join(', '),
    organizer: { name: school.careersLead.name, email: school.careersLead.email },
    attendees: [
      {
        name: request.contact.name,
        email: request.contact.email,
        rsvp: method === 'REQUEST',
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.NEEDSACTION,
      },
    ],
    status: method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return cal.toString();
}

/** One event of a subscription feed: the request's own UID and SEQUENCE, the words its reader needs. */
interface FeedEntry {
  request: StoredRequest;
  summary: string;
  description: string[];
  location: string;
}

/**
 * A private subscription feed: the same UID per request as the invitations, so a calendar
 * shows each once, with SEQUENCE and VTIMEZONE as above. No METHOD: a feed publishes, it
 * does not invite. TTL an hour, so subscribed calendars (Outlook, Google) poll no more.
 */
function buildFeed(meta: { product: string; name: string; description: string }, entries: readonly FeedEntry[], now: Date): string {
  const cal = ical({
    prodId: { company: 'Provider access', product: meta.product, language: 'EN' },
    name: meta.name,
    description: meta.description,
    timezone: { name: null, generator: (tz) => tzlib_get_ical_block(tz)[0] ?? null },
    ttl: 60 * 60,
  });
  for (const { request, summary, description, location } of entries) {
    cal.createEvent({
      id: calendarUid(request.id),
      sequence: request.calendarSequence ?? 0,
      stamp: now,
      start: `${request.date}T${request.start}:00`,
      end: `${request.date}T${request.end}:00`,
      timezone: SCHOOL_TIME_ZONE,
      summary,
      description: description.join('\n'),
      location,
      status: ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}

/** A school's private feed of its encounters (approved and delivered). */
export function buildSchoolFeed(school: StoredSchool, requests: readonly StoredRequest[], now: Date, dashboardUrl: (id: string) => string): string {
  return buildFeed(
    { product: 'school-feed', name: `Provider access: ${school.name}`, description: `Provider access encounters at ${school.name}` },
    requests.map((request) => ({
      request,
      summary: `Provider access: ${request.provider.organisation} (${formatYearGroups(request.yearGroups)})`,
      description: [
        `${SESSION_TYPE_LABELS[request.sessionType]} for ${formatYearGroups(request.yearGroups)} (whole year groups).`,
        `Provider: ${request.provider.organisation}; contact ${request.contact.name}, ${request.contact.phone}.`,
        request.status === 'delivered' ? 'Delivery recorded.' : `${request.staffCount} staff from the provider will attend.`,
        `Details: ${dashboardUrl(request.id)}`,
      ],
      location: [request.venue, schoolAddress(school)].filter(Boolean).join(', '),
    })),
    now,
  );
}

/**
 * A provider organisation's private feed of its visits to schools (issue 15, item 3): each
 * approved (or delivered) request at its school, with what the provider's invitation says
 * (where to go, arrival, whom to ask for) and the same UID and SEQUENCE as that invitation.
 */
export function buildOrganisationFeed(
  organisationName: string,
  visits: readonly { request: StoredRequest; school: StoredSchool; venue?: string }[],
  now: Date,
  requestUrl: (id: string) => string,
): string {
  return buildFeed(
    { product: 'provider-feed', name: `Provider access: ${organisationName}`, description: `${organisationName}: visits to schools booked through Provider access` },
    visits.map(({ request, school, venue }) => ({
      request,
      summary: `${sentenceCase(SESSION_TYPE_LABELS[request.sessionType])} at ${school.name}`,
      description: [
        ...providerDescription(request, school, venue, undefined),
        ...(request.status === 'delivered' ? ['Delivery recorded by the school.'] : []),
        `Sent by ${request.contact.name}. Details: ${requestUrl(request.id)}`,
      ],
      location: [venue, schoolAddress(school)].filter(Boolean).join(', '),
    })),
    now,
  );
}
