// Calendar invitations (.ics) for an approved encounter, built by ical-generator with a
// VTIMEZONE for Europe/London (timezones-ical-library). One stable UID per request; the
// SEQUENCE comes from the state machine's event, so every change supersedes the last.
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { SCHOOL_TIME_ZONE } from '#shared/domain/timezone.ts';
import { formatYearGroups } from '#shared/domain/year-groups.ts';
import { CONTENT_ITEMS, CONTENT_ITEM_LABELS, SESSION_TYPE_LABELS } from '#shared/domain/labels.ts';
import type { StoredRequest } from '#shared/store/requests.ts';
import type { StoredSchool } from '#shared/store/schools.ts';

export function calendarUid(requestId: string): string {
  return `${requestId}@provider-access`;
}

export interface InviteInput {
  request: StoredRequest;
  school: StoredSchool;
  method: 'REQUEST' | 'CANCEL';
  sequence: number;
  now: Date;
  /** Where to go and who to ask for on arrival. */
  venue?: string;
}

export function buildInvite({ request, school, method, sequence, now, venue }: InviteInput): string {
  const cal = ical({
    prodId: { company: 'Provider access', product: 'encounters', language: 'EN' },
    method: method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
  });
  // A generator without a calendar-wide zone: VTIMEZONE for the event's zone, DTSTAMP in UTC.
  cal.timezone({ name: null, generator: (tz) => tzlib_get_ical_block(tz)[0] ?? null });
  const description = [
    `${SESSION_TYPE_LABELS[request.sessionType]} for ${formatYearGroups(request.yearGroups)} (whole year groups) at ${school.name}.`,
    `Provider: ${request.provider.organisation}. Careers lead: ${school.careersLead.name}${school.careersLead.phone ? `, ${school.careersLead.phone}` : ''}.`,
    `Arrival: come to reception 15 minutes before the start with photo ID; ${request.staffCount} staff from the provider will follow the school's safeguarding and visitor checks.`,
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
    location: [venue, school.name, school.address.street, school.address.town, school.address.postcode].filter(Boolean).join(', '),
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
    status: method === 'REQUEST' ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
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
      location: [school.name, school.address.street, school.address.town, school.address.postcode].filter(Boolean).join(', '),
      status: ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}
