// "Schools near me" (issue 15, item 4), the pure part: distances on the British National
// Grid (GIAS gives each school's Easting and Northing in metres, so a distance is plain
// Pythagoras, good to a few metres at these ranges), the 10 km grid squares a search reads,
// and placing a searched postcode or town from the schools we already know there: no
// outside geocoder, so the place is the centroid of those schools, and how far they spread
// around it says how approximate the distances are.

import { formatDate } from './dates.ts';
import type { SchoolSummary } from './school-summary.ts';

/** A point on the British National Grid, in metres. */
export interface GridPoint {
  easting: number;
  northing: number;
}

/** The side of a grid square, in metres: a 15 km search reads at most 4 × 4 of them. */
export const GRID_SQUARE_M = 10_000;

/** The radius choices of the search, in km; 15 is the default. */
export const NEAR_RADII_KM = [5, 10, 15, 25, 50] as const;
export const DEFAULT_NEAR_RADIUS_KM = 15;

/** Great Britain's grid runs 0–700 km east and 0–1300 km north. */
export function isGridPoint(p: GridPoint): boolean {
  return Number.isFinite(p.easting) && Number.isFinite(p.northing) && p.easting >= 0 && p.easting <= 700_000 && p.northing >= 0 && p.northing <= 1_300_000;
}

/** The square a point is in, as its south-west corner in 10 km units. */
export function gridSquareOf(p: GridPoint): { e: number; n: number } {
  return { e: Math.floor(p.easting / GRID_SQUARE_M), n: Math.floor(p.northing / GRID_SQUARE_M) };
}

/** Every square a circle of `radiusKm` around `centre` touches. */
export function gridSquaresCovering(centre: GridPoint, radiusKm: number): { e: number; n: number }[] {
  const r = radiusKm * 1000;
  const sw = gridSquareOf({ easting: centre.easting - r, northing: centre.northing - r });
  const ne = gridSquareOf({ easting: centre.easting + r, northing: centre.northing + r });
  const squares: { e: number; n: number }[] = [];
  for (let e = Math.max(0, sw.e); e <= ne.e; e++) for (let n = Math.max(0, sw.n); n <= ne.n; n++) squares.push({ e, n });
  return squares;
}

export function distanceKm(a: GridPoint, b: GridPoint): number {
  return Math.hypot(a.easting - b.easting, a.northing - b.northing) / 1000;
}

/** A distance as the page and the API give it: one decimal place. */
export function roundKm(km: number): number {
  return Math.round(km * 10) / 10;
}

/** How far a school is, in words: "2.6 km away"; one at (or within 50 m of) the placed point is "less than 0.1 km away", never "0.0". */
export function distanceWords(km: number): string {
  const rounded = roundKm(km);
  return rounded < 0.1 ? 'less than 0.1 km away' : `${rounded.toFixed(1)} km away`;
}

/** How a searched text reads: a full postcode, a sector ("ZZ1 1"), a district ("ZZ1") or a town. */
export type PlaceQuery = { kind: 'postcode' | 'sector'; district: string; sector: string; text: string } | { kind: 'district'; district: string; text: string } | { kind: 'town'; town: string; text: string };

const FULL_POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d)([A-Z]{2})$/;
const SECTOR = /^([A-Z]{1,2}\d[A-Z\d]?) (\d)$/;
const DISTRICT = /^[A-Z]{1,2}\d[A-Z\d]?$/;

/** The postcode's district and sector: "ZZ1 1AB" → district "ZZ1", sector "ZZ1 1". */
export function postcodeParts(postcode: string): { district: string; sector: string } | undefined {
  const m = FULL_POSTCODE.exec(postcode.trim().toUpperCase().replace(/\s+/g, ' '));
  return m ? { district: m[1]!, sector: `${m[1]} ${m[2]}` } : undefined;
}

