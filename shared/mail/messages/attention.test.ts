import { describe, expect, it } from 'vitest';
import { escapeHtml } from '#shared/domain/html.ts';
import { attentionForLead, type AttentionItem } from './attention.ts';

const P = '<img src=x onerror=alert(1)>';
const school = { name: `Harbour View ${P}`, careersLead: { name: P, email: 'lead@school.example' } };
const item = (organisation: string, status: string): AttentionItem => ({
  organisation,
  status,
  date: '2027-01-12',
  start: '10:00',
  end: '10:45',
  problems: [{ rule: 'R-HOURS', message: `Tuesday 12 January 2027 is now an INSET day: ${P} (closure added 3 December 2026).` }],
  link: 'https://site.example/manage/requests/view/?id=01ABC',
});

describe("the careers lead's needs-attention email (issue 11)", () => {
  it('lists each booking with its problem, rule and link, in text and HTML, every value escaped in HTML', () => {
    const m = attentionForLead(school, 'settings', [item(P, 'approved'), item('Eastmouth College', 'pending')], 'https://site.example/manage/?urn=990101');
    expect(m.subject).toBe(`2 bookings need your attention at Harbour View ${P}`);
    expect(m.text).toContain(`1. ${P}: Tuesday 12 January 2027, 10am to 10:45am (approved)`);
    expect(m.text).toContain('2. Eastmouth College: Tuesday 12 January 2027, 10am to 10:45am (waiting for your decision)');
    expect(m.text).toContain('(closure added 3 December 2026). (R-HOURS)');
    expect(m.text).toContain('Open the request: https://site.example/manage/requests/view/?id=01ABC');
    expect(m.text).toContain('Your dashboard: https://site.example/manage/?urn=990101');
    expect(m.html).not.toContain(P);
    expect(m.html).toContain(escapeHtml(P));
    expect(attentionForLead(school, 'daily', [item('Eastmouth College', 'approved')], 'x').subject).toBe(`1 booking needs your attention at Harbour View ${P}`);
  });

  it("names each booking's reference beside its provider (issue 14, item 6); a booking from before references, none", () => {
    const m = attentionForLead(school, 'daily', [{ ...item('Eastmouth College', 'approved'), reference: 'PA-7K3M-Q9' }, item('Westbridge Training', 'pending')], 'x');
    for (const part of [m.text, m.html]) {
      expect(part).toContain('Eastmouth College (PA-7K3M-Q9): Tuesday 12 January 2027');
      expect(part).toContain('Westbridge Training: Tuesday 12 January 2027');
    }
  });
});
