// The pages functions still render for a careers lead's emailed links: the result of a
// form posted by a confirmation page from before issue 12, item 3, a link that can no
// longer act (which says why), and the step from an old link (token in the path) to the
// page that takes it from the fragment. The confirmation itself is the static page
// /actions/ (web/src/pages/actions/), which reads the token from #token=… and posts it.
import { formatDate } from '#shared/domain/dates.ts';
import { html } from '#shared/domain/html.ts';
import type { StoredRequest, StoredSchool } from '#shared/domain/records.ts';
import type { LinkDecision as LinkAction } from '#shared/domain/decisions.ts';
import { page } from './layout.ts';

/** The body of the redirect from an old link, for a client that does not follow `Location`. */
export function linkMovedPage(to: string): string {
  return page(
    'Continue to the request',
    html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<h1 class="govuk-heading-l">Continue to the request</h1>
<p class="govuk-body"><a class="govuk-link" href="${to}">Continue to the request</a></p>
</div></div>`,
  );
}

const DONE: Record<LinkAction, string> = {
  approve: 'Request approved',
  decline: 'Request declined',
  propose: 'New time sent',
  'approve-move': 'Move approved',
  'decline-move': 'Move declined',
};

export function donePage(action: LinkAction, request: Pick<StoredRequest, 'provider' | 'contact' | 'date'>, school: Pick<StoredSchool, 'name'>): string {
  const next =
    action === 'approve'
      ? `We have emailed ${request.contact.name} with a calendar invitation, and sent one to you.`
      : action === 'decline'
        ? `We have told ${request.contact.name} and given your reason.`
        : action === 'propose'
          ? `We have asked ${request.contact.name} to accept or decline the new time.`
          : action === 'approve-move'
            ? `We have emailed ${request.contact.name} the new time with an updated calendar invitation, and sent one to you.`
            : `We have told ${request.contact.name} the encounter stays at its time, and given your reason.`;
  return page(
    DONE[action],
    html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">${DONE[action]}</h1><div class="govuk-panel__body">${request.provider.organisation}, ${formatDate(request.date)}</div></div>
<p class="govuk-body">${next}</p>
<p class="govuk-body"><a class="govuk-link" href="/manage/">Go to the ${school.name} dashboard</a></p>
</div></div>`,
  );
}

/** A form from an old confirmation page that needs changing: what to change, and where to answer again. */
export function formProblemPage(message: string, to: string): string {
  return page(
    'There is a problem',
    html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<h1 class="govuk-heading-l">There is a problem</h1>
<p class="govuk-body">${message}</p>
<p class="govuk-body">Nothing has been changed. <a class="govuk-link" href="${to}">Go back to the request</a> to answer it again.</p>
</div></div>`,
  );
}

/** The heading of a link that cannot act, by the API's code; the message says the rest (what was done, by whom, when). */
const LINK_PROBLEM_TITLES: Partial<Record<string, string>> = {
  TOKEN_USED: 'This link has already been used',
  ALREADY_DECIDED: 'This request has already been answered',
  TOKEN_EXPIRED: 'This link has expired',
};

export function linkProblemPage(message: string, code?: string): string {
  const title = (code && LINK_PROBLEM_TITLES[code]) ?? 'This link cannot be used';
  return page(
    title,
    html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<h1 class="govuk-heading-l">${title}</h1>
<p class="govuk-body">${message}</p>
<p class="govuk-body">You can see every request, and decide any that are waiting, in your dashboard.</p>
<p class="govuk-body"><a class="govuk-link" href="/manage/">Go to your dashboard</a> (you may need to <a class="govuk-link" href="/sign-in/">get a sign-in link</a>).</p>
</div></div>`,
  );
}
