// R-SCOPE (a school-side rule RULES.md does not have yet; proposed wording: "Provider access
// applies to open, state-funded schools in England of the types s42B lists; only they are
// bookable"). Which GIAS establishments are bookable, read from the extract's type and
// status codes (or their names, for a file that has only those).
//
// Education Act 1997 s42B binds the proprietor of a school in England of these kinds:
// community, foundation and voluntary schools; community and foundation special schools,
// other than those established in a hospital; pupil referral units; Academy schools (which
// include free schools, UTCs, studio schools and special academies); and alternative
// provision Academies. So, by GIAS type:
// - bookable: maintained schools (1, 2, 3, 5), maintained special schools (7, 12), PRUs (14),
//   academies and free schools (28, 34, 35, 40, 41), special academies and free schools
//   (33, 36, 44), alternative provision academies and free schools (38, 42, 43);
// - not bookable: independent schools, independent special schools and non-maintained
//   special schools (10, 11, 8: none is maintained or an Academy; the guidance only commends
//   it to them), the city technology college (6: an independent school under a s482
//   agreement, not an Academy school); 16 to 19 academies and free schools (39, 45, 46, 57:
//   not Academy schools, and providers themselves, like FE and sixth-form colleges, 18 and
//   31, and special post-16 institutions, 32); nursery schools (15: no Years 8–13);
//   universities, Welsh, overseas, secure, online and other types; a special school, PRU or
//   AP academy that is a hospital school (GIAS has no code for those: its name says so);
// - and only open ones: status 1 (open) or 3 (open, but proposed to close); not 2 (closed)
//   or 4 (proposed to open: not open yet).

/** GIAS "TypeOfEstablishment (code)", with the name GIAS gives each. */
export const GIAS_TYPE = {
  COMMUNITY_SCHOOL: 1,
  VOLUNTARY_AIDED_SCHOOL: 2,
  VOLUNTARY_CONTROLLED_SCHOOL: 3,
  FOUNDATION_SCHOOL: 5,
  CITY_TECHNOLOGY_COLLEGE: 6,
  COMMUNITY_SPECIAL_SCHOOL: 7,
  NON_MAINTAINED_SPECIAL_SCHOOL: 8,
  OTHER_INDEPENDENT_SPECIAL_SCHOOL: 10,
  OTHER_INDEPENDENT_SCHOOL: 11,
  FOUNDATION_SPECIAL_SCHOOL: 12,
  PUPIL_REFERRAL_UNIT: 14,
  LA_NURSERY_SCHOOL: 15,
  FURTHER_EDUCATION: 18,
  SECURE_UNITS: 24,
  OFFSHORE_SCHOOLS: 25,
  SERVICE_CHILDRENS_EDUCATION: 26,
  MISCELLANEOUS: 27,
  ACADEMY_SPONSOR_LED: 28,
  HIGHER_EDUCATION_INSTITUTIONS: 29,
  WELSH_ESTABLISHMENT: 30,
  SIXTH_FORM_CENTRES: 31,
  SPECIAL_POST_16_INSTITUTION: 32,
  ACADEMY_SPECIAL_SPONSOR_LED: 33,
  ACADEMY_CONVERTER: 34,
  FREE_SCHOOLS: 35,
  FREE_SCHOOLS_SPECIAL: 36,
  BRITISH_SCHOOLS_OVERSEAS: 37,
  FREE_SCHOOLS_ALTERNATIVE_PROVISION: 38,
  FREE_SCHOOLS_16_TO_19: 39,
  UNIVERSITY_TECHNICAL_COLLEGE: 40,
  STUDIO_SCHOOLS: 41,
  ACADEMY_AP_CONVERTER: 42,
  ACADEMY_AP_SPONSOR_LED: 43,
  ACADEMY_SPECIAL_CONVERTER: 44,
  ACADEMY_16_19_CONVERTER: 45,
  ACADEMY_16_19_SPONSOR_LED: 46,
  CHILDRENS_CENTRE: 47,
  CHILDRENS_CENTRE_LINKED_SITE: 48,
  ONLINE_PROVIDER: 49,
  OTHER_GOVERNMENT_DEPARTMENT: 56,
  ACADEMY_SECURE_16_TO_19: 57,
} as const;
export type GiasTypeCode = (typeof GIAS_TYPE)[keyof typeof GIAS_TYPE];

