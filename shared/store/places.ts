// "Schools near me" (issue 15, item 4): the access patterns, without a scan.
// - Every school profile with a GIAS location is on gsi2 under its 10 km grid square
//   (`GRID#<e10>#<n10>`), so a search reads the few squares its radius covers.
// - Every such school also has a small place item under its postcode district (sorted by
//   sector) and one under its town, so a searched postcode, sector, district or town is
//   placed at the centroid of the schools we know there: one query, no geocoder.
// Both are kept with the profile: written at import and on every profile put, and a place
// item of a postcode or town the school no longer has is deleted.
import { QueryCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { gridSquareOf, postcodeParts, townKey, type GridPoint } from '#shared/domain/places.ts';
import type { School } from '#shared/domain/types.ts';
import type { Store } from './client.ts';
import type { WriteRequest } from './batch.ts';
import { fromItem, sortKeyBeginsWith } from './keys.ts';

const gridPartition = (square: { e: number; n: number }) => `GRID#${square.e}#${square.n}`;

/** The gsi2 attributes of a school profile: its grid square, or none without a location. */
export function gridIndexKeys(school: Pick<School, 'urn' | 'location'>): { gsi2pk: string; gsi2sk: string } | Record<string, never> {
  return school.location ? { gsi2pk: gridPartition(gridSquareOf(school.location)), gsi2sk: school.urn } : {};
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

/** The batch writes of a school's place items, and the deletion of those it no longer has. */
export function placeWrites(school: Pick<School, 'urn' | 'address' | 'location'>, previous?: Pick<School, 'urn' | 'address' | 'location'>): WriteRequest[] {
  const keys = placeKeys(school);
  const stale = previous ? placeKeys(previous).filter((k) => !keys.some((n) => n.pk === k.pk && n.sk === k.sk)) : [];
  return [
    ...keys.map((key) => ({ PutRequest: { Item: { ...key, itemType: 'place', urn: school.urn, easting: school.location!.easting, northing: school.location!.northing } } })),
    ...stale.map((key) => ({ DeleteRequest: { Key: key } })),
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

/** What a near search needs of a school (the profile's other fields are left in the table). */
export type NearbySchool = Pick<School, 'urn' | 'name' | 'phase' | 'address' | 'trust' | 'yearGroups'> & { location: GridPoint };

/** The schools in the given grid squares: one gsi2 query per square, all at once. */
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
          ProjectionExpression: 'urn, #name, phase, address, trust, yearGroups, #location',
          ExpressionAttributeNames: { '#name': 'name', '#location': 'location' },
        },
      );
      for await (const page of pages) for (const item of page.Items ?? []) found.push(fromItem<NearbySchool>(item));
      return found;
    }),
  );
  return per.flat();
}
