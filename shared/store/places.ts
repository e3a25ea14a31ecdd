// "Schools near me" (issue 15, item 4): the access patterns, without a scan.
// - Every school with a GIAS location that takes requests (teaches any of Years 8–13,
//   R-TAUGHT) has a small near point in its partition: what a result shows (name, phase,
//   address, trust, years) and its location, on gsi2 under its 10 km grid square
//   (`NEAR#<e10>#<n10>`), so a search reads the few squares its radius covers, and each
//   square holds only these few hundred bytes a school, never whole profiles or the
//   primary schools no provider can ask (the bench: 3,500 vs 25,000 schools).
// - Every school with a location also has a small place item under its postcode district
//   (sorted by sector) and one under its town, so a searched postcode, sector, district or
//   town is placed at the centroid of the schools we know there: one query, no geocoder.
// Both are kept with the profile: written at import and on every profile put (placeWrites),
// and a near point or place item the school no longer has is deleted.
// - A near point also carries the profile's `slotsUntil` (the last date the school's
//   opportunities can give a slot on), set in the same transaction as every change to its
//   opportunities (nearPointSlotsUpdate), so a search with dates reads slots only at the
//   schools that may have some.
import { QueryCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { gridSquareOf, postcodeParts, townKey, type GridPoint } from '#shared/domain/places.ts';
import type { StoredSchool } from '#shared/domain/records.ts';
import type { School } from '#shared/domain/types.ts';
import { offersProviderAccess } from '#shared/domain/year-groups.ts';
import type { Store } from './client.ts';
import type { WriteRequest } from './batch.ts';
import type { TransactItems } from './transact.ts';
import { fromItem, schoolPartition, sortKeyBeginsWith } from './keys.ts';

// NEAR#, not the GRID# that whole profiles were indexed under before: a profile written
// then and not since is never read as a near point.
const gridPartition = (square: { e: number; n: number }) => `NEAR#${square.e}#${square.n}`;
const nearPointKey = (urn: string) => ({ pk: schoolPartition(urn), sk: 'NEAR' });

/** What a near search needs of a school (the profile's other fields are left in the table). */
export type NearbySchool = Pick<StoredSchool, 'urn' | 'name' | 'phase' | 'address' | 'trust' | 'yearGroups' | 'slotsUntil'> & { location: GridPoint };

/** The fields of a school its near point and place items are made from (`slotsUntil` as stored: a profile put keeps it). */
export type PlacedSchool = Pick<StoredSchool, 'urn' | 'name' | 'phase' | 'address' | 'trust' | 'yearGroups' | 'location' | 'slotsUntil'>;

/** The near point of a school, or none: no location, or it teaches none of Years 8–13 (R-TAUGHT: no provider can ask it). */
function nearPointItem(school: PlacedSchool) {
  if (!school.location || !offersProviderAccess(school)) return undefined;
  const point: NearbySchool = {
    urn: school.urn,
    name: school.name,
    phase: school.phase,
    address: school.address,
    ...(school.trust ? { trust: school.trust } : {}),
    yearGroups: school.yearGroups,
    location: { easting: school.location.easting, northing: school.location.northing },
    ...(school.slotsUntil ? { slotsUntil: school.slotsUntil } : {}),
  };
  return { ...nearPointKey(school.urn), gsi2pk: gridPartition(gridSquareOf(school.location)), gsi2sk: school.urn, itemType: 'nearPoint', ...point };
}

const districtPartition = (district: string) => `PLACE#PC#${district}`;
const townPartition = (town: string) => `PLACE#TOWN#${town}`;

/** The place items' keys of a school: one under its postcode district (sorted by sector), one under its town. */
function placeKeys(school: Pick<School, 'urn' | 'address' | 'location'>): { pk: string; sk: string }[] {
  if (!school.location) return [];
  const keys: { pk: string; sk: string }[] = [];
  const parts = postcodeParts(school.address.postcode);
  if (parts) keys.push({ pk: districtPartition(parts.district), sk: `${parts.sector.slice(-1)}#${school.urn}` });
  const town = townKey(school.address.town);
  if (town) keys.push({ pk: townPartition(town), sk: school.urn });
  return keys;
}

/**
 * The batch writes of a school's near point and place items, and the deletion of those it
 * no longer has (`previous`: the school as it was, when it was written before).
 */
export function placeWrites(school: PlacedSchool, previous?: PlacedSchool): WriteRequest[] {
  const keys = placeKeys(school);
  const stale = previous ? placeKeys(previous).filter((k) => !keys.some((n) => n.pk === k.pk && n.sk === k.sk)) : [];
  const near = nearPointItem(school);
  const nearGone = !near && previous !== undefined && nearPointItem(previous) !== undefined;
  return [
    ...(near ? [{ PutRequest: { Item: near } }] : []),
    ...(nearGone ? [{ DeleteRequest: { Key: nearPointKey(school.urn) } }] : []),
    ...keys.map((key) => ({ PutRequest: { Item: { ...key, itemType: 'place', urn: school.urn, easting: school.location!.easting, northing: school.location!.northing } } })),
    ...stale.map((key) => ({ DeleteRequest: { Key: key } })),
  ];
}

/**
 * The near point's copy of a new `slotsUntil` (undefined: the school publishes no
 * opportunity), for the transaction that changes the opportunities; nothing when the school,
 * as read, has no near point (no location, or no Years 8–13), so none is made up here.
 */
export function nearPointSlotsUpdate(store: Store, school: PlacedSchool, slotsUntil: string | undefined): TransactItems {
  if (!nearPointItem(school)) return [];
  return [
    {
      Update: {
        TableName: store.tableName,
        Key: nearPointKey(school.urn),
        UpdateExpression: slotsUntil ? 'SET slotsUntil = :until' : 'REMOVE slotsUntil',
        ...(slotsUntil ? { ExpressionAttributeValues: { ':until': slotsUntil } } : {}),
      },
    },
  ];
}

/** At most this many schools place a district or town: enough for a centroid, and the read stays one page. */
const MAX_PLACING_SCHOOLS = 1000;

async function placePoints(store: Store, pk: string, prefix?: string): Promise<GridPoint[]> {
  const out = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      ...(prefix ? sortKeyBeginsWith(pk, prefix) : { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } }),
      ProjectionExpression: 'easting, northing',
      Limit: MAX_PLACING_SCHOOLS,
    }),
  );
  return (out.Items ?? []).map((i) => ({ easting: Number(i.easting), northing: Number(i.northing) }));
}

