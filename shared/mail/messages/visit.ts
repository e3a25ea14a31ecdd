// What each side needs to know about an approved encounter, for its emails and its .ics.
// The provider: where to go, how to sign in and park, what to bring (from the school's
// message, with a general line on photo ID and the visitor checks), whom to ask for.
// The careers lead: who is coming, for which year groups and session, and what they need.
// Neither gets the other's: the lead's copy never carries the provider's arrival instructions.
import { formatTime, minutesOfDay, timeFromMinutes } from '#shared/domain/dates.ts';
import { PROVIDER_TYPE_LABELS, SESSION_TYPE_LABELS } from '#shared/domain/labels.ts';
import type { School } from '#shared/domain/types.ts';
import { formatYearGroups } from '#shared/domain/year-groups.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import { when, type Row } from './layout.ts';

/** Providers are asked to arrive this long before the start, to sign in. */
export const ARRIVE_MINUTES_EARLY = 15;

/** The school's postal address, one line. */
export function schoolAddress(school: Pick<School, 'name' | 'address'>): string {
  return [school.name, school.address.street, school.address.town, school.address.postcode].filter(Boolean).join(', ');
}

/**
 * The general arrival line every provider gets. Where the school said where to sign in
 * (its message), the line does not send them to reception instead.
 */
export function arrivalText(request: Pick<StoredRequest, 'start' | 'staffCount' | 'schoolMessage'>): string {
  const arriveBy = formatTime(timeFromMinutes(Math.max(0, minutesOfDay(request.start) - ARRIVE_MINUTES_EARLY)));
  const staff = request.staffCount === 1 ? 'your member of staff' : `each of your ${request.staffCount} staff`;
  const where = request.schoolMessage ? 'to sign in as the school asks' : 'and go to reception to sign in';
  return `Arrive ${ARRIVE_MINUTES_EARLY} minutes early (by ${arriveBy}) ${where}. Bring photo ID for ${staff}: the school checks it under its safeguarding and visitor checks.`;
}

/** "Assembly", for the start of a sentence. */
export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The provider's copy: where to go and what the school asks of them. */
export function visitRowsForProvider(school: School, r: StoredRequest, venue: string | undefined): Row[] {
  const lead = school.careersLead;
  return [
    ['Date and time', when(r)],
    ...(venue ? [['Where', venue] as Row] : []),
    ['Address', schoolAddress(school)],
    ...(r.schoolMessage ? [['Message from the school', r.schoolMessage] as Row] : []),
    ['On arrival', arrivalText(r)],
    ['Session', `${SESSION_TYPE_LABELS[r.sessionType]} for ${formatYearGroups(r.yearGroups)} (whole year groups)`],
    ['Careers lead', [lead.name, lead.email, lead.phone].filter(Boolean).join(', ')],
  ];
}

/** The careers lead's copy: who is coming, for whom, and what they need. */
export function visitRowsForLead(r: StoredRequest, venue: string | undefined): Row[] {
  return [
    ['Date and time', when(r)],
    ...(venue ? [['Where', venue] as Row] : []),
    ['Provider', `${r.provider.organisation} (${PROVIDER_TYPE_LABELS[r.provider.type]})`],
    ['Contact', `${r.contact.name}, ${r.contact.phone}, ${r.contact.email}`],
    ['Staff coming', String(r.staffCount)],
    ['Session', SESSION_TYPE_LABELS[r.sessionType]],
    ['Year groups', `${formatYearGroups(r.yearGroups)} (whole year groups)`],
    ['Facilities needed', r.facilities.length ? r.facilities.join(', ') : 'None'],
    ...(r.notes ? [['Notes from the provider', r.notes] as Row] : []),
  ];
}
