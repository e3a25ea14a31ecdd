// To the careers lead: the published policy statement has reached its yearly review date
// (S-REVIEW). HTML escaped by the `html` template; plain text alongside.
import { formatDateShort } from '#shared/domain/dates.ts';
import type { School } from '#shared/domain/types.ts';
import { html } from '#shared/domain/html.ts';
import { button, layout, type MessageContent } from './layout.ts';

export function statementReviewForLead(
  school: Pick<School, 'name' | 'careersLead'>,
  review: { version: number; approvedOn: string; nextReviewOn: string },
  links: { manage: string; statement: string },
): MessageContent {
  const subject = `Review your provider access policy statement (due ${formatDateShort(review.nextReviewOn)})`;
  const lines = [
    `The provider access policy statement of ${school.name} (version ${review.version}, approved on ${formatDateShort(review.approvedOn)}) was due for its yearly review on ${formatDateShort(review.nextReviewOn)}.`,
    'Check the notice, response time, grounds for refusing, premises and opportunities in your settings, have the statement approved by the governing board or trust, and publish the new version. The current version stays published until then.',
  ];
  const text = [`Dear ${school.careersLead.name},`, '', ...lines, '', `Review and publish: ${links.manage}`, `The published statement: ${links.statement}`].join('\n');
  const body = html`<h1 style="font-size:24px;margin-top:0;">Your statement is due for review</h1>
<p>Dear ${school.careersLead.name},</p>
${lines.map((l) => html`<p>${l}</p>`)}
<p style="margin:24px 0;">${button(links.manage, 'Review and publish')}</p>
<p><a href="${links.statement}">Read the published statement</a></p>`;
  return { subject, text, html: layout(subject, body) };
}
