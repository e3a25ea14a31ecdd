import { describe, expect, it } from 'vitest';
import { answerDeadline, evidencePeriod, evidenceReport, maybeSentIn, requestEvidence, type EvidenceEvent, type EvidenceRequest } from './evidence.ts';

const request = (over: Partial<EvidenceRequest> = {}): EvidenceRequest => ({
  id: 'R1',
  urn: '990101',
  status: 'pending',
  createdAt: '2026-10-05T09:00:00.000Z',
  responseDeadline: '2026-10-19',
  date: '2026-11-20',
  ...over,
});

const submitted = (at = '2026-10-05T09:00:00.000Z', deadline = '2026-10-19'): EvidenceEvent => ({
  type: 'REQUEST_SUBMITTED',
  from: null,
  to: 'pending',
  at,
  actor: { party: 'provider' },
  data: { responseDeadline: deadline },
});
const school = (to: EvidenceEvent['to'], at: string, from: EvidenceEvent['from'] = 'pending'): EvidenceEvent => ({ from, to, at, actor: { party: 'school' } });
const provider = (to: EvidenceEvent['to'], at: string, from: EvidenceEvent['from']): EvidenceEvent => ({ from, to, at, actor: { party: 'provider' } });

describe('the deadline a school was held to: its own response time (S-PROCEDURE)', () => {
  it('is the one recorded when the request reached the school, not the request’s later one', () => {
    // A counter-offer gave the request a new deadline; the school's first answer is judged by the first.
    expect(answerDeadline(request({ responseDeadline: '2026-12-01' }), [submitted()])).toBe('2026-10-19');
    expect(answerDeadline(request(), [])).toBe('2026-10-19');
  });

  it('for a request confirmed by email, counts from the confirmation', () => {
    const confirmed: EvidenceEvent = { ...submitted('2026-10-06T08:00:00.000Z', '2026-10-20'), from: 'unconfirmed' };
    const e = requestEvidence(request({ responseDeadline: '2026-10-20' }), [confirmed], '2026-10-07');
    expect(e).toMatchObject({ sentAt: '2026-10-06T08:00:00.000Z', deadline: '2026-10-20', timeliness: 'waiting' });
  });
});

describe('how a school answered', () => {
  it('in time: on the deadline day itself, London time', () => {
    // 23:30 UTC on 18 Oct is 00:30 on 19 Oct in London (BST): still the deadline day.
    const e = requestEvidence(request({ status: 'approved' }), [submitted(), school('approved', '2026-10-18T23:30:00.000Z')], '2026-11-01');
    expect(e).toMatchObject({ timeliness: 'in-time', answer: 'approved', approved: true, declined: false, answeredAt: '2026-10-18T23:30:00.000Z' });
  });

  it('late: the day after the deadline', () => {
    const e = requestEvidence(request({ status: 'declined', reason: 'Not enough notice was given' }), [submitted(), school('declined', '2026-10-20T08:00:00.000Z')], '2026-11-01');
    expect(e).toMatchObject({ timeliness: 'late', answer: 'declined', declined: true, grounds: 'Not enough notice was given' });
  });

  it('unanswered: still pending past the deadline, or expired by the daily job', () => {
    expect(requestEvidence(request(), [submitted()], '2026-10-20')?.timeliness).toBe('unanswered');
    expect(requestEvidence(request(), [submitted()], '2026-10-19')?.timeliness).toBe('waiting');
    const expired: EvidenceEvent = { from: 'pending', to: 'expired', at: '2026-10-20T05:00:00.000Z', actor: { party: 'system' } };
    expect(requestEvidence(request({ status: 'expired' }), [submitted(), expired], '2026-11-01')?.timeliness).toBe('unanswered');
  });

  it('a withdrawal counts against the school only once the deadline had passed', () => {
    expect(requestEvidence(request({ status: 'withdrawn' }), [submitted(), provider('withdrawn', '2026-10-10T10:00:00.000Z', 'pending')], '2026-11-01')?.timeliness).toBe('withdrawn');
    expect(requestEvidence(request({ status: 'withdrawn' }), [submitted(), provider('withdrawn', '2026-10-22T10:00:00.000Z', 'pending')], '2026-11-01')?.timeliness).toBe('unanswered');
  });

  it('a proposed time is an answer; the provider accepting it makes the request approved', () => {
    const trail = [submitted(), school('alternative_proposed', '2026-10-08T10:00:00.000Z'), provider('approved', '2026-10-09T10:00:00.000Z', 'alternative_proposed')];
    expect(requestEvidence(request({ status: 'approved' }), trail, '2026-11-01')).toMatchObject({ timeliness: 'in-time', answer: 'alternative_proposed', approved: true });
  });

  it('a cancelled or delivered request was approved', () => {
    for (const status of ['cancelled', 'delivered', 'not_delivered'] as const) {
      expect(requestEvidence(request({ status }), [submitted(), school('approved', '2026-10-08T10:00:00.000Z')], '2026-12-01')?.approved).toBe(true);
    }
  });

  it('an unconfirmed request never reached the school: no evidence', () => {
    expect(requestEvidence(request({ status: 'unconfirmed' }), [], '2026-10-06')).toBeUndefined();
  });
});

