// The published provider access policy statement as a page: every S-* section in order,
// headings h1 → h2 → h3, no script, printable on A4 (the print rules are in the site's
// stylesheet, web/src/statement-print.scss), and embeddable in the school's own website.
import type { StatementAnswer } from '#shared/domain/statement.ts';
import { formatDateShort, formatTimeRange } from '#shared/domain/dates.ts';
import { plural } from '#shared/domain/labels.ts';
import { isRedactedContact } from '#shared/domain/statement.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import { html, type SafeHtml } from '#shared/domain/html.ts';
import { page } from './layout.ts';

const TITLE = 'Provider access policy statement';

function notice(days: number): string {
  if (days === 0) return 'We ask for no minimum notice, though more helps us plan.';
  return `Please give at least ${days} ${days === 1 ? "day's" : "days'"} notice.`;
}

function paragraphs(text: string): SafeHtml {
  const parts = text.split(/\r?\n\s*\r?\n|\r?\n/).map((p) => p.trim()).filter(Boolean);
  return html`${parts.map((p) => html`<p class="govuk-body">${p}</p>`)}`;
}

function bullets(items: readonly string[]): SafeHtml {
  return html`<ul class="govuk-list govuk-list--bullet">${items.map((i) => html`<li>${i}</li>`)}</ul>`;
}

function summaryRows(rows: [string, SafeHtml | string][]): SafeHtml {
  return html`<dl class="govuk-summary-list">${rows.map(
    ([k, v]) => html`<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${k}</dt><dd class="govuk-summary-list__value">${v}</dd></div>`,
  )}</dl>`;
}

function versionBanner(s: StatementAnswer): SafeHtml {
  if (!s.isLatest) {
    return html`<div class="govuk-inset-text">This is version ${s.version}, an earlier version of this statement. <a class="govuk-link" href="${s.latestUrl}">Read the current version (version ${s.latestVersion})</a>.</div>`;
  }
  if (s.reviewDue) {
    return html`<div class="govuk-inset-text">${s.schoolName} was due to review this statement by ${formatDateShort(s.content.review.nextReviewOn)}.</div>`;
  }
  return html``;
}

/**
 * S-PROCEDURE's contact: the careers lead as published, or, once they were replaced or
 * erased, the redaction and where the current contact is: the current version, or for the
 * latest version itself the school's page on the service (it names today's careers lead).
 */
function contactParagraph(s: StatementAnswer): SafeHtml {
  const lead = s.content.procedure.careersLead;
  if (!isRedactedContact(lead)) {
    return html`<p class="govuk-body">Contact our careers lead, ${lead.name}: email <a class="govuk-link" href="mailto:${lead.email}">${lead.email}</a>${lead.phone ? html`, phone ${lead.phone}` : html``}.</p>`;
  }
  const when = s.redaction ? formatDateShort(londonDate(s.redaction.at)) : undefined;
  const why = s.redaction?.reason === 'erased' ? 'at the person’s request' : 'when the school named a new careers lead';
  const where = s.isLatest
    ? html`The school’s page on this service, <a class="govuk-link" href="${s.content.procedure.requestUrl}">${s.content.procedure.requestUrl}</a>, names its careers lead today.`
    : html`<a class="govuk-link" href="${lead.currentStatementUrl}">Read the current version of this statement</a> for who to contact now.`;
  return html`<p class="govuk-body">Contact ${lead.name}. ${where}</p>
<p class="govuk-body-s">The careers lead’s name, email and phone number were removed from this version${when ? ` on ${when}` : ''}, ${why}; the rest of it is as the school published it.</p>`;
}

