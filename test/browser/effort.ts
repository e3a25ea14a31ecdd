// Counting a person's effort on a journey (issue 14, item 3): every click and every key
// press the test makes through Playwright's mouse and keyboard, as the page receives them.
// The counters live in sessionStorage so they survive each navigation of the tab. A click
// counts once per press of the mouse (a label passing its click to its checkbox is not a
// second one); a key press on a button (Enter) is a keystroke, not a click.
import type { BrowserContext, Page } from 'playwright-core';

export interface Effort {
  clicks: number;
  keystrokes: number;
}

const COUNTER = () => {
  const KEY = 'effort-count';
  const read = (): { clicks: number; keystrokes: number } => JSON.parse(sessionStorage.getItem(KEY) ?? '{"clicks":0,"keystrokes":0}');
  const write = (v: { clicks: number; keystrokes: number }) => sessionStorage.setItem(KEY, JSON.stringify(v));
  let pressed = false;
  addEventListener('pointerdown', (e) => {
    if (e.isTrusted) pressed = true;
  }, true);
  addEventListener('click', (e) => {
    if (!e.isTrusted || !pressed) return;
    pressed = false;
    const v = read();
    v.clicks++;
    write(v);
  }, true);
  addEventListener('keydown', (e) => {
    if (!e.isTrusted) return;
    const v = read();
    v.keystrokes++;
    write(v);
  }, true);
};

/** Counts from the next page loaded in this context. */
export async function countEffort(context: BrowserContext): Promise<void> {
  await context.addInitScript(COUNTER);
}

export async function readEffort(page: Page): Promise<Effort> {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('effort-count') ?? '{"clicks":0,"keystrokes":0}') as { clicks: number; keystrokes: number });
}

export async function resetEffort(page: Page): Promise<void> {
  await page.evaluate(() => sessionStorage.removeItem('effort-count'));
}

/** A person clicks into a text field and types: one click, one keystroke a character. */
export async function clickAndType(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).click();
  await page.keyboard.type(text);
}
