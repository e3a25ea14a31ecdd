import { chromium } from 'playwright-core';
const base = 'http://localhost:4317';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });
for (const width of [1280, 320]) {
  const ctx = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.log('PAGEERROR', e));
  page.on('console', (m) => m.type() === 'error' && console.log('CONSOLE', m.text()));
  await page.goto(`${base}/school/?urn=990101`);
  await page.locator('#slot-list a', { hasText: 'Request this slot' }).first().click();
  await page.locator('#step-pupils:not([hidden]), #step-you:not([hidden])').first().waitFor();
  console.log(width, page.url());
  await page.screenshot({ path: `/tmp/shots/first-${width}.png`, fullPage: true });
  await page.goto(`${base}/request/?urn=990101`);
  await page.locator('#step-when:not([hidden])').waitFor();
  await page.screenshot({ path: `/tmp/shots/when-${width}.png`, fullPage: true });
  await ctx.close();
}
await browser.close();