/** GIAS "EstablishmentStatus (code)". */
export const GIAS_STATUS = { OPEN: 1, CLOSED: 2, OPEN_PROPOSED_TO_CLOSE: 3, PROPOSED_TO_OPEN: 4 } as const;
/** The name GIAS gives each status in "EstablishmentStatus (name)". */
export const GIAS_STATUS_NAMES: Readonly<Record<number, string>> = { 1: 'Open', 2: 'Closed', 3: 'Open, but proposed to close', 4: 'Proposed to open' };

/**
 * GIAS "EstablishmentTypeGroup (code)" and name, as the extract gives them. The decision reads
 * the type code alone (each type is in one group); the group is what GIAS files a type under.
 */
export const GIAS_TYPE_GROUP = {
  COLLEGES: { code: 1, name: 'Colleges' },
  UNIVERSITIES: { code: 2, name: 'Universities' },
  INDEPENDENT_SCHOOLS: { code: 3, name: 'Independent schools' },
  LA_MAINTAINED_SCHOOLS: { code: 4, name: 'Local authority maintained schools' },
  SPECIAL_SCHOOLS: { code: 5, name: 'Special schools' },
  WELSH_SCHOOLS: { code: 6, name: 'Welsh schools' },
  OTHER_TYPES: { code: 9, name: 'Other types' },
  ACADEMIES: { code: 10, name: 'Academies' },
  FREE_SCHOOLS: { code: 11, name: 'Free Schools' },
  CHILDRENS_CENTRES: { code: 12, name: "Children's centres" },
  ONLINE_PROVIDER: { code: 13, name: 'Online provider' },
} as const;
type GiasTypeGroup = (typeof GIAS_TYPE_GROUP)[keyof typeof GIAS_TYPE_GROUP];

/** The groups, which s42B's list maps onto: the first four are bookable. */
export type ScopeGroup = 'academy' | 'maintained' | 'special' | 'pru-or-ap' | 'independent' | 'further-education' | 'other';
export const BOOKABLE_GROUPS: readonly ScopeGroup[] = ['academy', 'maintained', 'special', 'pru-or-ap'];

interface GiasTypeInfo {
  name: string;
  group: ScopeGroup;
  giasGroup: GiasTypeGroup;
}

