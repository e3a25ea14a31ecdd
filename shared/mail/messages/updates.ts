// The emails for every later change of a request: to the other side of whoever acted,
// saying what happened and what to do next. One builder, worded per event. What one side
// wrote for the other (the school's message when approving, a decline's reason, a
// proposed time's message, a move's reason, the provider's note when accepting) is in the
// other side's copy; an approved or moved encounter's details are per side (./visit.ts).
import type { RequestEventType } from '#shared/domain/state-machine.ts';
import type { School } from '#shared/domain/types.ts';
import { formatDate, formatDateShort } from '#shared/domain/dates.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import { html } from '#shared/domain/html.ts';
import { button, detailRows, layout, rowsHtml, letterText, when, type MessageContent } from './layout.ts';
import { visitRowsForLead, visitRowsForProvider } from './visit.ts';

export type Audience = 'lead' | 'provider';

interface Wording {
  subject: string;
  headline: string;
  lines: string[];
  linkLabel: string;
  /** An approved (or moved) encounter: each side's own details instead of the request as sent. */
  visit?: true;
}

export function wording(
  type: RequestEventType,
  audience: Audience,
  school: School,
  r: StoredRequest,
  eventData: Record<string, unknown> = {},
): Wording | undefined {
  const org = r.provider.organisation;
  // A move keeps the request open, so its reason travels with the event, not the request.
  const given = typeof eventData.reason === 'string' ? eventData.reason : r.reason;
  const reason = given ? `Reason given: ${given}` : '';
  const forProvider = audience === 'provider';
  // The provider's note when accepting a proposed time, for the lead.
  const providerNote = !forProvider && type === 'ALTERNATIVE_ACCEPTED' && typeof eventData.note === 'string' && eventData.note ? `Message from ${org}: ${eventData.note}` : '';
  switch (type) {
    case 'REQUEST_APPROVED':
    case 'ALTERNATIVE_ACCEPTED':
      return {
        subject: `Approved: ${org} at ${school.name}, ${formatDateShort(r.date)}`,
        headline: 'Provider access encounter approved',
        lines: forProvider
          ? [`${school.name} has approved your visit on ${when(r)}.`, 'A calendar invitation is attached. Below is where to go and what the school asks of you on the day.']
          : [
              type === 'ALTERNATIVE_ACCEPTED' ? `${org} accepted the time you proposed: ${when(r)}.` : `You approved ${org}'s visit on ${when(r)}.`,
              providerNote,
              `A calendar invitation is attached. ${org} has been sent theirs, with where to go${r.schoolMessage ? ' and your message' : ''}.`,
            ].filter(Boolean),
        linkLabel: forProvider ? 'See your request' : 'Open the request',
        visit: true,
      };
    case 'REQUEST_RESCHEDULED':
      return {
        subject: `New time: ${org} at ${school.name}, ${formatDateShort(r.date)}`,
        headline: 'The encounter has moved',
        lines: [`The encounter is now on ${when(r)}.`, reason, 'The attached invitation replaces the earlier one.'].filter(Boolean),
        linkLabel: forProvider ? 'See your request' : 'Open the request',
        visit: true,
      };
    case 'MOVE_APPROVED':
      return {
        subject: `New time: ${org} at ${school.name}, ${formatDateShort(r.date)}`,
        headline: 'The encounter has moved',
        lines: [
          forProvider ? `${school.name} approved your move: the encounter is now on ${when(r)}.` : `You approved ${org}'s move: the encounter is now on ${when(r)}.`,
          reason,
          'The attached invitation replaces the earlier one.',
        ].filter(Boolean),
        linkLabel: forProvider ? 'See your request' : 'Open the request',
        visit: true,
      };
    case 'MOVE_DECLINED': {
      const asked = timeIn(eventData.asked);
      return {
        subject: `Move declined: ${school.name}, ${formatDateShort(r.date)}`,
        headline: 'The school cannot move the encounter',
        lines: [
          `${school.name} cannot move the encounter${asked ? ` to ${when(asked)}` : ''}. It stays on ${when(r)}, and your calendar invitation still stands.`,
          reason,
          `You can reply to this email to ask ${school.careersLead.name} about another time.`,
        ].filter(Boolean),
        linkLabel: 'See your request',
      };
    }
    case 'REQUEST_DECLINED':
      return {
        subject: `Declined: your request to ${school.name}`,
        headline: 'Your request was declined',
        lines: [`${school.name} has declined your request for ${when(r)}.`, reason, `You can reply to this email to ask ${school.careersLead.name} about another time.`].filter(Boolean),
        linkLabel: 'See your request',
      };
    case 'ALTERNATIVE_PROPOSED':
      return {
        subject: `${school.name} proposes another time`,
        headline: 'The school proposes another time',
        lines: [
          r.alternative ? `${school.name} cannot do ${when(r)} but proposes ${when(r.alternative)}.` : `${school.name} proposes another time.`,
          r.alternative?.message ? `Message from the school: ${r.alternative.message}` : '',
          r.alternative ? `Accept or decline it by ${formatDate(r.alternative.respondBy)}.` : '',
        ].filter(Boolean),
        linkLabel: 'Accept or decline the new time',
      };
    case 'REQUEST_WITHDRAWN':
      return {
        subject: `Withdrawn: ${org}'s request for ${formatDateShort(r.date)}`,
        headline: 'A request was withdrawn',
        lines: [`${org} has withdrawn its request for ${when(r)}. Nothing more is needed from you.`, reason].filter(Boolean),
        linkLabel: 'Open your dashboard',
      };
    case 'ALTERNATIVE_REJECTED':
      return {
        subject: `${org} cannot make the time you proposed`,
        headline: 'The proposed time was declined',
        lines: [`${org} cannot make the time you proposed, so the request is closed.`, reason].filter(Boolean),
        linkLabel: 'Open your dashboard',
      };
    case 'REQUEST_CANCELLED':
      return {
        subject: `Cancelled: ${org} at ${school.name}, ${formatDateShort(r.date)}`,
        headline: 'The encounter was cancelled',
        lines: [
          `The encounter on ${when(r)} was cancelled by ${r.endedBy === 'provider' ? org : school.name}.`,
          reason,
          'The attached update removes it from your calendar.',
        ].filter(Boolean),
        linkLabel: forProvider ? 'See your request' : 'Open the request',
      };
    default:
      return undefined;
  }
}

/** A date and times carried by an event's data, when they are there. */
function timeIn(data: unknown): { date: string; start: string; end: string } | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const { date, start, end } = data as Record<string, unknown>;
  return typeof date === 'string' && typeof start === 'string' && typeof end === 'string' ? { date, start, end } : undefined;
}

export function updateMessage(w: Wording, audience: Audience, school: School, r: StoredRequest, link: string, venue?: string): MessageContent {
  const greeting = audience === 'provider' ? r.contact.name : school.careersLead.name;
  const rows = !w.visit ? detailRows(r) : audience === 'provider' ? visitRowsForProvider(school, r, venue) : visitRowsForLead(r, venue);
  const text = letterText(greeting, w.lines, rows, [`${w.linkLabel}: ${link}`]);
  const body = html`<h1 style="font-size:24px;margin-top:0;">${w.headline}</h1>
<p>Dear ${greeting},</p>
${w.lines.map((l) => html`<p>${l}</p>`)}
${rowsHtml(rows)}
<p style="margin:24px 0;">${button(link, w.linkLabel)}</p>`;
  return { subject: w.subject, text, html: layout(w.subject, body) };
}
