// A valid stored request for tests that need one in the table.
import type { RequestEvent, StoredRequest } from '#shared/domain/records.ts';
import { submitRequest } from '#shared/domain/state-machine.ts';
import { newId } from '#shared/store/ids.ts';

export function sampleRequest(overrides: Partial<StoredRequest> = {}): StoredRequest {
  const now = new Date().toISOString();
  const email = overrides.contact?.email ?? 'schools.liaison@college.example';
  return {
    id: newId(),
    urn: '990101',
    status: 'pending',
    provider: { organisation: 'Eastmouth College', type: 'fe_college', ukprn: '10001234' },
    contact: { name: 'Riley Lane', email, phone: '01632 960100' },
    sessionType: 'assembly',
    yearGroups: [10],
    date: '2027-01-12',
    start: '08:50',
    end: '09:20',
    staffCount: 2,
    safeguardingAgreed: true,
    facilities: ['projector'],
    content: { provider: true, careers: true, learning: true, questions: true },
    notes: '',
    providerEmail: email.toLowerCase(),
    createdAt: now,
    updatedAt: now,
    responseDeadline: '2026-12-07',
    flags: [],
    version: 1,
    ...overrides,
  };
}

export function createdEvent(r: StoredRequest): RequestEvent {
  const { event } = submitRequest(r, { party: 'provider', id: r.providerEmail }, r.createdAt);
  return { ...event, urn: r.urn };
}
