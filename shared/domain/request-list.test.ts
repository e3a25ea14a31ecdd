import { describe, expect, it } from 'vitest';
import { listRequests, type ListedRequest } from './request-list.ts';

const item = (id: string, over: Partial<ListedRequest['request']> = {}, schoolName = 'Harbourview Academy'): ListedRequest => ({
  request: { id, urn: '990101', status: 'pending', date: '2027-01-12', start: '10:00', yearGroups: [10], sessionType: 'assembly', ...over },
  schoolName,
});

const all = [
  item('A', { date: '2027-01-12', status: 'approved', yearGroups: [10, 11] }),
  item('B', { date: '2027-02-01', urn: '990102', sessionType: 'careers_fair', yearGroups: [12] }, 'aldgate school'),
  item('C', { date: '2026-12-01', status: 'declined', yearGroups: [9] }),
  item('D', { date: '2027-01-12', start: '09:00', status: 'pending' }),
];
const ids = (l: { requests: ListedRequest[] }) => l.requests.map((r) => r.request.id);

describe('a provider’s request list', () => {
  it('lists the latest date first by default, and the other sorts as asked', () => {
    expect(ids(listRequests(all, {}))).toEqual(['B', 'A', 'D', 'C']);
    expect(ids(listRequests(all, { sort: 'date-asc' }))).toEqual(['C', 'D', 'A', 'B']);
    // School name, ignoring case; ties by date.
    expect(ids(listRequests(all, { sort: 'school' }))).toEqual(['B', 'C', 'D', 'A']);
    // The order a request goes through its statuses: pending, approved, declined.
    expect(ids(listRequests(all, { sort: 'status' }))).toEqual(['D', 'B', 'A', 'C']);
  });

  it('keeps a request matching any of the statuses, year groups or session types chosen', () => {
    expect(ids(listRequests(all, { statuses: ['approved', 'declined'] }))).toEqual(['A', 'C']);
    expect(ids(listRequests(all, { yearGroups: [11, 12] }))).toEqual(['B', 'A']);
    expect(ids(listRequests(all, { sessionTypes: ['careers_fair'] }))).toEqual(['B']);
    expect(ids(listRequests(all, { urn: '990102' }))).toEqual(['B']);
  });

  it('keeps dates from..to, both included', () => {
    expect(ids(listRequests(all, { from: '2027-01-12', to: '2027-01-31' }))).toEqual(['A', 'D']);
    expect(ids(listRequests(all, { to: '2026-12-01' }))).toEqual(['C']);
  });

  it('counts by status among what the other filters keep, whatever status is chosen', () => {
    const l = listRequests(all, { urn: '990101', statuses: ['approved'] });
    expect(ids(l)).toEqual(['A']);
    expect(l.counts).toMatchObject({ pending: 1, approved: 1, declined: 1, withdrawn: 0 });
  });
});
