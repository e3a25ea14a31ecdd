// GIAS-like schools for the near search's scale rows: reproducible (seeded), spread over
// England's extent on the British National Grid, denser in towns as real schools are.
// School n is the same school in every set, so the 3,500 set is the first 3,500 of the
// 25,000: the state secondary schools (11–16, 11–18, sixth-form colleges, middle deemed
// secondary, all-through), then the rest of GIAS in its proportions (mostly primary and
// nursery; special, independent and pupil referral units, some of which teach Years 8–13).
import { newSchoolFromGias, type GiasSchool } from '#shared/domain/gias.ts';
import type { School } from '#shared/domain/types.ts';
import { yearGroupsFromAges } from '#shared/domain/year-groups.ts';

/** Towns: name, BNG easting/northing, weight (about the share of schools), spread (km). */
const TOWNS: readonly (readonly [string, number, number, number, number])[] = [
  ['London', 530000, 180000, 90, 15],
  ['Birmingham', 407000, 287000, 11, 8],
  ['Manchester', 384000, 398000, 12, 9],
  ['Leeds', 430000, 433000, 8, 7],
  ['Liverpool', 335000, 390000, 6, 6],
  ['Sheffield', 435000, 387000, 6, 6],
  ['Bristol', 359000, 173000, 5, 6],
  ['Newcastle', 425000, 564000, 8, 8],
  ['Nottingham', 457000, 340000, 6, 6],
  ['Leicester', 458000, 304000, 4, 5],
  ['Coventry', 433000, 279000, 3.5, 4],
  ['Bradford', 416000, 433000, 5, 5],
  ['Hull', 509000, 429000, 3, 4],
  ['Stoke', 388000, 347000, 3.5, 5],
  ['Southampton', 442000, 112000, 3, 4],
  ['Portsmouth', 465000, 101000, 3, 4],
  ['Plymouth', 248000, 55000, 2.6, 4],
  ['Exeter', 292000, 92000, 1.3, 4],
  ['Exmouth', 301000, 81000, 0.5, 2],
  ['Norwich', 623000, 308000, 2, 4],
  ['Cambridge', 545000, 258000, 1.5, 3],
  ['Oxford', 451000, 206000, 1.6, 3],
  ['Reading', 471000, 173000, 3, 5],
  ['Brighton', 531000, 105000, 3, 5],
  ['York', 460000, 452000, 2, 3],
  ['Derby', 435000, 336000, 2.6, 4],
  ['Milton Keynes', 485000, 238000, 2.6, 4],
  ['Luton', 509000, 221000, 2.5, 4],
  ['Northampton', 475000, 260000, 2.3, 4],
  ['Peterborough', 519000, 299000, 2, 4],
  ['Ipswich', 616000, 244000, 1.5, 3],
  ['Colchester', 599000, 225000, 1.5, 3],
  ['Chelmsford', 570000, 207000, 1.8, 4],
  ['Maidstone', 576000, 155000, 1.8, 4],
  ['Canterbury', 615000, 157000, 1.2, 4],
  ['Swindon', 415000, 185000, 2.2, 4],
  ['Gloucester', 383000, 218000, 2, 4],
  ['Bath', 375000, 164000, 1, 3],
  ['Bournemouth', 408000, 92000, 4, 6],
  ['Taunton', 322000, 124000, 1, 3],
  ['Truro', 182000, 45000, 1.2, 8],
  ['Barnstaple', 256000, 133000, 0.7, 6],
  ['Worcester', 385000, 255000, 1.5, 4],
  ['Hereford', 351000, 240000, 0.8, 5],
  ['Shrewsbury', 349000, 312000, 1.2, 6],
  ['Preston', 354000, 429000, 3.5, 6],
  ['Blackpool', 331000, 436000, 1.8, 4],
  ['Lancaster', 347000, 461000, 1, 5],
  ['Carlisle', 340000, 556000, 1, 6],
  ['Middlesbrough', 450000, 519000, 3.5, 6],
  ['Sunderland', 439000, 556000, 2.8, 4],
  ['Durham', 427000, 542000, 1.5, 6],
  ['Lincoln', 497000, 371000, 1.5, 6],
  ['Grimsby', 527000, 408000, 1.5, 4],
  ['Doncaster', 457000, 403000, 3, 6],
  ['Huddersfield', 414000, 416000, 3, 5],
  ['Wolverhampton', 391000, 298000, 4, 5],
  ['Kendal', 351000, 492000, 0.5, 8],
  ['Scarborough', 503000, 488000, 0.6, 5],
  ["King's Lynn", 562000, 320000, 0.8, 8],
  ['Salisbury', 414000, 130000, 0.8, 6],
  ['Guildford', 499000, 150000, 2.5, 6],
  ['Crawley', 527000, 136000, 2, 5],
];

