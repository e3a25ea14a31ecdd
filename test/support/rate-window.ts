// Fixed-window rate limits (shared/store/rate-limits.ts) count per window of the clock (an
// hour, 15 minutes): a test that fills a limit keeps its calls inside one window, or the
// count starts again half-way and the test fails by the time of day.

/** A test that may wait for the next window: the wait (up to a minute) on top of its own work. */
export const WAITS_FOR_WINDOW = { timeout: 120_000 };

/** Waits for the next window of `windowSeconds` if fewer than `seconds` of this one are left. */
export async function insideOneWindow(seconds = 30, windowSeconds = 3600): Promise<void> {
  const left = windowSeconds - (Math.floor(Date.now() / 1000) % windowSeconds);
  if (left < seconds) await new Promise((r) => setTimeout(r, (left + 1) * 1000));
}
