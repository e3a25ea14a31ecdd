// Raw MIME for SES, built by nodemailer's MailComposer (headers encoded, addresses quoted,
// no header can be injected from a field), never by string concatenation.
import MailComposer from 'nodemailer/lib/mail-composer/index.js';

export interface Address {
  name: string;
  address: string;
}

export interface CalendarPart {
  method: 'REQUEST' | 'CANCEL';
  content: string;
}

export interface OutgoingEmail {
  from: Address;
  to: Address[];
  replyTo?: Address;
  subject: string;
  text: string;
  html: string;
  calendar?: CalendarPart;
  /** A stable id for the message (threading and tracing). */
  messageId?: string;
}

export async function composeRawEmail(email: OutgoingEmail): Promise<Buffer> {
  const composer = new MailComposer({
    from: email.from,
    to: email.to,
    ...(email.replyTo ? { replyTo: email.replyTo } : {}),
    subject: email.subject,
    text: email.text,
    html: email.html,
    ...(email.messageId ? { messageId: email.messageId } : {}),
    ...(email.calendar
      ? {
          icalEvent: { method: email.calendar.method, filename: 'invite.ics', content: email.calendar.content },
        }
      : {}),
    textEncoding: 'quoted-printable',
  });
  return composer.compile().build();
}
