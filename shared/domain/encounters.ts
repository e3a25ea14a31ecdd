// Whether an encounter is an "eligible provider access encounter" (PAL-eligible: the flag
// careers hubs record and Compass+ asks for on a Gatsby Benchmark 7 activity). Under s42B
// an encounter counts when it is with a provider (R-PROVIDER), for whole year groups in
// Years 8–13 (R-YEARS, R-WHOLE), inside the standard school day (R-HOURS) and covers all
// four content items (R-CONTENT), confirmed by the careers lead when recording delivery.
// Terms and closures are not re-checked: they were when the encounter was booked, and a
// school removes past terms from its settings. Attendance (R-ATTEND) does not decide the
// flag: a phase 1 or 2 shortfall is a catch-up the school owes (coverage), and in phase 3
// pupils may choose.
import { bankHolidayOn } from './bank-holidays.ts';
import { sessionOn } from './calendar.ts';
import { minutesOfDay } from './dates.ts';
import type { StatutoryRuleId } from './errors.ts';
import type { SplitSession } from './state-machine.ts';
import { PROVIDER_TYPES, type IsoDate, type LocalTime, type School, type YearGroup } from './types.ts';
import { isProviderAccessYear } from './year-groups.ts';

export function withinSchoolHours(school: Pick<School, 'calendar'>, date: IsoDate, start: LocalTime, end: LocalTime): boolean {
  const session = sessionOn(school.calendar, date);
  if (!session || bankHolidayOn(date, school.calendar.bankHolidays)) return false;
  return minutesOfDay(start) >= minutesOfDay(session.start) && minutesOfDay(end) <= minutesOfDay(session.end) && minutesOfDay(end) > minutesOfDay(start);
}

export interface EncounterFacts {
  delivered: boolean;
  contentConfirmed: boolean;
  yearGroups: readonly YearGroup[];
  date: IsoDate;
  start: LocalTime;
  end: LocalTime;
  /** The provider type as stored (R-PROVIDER); left out, the request's own checks vouched for it. */
  providerType?: string;
  /** A session of an encounter delivered in several (R-WHOLE); absent for a whole encounter. */
  split?: SplitSession;
  /** For a session: every session 1..n of the provider's set is delivered, so together they reach the whole year group. */
  splitComplete?: boolean;
}

/** Why an encounter is not PAL-eligible: the rule and a sentence a careers lead can act on. */
export interface PalShortfall {
  rule: StatutoryRuleId | 'P-STATE';
  message: string;
}

/** Every reason the encounter falls short, in the order a lead would check them; none: PAL-eligible. */
export function palShortfalls(school: Pick<School, 'calendar'>, e: EncounterFacts): PalShortfall[] {
  const out: PalShortfall[] = [];
  if (!e.delivered) out.push({ rule: 'P-STATE', message: 'not recorded as delivered yet' });
  if (e.providerType !== undefined && !(PROVIDER_TYPES as readonly string[]).includes(e.providerType)) {
    out.push({ rule: 'R-PROVIDER', message: 'the provider type is not one that offers approved technical education or apprenticeships' });
  }
  if (e.yearGroups.length === 0 || !e.yearGroups.every(isProviderAccessYear)) out.push({ rule: 'R-YEARS', message: 'provider access is for Years 8 to 13 only' });
  if (e.delivered && e.split && e.split.sessions > 1 && !e.splitComplete) {
    out.push({ rule: 'R-WHOLE', message: `session ${e.split.session} of ${e.split.sessions}: the other sessions are not all delivered, so the year group is not yet reached as a whole` });
  }
  if (!withinSchoolHours(school, e.date, e.start, e.end)) out.push({ rule: 'R-HOURS', message: 'not inside the standard school day' });
  if (e.delivered && !e.contentConfirmed) out.push({ rule: 'R-CONTENT', message: 'not all four content items were confirmed at delivery' });
  return out;
}

/** PAL-eligible: no shortfall (see palShortfalls). */
export function isEligibleEncounter(school: Pick<School, 'calendar'>, e: EncounterFacts): boolean {
  return palShortfalls(school, e).length === 0;
}

/** What completeSplitSets reads of a request. */
export interface SplitFacts {
  id: string;
  providerId: string;
  delivered: boolean;
  split?: SplitSession;
}

/**
 * The ids of sessions whose set is complete: for one provider and one number of sessions n,
 * as many full sets as every session number 1..n has delivered sessions (coverage groups
 * sessions the same way, per cohort; shared/domain/coverage.ts).
 */
export function completeSplitSets(rows: readonly SplitFacts[]): Set<string> {
  const groups = new Map<string, SplitFacts[]>();
  for (const r of rows) {
    if (!r.delivered || !r.split || r.split.sessions <= 1) continue;
    const key = `${r.providerId}|${r.split.sessions}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out = new Set<string>();
  for (const sessions of groups.values()) {
    const n = sessions[0]!.split!.sessions;
    const byNumber = Array.from({ length: n }, (_, k) => sessions.filter((s) => s.split!.session === k + 1));
    const sets = Math.min(...byNumber.map((list) => list.length));
    for (const list of byNumber) for (const s of list.slice(0, sets)) out.add(s.id);
  }
  return out;
}