const G = GIAS_TYPE_GROUP;
const T = GIAS_TYPE;
/** Every type GIAS has: its name, the scope group it is in, and the GIAS group it is filed under. */
export const GIAS_TYPES: Readonly<Record<GiasTypeCode, GiasTypeInfo>> = {
  [T.COMMUNITY_SCHOOL]: { name: 'Community school', group: 'maintained', giasGroup: G.LA_MAINTAINED_SCHOOLS },
  [T.VOLUNTARY_AIDED_SCHOOL]: { name: 'Voluntary aided school', group: 'maintained', giasGroup: G.LA_MAINTAINED_SCHOOLS },
  [T.VOLUNTARY_CONTROLLED_SCHOOL]: { name: 'Voluntary controlled school', group: 'maintained', giasGroup: G.LA_MAINTAINED_SCHOOLS },
  [T.FOUNDATION_SCHOOL]: { name: 'Foundation school', group: 'maintained', giasGroup: G.LA_MAINTAINED_SCHOOLS },
  [T.CITY_TECHNOLOGY_COLLEGE]: { name: 'City technology college', group: 'independent', giasGroup: G.INDEPENDENT_SCHOOLS },
  [T.COMMUNITY_SPECIAL_SCHOOL]: { name: 'Community special school', group: 'special', giasGroup: G.SPECIAL_SCHOOLS },
  [T.NON_MAINTAINED_SPECIAL_SCHOOL]: { name: 'Non-maintained special school', group: 'independent', giasGroup: G.SPECIAL_SCHOOLS },
  [T.OTHER_INDEPENDENT_SPECIAL_SCHOOL]: { name: 'Other independent special school', group: 'independent', giasGroup: G.INDEPENDENT_SCHOOLS },
  [T.OTHER_INDEPENDENT_SCHOOL]: { name: 'Other independent school', group: 'independent', giasGroup: G.INDEPENDENT_SCHOOLS },
  [T.FOUNDATION_SPECIAL_SCHOOL]: { name: 'Foundation special school', group: 'special', giasGroup: G.SPECIAL_SCHOOLS },
  [T.PUPIL_REFERRAL_UNIT]: { name: 'Pupil referral unit', group: 'pru-or-ap', giasGroup: G.LA_MAINTAINED_SCHOOLS },
  [T.LA_NURSERY_SCHOOL]: { name: 'Local authority nursery school', group: 'other', giasGroup: G.LA_MAINTAINED_SCHOOLS },
  [T.FURTHER_EDUCATION]: { name: 'Further education', group: 'further-education', giasGroup: G.COLLEGES },
  [T.SECURE_UNITS]: { name: 'Secure units', group: 'other', giasGroup: G.OTHER_TYPES },
  [T.OFFSHORE_SCHOOLS]: { name: 'Offshore schools', group: 'other', giasGroup: G.OTHER_TYPES },
  [T.SERVICE_CHILDRENS_EDUCATION]: { name: "Service children's education", group: 'other', giasGroup: G.OTHER_TYPES },
  [T.MISCELLANEOUS]: { name: 'Miscellaneous', group: 'other', giasGroup: G.OTHER_TYPES },
  [T.ACADEMY_SPONSOR_LED]: { name: 'Academy sponsor led', group: 'academy', giasGroup: G.ACADEMIES },
  [T.HIGHER_EDUCATION_INSTITUTIONS]: { name: 'Higher education institutions', group: 'other', giasGroup: G.UNIVERSITIES },
  [T.WELSH_ESTABLISHMENT]: { name: 'Welsh establishment', group: 'other', giasGroup: G.WELSH_SCHOOLS },
  [T.SIXTH_FORM_CENTRES]: { name: 'Sixth form centres', group: 'further-education', giasGroup: G.COLLEGES },
  [T.SPECIAL_POST_16_INSTITUTION]: { name: 'Special post 16 institution', group: 'further-education', giasGroup: G.COLLEGES },
  [T.ACADEMY_SPECIAL_SPONSOR_LED]: { name: 'Academy special sponsor led', group: 'special', giasGroup: G.ACADEMIES },
  [T.ACADEMY_CONVERTER]: { name: 'Academy converter', group: 'academy', giasGroup: G.ACADEMIES },
  [T.FREE_SCHOOLS]: { name: 'Free schools', group: 'academy', giasGroup: G.FREE_SCHOOLS },
  [T.FREE_SCHOOLS_SPECIAL]: { name: 'Free schools special', group: 'special', giasGroup: G.FREE_SCHOOLS },
  [T.BRITISH_SCHOOLS_OVERSEAS]: { name: 'British schools overseas', group: 'other', giasGroup: G.OTHER_TYPES },
  [T.FREE_SCHOOLS_ALTERNATIVE_PROVISION]: { name: 'Free schools alternative provision', group: 'pru-or-ap', giasGroup: G.FREE_SCHOOLS },
  [T.FREE_SCHOOLS_16_TO_19]: { name: 'Free schools 16 to 19', group: 'further-education', giasGroup: G.FREE_SCHOOLS },
  [T.UNIVERSITY_TECHNICAL_COLLEGE]: { name: 'University technical college', group: 'academy', giasGroup: G.FREE_SCHOOLS },
  [T.STUDIO_SCHOOLS]: { name: 'Studio schools', group: 'academy', giasGroup: G.FREE_SCHOOLS },
  [T.ACADEMY_AP_CONVERTER]: { name: 'Academy alternative provision converter', group: 'pru-or-ap', giasGroup: G.ACADEMIES },
  [T.ACADEMY_AP_SPONSOR_LED]: { name: 'Academy alternative provision sponsor led', group: 'pru-or-ap', giasGroup: G.ACADEMIES },
  [T.ACADEMY_SPECIAL_CONVERTER]: { name: 'Academy special converter', group: 'special', giasGroup: G.ACADEMIES },
  [T.ACADEMY_16_19_CONVERTER]: { name: 'Academy 16-19 converter', group: 'further-education', giasGroup: G.ACADEMIES },
  [T.ACADEMY_16_19_SPONSOR_LED]: { name: 'Academy 16 to 19 sponsor led', group: 'further-education', giasGroup: G.ACADEMIES },
  [T.CHILDRENS_CENTRE]: { name: "Children's centre", group: 'other', giasGroup: G.CHILDRENS_CENTRES },
  [T.CHILDRENS_CENTRE_LINKED_SITE]: { name: "Children's centre linked site", group: 'other', giasGroup: G.CHILDRENS_CENTRES },
  [T.ONLINE_PROVIDER]: { name: 'Online provider', group: 'other', giasGroup: G.ONLINE_PROVIDER },
  [T.OTHER_GOVERNMENT_DEPARTMENT]: { name: 'Institution funded by other government department', group: 'other', giasGroup: G.OTHER_TYPES },
  [T.ACADEMY_SECURE_16_TO_19]: { name: 'Academy secure 16 to 19', group: 'further-education', giasGroup: G.ACADEMIES },
};

