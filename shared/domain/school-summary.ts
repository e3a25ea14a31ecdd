// A school as a search lists it: the directory keeps this summary beside each search term,
// and the public school page starts from it.
import type { School } from './types.ts';

export interface SchoolSummary {
  urn: string;
  name: string;
  town: string;
  postcode: string;
  phase: string;
  trust?: string;
  /** Years 8–13 the school teaches; empty means it takes no provider access requests. */
  providerAccessYears: number[];
}

export function schoolSummary(school: School, providerAccessYears: number[]): SchoolSummary {
  return {
    urn: school.urn,
    name: school.name,
    town: school.address.town,
    postcode: school.address.postcode,
    phase: school.phase,
    ...(school.trust ? { trust: school.trust.name } : {}),
    providerAccessYears,
  };
}
