// Issue 16's coverage journey for a careers lead at 320 px by keyboard alone (Tab, Enter,
// typing; never a click): from the dashboard's cohorts short of encounters to Coverage in
// the manage navigation, a cohort at risk with slots a provider could still book, then the
// evidence pack and its Compass+ CSV, downloaded and read back. Axe on every state.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { COMPASS_CSV_COLUMNS } from '#shared/usecases/exports.ts';
import { DEMO_CAREERS_LEAD } from '#infra/local/demo-data.ts';
import { signIn } from '../support/sign-in.ts';
import { BROWSER_TEST_TIMEOUT, expectNoAxeViolations, expectNoHorizontalScroll, expectNoProblems, focused, openPage, screenshot, tabTo, useBrowser, useLocalStack, useSessionCookie } from './support.ts';

const b = useBrowser();
const site = useLocalStack();
const HARBOUR_VIEW = '990101';

describe('coverage by keyboard at 320 px', { timeout: BROWSER_TEST_TIMEOUT * 2 }, () => {
  it('dashboard → Coverage → a cohort at risk and what would close the gap → the evidence pack → its Compass+ CSV', async () => {
    const t = await openPage(b.browser, { width: 320, height: 740 });
    const { page } = t;
    page.setDefaultTimeout(15_000);
    await useSessionCookie(t.context, await signIn(site.stack, DEMO_CAREERS_LEAD));
    const state = async (label: string) => {
      await screenshot(page, `coverage-keyboard-${label}-320`);
      await expectNoAxeViolations(page, `coverage by keyboard: ${label}`);
      await expectNoHorizontalScroll(page);
    };

    await page.goto(`${site.url}/manage/?urn=${HARBOUR_VIEW}`);
    await page.locator('#main-content h1').waitFor();
    await state('dashboard');
    // Coverage is in the manage navigation.
    await tabTo(page, (f) => f.tag === 'a' && f.text === 'Coverage', 120);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/manage\/coverage\/\?urn=990101/);
    await page.locator('#coverage-grid').waitFor();
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Coverage');
    await state('coverage');

    // Nothing delivered or booked in the test stack: every cohort is at risk, never "on track" for the weeks left.
    const statuses = await page.locator('#coverage-grid [data-coverage-status]').evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-coverage-status')));
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['at_risk']));
    // The grid's link goes to the cohort's section, which says how to close the gap with a slot a provider can book.
    await tabTo(page, (f) => f.tag === 'a' && f.text === 'Year 10', 120);
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).hash).toBe('#cohort-10');
    const fix = page.locator('[data-fix="10"]');
    expect(await fix.textContent()).toMatch(/Book 2 more encounters for Year 10 by \d+ \w+ \d{4}/);
    const slots = await fix.locator('ul li a').count();
    expect(slots).toBeGreaterThan(0);
    await state('cohort');

    // The evidence pack, then its Compass+ CSV, downloaded.
    await tabTo(page, (f) => f.id === 'evidence-pack-link', 200, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/manage\/evidence-pack\//);
    await page.locator('#compass-csv').waitFor();
    await state('evidence-pack');
    const downloading = page.waitForEvent('download');
    await tabTo(page, (f) => f.tag === 'a' && (f.id === 'compass-csv' || f.text.includes('Compass')), 120);
    expect((await focused(page)).tag).toBe('a');
    await page.keyboard.press('Enter');
    const file = await (await downloading).path();
    const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
    const [header] = parse(text, { to: 1 }) as string[][];
    expect(header).toEqual([...COMPASS_CSV_COLUMNS]);

    expectNoProblems(t.problems);
    await t.context.close();
  });
});
