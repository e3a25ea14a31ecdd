import { describe, expect, it } from 'vitest';
import { capacityBelowTaken, slotFull, takesSlotPlace } from './slot-places.ts';
import type { Opportunity } from './types.ts';
import { keepsSlotPlace } from './year-group-days.ts';

const slot = { date: '2027-01-19', start: '10:00' };
const hold = { date: slot.date, time: slot.start };
const at = (status: string, date = slot.date, start = slot.start) => ({ status, date, start, end: '10:45', yearGroups: [10 as const] });

describe('P-SLOT: when a request takes or gives back a place', () => {
  it('takes a place only when approved on its slot\'s date and start', () => {
    expect(takesSlotPlace(at('approved'), slot)).toBe(true);
    expect(takesSlotPlace(at('approved', slot.date, '14:00'), slot)).toBe(false);
    expect(takesSlotPlace(at('approved', '2027-01-20'), slot)).toBe(false);
    for (const status of ['pending', 'alternative_proposed', 'declined', 'withdrawn', 'expired', 'cancelled', 'delivered', 'not_delivered']) {
      expect(takesSlotPlace(at(status), slot), status).toBe(false);
    }
  });

  it('every end, and every move off the slot\'s time, gives the place back; waiting, approved and delivered keep it', () => {
    for (const status of ['declined', 'withdrawn', 'expired', 'cancelled']) expect(keepsSlotPlace(at(status), hold), status).toBe(false);
    for (const status of ['pending', 'alternative_proposed', 'approved', 'delivered', 'not_delivered']) expect(keepsSlotPlace(at(status), hold), status).toBe(true);
    expect(keepsSlotPlace(at('approved', slot.date, '14:00'), hold)).toBe(false);
    expect(keepsSlotPlace(at('approved', '2027-01-21'), hold)).toBe(false);
  });
});

describe('P-SLOT: a full slot', () => {
  it('tells the careers lead what they can do instead', () => {
    const e = slotFull(slot, 1, 'school');
    expect(e).toMatchObject({ code: 'SLOT_FULL', rule: 'P-SLOT' });
    expect(e.message).toBe(
      "The slot on Tuesday 19 January 2027 at 10am has no places left: its 1 place is taken by approved or waiting requests. Decline this request, propose another time, or raise the opportunity's capacity in your settings and then approve it.",
    );
    expect(slotFull(slot, 3, 'school').message).toContain('its 3 places are taken');
  });

  it('tells a provider accepting a time to ask for another', () => {
    expect(slotFull(slot, 2, 'provider').message).toBe(
      'The slot on Tuesday 19 January 2027 at 10am has no places left, so this time cannot be booked. Ask the school for another time, or withdraw the request.',
    );
  });
});

describe('P-SLOT: CAPACITY_BELOW_TAKEN', () => {
  const fair: Opportunity = {
    id: 'fair',
    title: 'Careers fair',
    sessionType: 'careers_fair',
    yearGroups: [10, 11],
    schedule: { kind: 'weekly', weekday: 'tue', start: '10:00', end: '10:45' },
    capacity: 5,
    venue: 'Sports hall',
    facilities: [],
  };
  const talk: Opportunity = { ...fair, id: 'talk', title: 'Year 9 talk', capacity: 2 };
  const coming = [
    { opportunityId: 'fair', date: '2027-01-26', time: '10:00', held: 3 },
    { opportunityId: 'fair', date: '2027-01-19', time: '10:00', held: 4 },
    { opportunityId: 'fair', date: '2027-02-02', time: '10:00', held: 1 },
    { opportunityId: 'talk', date: '2027-01-19', time: '10:00', held: 2 },
  ];

  it('names each slot with more places taken than the new capacity, at the opportunity\'s capacity field', () => {
    const [v, ...rest] = capacityBelowTaken([fair, talk], [talk, { ...fair, capacity: 2 }], coming);
    expect(rest).toEqual([]);
    expect(v).toEqual({
      code: 'CAPACITY_BELOW_TAKEN',
      rule: 'P-SLOT',
      field: '1.capacity',
      message:
        '"Careers fair" already has more than 2 places taken in 2 coming slots (4 on Tuesday 19 January 2027 at 10am; 3 on Tuesday 26 January 2027 at 10am). Keep its capacity at 4 or more, or first decline, cancel or move requests in those slots.',
    });
  });

  it('allows lowering to exactly what is taken, raising, unchanged and new opportunities', () => {
    expect(capacityBelowTaken([fair, talk], [{ ...fair, capacity: 4 }, talk], coming)).toEqual([]);
    expect(capacityBelowTaken([fair, talk], [{ ...fair, capacity: 9 }, { ...talk, capacity: 3 }], coming)).toEqual([]);
    expect(capacityBelowTaken([talk], [{ ...fair, capacity: 1 }, talk], coming)).toEqual([]);
  });

  it('one violation per opportunity lowered too far', () => {
    const out = capacityBelowTaken([fair, talk], [{ ...fair, capacity: 3 }, { ...talk, capacity: 1 }], coming);
    expect(out.map((v) => v.field)).toEqual(['0.capacity', '1.capacity']);
    expect(out[0]?.message).toContain('in a coming slot (4 on Tuesday 19 January 2027 at 10am)');
    expect(out[1]?.message).toContain('"Year 9 talk" already has more than 1 place taken in a coming slot');
  });
});
