// The school directory: search by name, URN, town or postcode prefix without a scan.
// Each school is written once per search term (a word of its name or town, its URN, its
// postcode without spaces), under a partition named by the term's first two characters;
// a search reads one partition with begins_with and keeps the schools matching every word.
// Each word of a name or town is also written by its sound (issue 14, item 9), so a search
// that finds nothing as typed ("Harbor Veiw") is tried again by sound, still one query.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { doubleMetaphone } from 'double-metaphone';
import type { School } from '#shared/domain/types.ts';
import type { SchoolSummary } from '#shared/domain/school-summary.ts';
import { batchWriteAll } from './batch.ts';
import type { Store } from './client.ts';
import { fromItem, sortKeyBeginsWith } from './keys.ts';

const MAX_RESULTS = 25;

/** One item per search term of a school, partitioned by the term's first two characters. */
const directoryPartition = (term: string) => `DIR#${term.slice(0, 2)}`;
const directoryTermKey = (term: string, urn: string) => ({ pk: directoryPartition(term), sk: `${term}#${urn}` });

/** Lower case, accents off, letters and digits only. */
export function normaliseWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * A word's sound: Double Metaphone's primary key, so "harbor" and "harbour", "veiw" and
 * "view" share one. Marked with '~', which no normalised word contains, so a typed word
 * never prefix-matches a sound. None for short words and numbers (URNs, postcodes).
 */
export function soundOf(word: string): string | undefined {
  if (word.length < 3 || /\d/.test(word)) return undefined;
  const [primary] = doubleMetaphone(word);
  return primary ? `~${primary.toLowerCase()}` : undefined;
}

export function searchTerms(school: Pick<School, 'urn' | 'name' | 'address'>): string[] {
  const words = [...school.name.split(/[\s\-/&,.()']+/), ...school.address.town.split(/[\s-]+/)].map(normaliseWord);
  const sounds = words.map(soundOf).filter((s): s is string => s !== undefined);
  const terms = new Set([school.urn, normaliseWord(school.address.postcode), ...words, ...sounds]);
  return [...terms].filter((t) => t.length >= 2);
}

interface DirectoryEntry {
  term: string;
  terms: string[];
  summary: SchoolSummary;
}

/** The batch writes of a school's search entries: one Put per term, one Delete per term it no longer has. */
export function directoryWrites(summary: SchoolSummary, terms: string[], previousTerms: string[] = []) {
  const stale = previousTerms.filter((t) => !terms.includes(t));
  return [
    ...terms.map((term) => ({
      PutRequest: { Item: { ...directoryTermKey(term, summary.urn), itemType: 'directory', term, terms, summary } },
    })),
    ...stale.map((term) => ({ DeleteRequest: { Key: directoryTermKey(term, summary.urn) } })),
  ];
}

/** Writes a school's search entries, and removes those of terms it no longer has. */
export async function indexSchool(store: Store, summary: SchoolSummary, terms: string[], previousTerms: string[] = []): Promise<void> {
  await batchWriteAll(store, directoryWrites(summary, terms, previousTerms));
}

export async function searchSchools(store: Store, query: string): Promise<SchoolSummary[]> {
  const compact = normaliseWord(query);
  const words = query.split(/\s+/).map(normaliseWord).filter((w) => w.length > 0);
  // A postcode typed with a space ("ZZ1 1A") is one term; otherwise search by the longest word.
  const looksLikePostcode = /^[a-z]{1,2}\d/i.test(query.trim()) && compact.length <= 7;
  const typed = looksLikePostcode ? [compact] : words;
  const found = await schoolsMatching(store, typed, (term, word) => term.startsWith(word));
  if (found.length > 0 || looksLikePostcode) return found;
  // Nothing as typed: by sound, every word that has one (a misspelt name or town).
  const sounds = words.map(soundOf).filter((s): s is string => s !== undefined);
  return schoolsMatching(store, sounds, (term, sound) => term === sound);
}

/** The schools with a term matching each of `words`: one query, for the longest word, filtered by the rest. */
async function schoolsMatching(store: Store, words: string[], matches: (term: string, word: string) => boolean): Promise<SchoolSummary[]> {
  const lead = [...words].sort((a, b) => b.length - a.length)[0];
  if (!lead || lead.length < 2) return [];
  const exact = lead.startsWith('~');
  const out = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      // A sound matches whole (its items' keys are `~code#urn`); a typed word is a prefix.
      ...sortKeyBeginsWith(directoryPartition(lead), exact ? `${lead}#` : lead),
      Limit: 500,
    }),
  );
  const rest = words.filter((w) => w !== lead);
  const byUrn = new Map<string, SchoolSummary>();
  for (const item of out.Items ?? []) {
    const entry = fromItem<DirectoryEntry>(item);
    if (rest.every((w) => entry.terms.some((t) => matches(t, w)))) byUrn.set(entry.summary.urn, entry.summary);
  }
  return [...byUrn.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')).slice(0, MAX_RESULTS);
}
