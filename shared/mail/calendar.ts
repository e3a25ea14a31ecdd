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

/**
 * A school's private subscription feed of its encounters (approved and delivered): the
 * same UID per request as the invitations, so a calendar shows each once, with SEQUENCE
 * and VTIMEZONE as above. No METHOD: a feed publishes, it does not invite.
 */
export function buildSchoolFeed(school: StoredSchool, requests: readonly StoredRequest[], now: Date, dashboardUrl: (id: string) => string): string {
  const cal = ical({
    prodId: { company: 'Provider access', product: 'school-feed', language: 'EN' },
    name: `Provider access: ${school.name}`,
    description: `Provider access encounters at ${school.name}`,
    timezone: { name: null, generator: (tz) => tzlib_get_ical_block(tz)[0] ?? null },
    ttl: 60 * 60,
  });
  for (const request of requests) {
    cal.createEvent({
      id: calendarUid(request.id),
      sequence: request.calendarSequence ?? 0,
      stamp: now,
      start: `${request.date}T${request.start}:00`,
      end: `${request.date}T${request.end}:00`,
      timezone: SCHOOL_TIME_ZONE,
      summary: `Provider access: ${request.provider.organisation} (${formatYearGroups(request.yearGroups)})`,
      description: [
        `${SESSION_TYPE_LABELS[request.sessionType]} for ${formatYearGroups(request.yearGroups)} (whole year groups).`,
        `Provider: ${request.provider.organisation}; contact ${request.contact.name}, ${request.contact.phone}.`,
        request.status === 'delivered' ? 'Delivery recorded.' : `${request.staffCount} staff from the provider will attend.`,
        `Details: ${dashboardUrl(request.id)}`,
      ].join('\n'),
      location: [request.venue, schoolAddress(school)].filter(Boolean).join(', '),
      status: ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}
