// R-SCOPE: which GIAS establishments providers can book, one table per group of type codes.
import { describe, expect, it } from 'vitest';
import { BOOKABLE_GROUPS, GIAS_STATUS, GIAS_TYPE, GIAS_TYPES, giasScope, type ScopeGroup } from './gias-scope.ts';

const T = GIAS_TYPE;
const open = (typeCode: number, name = 'Fernhill School') => giasScope({ name, typeCode: String(typeCode), statusCode: String(GIAS_STATUS.OPEN) });

const GROUPS: { group: ScopeGroup; bookable: boolean; codes: number[] }[] = [
  { group: 'academy', bookable: true, codes: [T.ACADEMY_SPONSOR_LED, T.ACADEMY_CONVERTER, T.FREE_SCHOOLS, T.UNIVERSITY_TECHNICAL_COLLEGE, T.STUDIO_SCHOOLS] },
  { group: 'maintained', bookable: true, codes: [T.COMMUNITY_SCHOOL, T.VOLUNTARY_AIDED_SCHOOL, T.VOLUNTARY_CONTROLLED_SCHOOL, T.FOUNDATION_SCHOOL] },
  { group: 'special', bookable: true, codes: [T.COMMUNITY_SPECIAL_SCHOOL, T.FOUNDATION_SPECIAL_SCHOOL, T.ACADEMY_SPECIAL_SPONSOR_LED, T.ACADEMY_SPECIAL_CONVERTER, T.FREE_SCHOOLS_SPECIAL] },
  { group: 'pru-or-ap', bookable: true, codes: [T.PUPIL_REFERRAL_UNIT, T.FREE_SCHOOLS_ALTERNATIVE_PROVISION, T.ACADEMY_AP_CONVERTER, T.ACADEMY_AP_SPONSOR_LED] },
  { group: 'independent', bookable: false, codes: [T.OTHER_INDEPENDENT_SCHOOL, T.OTHER_INDEPENDENT_SPECIAL_SCHOOL, T.NON_MAINTAINED_SPECIAL_SCHOOL, T.CITY_TECHNOLOGY_COLLEGE] },
  {
    group: 'further-education',
    bookable: false,
    codes: [T.FURTHER_EDUCATION, T.SIXTH_FORM_CENTRES, T.SPECIAL_POST_16_INSTITUTION, T.FREE_SCHOOLS_16_TO_19, T.ACADEMY_16_19_CONVERTER, T.ACADEMY_16_19_SPONSOR_LED, T.ACADEMY_SECURE_16_TO_19],
  },
  {
    group: 'other',
    bookable: false,
    codes: [
      T.LA_NURSERY_SCHOOL,
      T.SECURE_UNITS,
      T.OFFSHORE_SCHOOLS,
      T.SERVICE_CHILDRENS_EDUCATION,
      T.MISCELLANEOUS,
      T.HIGHER_EDUCATION_INSTITUTIONS,
      T.WELSH_ESTABLISHMENT,
      T.BRITISH_SCHOOLS_OVERSEAS,
      T.CHILDRENS_CENTRE,
      T.CHILDRENS_CENTRE_LINKED_SITE,
      T.ONLINE_PROVIDER,
      T.OTHER_GOVERNMENT_DEPARTMENT,
    ],
  },
];

describe('R-SCOPE: bookable GIAS establishments', () => {
  it('every GIAS type is in exactly one group of this table', () => {
    const listed = GROUPS.flatMap((g) => g.codes).sort((a, b) => a - b);
    expect(listed).toEqual(Object.keys(GIAS_TYPES).map(Number).sort((a, b) => a - b));
    expect(new Set(listed).size).toBe(listed.length);
    expect(GROUPS.filter((g) => g.bookable).map((g) => g.group)).toEqual(BOOKABLE_GROUPS);
  });

  describe.each(GROUPS)('$group (bookable: $bookable)', ({ group, bookable, codes }) => {
    it.each(codes)('type %i, open', (code) => {
      const scope = open(code);
      expect(scope).toMatchObject({ bookable, group, typeCode: code });
      if (!scope.bookable) expect(scope.reason).toBe(`not in scope of s42B: ${GIAS_TYPES[code as keyof typeof GIAS_TYPES].name}`);
    });
    it.each(codes)('type %i, read by its name when the file has no codes', (code) => {
      const name = GIAS_TYPES[code as keyof typeof GIAS_TYPES].name;
      expect(giasScope({ name: 'Fernhill School', typeName: name.toUpperCase(), statusName: 'Open' })).toMatchObject({ bookable, group });
    });
  });

  it('only open ones: open, or open but proposed to close; not closed or not yet open', () => {
    const academy = (statusCode: number) => giasScope({ name: 'Fernhill Academy', typeCode: String(T.ACADEMY_CONVERTER), statusCode: String(statusCode) });
    expect(academy(GIAS_STATUS.OPEN).bookable).toBe(true);
    expect(academy(GIAS_STATUS.OPEN_PROPOSED_TO_CLOSE).bookable).toBe(true);
    expect(academy(GIAS_STATUS.CLOSED)).toEqual({ bookable: false, reason: 'closed' });
    expect(academy(GIAS_STATUS.PROPOSED_TO_OPEN)).toEqual({ bookable: false, reason: 'not open yet (proposed to open)' });
    expect(giasScope({ name: 'X', typeName: 'Academy converter', statusName: 'Closed' })).toEqual({ bookable: false, reason: 'closed' });
    expect(giasScope({ name: 'X', typeName: 'Academy converter', statusName: 'Open, but proposed to close' }).bookable).toBe(true);
    expect(giasScope({ name: 'X', typeName: 'Academy converter', statusName: 'Mothballed' })).toMatchObject({ bookable: false, reason: expect.stringContaining('Mothballed') });
    // A file without a status column (GIAS's open-only extract): open.
    expect(giasScope({ name: 'X', typeName: 'Academy converter' }).bookable).toBe(true);
  });

  it('a special school, PRU or AP academy in a hospital is not in scope; a mainstream school on Hospital Lane is', () => {
    expect(open(T.FOUNDATION_SPECIAL_SCHOOL, 'Royal Ashcombe Children’s Hospital School')).toMatchObject({ bookable: false, reason: 'not in scope of s42B: a hospital school (Foundation special school)' });
    expect(open(T.PUPIL_REFERRAL_UNIT, 'Dunford Hospital and Home Education PRU').bookable).toBe(false);
    expect(open(T.ACADEMY_AP_CONVERTER, 'The Hospital Education Academy').bookable).toBe(false);
    expect(open(T.COMMUNITY_SCHOOL, 'Hospital Lane Primary School').bookable).toBe(true);
  });

  it('a type it does not know is not bookable, and says what it was', () => {
    expect(giasScope({ name: 'X', typeCode: '99', typeName: 'Something new', statusCode: '1' })).toEqual({ bookable: false, reason: 'establishment type not known to this import (Something new, code 99)' });
    expect(giasScope({ name: 'X', typeName: 'Something new' })).toMatchObject({ bookable: false, reason: expect.stringContaining('Something new') });
    expect(giasScope({ name: 'X' })).toEqual({ bookable: false, reason: 'establishment type not known to this import (none given)' });
  });
});
