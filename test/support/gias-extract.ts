// A generated GIAS "All establishment data" extract shaped like the one DfE publishes
// (edubasealldata<date>.csv): the 140 columns in DfE's order, Windows-1252 bytes, CRLF line
// endings, commas in names and addresses in double quotes, and the establishments the import
// must tell apart (closed, independent, FE college, PRU, special, hospital school, proposed to
// open, accented names). Made-up names, 7-digit URNs from 9,500,000 (no real school has one)
// and postcodes in the unused ZZ area. The same row count and seed give the same bytes; 50,000
// rows take well under a second, for the bench. Each row's expected name and whether it must
// end up bookable (R-SCOPE) come back with the bytes, so a test checks the import against them.
import { encodeWindows1252 } from '#shared/domain/gias-encoding.ts';
import { GIAS_STATUS, GIAS_STATUS_NAMES, GIAS_TYPE, GIAS_TYPES, type GiasTypeCode } from '#shared/domain/gias-scope.ts';
import { random } from '../fixtures/gias-generate.ts';

/** The header of DfE's "All establishment data" extract, every column in its order. */
export const GIAS_EXTRACT_COLUMNS = [
  'URN', 'LA (code)', 'LA (name)', 'EstablishmentNumber', 'EstablishmentName', 'TypeOfEstablishment (code)', 'TypeOfEstablishment (name)',
  'EstablishmentTypeGroup (code)', 'EstablishmentTypeGroup (name)', 'EstablishmentStatus (code)', 'EstablishmentStatus (name)',
  'ReasonEstablishmentOpened (code)', 'ReasonEstablishmentOpened (name)', 'OpenDate', 'ReasonEstablishmentClosed (code)',
  'ReasonEstablishmentClosed (name)', 'CloseDate', 'PhaseOfEducation (code)', 'PhaseOfEducation (name)', 'StatutoryLowAge', 'StatutoryHighAge',
  'Boarders (code)', 'Boarders (name)', 'NurseryProvision (name)', 'OfficialSixthForm (code)', 'OfficialSixthForm (name)', 'Gender (code)',
  'Gender (name)', 'ReligiousCharacter (code)', 'ReligiousCharacter (name)', 'ReligiousEthos (name)', 'Diocese (code)', 'Diocese (name)',
  'AdmissionsPolicy (code)', 'AdmissionsPolicy (name)', 'SchoolCapacity', 'SpecialClasses (code)', 'SpecialClasses (name)', 'CensusDate',
  'NumberOfPupils', 'NumberOfBoys', 'NumberOfGirls', 'PercentageFSM', 'TrustSchoolFlag (code)', 'TrustSchoolFlag (name)', 'Trusts (code)',
  'Trusts (name)', 'SchoolSponsorFlag (name)', 'SchoolSponsors (name)', 'FederationFlag (name)', 'Federations (code)', 'Federations (name)', 'UKPRN',
  'FEHEIdentifier', 'FurtherEducationType (name)', 'OfstedLastInsp', 'OfstedSpecialMeasures (code)', 'OfstedSpecialMeasures (name)',
  'LastChangedDate', 'Street', 'Locality', 'Address3', 'Town', 'County (name)', 'Postcode', 'SchoolWebsite', 'TelephoneNum', 'HeadTitle (name)',
  'HeadFirstName', 'HeadLastName', 'HeadPreferredJobTitle', 'BSOInspectorateName (name)', 'InspectorateReport', 'DateOfLastInspectionVisit',
  'NextInspectionVisit', 'TeenMoth (name)', 'TeenMothPlaces', 'CCF (name)', 'SENPRU (name)', 'EBD (name)', 'PlacesPRU', 'FTProv (name)',
  'EdByOther (name)', 'Section41Approved (name)', 'SEN1 (name)', 'SEN2 (name)', 'SEN3 (name)', 'SEN4 (name)', 'SEN5 (name)', 'SEN6 (name)',
  'SEN7 (name)', 'SEN8 (name)', 'SEN9 (name)', 'SEN10 (name)', 'SEN11 (name)', 'SEN12 (name)', 'SEN13 (name)', 'TypeOfResourcedProvision (name)',
  'ResourcedProvisionOnRoll', 'ResourcedProvisionCapacity', 'SenUnitOnRoll', 'SenUnitCapacity', 'GOR (code)', 'GOR (name)',
  'DistrictAdministrative (code)', 'DistrictAdministrative (name)', 'AdministrativeWard (code)', 'AdministrativeWard (name)',
  'ParliamentaryConstituency (code)', 'ParliamentaryConstituency (name)', 'UrbanRural (code)', 'UrbanRural (name)', 'GSSLACode (name)', 'Easting',
  'Northing', 'MSOA (name)', 'LSOA (name)', 'InspectorateName (name)', 'SENStat', 'SENNoStat', 'BoardingEstablishment (name)', 'PropsName',
  'PreviousLA (code)', 'PreviousLA (name)', 'PreviousEstablishmentNumber', 'OfstedRating (name)', 'RSCRegion (name)', 'Country (name)', 'UPRN',
  'SiteName', 'QABName (code)', 'QABName (name)', 'EstablishmentAccredited (code)', 'EstablishmentAccredited (name)', 'QABReport', 'CHNumber',
  'MSOA (code)', 'LSOA (code)', 'FSM', 'AccreditationExpiryDate',
] as const;