const BY_CODE = new Map<number, GiasTypeInfo>(Object.entries(GIAS_TYPES).map(([code, info]) => [Number(code), info]));
const CODE_BY_NAME = new Map<string, number>([...BY_CODE].map(([code, info]) => [info.name.toLowerCase(), code]));
const STATUS_BY_NAME = new Map<string, number>(Object.entries(GIAS_STATUS_NAMES).map(([code, name]) => [name.toLowerCase(), Number(code)]));

/** What the extract says of an establishment: codes where the file has them, else the names. */
export interface GiasScopeInput {
  name: string;
  typeCode?: string;
  typeName?: string;
  statusCode?: string;
  statusName?: string;
}

export type GiasScope = { bookable: true; group: ScopeGroup; typeCode: number } | { bookable: false; reason: string; group?: ScopeGroup; typeCode?: number };

/** The code; or the code of the name; -1 for a name or code that is not a known one; undefined when neither is given. */
const lookUp = (code: string | undefined, name: string | undefined, byName: Map<string, number>): number | undefined => {
  const c = (code ?? '').trim();
  if (/^\d{1,3}$/.test(c)) return Number(c);
  const n = (name ?? '').trim().toLowerCase();
  if (!c && !n) return undefined;
  return byName.get(n) ?? -1;
};

const HOSPITAL = /\bhospital\b/i;

/** R-SCOPE: whether providers can book this establishment, and if not, why (for the import summary). */
export function giasScope(input: GiasScopeInput): GiasScope {
  const status = lookUp(input.statusCode, input.statusName, STATUS_BY_NAME);
  // A file without a status column lists open establishments only (GIAS's "open" extract).
  if (status === GIAS_STATUS.CLOSED) return { bookable: false, reason: 'closed' };
  if (status === GIAS_STATUS.PROPOSED_TO_OPEN) return { bookable: false, reason: 'not open yet (proposed to open)' };
  if (status !== undefined && status !== GIAS_STATUS.OPEN && status !== GIAS_STATUS.OPEN_PROPOSED_TO_CLOSE) {
    return { bookable: false, reason: `status "${input.statusName || input.statusCode}" is not one GIAS uses for an open establishment` };
  }
  const typeCode = lookUp(input.typeCode, input.typeName, CODE_BY_NAME);
  const type = typeCode === undefined ? undefined : BY_CODE.get(typeCode);
  if (typeCode === undefined || !type) {
    const said = [input.typeName, input.typeCode && `code ${input.typeCode}`].filter(Boolean).join(', ') || 'none given';
    return { bookable: false, reason: `establishment type not known to this import (${said})` };
  }
  if (!BOOKABLE_GROUPS.includes(type.group)) return { bookable: false, reason: `not in scope of s42B: ${type.name}`, group: type.group, typeCode };
  if ((type.group === 'special' || type.group === 'pru-or-ap') && HOSPITAL.test(input.name)) {
    return { bookable: false, reason: `not in scope of s42B: a hospital school (${type.name})`, group: type.group, typeCode };
  }
  return { bookable: true, group: type.group, typeCode };
}