export function statementPage(s: StatementAnswer): string {
  const c = s.content;
  const p = c.procedure;
  const body = html`<div class="govuk-grid-row app-statement app-wrap"><div class="govuk-grid-column-two-thirds-from-desktop">
<span class="govuk-caption-l">${c.school.name}</span>
<h1 class="govuk-heading-l">${TITLE}</h1>
<p class="govuk-body-l">How ${c.school.name} gives providers of technical education and apprenticeships access to its pupils, as section 42B of the Education Act 1997 requires.</p>
${versionBanner(s)}
${summaryRows([
  ['Version', `${s.version}, published ${formatDateShort(londonDate(s.publishedAt))}`],
  ['Approved', `by ${c.review.approvedBy} on ${formatDateShort(c.review.approvedOn)}`],
  ['Next review', formatDateShort(c.review.nextReviewOn)],
  ['School', `${c.school.name}, ${c.school.address.street}, ${c.school.address.town}, ${c.school.address.postcode} (URN ${c.school.urn})`],
  ...(c.school.trust ? [['Trust', c.school.trust.name] as [string, string]] : []),
])}

<h2 class="govuk-heading-m" id="entitlement">Pupils' entitlement</h2>
<p class="govuk-body">${c.entitlement.summary}</p>
${c.opportunities.length
  ? html`<p class="govuk-body">Every encounter covers:</p>
${bullets(c.entitlement.contentItems)}
<p class="govuk-body">${c.entitlement.wholeYearGroups}</p>`
  : html``}

<h2 class="govuk-heading-m" id="procedure">How a provider asks for access</h2>
${contactParagraph(s)}
<p class="govuk-body">Send a request online at <a class="govuk-link" href="${p.requestUrl}">${p.requestUrl}</a>, where you can see our school day, term dates and open slots. A request must include:</p>
${bullets(p.mustInclude)}
<p class="govuk-body">${notice(p.minimumNoticeDays)} Requests can be made up to ${plural(p.bookingWindowDays, 'day')} ahead. We answer every request within ${plural(p.responseSchoolDays, 'school day')}: we approve it, propose another time, or decline it with a reason.</p>

<h2 class="govuk-heading-m" id="grounds">Granting and refusing requests</h2>
${c.grounds.granting.length
  ? html`<h3 class="govuk-heading-s">We grant a request when</h3>
${bullets(c.grounds.granting)}`
  : html``}
<h3 class="govuk-heading-s">We may refuse a request because of</h3>
${bullets(c.grounds.refusing)}
<p class="govuk-body">When we refuse a request we say which of these reasons applies.</p>

<h2 class="govuk-heading-m" id="premises">Premises and facilities</h2>
${paragraphs(c.premises)}

<h2 class="govuk-heading-m" id="opportunities">Opportunities for providers</h2>
${c.opportunities.length === 0
  ? html`<p class="govuk-body">${c.school.name} teaches none of Years 8 to 13, so it offers no provider access opportunities.</p>`
  : c.opportunities.map(
      (phase) => html`<h3 class="govuk-heading-s">${phase.title}</h3>
<p class="govuk-body">${phase.howTwoEncounters}</p>
${phase.opportunities.length
  ? html`<ul class="govuk-list govuk-list--bullet">${phase.opportunities.map(
      (o) => html`<li><strong>${o.title}</strong> (${o.sessionType}, ${o.yearGroups}): ${o.when}, ${o.venue}</li>`,
    )}</ul>`
  : html``}`,
    )}
${c.entitlement.schoolDay.length
  ? html`<p class="govuk-body">Our school day, when encounters take place:</p>
<ul class="govuk-list">${c.entitlement.schoolDay.map((d) => html`<li>${d.day}: ${formatTimeRange(d.start, d.end)}</li>`)}</ul>`
  : html``}

<h2 class="govuk-heading-m" id="review">Approval and review</h2>
<p class="govuk-body">This statement was approved by ${c.review.approvedBy} on ${formatDateShort(c.review.approvedOn)}. It is reviewed every year; the next review is due by ${formatDateShort(c.review.nextReviewOn)}.</p>

${s.versions.length > 1
  ? html`<h2 class="govuk-heading-m app-no-print" id="versions">All versions</h2>
<ul class="govuk-list app-no-print">${s.versions.map(
      (v) =>
        html`<li>${v.version === s.version
          ? html`Version ${v.version}, published ${formatDateShort(londonDate(v.publishedAt))} (this page)`
          : html`<a class="govuk-link" href="${v.url}">Version ${v.version}, published ${formatDateShort(londonDate(v.publishedAt))}</a>`}</li>`,
    )}</ul>`
  : html``}
<p class="govuk-body-s app-statement__address">The address of this version: <a class="govuk-link" href="${s.url}">${s.url}</a></p>
</div></div>`;
  return page(`${TITLE}: ${c.school.name}`, body, { indexable: true, canonical: s.url });
}

/** A school that exists but has not published: a 404 that says so and where to ask. */
export function statementNotPublishedPage(school: { name: string; urn: string; careersLead?: { name: string; email: string } }, requestUrl: string): string {
  const lead = school.careersLead?.email ? school.careersLead : undefined;
  return page(
    `${TITLE}: not published`,
    html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<span class="govuk-caption-l">${school.name}</span>
<h1 class="govuk-heading-l">${school.name} has not published its provider access policy statement here yet</h1>
<p class="govuk-body">Schools in England must publish a statement saying how providers of technical education and apprenticeships can reach their pupils in Years 8 to 13. ${school.name} (URN ${school.urn}) has not published one on this service yet.</p>
${lead ? html`<p class="govuk-body">To ask about it, contact the careers lead, ${lead.name}, at <a class="govuk-link" href="mailto:${lead.email}">${lead.email}</a>.</p>` : html``}
<p class="govuk-body">Providers can still <a class="govuk-link" href="${requestUrl}">see the school's page and ask for access</a>.</p>
</div></div>`,
  );
}

/** No school, or no such version: a plain 404 page with the reason. */
export function statementMissingPage(title: string, message: string, link?: { href: string; text: string }): string {
  return page(
    title,
    html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<h1 class="govuk-heading-l">${title}</h1>
<p class="govuk-body">${message}</p>
${link ? html`<p class="govuk-body"><a class="govuk-link" href="${link.href}">${link.text}</a></p>` : html`<p class="govuk-body"><a class="govuk-link" href="/schools/">Search for a school</a></p>`}
</div></div>`,
  );
}
