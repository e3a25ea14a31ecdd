// Onboarding from a GIAS extract on the local stack: the admin API imports the fictional
// sample (the malformed rows reported by line, the rest imported, year groups from the
// statutory ages, searchable, on the daily job's list); the invited careers lead signs in
// and sets the school up; a re-import updates only the GIAS fields and keeps the settings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { REPO_ROOT } from '#infra/local/server.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import { createStore, type Store } from '#shared/store/client.ts';
import { getSchoolProfile, listAllSchools } from '#shared/store/schools.ts';
import { listRolesOfUser } from '#shared/store/staff.ts';
import { statementPointerOf } from '#shared/store/statements.ts';
import { importSchools, type ImportProgress } from '#shared/usecases/import-schools.ts';
import { generateGiasCsv } from './fixtures/gias-generate.ts';
import { json } from './support/site.ts';
import { startDemoStack, waitForEmail } from './support/stack.ts';
import { signIn, signInAsPlatformAdmin } from './support/sign-in.ts';

const SAMPLE = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'gias-sample.csv'), 'utf8');
const ADMIN = 'onboarding@provider-access.example';
let stack: LocalStack;
let store: Store;
let admin: string;

beforeAll(async () => {
  stack = await startDemoStack();
  store = createStore({ tableName: stack.tableName, endpoint: stack.dynamodb.endpoint });
  admin = await signInAsPlatformAdmin(stack, ADMIN, 'Onboarding Team');
}, 90_000);
afterAll(async () => stack?.stop());

const post = (path: string, cookie: string, body: string, contentType = 'text/csv') =>
  fetch(`${stack.siteUrl}${path}`, { method: 'POST', headers: { 'content-type': contentType, origin: stack.siteUrl, ...(cookie ? { cookie } : {}) }, body });
const get = (path: string, cookie = '') => fetch(`${stack.siteUrl}${path}`, { headers: cookie ? { cookie } : {} });