type Column = (typeof GIAS_EXTRACT_COLUMNS)[number];
const AT = new Map<Column, number>(GIAS_EXTRACT_COLUMNS.map((c, i) => [c, i]));

/** One establishment of the extract, and what the import must make of it. */
export interface ExtractSchool {
  urn: string;
  /** The name exactly as the import must store it. */
  name: string;
  typeCode: GiasTypeCode;
  statusCode: number;
  /** Open and in scope of s42B (R-SCOPE): the import stores it and providers can book it. */
  bookable: boolean;
  ukprn?: string;
  location: { easting: number; northing: number };
}

export interface GiasExtract {
  /** The file as DfE would publish it (or as re-saved, with `encoding`). */
  bytes: Uint8Array;
  schools: ExtractSchool[];
}

export interface GiasExtractOptions {
  seed?: number;
  firstUrn?: number;
  /** DfE's Windows-1252 (the default), or UTF-8 with a BOM as Excel saves it, or without. */
  encoding?: 'windows-1252' | 'utf-8-bom' | 'utf-8';
}

interface Phase {
  code: number;
  name: string;
  low: number;
  high: number;
}
const PHASE = {
  primary: { code: 2, name: 'Primary', low: 4, high: 11 },
  secondary: { code: 4, name: 'Secondary', low: 11, high: 16 },
  secondarySixthForm: { code: 4, name: 'Secondary', low: 11, high: 18 },
  middle: { code: 5, name: 'Middle deemed secondary', low: 9, high: 13 },
  allThrough: { code: 7, name: 'All-through', low: 4, high: 18 },
  sixteenPlus: { code: 6, name: '16 plus', low: 16, high: 19 },
  fourteenPlus: { code: 6, name: '16 plus', low: 14, high: 19 },
  notApplicable: { code: 0, name: 'Not applicable', low: 2, high: 19 },
  nursery: { code: 1, name: 'Nursery', low: 2, high: 5 },
} satisfies Record<string, Phase>;

interface Establishment {
  name: string;
  type: GiasTypeCode;
  status: number;
  phase: Phase;
  bookable: boolean;
  street?: string;
  furtherEducationType?: string;
}