/** The locations of the schools we know in a postcode sector ("ZZ1 1"). */
export const schoolPointsInSector = (store: Store, district: string, sector: string) => placePoints(store, districtPartition(district), `${sector.slice(-1)}#`);
/** … in a postcode district ("ZZ1"). */
export const schoolPointsInDistrict = (store: Store, district: string) => placePoints(store, districtPartition(district));
/** … in a town (by its key, townKey). */
export const schoolPointsInTown = (store: Store, town: string) => placePoints(store, townPartition(town));

/** The schools (near points) in the given grid squares: one gsi2 query per square, all at once. */
export async function schoolsInGridSquares(store: Store, squares: readonly { e: number; n: number }[]): Promise<NearbySchool[]> {
  const per = await Promise.all(
    squares.map(async (square) => {
      const found: NearbySchool[] = [];
      const pages = paginateQuery(
        { client: store.doc },
        {
          TableName: store.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': gridPartition(square) },
          ProjectionExpression: 'urn, #name, phase, address, trust, yearGroups, #location, slotsUntil',
          ExpressionAttributeNames: { '#name': 'name', '#location': 'location' },
        },
      );
      for await (const page of pages) for (const item of page.Items ?? []) found.push(fromItem<NearbySchool>(item));
      return found;
    }),
  );
  return per.flat();
}
