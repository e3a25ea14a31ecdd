// The email that confirms a provider's first request from an address (issue 12, item 2).
// Anyone can type any address into the form, so this email carries nothing the sender
// wrote: fixed words, the school's name (from the school's own record, escaped in the
// HTML), the request's reference (ours, added at the top by the registry) and the link. No organisation, contact name or
// notes, so it cannot carry someone else's message to the owner of the address.
import { html } from '#shared/domain/html.ts';
import { button, layout, type MessageContent } from './layout.ts';

export function requestConfirmation(schoolName: string, link: string): MessageContent {
  const subject = `Confirm your provider access request to ${schoolName}`;
  const asked = `A provider access request to ${schoolName} was made with this email address.`;
  const until = 'Until it is confirmed, the school does not see it and it holds no place.';
  const once = 'The link works once, for 24 hours. We ask once for each email address: later requests from it go to the school straight away.';
  const notYou = 'If you did not make this request, ignore this email: nothing will be sent to the school, and the request will be deleted within 24 hours.';
  const text = [asked, '', 'To send it to the school, confirm it:', link, '', until, once, '', notYou].join('\n');
  const body = html`<h1 style="font-size:24px;margin-top:0;">Confirm your request</h1>
<p>${asked}</p>
<p>To send it to the school, confirm it.</p>
<p style="margin:24px 0;">${button(link, 'Confirm and send your request')}</p>
<p>${until}</p>
<p>${once}</p>
<p>${notYou}</p>`;
  return { subject, text, html: layout(subject, body) };
}
