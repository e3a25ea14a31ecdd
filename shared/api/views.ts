// Stored records → the shapes the API answers with (shared/api/provider.ts). Only what a
// provider or the public may see leaves here.
import type { Opportunity } from '#shared/domain/types.ts';
import { weekdayName } from '#shared/domain/calendar.ts';
import { formatDate } from '#shared/domain/dates.ts';
import { providerAccessYears } from '#shared/domain/year-groups.ts';
import type { RequestEvent, StoredRequest } from '#shared/store/requests.ts';
import type { StoredSchool } from '#shared/store/schools.ts';
import { schoolSummary } from '#shared/store/directory.ts';
import type { PublicSchool, RequestView } from './provider.ts';

export function describeSchedule(o: Opportunity): string {
  const s = o.schedule;
  if (s.kind === 'once') return `${formatDate(s.date)}, ${s.start} to ${s.end}`;
  const span = [s.from ? `from ${formatDate(s.from)}` : '', s.until ? `until ${formatDate(s.until)}` : ''].filter(Boolean).join(' ');
  return `${weekdayName(s.weekday)}s, ${s.start} to ${s.end}, in term time${span ? ` ${span}` : ''}`;
}

export function publicSchoolView(school: StoredSchool, opportunities: Opportunity[]): PublicSchool {
  const years = providerAccessYears(school);
  return {
    ...schoolSummary(school, years),
    address: school.address,
    ...(school.website ? { website: school.website } : {}),
    yearGroups: school.yearGroups,
    acceptsRequests: years.length > 0,
    minimumNoticeDays: school.rules.minimumNoticeDays,
    bookingWindowDays: school.rules.bookingWindowDays,
    responseDeadlineSchoolDays: school.rules.responseDeadlineSchoolDays,
    careersLead: school.careersLead,
    schoolDay: school.calendar.schoolDay as Record<string, { start: string; end: string }>,
    statementUrl: `/schools/${school.urn}/statement`,
    opportunities: years.length === 0 ? [] : opportunities.map((o) => ({
      id: o.id,
      title: o.title,
      sessionType: o.sessionType,
      yearGroups: o.yearGroups,
      schedule: describeSchedule(o),
      capacity: o.capacity,
      venue: o.venue,
      facilities: o.facilities,
    })),
  };
}

export function requestView(request: StoredRequest, schoolName: string, events: RequestEvent[] = []): RequestView {
  const r = request;
  return {
    id: r.id,
    urn: r.urn,
    schoolName,
    status: r.status,
    date: r.date,
    start: r.start,
    end: r.end,
    yearGroups: r.yearGroups,
    sessionType: r.sessionType,
    organisation: r.provider.organisation,
    contactName: r.contact.name,
    contactEmail: r.contact.email,
    // Unconfirmed: the school's time to answer starts when it is confirmed, so there is no deadline yet.
    ...(r.status === 'unconfirmed' ? (r.confirmBy ? { confirmBy: r.confirmBy } : {}) : { responseDueBy: r.responseDeadline }),
    ...(r.alternative
      ? {
          alternative: {
            date: r.alternative.date,
            start: r.alternative.start,
            end: r.alternative.end,
            respondBy: r.alternative.respondBy,
            ...(r.alternative.message ? { note: r.alternative.message } : {}),
          },
        }
      : {}),
    ...(r.reason ? { decision: { reason: r.reason } } : {}),
    flags: r.flags.map(({ code, rule, field, message }) => ({ code, rule, field, message })),
    // The school keeping an encounter despite a change of its own calendar is its own record, not the provider's.
    history: events.filter((e) => e.type !== 'ATTENTION_KEPT').map((e) => ({
      type: e.type,
      at: e.at,
      actor: e.actor.party,
      ...(typeof e.data?.reason === 'string' ? { note: e.data.reason } : typeof e.data?.note === 'string' ? { note: e.data.note } : {}),
    })),
  };
}