const T = GIAS_TYPE;
const S = GIAS_STATUS;
/** The first rows, whatever the seed: every case the import must tell apart, stated by hand. */
export const NAMED_ESTABLISHMENTS: readonly Establishment[] = [
  { name: 'St Thomas à Becket Catholic Academy, Upper School', type: T.ACADEMY_CONVERTER, status: S.OPEN, phase: PHASE.secondarySixthForm, bookable: true },
  { name: 'Sainte Thérèse’s Church of England School', type: T.VOLUNTARY_AIDED_SCHOOL, status: S.OPEN, phase: PHASE.secondary, bookable: true, street: 'Rue de l’Église, Old Town' },
  { name: 'Sacré Cœur Catholic Primary School', type: T.VOLUNTARY_AIDED_SCHOOL, status: S.OPEN, phase: PHASE.primary, bookable: true },
  { name: 'Old Quarry Community School', type: T.COMMUNITY_SCHOOL, status: S.CLOSED, phase: PHASE.secondary, bookable: false },
  { name: 'Kestrel Hall School', type: T.OTHER_INDEPENDENT_SCHOOL, status: S.OPEN, phase: PHASE.allThrough, bookable: false },
  { name: 'Ashcombe College, Further and Higher Education', type: T.FURTHER_EDUCATION, status: S.OPEN, phase: PHASE.sixteenPlus, bookable: false, furtherEducationType: 'General Further Education College' },
  { name: 'Juniper Cross Sixth Form College', type: T.FURTHER_EDUCATION, status: S.OPEN, phase: PHASE.sixteenPlus, bookable: false, furtherEducationType: 'Sixth Form College' },
  { name: 'Dunford Pupil Referral Unit', type: T.PUPIL_REFERRAL_UNIT, status: S.OPEN, phase: PHASE.notApplicable, bookable: true },
  { name: 'Brackenfield Special School', type: T.COMMUNITY_SPECIAL_SCHOOL, status: S.OPEN, phase: PHASE.notApplicable, bookable: true },
  { name: 'Royal Ashcombe Children’s Hospital School', type: T.FOUNDATION_SPECIAL_SCHOOL, status: S.OPEN, phase: PHASE.notApplicable, bookable: false },
  { name: 'Greyhaven House School', type: T.NON_MAINTAINED_SPECIAL_SCHOOL, status: S.OPEN, phase: PHASE.notApplicable, bookable: false },
  { name: 'Colden Vale Academy', type: T.ACADEMY_SPONSOR_LED, status: S.OPEN_PROPOSED_TO_CLOSE, phase: PHASE.secondary, bookable: true },
  { name: 'Foxley Free School', type: T.FREE_SCHOOLS, status: S.PROPOSED_TO_OPEN, phase: PHASE.secondary, bookable: false },
  { name: 'Hollowmere University Technical College', type: T.UNIVERSITY_TECHNICAL_COLLEGE, status: S.OPEN, phase: PHASE.fourteenPlus, bookable: true },
  { name: 'Larkhill Green Alternative Provision Academy', type: T.ACADEMY_AP_SPONSOR_LED, status: S.OPEN, phase: PHASE.notApplicable, bookable: true },
  { name: 'Elmstead Special Academy', type: T.ACADEMY_SPECIAL_CONVERTER, status: S.OPEN, phase: PHASE.notApplicable, bookable: true },
  { name: 'Ivybridge Vale Sixteen to Nineteen Academy', type: T.ACADEMY_16_19_CONVERTER, status: S.OPEN, phase: PHASE.sixteenPlus, bookable: false },
  { name: 'Ysgol Glan Afon', type: T.WELSH_ESTABLISHMENT, status: S.OPEN, phase: PHASE.secondary, bookable: false },
];

/** The rest of the file: roughly GIAS's mix, each kind with whether it is in scope, stated by hand. */
const MIX: readonly { weight: number; type: GiasTypeCode; phases: readonly Phase[]; suffixes: readonly string[]; bookable: boolean }[] = [
  { weight: 20, type: T.COMMUNITY_SCHOOL, phases: [PHASE.primary, PHASE.primary, PHASE.primary, PHASE.secondary], suffixes: ['Primary School', 'Community School'], bookable: true },
  { weight: 10, type: T.VOLUNTARY_AIDED_SCHOOL, phases: [PHASE.primary, PHASE.primary, PHASE.secondarySixthForm], suffixes: ['Church of England Primary School', 'Catholic School'], bookable: true },
  { weight: 6, type: T.VOLUNTARY_CONTROLLED_SCHOOL, phases: [PHASE.primary], suffixes: ['Church of England Primary School'], bookable: true },
  { weight: 4, type: T.FOUNDATION_SCHOOL, phases: [PHASE.primary, PHASE.secondarySixthForm], suffixes: ['School', 'High School'], bookable: true },
  { weight: 25, type: T.ACADEMY_CONVERTER, phases: [PHASE.primary, PHASE.primary, PHASE.secondary, PHASE.secondarySixthForm], suffixes: ['Academy', 'School'], bookable: true },
  { weight: 8, type: T.ACADEMY_SPONSOR_LED, phases: [PHASE.primary, PHASE.secondarySixthForm, PHASE.allThrough], suffixes: ['Academy'], bookable: true },
  { weight: 3, type: T.FREE_SCHOOLS, phases: [PHASE.primary, PHASE.secondary, PHASE.allThrough], suffixes: ['Free School'], bookable: true },
  { weight: 1, type: T.STUDIO_SCHOOLS, phases: [PHASE.fourteenPlus], suffixes: ['Studio School'], bookable: true },
  { weight: 1, type: T.COMMUNITY_SCHOOL, phases: [PHASE.middle], suffixes: ['Middle School'], bookable: true },
  { weight: 2, type: T.COMMUNITY_SPECIAL_SCHOOL, phases: [PHASE.notApplicable], suffixes: ['Special School'], bookable: true },
  { weight: 1, type: T.PUPIL_REFERRAL_UNIT, phases: [PHASE.notApplicable], suffixes: ['Pupil Referral Unit'], bookable: true },
  { weight: 8, type: T.OTHER_INDEPENDENT_SCHOOL, phases: [PHASE.allThrough, PHASE.primary, PHASE.secondarySixthForm], suffixes: ['School', 'Preparatory School'], bookable: false },
  { weight: 2, type: T.OTHER_INDEPENDENT_SPECIAL_SCHOOL, phases: [PHASE.notApplicable], suffixes: ['School'], bookable: false },
  { weight: 1, type: T.FURTHER_EDUCATION, phases: [PHASE.sixteenPlus], suffixes: ['College'], bookable: false },
  { weight: 1, type: T.LA_NURSERY_SCHOOL, phases: [PHASE.nursery], suffixes: ['Nursery School'], bookable: false },
  { weight: 3, type: T.CHILDRENS_CENTRE, phases: [PHASE.notApplicable], suffixes: ["Children's Centre"], bookable: false },
  { weight: 2, type: T.HIGHER_EDUCATION_INSTITUTIONS, phases: [PHASE.notApplicable], suffixes: ['University'], bookable: false },
];
const MIX_TOTAL = MIX.reduce((n, m) => n + m.weight, 0);

