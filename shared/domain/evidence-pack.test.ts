import { describe, expect, it } from 'vitest';
import { decisionsOf, versionsInForce } from './evidence-pack.ts';
import type { RequestEvent } from './state-machine.ts';

const v = (version: number, publishedAt: string) => ({ version, publishedAt, approvedOn: publishedAt.slice(0, 10) });

describe('the statement versions in force in an academic year (S-REVIEW)', () => {
  const versions = [v(3, '2026-01-10T10:00:00Z'), v(1, '2024-06-01T10:00:00Z'), v(2, '2025-07-01T10:00:00Z')];
  it('the one in force on 1 September, then each published during the year up to the pack’s date', () => {
    expect(versionsInForce(versions, '2025-09-01', '2026-08-31').map((x) => x.version)).toEqual([2, 3]);
    expect(versionsInForce(versions, '2025-09-01', '2025-12-31').map((x) => x.version)).toEqual([2]);
    expect(versionsInForce(versions, '2024-09-01', '2025-08-31').map((x) => x.version)).toEqual([1, 2]);
    expect(versionsInForce(versions, '2023-09-01', '2024-08-31').map((x) => x.version)).toEqual([1]);
    expect(versionsInForce(versions, '2022-09-01', '2023-08-31')).toEqual([]);
  });
  it('a version published late on 31 August (UTC) is in force from 1 September in London', () => {
    expect(versionsInForce([v(1, '2025-08-31T23:30:00Z')], '2025-09-01', '2026-08-31')).toEqual([{ ...v(1, '2025-08-31T23:30:00Z'), from: '2025-09-01' }]);
  });
});

const request = { id: 'r1', reference: 'PA-7K3M-Q9', provider: { organisation: 'Eastmouth College' }, yearGroups: [10] };
const school = { party: 'school' as const, id: 'lead@school.example' };
const provider = { party: 'provider' as const, id: 'p@college.example' };
const ev = (type: RequestEvent['type'], at: string, actor: RequestEvent['actor'], data: Record<string, unknown> = {}): RequestEvent => ({
  type,
  requestId: 'r1',
  at,
  actor,
  from: null,
  to: 'pending',
  data,
  notify: [],
});
const submitted = ev('REQUEST_SUBMITTED', '2026-01-05T09:00:00Z', provider, { date: '2026-03-04', start: '10:00', end: '11:00' });
const now = { date: '2026-03-05', start: '10:00', end: '11:00' };

describe('decisions with their grounds, from the request trail (S-GROUNDS)', () => {
  it('a decline with its reason, at the time asked for', () => {
    const out = decisionsOf(request, [submitted, ev('REQUEST_DECLINED', '2026-01-07T09:00:00Z', school, { reason: 'A clash with mock exams' })], now);
    expect(out).toEqual([
      {
        requestId: 'r1',
        reference: 'PA-7K3M-Q9',
        kind: 'declined',
        on: '2026-01-07',
        by: 'school',
        provider: 'Eastmouth College',
        yearGroups: [10],
        encounter: { date: '2026-03-04', start: '10:00', end: '11:00' },
        grounds: 'A clash with mock exams',
      },
    ]);
  });

  it('a proposal with the time and message, what became of it, then a cancellation at the new time', () => {
    const trail = [
      ev('REQUEST_CANCELLED', '2026-02-20T09:00:00Z', provider, { reason: 'Our tutor is ill' }),
      submitted,
      ev('ALTERNATIVE_PROPOSED', '2026-01-07T09:00:00Z', school, { proposed: { date: '2026-03-05', start: '10:00', end: '11:00', message: 'The hall is free then' } }),
      ev('ALTERNATIVE_ACCEPTED', '2026-01-08T09:00:00Z', provider, { date: '2026-03-05', start: '10:00', end: '11:00' }),
    ];
    const out = decisionsOf(request, trail, now);
    expect(out.map((d) => [d.kind, d.on, d.by, d.grounds, d.outcome, d.encounter.date])).toEqual([
      ['proposed', '2026-01-07', 'school', 'proposed 5 March 2026, 10am to 11am instead: “The hall is free then”', 'accepted by the provider on 8 January 2026', '2026-03-04'],
      ['cancelled', '2026-02-20', 'provider', 'Our tutor is ill', undefined, '2026-03-05'],
    ]);
  });

  it('a proposal left unanswered, or still waiting; nothing else is a decision', () => {
    const proposed = ev('ALTERNATIVE_PROPOSED', '2026-01-07T09:00:00Z', school, { proposed: { date: '2026-03-05', start: '10:00', end: '11:00' } });
    expect(decisionsOf(request, [submitted, proposed, ev('REQUEST_EXPIRED', '2026-03-05T06:00:00Z', { party: 'system', id: 'daily' })], now)[0]?.outcome).toBe('not answered by the reply-by date');
    expect(decisionsOf(request, [submitted, proposed], now)[0]).not.toHaveProperty('outcome');
    expect(decisionsOf(request, [submitted, ev('REQUEST_APPROVED', '2026-01-07T09:00:00Z', school)], now)).toEqual([]);
  });
});