/** The first this many schools are the state secondary schools: the product's 3,500. */
export const SECONDARY_SCHOOLS = 3_500;
/** Every school in England in GIAS, about. */
export const ALL_SCHOOLS = 25_000;

/** [phase, type, low age, high age, share]: the secondary mix, then the rest of GIAS. */
type Kind = readonly [string, string, number, number, number];
const SECONDARY: readonly Kind[] = [
  ['Secondary', 'Academy converter', 11, 16, 40],
  ['Secondary', 'Academy converter', 11, 18, 50],
  ['16 plus', 'Sixth form centres', 16, 19, 5],
  ['Middle deemed secondary', 'Community school', 9, 13, 2],
  ['All-through', 'Academy converter', 4, 18, 3],
];
const OTHERS: readonly Kind[] = [
  ['Primary', 'Community school', 4, 11, 78],
  ['Nursery', 'Local authority nursery school', 2, 5, 2],
  ['Not applicable', 'Community special school', 2, 19, 3],
  ['Not applicable', 'Community special school', 5, 11, 2],
  ['Not applicable', 'Other independent school', 3, 18, 6],
  ['Not applicable', 'Other independent school', 3, 11, 5],
  ['Not applicable', 'Pupil referral unit', 11, 16, 2],
  ['16 plus', 'Further education', 16, 19, 1],
  ['All-through', 'Free schools', 4, 18, 1],
];

/** A seeded generator per school, so school n is the same whatever else is made. */
function random(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0 || 1;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function pick<T>(items: readonly T[], weight: (t: T) => number, r: number): T {
  const total = items.reduce((n, t) => n + weight(t), 0);
  let x = r * total;
  for (const t of items) {
    x -= weight(t);
    if (x <= 0) return t;
  }
  return items[items.length - 1] as T;
}

const gaussian = (rand: () => number) => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const LETTERS = 'ABCDEFGHJKLMNOPRSTUWY';
/** A postcode district of the town (never ZZ/ZY: the demo's and the tests'); real ones are as long. */
const district = (town: number, part: number) => `${LETTERS[town % LETTERS.length]}${LETTERS[Math.floor(town / LETTERS.length) % LETTERS.length]}${1 + (part % 9)}`;

/** School n of the GIAS-like set whose first `secondary` are the secondary schools, as the import makes it (newSchoolFromGias). */
export function giasLikeSchool(n: number, secondary = SECONDARY_SCHOOLS): School {
  const rand = random(n + 1);
  const kind = pick(n < secondary ? SECONDARY : OTHERS, (k) => k[4], rand());
  const [phase, establishmentType, low, high] = kind;
  const townIndex = TOWNS.indexOf(pick(TOWNS, (t) => t[3], rand()));
  const [townName, e0, n0, , spreadKm] = TOWNS[townIndex] as (typeof TOWNS)[number];
  // Most schools are in a town; about one in six in the villages around it, further out.
  const rural = rand() < 0.15;
  const sigma = (rural ? 20 : spreadKm) * 1000;
  const easting = Math.round(Math.min(655_000, Math.max(135_000, e0 + gaussian(rand) * sigma)));
  const northing = Math.round(Math.min(657_000, Math.max(10_000, n0 + gaussian(rand) * sigma)));
  const dx = easting - e0;
  const dy = northing - n0;
  // Districts and sectors by where the school is around the town's centre, as postcodes run.
  const part = Math.floor(Math.abs(Math.atan2(dy, dx) / (Math.PI / 4))) + (Math.hypot(dx, dy) > sigma ? 4 : 0);
  const postcode = `${district(townIndex, part)} ${1 + Math.floor(rand() * 9)}${LETTERS[n % LETTERS.length]}${LETTERS[Math.floor(n / LETTERS.length) % LETTERS.length]}`;
  const town = rural ? `${townName} ${['Green', 'Magna', 'Parva', 'St Mary', 'Heath'][n % 5]}` : townName;
  const gias: GiasSchool = {
    urn: String(100000 + n),
    name: `${town} ${phase === 'Primary' ? 'Primary School' : phase === 'Nursery' ? 'Nursery School' : establishmentType.includes('special') ? 'Special School' : establishmentType.includes('independent') ? 'School' : phase === '16 plus' ? 'Sixth Form College' : 'Academy'} ${n}`,
    establishmentType,
    phase,
    statutoryLowAge: low,
    statutoryHighAge: high,
    yearGroups: yearGroupsFromAges(low, high),
    address: { street: `${1 + (n % 120)} High Street`, town, postcode },
    location: { easting, northing },
  };
  return newSchoolFromGias(gias);
}
