// The evidence pack for governors and Ofsted (issue 16, item 5): one academic year of a
// school's provider access on one printable page. The counting is coverage's
// (shared/domain/coverage.ts, read through the use case); this file adds what coverage does
// not know: which published statement version was in force (S-REVIEW: the school must
// publish its statement and follow it), and the decisions taken on providers' requests
// with their grounds (S-GROUNDS), read from each request's trail of events.
import { formatDateShort, formatTimeRange } from './dates.ts';
import type { CohortCoverage, CoverageTotals } from './coverage.ts';
import type { RequestEvent } from './state-machine.ts';
import { londonDate } from './timezone.ts';
import type { Instant, IsoDate, LocalTime, YearGroup } from './types.ts';

/** A published version as the pack reads it (its summary, and who approved it for the one in force). */
export interface StatementVersionFact {
  version: number;
  publishedAt: Instant;
  approvedOn: IsoDate;
}

export interface StatementInForce {
  /** The version in force on the pack's date (the end of the year, or today in the current one); absent: none published by then. */
  inForce?: StatementVersionFact & { approvedBy?: string; nextReviewOn?: IsoDate; url: string };
  /** Every version in force at some point in the year, oldest first: the one on 1 September and those published after it. */
  duringYear: (StatementVersionFact & { from: IsoDate; url: string })[];
}

/**
 * The versions in force between `start` and `asAt` (both London dates): a version is in
 * force from the day it was published until the day the next one was.
 */
export function versionsInForce(versions: readonly StatementVersionFact[], start: IsoDate, asAt: IsoDate): (StatementVersionFact & { from: IsoDate })[] {
  const dated = [...versions].map((v) => ({ ...v, from: londonDate(v.publishedAt) })).sort((a, b) => a.version - b.version);
  const published = dated.filter((v) => v.from <= asAt);
  const before = published.filter((v) => v.from <= start);
  const first = before[before.length - 1];
  return [...(first ? [first] : []), ...published.filter((v) => v.from > start)];
}

export const DECISION_KINDS = ['declined', 'proposed', 'cancelled'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const DECISION_LABELS: Record<DecisionKind, string> = {
  declined: 'Declined',
  proposed: 'Another time proposed',
  cancelled: 'Cancelled',
};

/** One decision on a provider's request, with its grounds, as the pack lists it. */
export interface EvidenceDecision {
  requestId: string;
  reference?: string;
  kind: DecisionKind;
  /** When it was decided (London date). */
  on: IsoDate;
  /** Who decided: the school, or the provider (a cancellation). */
  by: 'school' | 'provider' | 'system';
  provider: string;
  yearGroups: YearGroup[];
  /** The encounter's date and times when it was decided. */
  encounter: { date: IsoDate; start: LocalTime; end: LocalTime };
  /** The reason given (a ground for refusing, a cancellation's reason) or, for a proposal, the time proposed and the school's message. */
  grounds: string;
  /** What became of a proposal: accepted, rejected, a counter-offer, not answered; absent while it waits. */
  outcome?: string;
}

/** What the pack reads of a request besides its trail. */
export interface DecisionRequest {
  id: string;
  reference?: string;
  provider: { organisation: string };
  yearGroups: YearGroup[];
}

interface TimeData {
  date?: unknown;
  start?: unknown;
  end?: unknown;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function timeOf(d: TimeData | undefined): { date: IsoDate; start: LocalTime; end: LocalTime } | undefined {
  const date = str(d?.date);
  const start = str(d?.start);
  const end = str(d?.end);
  return date && start && end ? { date, start, end } : undefined;
}

const when = (t: { date: IsoDate; start: LocalTime; end: LocalTime }) => `${formatDateShort(t.date)}, ${formatTimeRange(t.start, t.end)}`;

/** What the provider did with a proposal: the first answering event after it. */
function proposalOutcome(later: readonly RequestEvent[]): string | undefined {
  for (const e of later) {
    if (e.type === 'ALTERNATIVE_ACCEPTED') return `accepted by the provider on ${formatDateShort(londonDate(e.at))}`;
    if (e.type === 'ALTERNATIVE_REJECTED') return `rejected by the provider on ${formatDateShort(londonDate(e.at))}`;
    if (e.type === 'COUNTER_OFFERED') return `the provider offered another time on ${formatDateShort(londonDate(e.at))}`;
    if (e.type === 'REQUEST_WITHDRAWN') return `the provider withdrew the request on ${formatDateShort(londonDate(e.at))}`;
    if (e.type === 'REQUEST_EXPIRED') return 'not answered by the reply-by date';
  }
  return undefined;
}

/**
 * The decisions in one request's trail (oldest first): declines with their reason, the
 * school's proposals of another time with what became of them, and cancellations by
 * either side with their reason. The time of the encounter is the one it had then.
 */
export function decisionsOf(request: DecisionRequest, trail: readonly RequestEvent[], current: { date: IsoDate; start: LocalTime; end: LocalTime }): EvidenceDecision[] {
  const out: EvidenceDecision[] = [];
  const events = [...trail].sort((a, b) => a.at.localeCompare(b.at));
  // The encounter's time as it was at each event: moves change it (data.previous → the new time).
  let time = timeOf(events.find((e) => e.type === 'REQUEST_SUBMITTED')?.data as TimeData) ?? current;
  const base = (e: RequestEvent) => ({
    requestId: request.id,
    ...(request.reference ? { reference: request.reference } : {}),
    on: londonDate(e.at),
    by: e.actor.party,
    provider: request.provider.organisation,
    yearGroups: request.yearGroups,
    encounter: time,
  });
  events.forEach((e, i) => {
    const data = e.data as Record<string, unknown>;
    if (e.type === 'REQUEST_DECLINED') out.push({ ...base(e), kind: 'declined', grounds: str(data.reason) ?? 'no reason recorded' });
    if (e.type === 'REQUEST_CANCELLED') out.push({ ...base(e), kind: 'cancelled', grounds: str(data.reason) ?? 'no reason recorded' });
    if (e.type === 'ALTERNATIVE_PROPOSED') {
      const proposed = data.proposed as (TimeData & { message?: unknown }) | undefined;
      const at = timeOf(proposed);
      const message = str(proposed?.message);
      const outcome = proposalOutcome(events.slice(i + 1));
      out.push({
        ...base(e),
        kind: 'proposed',
        grounds: [at ? `proposed ${when(at)} instead` : 'proposed another time', message ? `“${message}”` : ''].filter(Boolean).join(': '),
        ...(outcome ? { outcome } : {}),
      });
    }
    // A time the request moved to (accepted, counter-offered, rescheduled, moved) is its time from then on.
    const moved = e.type === 'ALTERNATIVE_ACCEPTED' || e.type === 'COUNTER_OFFERED' || e.type === 'REQUEST_RESCHEDULED' || e.type === 'MOVE_APPROVED';
    if (moved) time = timeOf(data as TimeData) ?? time;
  });
  return out;
}

/** The pack's answer (GET /api/manage/schools/{urn}/evidence-pack). */
export interface EvidencePack {
  urn: string;
  schoolName: string;
  academicYear: { startYear: number; label: string; start: IsoDate; end: IsoDate };
  /** The date the statuses are as at: the year's last day, or today during the year. */
  asAt: IsoDate;
  /** Produced on (London date). */
  today: IsoDate;
  required: number;
  cohorts: CohortCoverage[];
  totals: CoverageTotals;
  statement: StatementInForce;
  decisions: EvidenceDecision[];
  /** The same year's Compass+ CSV. */
  compassCsvPath: string;
}
