// What must hold in the table whatever failed, whenever it failed: each request has the
// events of its every change (REQUEST_SUBMITTED first, one per version; an unconfirmed one,
// issue 12 item 2, none at version 0 and no place), each slot's held
// count is the number of requests holding a place in it, and each year-group day lists
// exactly the approved encounters of its year group that day. Read with a test-only scan.
import type { Store } from '#shared/store/client.ts';
import { fromItem } from '#shared/store/keys.ts';
import type { RequestEvent, StoredRequest } from '#shared/domain/records.ts';
import type { StoredSlot } from '#shared/store/slots.ts';
import type { StoredYearGroupDay } from '#shared/store/year-group-days.ts';
import { scanAll } from '../support/scan.ts';

const OCCUPYING = new Set(['approved', 'delivered', 'not_delivered']);

export interface TableFacts {
  requests: StoredRequest[];
  problems: string[];
}

export async function checkInvariants(store: Store): Promise<TableFacts> {
  const items = await scanAll(store);
  const requests = items.filter((i) => i.itemType === 'request').map((i) => fromItem<StoredRequest>(i));
  const events = items.filter((i) => i.itemType === 'requestEvent').map((i) => fromItem<RequestEvent>(i));
  const slots = items.filter((i) => i.itemType === 'slot').map((i) => fromItem<StoredSlot>(i));
  const days = items.filter((i) => i.itemType === 'yearGroupDay').map((i) => fromItem<StoredYearGroupDay>(i));
  const problems: string[] = [];

  const eventsOf = new Map<string, RequestEvent[]>();
  for (const e of events) eventsOf.set(e.requestId, [...(eventsOf.get(e.requestId) ?? []), e]);
  const ids = new Set(requests.map((r) => r.id));
  for (const r of requests) {
    const trail = (eventsOf.get(r.id) ?? []).sort((a, b) => a.at.localeCompare(b.at));
    if (r.status === 'unconfirmed') {
      if (trail.length > 0 || r.version !== 0) problems.push(`unconfirmed request ${r.id} is at version ${r.version} with ${trail.length} events`);
      if (r.heldSlot) problems.push(`unconfirmed request ${r.id} holds a place`);
      continue;
    }
    if (trail[0]?.type !== 'REQUEST_SUBMITTED') problems.push(`request ${r.id} has no REQUEST_SUBMITTED event`);
    if (trail.length !== r.version) problems.push(`request ${r.id} is at version ${r.version} with ${trail.length} events`);
    if (trail.at(-1)?.to !== r.status) problems.push(`request ${r.id} is ${r.status} but its last event says ${trail.at(-1)?.to}`);
  }
  for (const id of eventsOf.keys()) if (!ids.has(id)) problems.push(`events of request ${id}, which does not exist`);

  for (const s of slots) {
    const holding = requests.filter((r) => r.urn === s.urn && r.heldSlot?.date === s.date && r.heldSlot.time === s.time && r.heldSlot.opportunityId === s.opportunityId);
    if (s.held !== holding.length) problems.push(`slot ${s.date}T${s.time} ${s.opportunityId}: held ${s.held}, holding requests ${holding.length}`);
    if (s.held > s.capacity) problems.push(`slot ${s.date}T${s.time} ${s.opportunityId}: held ${s.held} over capacity ${s.capacity}`);
  }
  for (const r of requests) {
    if (r.heldSlot && !slots.some((s) => s.urn === r.urn && s.date === r.heldSlot?.date && s.time === r.heldSlot.time && s.opportunityId === r.heldSlot.opportunityId)) {
      problems.push(`request ${r.id} holds a place in a slot that does not exist`);
    }
  }

  for (const r of requests.filter((x) => OCCUPYING.has(x.status))) {
    for (const y of r.yearGroups) {
      const day = days.find((d) => d.urn === r.urn && d.date === r.date && d.yearGroup === y);
      if (!day?.intervals.some((i) => i.requestId === r.id && i.start === r.start && i.end === r.end)) {
        problems.push(`approved request ${r.id} is missing from Year ${y} on ${r.date}`);
      }
    }
  }
  for (const d of days) {
    for (const i of d.intervals) {
      const r = requests.find((x) => x.id === i.requestId);
      if (!r || !OCCUPYING.has(r.status) || r.date !== d.date) problems.push(`Year ${d.yearGroup} on ${d.date} lists ${i.requestId}, which is not approved then`);
    }
  }
  return { requests, problems };
}
