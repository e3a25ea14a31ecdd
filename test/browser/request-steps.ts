// The request form's steps as a test drives them (issue 14, item 3): which step is shown,
// each step's answers, and the GOV.UK error pattern on a step.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { focused } from './support.ts';

export type FormStep = 'when' | 'pupils' | 'you' | 'visit' | 'check';

/** Waits until `step` is the page shown, and its URL says so. */
export async function onStep(page: Page, step: FormStep): Promise<void> {
  await page.locator(`#step-${step}:not([hidden])`).waitFor();
  expect(await page.locator('.app-request__step:not([hidden])').count()).toBe(1);
}

export async function continueTo(page: Page, step: FormStep): Promise<void> {
  await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
  await onStep(page, step);
}

export async function answerWhen(page: Page, iso: string, start: string, end: string): Promise<void> {
  const [y, m, d] = iso.split('-');
  await page.getByLabel('Day', { exact: true }).fill(String(Number(d)));
  await page.getByLabel('Month', { exact: true }).fill(String(Number(m)));
  await page.getByLabel('Year', { exact: true }).fill(y!);
  await page.getByLabel('Start time').fill(start);
  await page.getByLabel('End time').fill(end);
}

export async function answerYou(page: Page, email: string, organisation = 'Eastmouth College of Technology'): Promise<void> {
  await page.getByLabel('Organisation name').fill(organisation);
  await page.getByRole('radio', { name: 'Further education college' }).check();
  await page.getByLabel('UK provider reference number (UKPRN) (optional)').fill('10012345');
  await page.getByLabel('Full name').fill('Robin Carter');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Phone number').fill('01632 960 123');
}

export async function answerVisit(page: Page, options: { safeguarding?: boolean; content?: boolean; notes?: string } = {}): Promise<void> {
  await page.getByLabel('How many of your staff will attend?').fill('2');
  await page.getByRole('checkbox', { name: 'Projector and screen' }).check();
  if (options.notes !== undefined) await page.getByLabel('Anything else the school should know? (optional)').fill(options.notes);
  await page.getByRole('checkbox', { name: 'Our staff will follow the school’s safeguarding and visitor checks' }).setChecked(options.safeguarding ?? true);
  await page.getByRole('checkbox', { name: 'The session will cover all four' }).setChecked(options.content ?? true);
}

/** On `step`: the error summary (focused) lists `message`, and `group` shows it inline with `rule`'s plain words. */
export async function expectStepError(page: Page, step: FormStep, group: string, message: RegExp, rule?: string): Promise<void> {
  await onStep(page, step);
  // The summary of this answer (a previous one stays while the service is asked).
  await page.locator('#step-errors .govuk-error-summary__list a', { hasText: message }).first().waitFor();
  expect(await focused(page)).toMatchObject({ id: 'step-errors' });
  expect(await page.title()).toMatch(/^Error: /);
  const links = await page.locator('#step-errors .govuk-error-summary__list a').allTextContents();
  expect(links.some((t) => message.test(t)), `summary lists ${message}: ${links.join(' | ')}`).toBe(true);
  expect(await page.locator(`#${group}`).getAttribute('class')).toContain('govuk-form-group--error');
  expect(await page.locator(`#${group} .govuk-error-message`).textContent()).toMatch(message);
  if (rule) expect(await page.locator(`#${group} .app-error-rule`).getAttribute('data-rule')).toBe(rule);
  // The group is on the page shown.
  expect(await page.locator(`#step-${step} #${group}`).count()).toBe(1);
}
