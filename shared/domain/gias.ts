// Onboarding from a DfE "Get Information about Schools" (GIAS) extract: one CSV record (a
// header-keyed row, as the CSV parser gives it) → the school's GIAS fields, or the reason
// the row cannot be used, in a sentence that names the column. Year groups come from the
// statutory ages (yearGroupsFromAges). Only these fields are GIAS's: a re-import replaces
// them and never touches what the school set itself (calendar, notice, policy text, lead).
// Only establishments in scope of s42B are imported (giasScope, R-SCOPE); the rest are skipped
// with the reason. The file's bytes become text in ./gias-encoding.ts.
import { DEFAULT_GROUNDS_FOR_REFUSING } from './settings.ts';
import { DEFAULT_BOOKING_RULES, type School, type YearGroup } from './types.ts';
import { yearGroupsFromAges } from './year-groups.ts';
import { isGridPoint, type GridPoint } from './places.ts';
import { giasScope } from './gias-scope.ts';

/** GIAS column names (the "all establishment data" extract). */
export const GIAS_COLUMNS = {
  urn: 'URN',
  name: 'EstablishmentName',
  type: 'TypeOfEstablishment (name)',
  typeCode: 'TypeOfEstablishment (code)',
  phase: 'PhaseOfEducation (name)',
  lowAge: 'StatutoryLowAge',
  highAge: 'StatutoryHighAge',
  street: 'Street',
  town: 'Town',
  postcode: 'Postcode',
  website: 'SchoolWebsite',
  trust: 'Trusts (name)',
  status: 'EstablishmentStatus (name)',
  statusCode: 'EstablishmentStatus (code)',
  ukprn: 'UKPRN',
  easting: 'Easting',
  northing: 'Northing',
} as const;

/** Without these the file is not a GIAS extract this import can read. */
export const REQUIRED_GIAS_COLUMNS: readonly string[] = [
  GIAS_COLUMNS.urn,
  GIAS_COLUMNS.name,
  GIAS_COLUMNS.lowAge,
  GIAS_COLUMNS.highAge,
  GIAS_COLUMNS.town,
  GIAS_COLUMNS.postcode,
];

/** The fields of a school profile that come from GIAS. */
export interface GiasSchool {
  urn: string;
  name: string;
  establishmentType: string;
  phase: string;
  statutoryLowAge: number;
  statutoryHighAge: number;
  yearGroups: YearGroup[];
  address: { street: string; town: string; postcode: string };
  /** British National Grid metres; GIAS leaves a few schools without them, and then the school is not in "near" searches. */
  location?: { easting: number; northing: number };
  website?: string;
  trust?: { id: string; name: string };
  /** The school's UK Provider Reference Number, where GIAS has one (8 digits, starting with 1). */
  ukprn?: string;
}

export type GiasRow = { kind: 'school'; school: GiasSchool } | { kind: 'skip'; urn: string; reason: string } | { kind: 'error'; urn?: string; message: string };

export function missingGiasColumns(header: readonly string[]): string[] {
  const missing = REQUIRED_GIAS_COLUMNS.filter((c) => !header.includes(c));
  // The type says whether a school is in scope (R-SCOPE): its code, or at least its name.
  if (!header.includes(GIAS_COLUMNS.typeCode) && !header.includes(GIAS_COLUMNS.type)) missing.push(GIAS_COLUMNS.typeCode);
  return missing;
}

/** 'Northfield Learning Trust' → 'northfield-learning-trust': the trust's id in addresses. */
export function trustIdOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
}

function hasControl(s: string): boolean {
  return [...s].some((ch) => (ch.codePointAt(0) ?? 0) < 32 || ch.codePointAt(0) === 127);
}

/** U+FFFD: what a byte that is not UTF-8 became in a file that is otherwise UTF-8 (GiasDecoder). */
const UNREADABLE = '\uFFFD';

const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/;

function age(value: string | undefined, column: string): number | string {
  const v = (value ?? '').trim();
  if (!/^\d{1,2}$/.test(v)) return `${column} must be a whole number of years, like 11; it is "${v}".`;
  return Number(v);
}

