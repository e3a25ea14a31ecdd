// The schools a provider has sent requests to from this browser (issue 14, item 3): a
// returning college officer starts from the home page's short list instead of searching
// again. Until organisation accounts exist this browser is the only memory, so it holds
// the school's URN, name and town (public facts, nothing about the provider) and at most
// RECENT_LIMIT of them, the latest first. "Not you?" on the form clears it with the details.

const KEY = 'provider-access:recent-schools';
export const RECENT_LIMIT = 6;

export interface RecentSchool {
  urn: string;
  name: string;
  town: string;
}

export function recentSchools(): RecentSchool[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((s): s is RecentSchool => typeof s === 'object' && s !== null && /^\d{6,7}$/.test(String(s.urn)) && typeof s.name === 'string' && typeof s.town === 'string')
      .slice(0, RECENT_LIMIT)
      .map(({ urn, name, town }) => ({ urn, name, town }));
  } catch {
    return [];
  }
}

export function rememberSchool(school: RecentSchool): void {
  try {
    const rest = recentSchools().filter((s) => s.urn !== school.urn);
    const { urn, name, town } = school;
    localStorage.setItem(KEY, JSON.stringify([{ urn, name, town }, ...rest].slice(0, RECENT_LIMIT)));
  } catch {
    // storage full or disabled: the school is found by search, nothing breaks
  }
}

export function forgetSchools(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}
