// The platform admin's GIAS upload page (issue 17, item 1) in Chromium against the local
// stack (DynamoDB Local, the local S3 server whose event runs the import function): choose
// the file, upload, watch the run to its summary; a missing file is an error at its field.
// axe-core checks each state at 1280 and 320 px wide.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateGiasCsv } from '../fixtures/gias-generate.ts';
import { signInAsPlatformAdmin } from '../support/sign-in.ts';
import { BROWSER_TEST_TIMEOUT, expectNoAxeViolations, expectNoHorizontalScroll, expectNoProblems, openPage, screenshot, useBrowser, useLocalStack } from './support.ts';

const b = useBrowser();
const site = useLocalStack();
const ADMIN = 'uploads@provider-access.example';
let cookie: [string, string];

beforeAll(async () => {
  cookie = (await signInAsPlatformAdmin(site.stack, ADMIN, 'Onboarding Team')).split('=') as [string, string];
}, 60_000);

describe('the GIAS upload page', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  for (const width of [1280, 320]) {
    it(`uploads the file and shows the run to its summary at ${width} px`, async () => {
      const t = await openPage(b.browser, { width });
      t.page.setDefaultTimeout(60_000);
      await t.context.addCookies([{ name: cookie[0], value: cookie[1], domain: 'localhost', path: '/', httpOnly: true, secure: true, sameSite: 'Lax' }]);
      await t.page.goto(`${site.url}/admin/schools/upload/`);
      await expectNoAxeViolations(t.page, `upload page ${width}`);

      await t.page.getByRole('button', { name: 'Upload and import' }).click();
      await expect.poll(() => t.page.locator('#error-summary').isVisible()).toBe(true);
      expect(await t.page.locator('[data-field~="file"] .govuk-error-message').textContent()).toContain('Choose the CSV file');
      await expectNoAxeViolations(t.page, `no file ${width}`);

      const csv = generateGiasCsv(120, { seed: width, firstUrn: width === 320 ? 960000 : 961000 });
      await t.page.setInputFiles('#file', { name: 'edubasealldata.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await t.page.getByRole('button', { name: 'Upload and import' }).click();
      await t.page.getByRole('heading', { name: 'Import finished' }).waitFor();
      expect(await t.page.locator('#run-counts').textContent()).toContain('Rows read120');
      await expectNoAxeViolations(t.page, `finished ${width}`);
      await expectNoHorizontalScroll(t.page);
      await screenshot(t.page, `admin-upload-${width}`);
      expectNoProblems(t.problems);
      await t.close();
    });
  }
});