/** A website as GIAS writes it ('www.school.example') → an https address, or nothing if it is not one. */
export function normaliseWebsite(value: string | undefined): string | undefined {
  const v = (value ?? '').trim();
  if (!v) return undefined;
  const withScheme = /^https?:\/\//i.test(v) ? v : `https://${v}`;
  try {
    const url = new URL(withScheme);
    return url.hostname.includes('.') ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** Easting and Northing → a grid point; both empty → none (GIAS has a few such rows); otherwise what is wrong. */
function gridLocation(easting: string, northing: string): GridPoint | undefined | string {
  if (!easting && !northing) return undefined;
  const point = { easting: Number(easting), northing: Number(northing) };
  if (!/^\d{1,7}$/.test(easting) || !/^\d{1,7}$/.test(northing) || !isGridPoint(point)) {
    return `Easting and Northing must be whole metres on the British National Grid (Easting 0–700000, Northing 0–1300000); they are "${easting}" and "${northing}".`;
  }
  return point;
}

/** One record → the school, a row to skip (closed), or what is wrong with it. */
export function parseGiasRecord(record: Readonly<Record<string, string | undefined>>): GiasRow {
  const get = (column: string) => (record[column] ?? '').trim();
  const urn = get(GIAS_COLUMNS.urn);
  if (!/^\d{6,7}$/.test(urn)) return { kind: 'error', ...(urn ? { urn } : {}), message: `URN must be 6 or 7 digits; it is "${urn}".` };
  const name = get(GIAS_COLUMNS.name);
  const scope = giasScope({ name, typeCode: get(GIAS_COLUMNS.typeCode), typeName: get(GIAS_COLUMNS.type), statusCode: get(GIAS_COLUMNS.statusCode), statusName: get(GIAS_COLUMNS.status) });
  if (!scope.bookable) return { kind: 'skip', urn, reason: scope.reason };
  const problems: string[] = [];
  if (!name) problems.push('EstablishmentName is empty.');
  else if (name.length > 200 || hasControl(name)) problems.push('EstablishmentName must be one line of at most 200 characters.');
  const low = age(record[GIAS_COLUMNS.lowAge], GIAS_COLUMNS.lowAge);
  const high = age(record[GIAS_COLUMNS.highAge], GIAS_COLUMNS.highAge);
  if (typeof low === 'string') problems.push(low);
  if (typeof high === 'string') problems.push(high);
  if (typeof low === 'number' && typeof high === 'number' && low >= high) {
    problems.push(`StatutoryLowAge (${low}) must be below StatutoryHighAge (${high}).`);
  }
  const town = get(GIAS_COLUMNS.town);
  if (!town) problems.push('Town is empty.');
  const postcode = get(GIAS_COLUMNS.postcode).toUpperCase().replace(/\s+/g, ' ');
  if (!POSTCODE.test(postcode)) problems.push(`Postcode "${postcode}" is not a UK postcode.`);
  const street = get(GIAS_COLUMNS.street);
  const trustName = get(GIAS_COLUMNS.trust);
  if ([street, town, trustName, get(GIAS_COLUMNS.type), get(GIAS_COLUMNS.phase)].some((v) => v.length > 200 || hasControl(v))) {
    problems.push('Street, Town, Trusts, TypeOfEstablishment and PhaseOfEducation must each be one line of at most 200 characters.');
  }
  if ([name, street, town, trustName].some((v) => v.includes(UNREADABLE))) {
    problems.push('EstablishmentName, Street, Town or Trusts has a character that could not be read: the file mixes encodings; save it again as CSV (UTF-8 or Windows-1252).');
  }
  const location = gridLocation(get(GIAS_COLUMNS.easting), get(GIAS_COLUMNS.northing));
  if (typeof location === 'string') problems.push(location);
  const ukprn = get(GIAS_COLUMNS.ukprn);
  if (ukprn && !/^1\d{7}$/.test(ukprn)) problems.push(`UKPRN must be 8 digits starting with 1; it is "${ukprn}".`);
  if (problems.length > 0 || typeof low !== 'number' || typeof high !== 'number') return { kind: 'error', urn, message: problems.join(' ') };
  const website = normaliseWebsite(record[GIAS_COLUMNS.website]);
  const trustId = trustName ? trustIdOf(trustName) : '';
  return {
    kind: 'school',
    school: {
      urn,
      name,
      establishmentType: get(GIAS_COLUMNS.type),
      phase: get(GIAS_COLUMNS.phase) || 'Not applicable',
      statutoryLowAge: low,
      statutoryHighAge: high,
      yearGroups: yearGroupsFromAges(low, high),
      address: { street, town, postcode },
      ...(typeof location === 'object' ? { location } : {}),
      ...(website ? { website } : {}),
      ...(trustId ? { trust: { id: trustId, name: trustName } } : {}),
      ...(ukprn ? { ukprn } : {}),
    },
  };
}

/** Whether a re-import would change any GIAS field of a stored school. */
export function giasChanged(stored: Partial<GiasSchool>, incoming: GiasSchool): boolean {
  const pick = (s: Partial<GiasSchool>) =>
    JSON.stringify([
      s.name,
      s.establishmentType ?? '',
      s.phase,
      s.statutoryLowAge,
      s.statutoryHighAge,
      s.yearGroups,
      [s.address?.street, s.address?.town, s.address?.postcode],
      [s.location?.easting ?? '', s.location?.northing ?? ''],
      s.website ?? '',
      [s.trust?.id ?? '', s.trust?.name ?? ''],
      s.ukprn ?? '',
    ]);
  return pick(stored) !== pick(incoming);
}

/**
 * A new school from GIAS: the school's own settings start empty or at their defaults. No
 * terms means no school days, so no request can be made (R-HOURS) until its careers lead
 * enters them; the statement cannot be published without a lead and premises text.
 */
export function newSchoolFromGias(g: GiasSchool): School & { establishmentType: string } {
  return {
    ...g,
    careersLead: { name: '', email: '' },
    calendar: {
      schoolDay: {
        mon: { start: '08:45', end: '15:15' },
        tue: { start: '08:45', end: '15:15' },
        wed: { start: '08:45', end: '15:15' },
        thu: { start: '08:45', end: '15:15' },
        fri: { start: '08:45', end: '15:15' },
      },
      terms: [],
      closures: [],
    },
    rules: { ...DEFAULT_BOOKING_RULES },
    groundsForRefusing: [...DEFAULT_GROUNDS_FOR_REFUSING],
    premises: '',
  };
}