/** A town's name as a key: lower case, accents and punctuation off, single spaces. */
export function townKey(town: string): string {
  return town
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function readPlaceQuery(text: string): PlaceQuery {
  const t = text.trim().replace(/\s+/g, ' ');
  const upper = t.toUpperCase();
  const full = FULL_POSTCODE.exec(upper);
  if (full) return { kind: 'postcode', district: full[1]!, sector: `${full[1]} ${full[2]}`, text: `${full[1]} ${full[2]}${full[3]}` };
  const sector = SECTOR.exec(upper);
  if (sector) return { kind: 'sector', district: sector[1]!, sector: upper, text: upper };
  if (DISTRICT.test(upper)) return { kind: 'district', district: upper, text: upper };
  return { kind: 'town', town: townKey(t), text: t };
}

/** Where a searched place was put, and from what. */
export interface PlacedAt extends GridPoint {
  /** What the centroid is of: the postcode's sector, its district, or the town. */
  from: 'sector' | 'district' | 'town';
  /** The sector, district or town as written ("ZZ1 1", "ZZ1", "Eastmouth"). */
  area: string;
  /** How many known schools it was placed from. */
  schools: number;
  /** About how far the true place may be from the centroid: the schools' spread around it, at least 1 km. */
  withinKm: number;
}

/** The centroid of the schools' points and their spread (root mean square distance from it). */
export function centroidOf(points: readonly GridPoint[], from: PlacedAt['from'], area: string): PlacedAt | undefined {
  if (points.length === 0) return undefined;
  const easting = points.reduce((s, p) => s + p.easting, 0) / points.length;
  const northing = points.reduce((s, p) => s + p.northing, 0) / points.length;
  const spread = Math.sqrt(points.reduce((s, p) => s + (p.easting - easting) ** 2 + (p.northing - northing) ** 2, 0) / points.length) / 1000;
  return { easting: Math.round(easting), northing: Math.round(northing), from, area, schools: points.length, withinKm: Math.max(1, Math.ceil(spread)) };
}

/** The sentence the API and the page give about how the place was found. */
export function placedSentence(p: PlacedAt): string {
  const what = p.from === 'town' ? p.area : p.from === 'sector' ? `postcode sector ${p.area}` : `postcode district ${p.area}`;
  return `Placed from the ${p.schools === 1 ? 'one school' : `${p.schools} schools`} we know in ${what}; distances are approximate, within about ${p.withinKm} km.`;
}

/** A GIAS phase as the near search's filter names it ('Middle deemed secondary' → 'middle'). */
export function phaseWord(phase: string): string {
  const p = phase.toLowerCase();
  if (p.startsWith('middle')) return 'middle';
  if (p.startsWith('all')) return 'all-through';
  if (p.startsWith('16')) return '16-plus';
  return p.replace(/\s+/g, '-');
}

/** One school of a near search: its summary and how far it is, in km to one decimal place. */
export interface NearSchoolRead extends SchoolSummary {
  distanceKm: number;
  /** With the open-slots filter: how many open slots (places left) the school has between the dates. */
  openSlots?: number;
}

/** A near search's answer: where the place was put, how approximately, and the schools by distance. */
export interface NearSearchRead {
  place: { searched: string; from: PlacedAt['from']; area: string; schools: number; withinKm: number; approximate: string };
  radiusKm: number;
  /**
   * With the open-slots filter: the dates; how many nearest schools it looked at (the rest
   * are not); and how many of them were checked, those publishing opportunities that can
   * give a slot on or after `from` (the others have none).
   */
  openSlots?: { from: string; to: string; nearest: number; checked: number };
  schools: NearSchoolRead[];
}

/**
 * What the open-slots filter looked at, in words: the nearest schools, and of them the ones
 * checked (those whose opportunities run to the first date or later; the rest have none).
 */
export function slotsCheckedSentence(o: NonNullable<NearSearchRead['openSlots']>): string {
  const from = formatDate(o.from);
  const showing = `Showing the schools with open slots from ${from} to ${formatDate(o.to)}`;
  if (o.nearest === 0) return `${showing}.`;
  const of = `${showing}, of the ${o.nearest === 1 ? 'nearest school' : `${o.nearest} nearest`}.`;
  if (o.checked === 0) return `${of} ${o.nearest === 1 ? 'It offers no' : 'None of them offers'} sessions on or after ${from}.`;
  if (o.checked === o.nearest) return `${of} We checked ${o.nearest === 1 ? 'it' : o.nearest === 2 ? 'both' : `all ${o.nearest}`}.`;
  const others = o.nearest - o.checked;
  return `${of} We checked the ${o.checked} that ${o.checked === 1 ? 'offers' : 'offer'} sessions on or after ${from}; the other ${others} ${others === 1 ? 'offers' : 'offer'} none from that date.`;
}
