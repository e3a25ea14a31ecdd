/** The API's own words for a too-short search (schoolSearchQuery in shared/api/provider.ts). */
export const SEARCH_TOO_SHORT = 'Enter at least 2 characters of a school name, URN, town or postcode.';