const PLACES = ['Ashcombe', 'Brackenfield', 'Colden', 'Dunford', 'Elmstead', 'Foxley', 'Greyhaven', 'Hollowmere', 'Ivybridge Vale', 'Juniper Cross', 'Kestrel Down', 'Larkhill Green'];
const QUALIFIERS = ['North', 'South', 'East', 'West', 'Park', 'Hill', 'Vale', 'St Mary’s', 'St John’s', 'Holy Trinity', 'Sacré Cœur', 'St Thomas à Becket'];
const STREETS = ['High Street', 'Station Road', 'Church Lane', 'Mill Lane', 'School Road', 'Park Avenue'];
const TRUSTS = ['Brightwater Schools Trust', 'Northfield Learning Trust', 'Wessex Diocesan Schools Trust', 'St Benedict’s Catholic Academy Trust'];
const REGIONS = ['South West', 'South East', 'North West', 'West Midlands', 'East of England', 'Yorkshire and the Humber'];

/** One CSV cell: in double quotes, inner quotes doubled, when it holds a comma, a quote or a line break. */
function cell(value: string): string {
  return value !== '' && /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** A generated extract of `rows` establishments: the named ones first, then a seeded mix. */
export function giasExtract(rows: number, options: GiasExtractOptions = {}): GiasExtract {
  const rnd = random(options.seed ?? 17);
  const int = (from: number, to: number) => from + Math.floor(rnd() * (to - from + 1));
  const pick = <V>(list: readonly V[]): V => list[Math.floor(rnd() * list.length)] as V;
  const firstUrn = options.firstUrn ?? 9_500_000;
  const lines: string[] = [GIAS_EXTRACT_COLUMNS.join(',')];
  const schools: ExtractSchool[] = [];
  for (let i = 0; i < rows; i++) {
    const urn = String(firstUrn + i);
    const place = pick(PLACES);
    let e: Establishment;
    if (i < NAMED_ESTABLISHMENTS.length) e = NAMED_ESTABLISHMENTS[i] as Establishment;
    else {
      let w = rnd() * MIX_TOTAL;
      const kind = MIX.find((m) => (w -= m.weight) < 0) ?? (MIX[0] as (typeof MIX)[number]);
      const closed = rnd() < 0.4;
      // One name in twenty-five has a comma, as "Church of England Primary School, Colden" does.
      const name = `${place} ${pick(QUALIFIERS)} ${pick(kind.suffixes)}${rnd() < 0.04 ? `, ${pick(PLACES)}` : ''}`;
      e = { name, type: kind.type, status: closed ? S.CLOSED : S.OPEN, phase: pick(kind.phases), bookable: kind.bookable && !closed };
    }
    const info = GIAS_TYPES[e.type];
    const trust = info.giasGroup.code === 10 || info.giasGroup.code === 11 ? pick(TRUSTS) : '';
    const ukprn = info.group === 'other' && rnd() < 0.5 ? '' : `100${pad(int(0, 99_999), 5)}`;
    const location = { easting: int(150_000, 650_000), northing: int(50_000, 650_000) };
    const cells: string[] = new Array<string>(GIAS_EXTRACT_COLUMNS.length).fill('');
    const set = (column: Column, value: string | number) => {
      cells[AT.get(column) as number] = String(value);
    };
    const la = 800 + PLACES.indexOf(place);
    set('URN', urn);
    set('LA (code)', la);
    set('LA (name)', place);
    set('EstablishmentNumber', int(1000, 7999));
    set('EstablishmentName', e.name);
    set('TypeOfEstablishment (code)', e.type);
    set('TypeOfEstablishment (name)', info.name);
    set('EstablishmentTypeGroup (code)', info.giasGroup.code);
    set('EstablishmentTypeGroup (name)', info.giasGroup.name);
    set('EstablishmentStatus (code)', e.status);
    set('EstablishmentStatus (name)', GIAS_STATUS_NAMES[e.status] ?? '');
    set('ReasonEstablishmentOpened (code)', '00');
    set('ReasonEstablishmentOpened (name)', 'Not applicable');
    set('OpenDate', `01-09-${int(1950, 2022)}`);
    set('ReasonEstablishmentClosed (code)', e.status === S.CLOSED ? '10' : '00');
    set('ReasonEstablishmentClosed (name)', e.status === S.CLOSED ? 'Academy Converter' : 'Not applicable');
    if (e.status === S.CLOSED) set('CloseDate', `31-08-${int(2005, 2024)}`);
    set('PhaseOfEducation (code)', e.phase.code);
    set('PhaseOfEducation (name)', e.phase.name);
    set('StatutoryLowAge', e.phase.low);
    set('StatutoryHighAge', e.phase.high);
    set('Boarders (code)', 1);
    set('Boarders (name)', 'No boarders');
    set('NurseryProvision (name)', 'No Nursery Classes');
    set('OfficialSixthForm (code)', e.phase.high >= 18 ? 1 : 2);
    set('OfficialSixthForm (name)', e.phase.high >= 18 ? 'Has a sixth form' : 'Does not have a sixth form');
    set('Gender (code)', 3);
    set('Gender (name)', 'Mixed');
    set('ReligiousCharacter (code)', '00');
    set('ReligiousCharacter (name)', 'Does not apply');
    set('Diocese (code)', '0000');
    set('Diocese (name)', 'Not applicable');
    set('AdmissionsPolicy (code)', 0);
    set('AdmissionsPolicy (name)', 'Not applicable');
    const capacity = int(60, 1800);
    set('SchoolCapacity', capacity);
    set('SpecialClasses (code)', 2);
    set('SpecialClasses (name)', 'No Special Classes');
    set('CensusDate', '16-01-2025');
    set('NumberOfPupils', Math.round(capacity * 0.9));
    set('PercentageFSM', (rnd() * 40).toFixed(1));
    set('TrustSchoolFlag (code)', trust ? 5 : 0);
    set('TrustSchoolFlag (name)', trust ? 'Supported by a multi-academy trust' : 'Not applicable');
    if (trust) {
      set('Trusts (code)', 4000 + TRUSTS.indexOf(trust));
      set('Trusts (name)', trust);
    }
    set('SchoolSponsorFlag (name)', 'Not applicable');
    set('FederationFlag (name)', 'Not under a federation');
    if (ukprn) set('UKPRN', ukprn);
    if (e.furtherEducationType) set('FurtherEducationType (name)', e.furtherEducationType);
    set('LastChangedDate', `${pad(int(1, 28), 2)}-0${int(1, 9)}-2025`);
    set('Street', e.street ?? `${int(1, 200)} ${pick(STREETS)}`);
    set('Town', place);
    set('County (name)', 'Wessex');
    set('Postcode', `ZZ${int(1, 98)} ${int(1, 9)}${String.fromCharCode(65 + int(0, 25))}${String.fromCharCode(65 + int(0, 25))}`);
    set('SchoolWebsite', `www.${urn}.school.example`);
    set('TelephoneNum', `01632960${pad(int(0, 999), 3)}`);
    set('HeadTitle (name)', 'Ms');
    set('HeadFirstName', 'Alex');
    set('HeadLastName', 'Morgan');
    set('HeadPreferredJobTitle', 'Headteacher');
    set('GOR (code)', 'K');
    set('GOR (name)', pick(REGIONS));
    set('UrbanRural (code)', 'C1');
    set('UrbanRural (name)', '(England/Wales) Urban city and town');
    set('Easting', location.easting);
    set('Northing', location.northing);
    set('Country (name)', '');
    set('UPRN', 100_000_000 + i);
    lines.push(cells.map(cell).join(','));
    schools.push({ urn, name: e.name, typeCode: e.type, statusCode: e.status, bookable: e.bookable, ...(ukprn ? { ukprn } : {}), location });
  }
  const text = `${lines.join('\r\n')}\r\n`;
  const encoding = options.encoding ?? 'windows-1252';
  const bytes = encoding === 'windows-1252' ? encodeWindows1252(text) : new TextEncoder().encode(encoding === 'utf-8-bom' ? `\uFEFF${text}` : text);
  return { bytes, schools };
}
