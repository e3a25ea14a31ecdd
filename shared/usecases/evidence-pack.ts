// The evidence pack (issue 16, item 5): one academic year of a school's provider access for
// governors and Ofsted. Each cohort's status with the encounters behind it is coverage's own
// answer (schoolCoverage, as at the year's last day, or today during the year: never
// recounted here); the statement versions in force come from the published versions; the
// decisions with their grounds from the trails of the year's requests (one gsi1 query per
// status, then each request's trail, a few at a time).
import { academicYearBounds, academicYearLabel, academicYearOf } from '#shared/domain/academic-year.ts';
import { decisionsOf, versionsInForce, type EvidencePack, type StatementInForce } from '#shared/domain/evidence-pack.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import { SCHOOL_REQUEST_STATUSES, type IsoDate } from '#shared/domain/types.ts';
import type { Store } from '#shared/store/client.ts';
import { listTrailsOf } from '#shared/store/request-events.ts';
import { listRequestsOfSchoolByStatus } from '#shared/store/requests.ts';
import { getStatementVersion, listStatementVersions } from '#shared/store/statements.ts';
import { schoolCoverage } from './coverage.ts';
import { requireSchool } from './schools.ts';
import { statementUrl } from './statement.ts';

async function statementOf(store: Store, urn: string, start: IsoDate, asAt: IsoDate): Promise<StatementInForce> {
  const during = versionsInForce(await listStatementVersions(store, urn), start, asAt);
  const last = during[during.length - 1];
  const stored = last ? await getStatementVersion(store, urn, last.version) : undefined;
  return {
    ...(last
      ? {
          inForce: {
            version: last.version,
            publishedAt: last.publishedAt,
            approvedOn: last.approvedOn,
            ...(stored ? { approvedBy: stored.content.review.approvedBy, nextReviewOn: stored.content.review.nextReviewOn } : {}),
            url: statementUrl(urn, last.version),
          },
        }
      : {}),
    duringYear: during.map((v) => ({ version: v.version, publishedAt: v.publishedAt, approvedOn: v.approvedOn, from: v.from, url: statementUrl(urn, v.version) })),
  };
}

export async function evidencePack(store: Store, urn: string, year: number | undefined, now = new Date()): Promise<EvidencePack> {
  const today = londonDate(now.toISOString());
  const current = academicYearOf(today);
  const startYear = year ?? current;
  if (startYear > current) {
    const message = `${academicYearLabel(startYear)} has not started yet: choose ${academicYearLabel(current)} or an earlier year.`;
    throw new DomainError('ACADEMIC_YEAR_NOT_STARTED', message, { field: 'query.year', fields: { 'query.year': message } });
  }
  const { start, end } = academicYearBounds(startYear);
  const asAt = startYear < current ? end : today;
  const school = await requireSchool(store, urn);
  const [coverage, statement, requests] = await Promise.all([
    // Midday UTC is the same London date all year.
    schoolCoverage(store, school, startYear < current ? new Date(`${end}T12:00:00Z`) : now, { fixes: false }),
    statementOf(store, urn, start, asAt),
    Promise.all(SCHOOL_REQUEST_STATUSES.map((status) => listRequestsOfSchoolByStatus(store, urn, status, { from: start, to: end, limit: 'every' }))).then((lists) => lists.flat()),
  ]);
  const trails = await listTrailsOf(store, requests);
  const decisions = requests
    .flatMap((r) => decisionsOf(r, trails.get(r.id) ?? [], { date: r.date, start: r.start, end: r.end }))
    .sort((a, b) => a.on.localeCompare(b.on) || a.requestId.localeCompare(b.requestId));
  return {
    urn,
    schoolName: school.name,
    academicYear: { startYear, label: academicYearLabel(startYear), start, end },
    asAt,
    today,
    required: coverage.required,
    cohorts: coverage.cohorts,
    totals: coverage.totals,
    statement,
    decisions,
    compassCsvPath: `/api/manage/schools/${encodeURIComponent(urn)}/encounters/compass.csv?year=${startYear}`,
  };
}
