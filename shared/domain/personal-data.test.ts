import { describe, expect, it } from 'vitest';
import { anonymisedEvent, anonymisedRequest, DEFAULT_RETENTION_YEARS, ERASED_NAME, retentionCutoff, retentionYearsOf } from './personal-data.ts';
import type { Actor } from './state-machine.ts';

describe('retention: six years after the end of the academic year of the encounter', () => {
  it.each([
    // today, years, last encounter date past retention
    ['2033-09-01', 6, '2027-08-31'], // 2026/27 ended 31 Aug 2027; six years later it has passed
    ['2033-08-31', 6, '2026-08-31'], // …but not yet on 31 Aug 2033
    ['2026-11-23', 6, '2020-08-31'],
    ['2026-11-23', 3, '2023-08-31'],
    ['2026-01-15', 1, '2024-08-31'],
  ])('on %s with %i years: encounters up to %s', (today, years, cutoff) => {
    expect(retentionCutoff(today, years)).toBe(cutoff);
  });

  it('uses the school setting when it is a whole number of years within limits, else six', () => {
    expect(retentionYearsOf({})).toBe(DEFAULT_RETENTION_YEARS);
    expect(retentionYearsOf({ personalDataRetentionYears: 3 })).toBe(3);
    expect(retentionYearsOf({ personalDataRetentionYears: 0 })).toBe(6);
    expect(retentionYearsOf({ personalDataRetentionYears: 2.5 })).toBe(6);
    expect(retentionYearsOf({ personalDataRetentionYears: 99 })).toBe(6);
  });
});

describe('anonymising a request and its events', () => {
  const request = {
    id: 'R1',
    status: 'approved',
    provider: { organisation: 'Eastmouth College', ukprn: '10001234' },
    contact: { name: 'Riley Lane', email: 'riley@college.example', phone: '01632 960100' },
    providerEmail: 'riley@college.example',
    notes: 'Ask for Riley at reception',
    date: '2019-03-12',
    alternative: { date: '2019-03-19', start: '10:00', end: '10:30', respondBy: '2019-03-18', message: 'Call me on 07700 900000' },
    delivery: { content: { provider: true }, attendance: [{ yearGroup: 10, pupils: 120 }], note: 'Riley was great', recordedAt: '2019-03-12T12:00:00Z' },
  };

  it('removes name, email, phone and free text; keeps what happened', () => {
    const out = anonymisedRequest(request, 'erased-0123456789abcdef@erased.invalid', '2026-11-23T06:00:00Z');
    expect(out.contact).toEqual({ name: ERASED_NAME, email: 'erased-0123456789abcdef@erased.invalid', phone: '' });
    expect(out.providerEmail).toBe('erased-0123456789abcdef@erased.invalid');
    expect(out.notes).toBe('');
    expect(out.alternative).toEqual({ date: '2019-03-19', start: '10:00', end: '10:30', respondBy: '2019-03-18' });
    expect(out.delivery).toEqual({ content: { provider: true }, attendance: [{ yearGroup: 10, pupils: 120 }], recordedAt: '2019-03-12T12:00:00Z' });
    expect(out).toMatchObject({ id: 'R1', status: 'approved', date: '2019-03-12', provider: request.provider, anonymisedAt: '2026-11-23T06:00:00Z' });
    expect(JSON.stringify(out)).not.toMatch(/Riley|riley|07700|01632/);
  });

  it("replaces the chosen actors' email and name, keeps party and role, drops notes and messages at any depth", () => {
    const lead: Actor = { party: 'school', id: 'lead@school.example', role: 'careers_lead', name: 'Jordan Ellery' };
    const provider: Actor = { party: 'provider', id: 'riley@college.example', name: 'Riley Lane' };
    const event = { type: 'ALTERNATIVE_PROPOSED', at: '2019-03-01T10:00:00Z', from: 'pending', to: 'alternative_proposed', actor: lead, data: { reason: 'Exams', note: 'n', proposed: { date: '2019-03-19', message: 'Call Riley' } } };
    const out = anonymisedEvent(event, (a) => a.id === 'lead@school.example', 'erased-x@erased.invalid');
    expect(out.actor).toEqual({ party: 'school', id: 'erased-x@erased.invalid', role: 'careers_lead' });
    expect(out.data).toEqual({ reason: 'Exams', proposed: { date: '2019-03-19' } });
    expect(out).toMatchObject({ type: 'ALTERNATIVE_PROPOSED', at: event.at, from: 'pending', to: 'alternative_proposed' });
    expect(anonymisedEvent({ ...event, actor: provider }, (a) => a.id === 'lead@school.example', 'x').actor).toEqual(provider);
  });
});
