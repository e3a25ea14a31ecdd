// Reading what the mailer sent. The SES emulator parses each raw message (MIME) itself and
// keeps its text and HTML parts and its attachments; the calendar part is one of those,
// read here by ical.js, an independent parser.
import ICAL from 'ical.js';
import type { InboxEmail } from '#infra/local/ses.ts';

/** The VCALENDAR of an email's calendar part. */
export function icsOf(email: InboxEmail): ICAL.Component {
  const raw = email.attachments.find((a) => (a.contentType ?? '').includes('calendar'));
  if (!raw) throw new Error(`no calendar part in "${email.subject}"`);
  const text = Buffer.from(raw.content, 'base64').toString('utf8');
  return new ICAL.Component(ICAL.parse(text.includes('BEGIN:VCALENDAR') ? text : raw.content));
}

/** The VEVENT of an email's calendar part, with its DESCRIPTION and LOCATION as text. */
export function inviteOf(email: InboxEmail): { calendar: ICAL.Component; event: ICAL.Component; description: string; location: string } {
  const calendar = icsOf(email);
  const event = calendar.getFirstSubcomponent('vevent');
  if (!event) throw new Error(`no VEVENT in "${email.subject}"`);
  return { calendar, event, description: String(event.getFirstPropertyValue('description') ?? ''), location: String(event.getFirstPropertyValue('location') ?? '') };
}
