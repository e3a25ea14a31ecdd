// The published statement in Chromium: GOV.UK markup that passes axe (WCAG 2.2 AA), no
// script and no CSP violation, no sideways scroll at 320 px, and a print layout without
// the site's chrome that fits A4 pages; the "not published" page passes axe too.
import { describe, expect, it } from 'vitest';
import { londonDate } from '#shared/domain/timezone.ts';
import { signIn } from '../support/sign-in.ts';
import { BROWSER_TEST_TIMEOUT, expectNoAxeViolations, expectNoHorizontalScroll, expectNoProblems, openPage, screenshot, useBrowser, useLocalStack } from './support.ts';

const b = useBrowser();
const local = useLocalStack();

describe('published statement page', () => {
  it('before publishing: a 404 page that says so, accessible', async () => {
    const { page, problems, close } = await openPage(b.browser);
    const res = await page.goto(`${local.url}/schools/990102/statement`);
    expect(res?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toContain('has not published its provider access policy statement here yet');
    await expectNoAxeViolations(page);
    expectNoProblems(problems);
    await close();
  }, BROWSER_TEST_TIMEOUT);

  it('published: accessible, no script, fits 320 px, prints on A4 without the site chrome', async () => {
    const lead = await signIn(local.stack, 'careers.lead@harbourview.example');
    const published = await fetch(`${local.url}/api/manage/schools/990101/statement`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: local.url, cookie: lead },
      body: JSON.stringify({ approvedBy: 'the governing board', approvedOn: londonDate(new Date().toISOString()) }),
    });
    expect(published.status).toBe(201);

    const { page, problems, close } = await openPage(b.browser);
    await page.goto(`${local.url}/schools/990101/statement`);
    expect(await page.locator('h1').textContent()).toBe('Provider access policy statement');
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('main h2').allTextContents()).toEqual([
      "Pupils' entitlement",
      'How a provider asks for access',
      'Granting and refusing requests',
      'Premises and facilities',
      'Opportunities for providers',
      'Approval and review',
    ]);
    await expectNoAxeViolations(page);
    await screenshot(page, 'statement');

    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.govuk-template__header').isVisible()).toBe(false);
    expect(await page.locator('.govuk-footer').isVisible()).toBe(false);
    expect(await page.locator('h1').isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(6);
    expectNoProblems(problems);
    await close();
  }, BROWSER_TEST_TIMEOUT);

  it('issue 12, item 10: a version whose careers lead was replaced shows the redaction, accessible, at 320 px', async () => {
    const lead = await signIn(local.stack, 'careers.lead@harbourview.example');
    const headers = { 'content-type': 'application/json', origin: local.url, cookie: lead };
    const published = await fetch(`${local.url}/api/manage/schools/990101/statement`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ approvedBy: 'the governing board', approvedOn: londonDate(new Date().toISOString()) }),
    });
    expect(published.status).toBe(201);
    const { version } = ((await published.json()) as { published: { version: number } }).published;
    const read = (await (await fetch(`${local.url}/api/manage/schools/990101/settings`, { headers })).json()) as { version: number; settings: Record<string, unknown> };
    const saved = await fetch(`${local.url}/api/manage/schools/990101/settings`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ version: read.version, settings: { ...read.settings, careersLead: { name: 'Priya Natarajan', email: 'priya.natarajan@harbourview.example' } } }),
    });
    expect(saved.status).toBe(200);

    const { page, problems, close } = await openPage(b.browser);
    await page.goto(`${local.url}/schools/990101/statement?version=${version}`);
    const procedure = await page.locator('#procedure ~ p').first().textContent();
    expect(procedure).toContain("Contact the school's careers lead (contact details removed).");
    expect(await page.content()).not.toContain('careers.lead@harbourview.example');
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    expectNoProblems(problems);
    await close();
  }, BROWSER_TEST_TIMEOUT);
});
