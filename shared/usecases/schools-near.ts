// "Schools near me" (issue 15, item 4): place the searched postcode, sector, district or
// town from the schools we know there (its sector first, then its district; a town from
// its schools), read the grid squares the radius covers, keep the schools within it that
// match the filters, nearest first. The answer says how the place was found and how
// approximate the distances are, since no geocoder is asked.
import { centroidOf, DEFAULT_NEAR_RADIUS_KM, distanceKm, gridSquaresCovering, phaseWord, placedSentence, readPlaceQuery, roundKm, type NearSearchRead, type PlacedAt } from '#shared/domain/places.ts';
import { schoolSummary } from '#shared/domain/school-summary.ts';
import type { School } from '#shared/domain/types.ts';
import { providerAccessYears } from '#shared/domain/year-groups.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { Store } from '#shared/store/client.ts';
import { availableSlots, checkSlotRange } from './schools.ts';
import { schoolPointsInDistrict, schoolPointsInSector, schoolPointsInTown, schoolsInGridSquares } from '#shared/store/places.ts';

/** The nearest this many are listed; the page says how many more are within the radius. */
export const MAX_NEAR_RESULTS = 50;

export interface NearSearch {
  near: string;
  radiusKm?: number;
  year?: number;
  phase?: string;
  /** "Has open slots between these dates" (both or neither). */
  from?: string;
  to?: string;
}

/** How many schools' slots are read at once: each is three queries. */
const SLOT_CHECK_BATCH = 10;

/** Each school's count of open slots between the dates (for `year` when given), read in batches. */
async function openSlotCounts(store: Store, urns: readonly string[], from: string, to: string, year: number | undefined): Promise<number[]> {
  const counts: number[] = [];
  for (let i = 0; i < urns.length; i += SLOT_CHECK_BATCH) {
    const batch = await Promise.all(
      urns.slice(i, i + SLOT_CHECK_BATCH).map(async (urn) => (await availableSlots(store, urn, from, to)).filter((s) => s.placesLeft > 0 && (year === undefined || s.yearGroups.includes(year))).length),
    );
    counts.push(...batch);
  }
  return counts;
}

async function placeOf(store: Store, text: string): Promise<PlacedAt> {
  const q = readPlaceQuery(text);
  if (q.kind === 'postcode' || q.kind === 'sector') {
    const bySector = centroidOf(await schoolPointsInSector(store, q.district, q.sector), 'sector', q.sector);
    if (bySector) return bySector;
  }
  if (q.kind !== 'town') {
    const byDistrict = centroidOf(await schoolPointsInDistrict(store, q.district), 'district', q.district);
    if (byDistrict) return byDistrict;
    throw new DomainError('PLACE_NOT_FOUND', `We know no schools in postcode district ${q.district}, so we cannot place ${q.text}. Check the postcode, or enter the nearest town.`, {
      fields: { 'query.near': `We cannot place ${q.text}: check the postcode, or enter a nearby town.` },
    });
  }
  const byTown = centroidOf(await schoolPointsInTown(store, q.town), 'town', q.text);
  if (byTown) return byTown;
  throw new DomainError('PLACE_NOT_FOUND', `We know no schools in a town called "${q.text}". Check the spelling, or enter a postcode such as ZZ1 1AB or a district such as ZZ1.`, {
    fields: { 'query.near': `We cannot find "${q.text}": check the spelling, or enter a postcode or district.` },
  });
}

export async function findSchoolsNear(store: Store, search: NearSearch): Promise<NearSearchRead> {
  const radiusKm = search.radiusKm ?? DEFAULT_NEAR_RADIUS_KM;
  const slotRange = search.from !== undefined && search.to !== undefined ? { from: search.from, to: search.to } : undefined;
  if (slotRange) checkSlotRange(slotRange.from, slotRange.to);
  const place = await placeOf(store, search.near);
  const candidates = await schoolsInGridSquares(store, gridSquaresCovering(place, radiusKm));
  const ranked = candidates
    .map((s) => ({ school: s, km: distanceKm(place, s.location), years: providerAccessYears(s) }))
    .filter(({ km }) => km <= radiusKm)
    .filter(({ years }) => (search.year === undefined ? true : years.includes(search.year as (typeof years)[number])))
    .filter(({ school }) => search.phase === undefined || phaseWord(school.phase) === search.phase)
    .sort((a, b) => a.km - b.km || a.school.name.localeCompare(b.school.name, 'en-GB'))
    .slice(0, MAX_NEAR_RESULTS);
  const nearest = ranked.map(({ school, km, years }) => ({ ...schoolSummary(school as School, years), distanceKm: roundKm(km) }));
  // Slots are read for the nearest listed schools only, and of those only where the near
  // point says the school's opportunities can give a slot on or after the first date: one
  // that publishes none (most schools) never has an open slot. So the filter costs the reads
  // of the few schools that publish opportunities, however many are within the radius.
  let schools = nearest;
  let checked = 0;
  if (slotRange) {
    const mayHaveSlots = ranked.map(({ school }) => school.slotsUntil !== undefined && school.slotsUntil >= slotRange.from);
    const toCheck = nearest.filter((_, i) => mayHaveSlots[i]);
    checked = toCheck.length;
    const counts = new Map((await openSlotCounts(store, toCheck.map((s) => s.urn), slotRange.from, slotRange.to, search.year)).map((n, i) => [toCheck[i]!.urn, n]));
    schools = nearest.map((s) => ({ ...s, openSlots: counts.get(s.urn) ?? 0 })).filter((s) => s.openSlots > 0);
  }
  return {
    place: { searched: search.near.trim(), from: place.from, area: place.area, schools: place.schools, withinKm: place.withinKm, approximate: placedSentence(place) },
    radiusKm,
    ...(slotRange ? { openSlots: { ...slotRange, nearest: nearest.length, checked } } : {}),
    schools,
  };
}