describe('GIAS import', () => {
  it('platform admins only, a CSV body, the GIAS columns', async () => {
    expect((await post('/api/admin/schools/import', '', SAMPLE)).status).toBe(401);
    const lead = await signIn(stack, 'careers.lead@harbourview.example');
    const refused = await post('/api/admin/schools/import', lead, SAMPLE);
    expect(refused.status).toBe(403);
    expect((await json(refused)).error.code).toBe('PLATFORM_ADMIN_REQUIRED');
    expect((await post('/api/admin/schools/import', admin, JSON.stringify({ csv: SAMPLE }), 'application/json')).status).toBe(415);
    const wrong = await post('/api/admin/schools/import', admin, 'Name,Town\nA,B\n');
    expect(wrong.status).toBe(400);
    expect((await json(wrong)).error).toMatchObject({ code: 'GIAS_COLUMNS_MISSING', fields: { file: expect.stringContaining('URN') } });
  });

  it('imports the sample: bad rows reported with their line numbers, the rest imported', async () => {
    const res = await post('/api/admin/schools/import', admin, SAMPLE);
    const { summary } = await json(res);
    expect(res.status, JSON.stringify(summary)).toBe(200);
    // 10 rows: 7 schools created, 1 closed (skipped), 2 bad (line 7: a cell short; line 8: "eleven").
    expect(summary).toMatchObject({ rows: 10, created: 7, updated: 0, skipped: 1, failed: 2, problemsNotListed: 0 });
    expect(summary.problems).toEqual([
      { line: 7, message: expect.stringContaining('does not have the same number of cells as the header') },
      { line: 8, urn: '990207', message: expect.stringContaining('StatutoryLowAge must be a whole number of years, like 11; it is "eleven"') },
    ]);

    const utc = await getSchoolProfile(store, '990205');
    expect(utc).toMatchObject({ name: 'Riverside "Technical" College', yearGroups: [10, 11, 12, 13], phase: '16 plus', address: { town: 'Ashcombe', postcode: 'ZZ3 5JK' } });
    expect((await getSchoolProfile(store, '990203'))?.yearGroups).toEqual([5, 6, 7, 8]);
    expect(await getSchoolProfile(store, '990201')).toMatchObject({
      name: 'Fernhill Academy',
      website: 'https://www.fernhill.example/',
      trust: { id: 'brightwater-schools-trust', name: 'Brightwater Schools Trust' },
      careersLead: { name: '', email: '' },
      rules: { minimumNoticeDays: 30 },
    });
    expect(await getSchoolProfile(store, '990206')).toBeUndefined();
    expect(await getSchoolProfile(store, '990208')).toBeUndefined();

    // Searchable, on the public API, and on the list the daily job walks.
    const found = await json(await get('/api/schools?q=Castlegate'));
    expect(found.schools.map((s: { urn: string }) => s.urn)).toEqual(['990202']);
    expect((await json(await get('/api/schools/990204'))).school).toMatchObject({ acceptsRequests: false });
    const listed: string[] = [];
    for await (const page of listAllSchools(store)) listed.push(...page.map((s) => s.urn));
    expect(listed).toEqual(expect.arrayContaining(['990201', '990202', '990203', '990204', '990205', '990209', '990210']));
  });

  it('invites a careers lead, who signs in by the emailed link and sets the school up', async () => {
    const bad = await post('/api/admin/schools/990201/careers-lead', admin, JSON.stringify({ name: 'Alex Fern', email: 'not-an-email' }), 'application/json');
    expect(bad.status).toBe(400);
    const res = await post('/api/admin/schools/990201/careers-lead', admin, JSON.stringify({ name: 'Alex Fern', email: 'Alex.Fern@fernhill.example', phone: '01632 960500' }), 'application/json');
    const body = await json(res);
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.careersLead).toEqual({ name: 'Alex Fern', email: 'alex.fern@fernhill.example', phone: '01632 960500' });
    expect(await listRolesOfUser(store, 'alex.fern@fernhill.example')).toEqual([expect.objectContaining({ urn: '990201', role: 'careers_lead' })]);
    const mail = await waitForEmail(stack, (e) => e.destination.to.some((t) => t.includes('alex.fern@fernhill.example')));
    expect(mail.subject).toBe('Your sign-in link for Provider access');
    expect((await post('/api/admin/schools/999999/careers-lead', admin, JSON.stringify({ name: 'X', email: 'x@y.example' }), 'application/json')).status).toBe(404);

    const lead = await signIn(stack, 'alex.fern@fernhill.example');
    const read = await json(await get('/api/manage/schools/990201/settings', lead));
    expect(read.settings.careersLead).toEqual({ name: 'Alex Fern', email: 'alex.fern@fernhill.example', phone: '01632 960500' });
    const settings = { ...read.settings, minimumNoticeDays: 21, premises: 'The hall and two classrooms; a member of staff is always present.' };
    const saved = await fetch(`${stack.siteUrl}/api/manage/schools/990201/settings`, { method: 'PUT', headers: { 'content-type': 'application/json', origin: stack.siteUrl, cookie: lead }, body: JSON.stringify({ version: read.version, settings }) });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const published = await post('/api/manage/schools/990201/statement', lead, JSON.stringify({ approvedBy: 'the governing board', approvedOn: londonDate(new Date().toISOString()) }), 'application/json');
    expect(published.status).toBe(201);
  });

  it('a re-import updates the GIAS fields and search, keeps the school’s settings, lead and statement, and reports progress', async () => {
    const before = await getSchoolProfile(store, '990201');
    const changed = SAMPLE.replace('990201,Fernhill Academy,Academy converter,Open,Secondary,11,16,12 Station Road,Ashcombe,ZZ3 1AB,www.fernhill.example,', '990201,Fernhill Academy and Sixth Form,Academy converter,Open,Secondary,11,18,12 Station Road,Kestrel Down,ZZ3 1AB,,');
    expect(changed).not.toBe(SAMPLE);
    const progress: ImportProgress[] = [];
    const summary = await importSchools(store, changed, { chunkRows: 3, onProgress: (p) => progress.push(p) });
    expect(summary).toMatchObject({ rows: 10, created: 0, updated: 1, skipped: 7, failed: 2 });
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)).toMatchObject({ rows: 10, updated: 1 });

    const after = await getSchoolProfile(store, '990201');
    expect(after).toMatchObject({ name: 'Fernhill Academy and Sixth Form', statutoryHighAge: 18, yearGroups: [7, 8, 9, 10, 11, 12, 13], address: { town: 'Kestrel Down' } });
    expect(after?.website).toBeUndefined();
    // The school's own: untouched.
    expect(after?.premises).toBe('The hall and two classrooms; a member of staff is always present.');
    expect(after?.rules.minimumNoticeDays).toBe(21);
    expect(after?.careersLead.email).toBe('alex.fern@fernhill.example');
    expect(after?.version).toBe(before?.version);
    expect(statementPointerOf(after!)).toEqual(statementPointerOf(before!));
    // Search follows the new name and town; the old town no longer finds it.
    expect((await json(await get('/api/schools?q=Kestrel'))).schools.map((s: { urn: string }) => s.urn)).toEqual(['990201']);
    expect((await json(await get('/api/schools?q=Ashcombe'))).schools.map((s: { urn: string }) => s.urn)).toEqual(['990202', '990205']);

    // The same file again: nothing to do.
    expect(await importSchools(store, changed)).toMatchObject({ created: 0, updated: 0, skipped: 8, failed: 2 });
  });

  it('a larger extract (1,000 generated rows) in batches', async () => {
    const csv = generateGiasCsv(1000, { seed: 7 });
    const started = performance.now();
    const summary = await importSchools(store, Buffer.from(csv));
    const seconds = (performance.now() - started) / 1000;
    expect(summary.failed).toBe(0);
    expect(summary.created + summary.skipped).toBe(1000);
    expect(summary.created).toBeGreaterThan(950);
    expect(seconds).toBeLessThan(60);
  }, 120_000);
});