describe('the period', () => {
  it('is the current academic year by default, or the one asked for', () => {
    expect(evidencePeriod({}, '2026-12-01')).toEqual({ from: '2026-09-01', to: '2027-08-31', academicYear: 2026, label: '2026/27' });
    expect(evidencePeriod({}, '2026-08-31')).toMatchObject({ from: '2025-09-01', label: '2025/26' });
    expect(evidencePeriod({ academicYear: 2024 }, '2026-12-01')).toMatchObject({ from: '2024-09-01', to: '2025-08-31', label: '2024/25' });
  });

  it('or dates, either left open', () => {
    expect(evidencePeriod({ from: '2026-09-01', to: '2026-12-31' }, '2026-12-01')).toEqual({ from: '2026-09-01', to: '2026-12-31', label: 'Tuesday 1 September 2026 to Thursday 31 December 2026' });
    expect(evidencePeriod({ from: '2026-09-01' }, '2026-12-01')).toMatchObject({ from: '2026-09-01', to: '2026-12-01' });
    expect(evidencePeriod({ to: '2026-10-01' }, '2026-12-01')).toEqual({ to: '2026-10-01', label: 'up to Thursday 1 October 2026' });
  });

  it('a request made the day before the period may have been confirmed inside it', () => {
    const p = { from: '2026-09-01', to: '2026-09-30' };
    expect(maybeSentIn(p, '2026-08-31T10:00:00.000Z')).toBe(true);
    expect(maybeSentIn(p, '2026-08-30T10:00:00.000Z')).toBe(false);
    expect(maybeSentIn(p, '2026-10-01T10:00:00.000Z')).toBe(false);
  });
});

describe('the report', () => {
  it('counts each school and the totals, with the grounds given, schools by name', () => {
    const at = (d: string) => `${d}T10:00:00.000Z`;
    const ev = [
      requestEvidence(request({ id: 'A', status: 'approved' }), [submitted(), school('approved', at('2026-10-07'))], '2026-11-01'),
      requestEvidence(request({ id: 'B', status: 'declined', reason: 'Not enough notice was given' }), [submitted(), school('declined', at('2026-10-25'))], '2026-11-01'),
      requestEvidence(request({ id: 'C', urn: '990102', status: 'declined', reason: 'Not enough notice was given' }), [submitted(), school('declined', at('2026-10-07'))], '2026-11-01'),
      requestEvidence(request({ id: 'D', urn: '990102' }), [submitted()], '2026-11-01'),
      // Sent before the period: left out.
      requestEvidence(request({ id: 'E', createdAt: at('2026-08-20') }), [submitted(at('2026-08-20'), '2026-09-03')], '2026-11-01'),
    ].filter((e) => e !== undefined);
    const schools = new Map([
      ['990101', { name: 'Harbour View Academy', responseSchoolDays: 10 }],
      ['990102', { name: 'Bay School', responseSchoolDays: 5 }],
    ]);
    const report = evidenceReport(ev, schools, evidencePeriod({}, '2026-11-01'), '2026-11-01', 10);
    expect(report.schools.map((s) => s.name)).toEqual(['Bay School', 'Harbour View Academy']);
    expect(report.schools[0]).toMatchObject({ responseSchoolDays: 5, counts: { sent: 2, answeredInTime: 1, declined: 1, unansweredPastDeadline: 1, approved: 0 } });
    expect(report.schools[1]).toMatchObject({ counts: { sent: 2, answeredInTime: 1, answeredLate: 1, approved: 1, declined: 1 }, grounds: [{ grounds: 'Not enough notice was given', count: 1 }] });
    expect(report.totals).toEqual({ sent: 4, answeredInTime: 2, answeredLate: 1, approved: 1, declined: 2, unansweredPastDeadline: 1, waiting: 0 });
    expect(report.grounds).toEqual([{ grounds: 'Not enough notice was given', count: 2 }]);
  });

  it('a school the store no longer knows keeps its URN and the default response time', () => {
    const e = requestEvidence(request({ urn: '123456' }), [submitted()], '2026-10-10');
    const report = evidenceReport(e ? [e] : [], new Map(), evidencePeriod({}, '2026-10-10'), '2026-10-10', 10);
    expect(report.schools[0]).toMatchObject({ urn: '123456', name: '123456', responseSchoolDays: 10, counts: { waiting: 1 } });
  });
});
