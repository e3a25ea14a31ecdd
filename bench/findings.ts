// What the first full runs of the bench showed (23 November 2026), what was fixed in the
// product because of it, and what is left with the reason. Written by hand; the report
// prints it under the measured tables, which stay the source of the figures.

export const FINDINGS = {
  date: '2026-11-23',
  fixed: [
    "Every HTTP function bundled all of zod v4 with its 40 locales (454 KB minified): `import { z } from 'zod'` keeps the whole namespace; `import * as z from 'zod'` lets esbuild drop what is unused (11 files). request-create went from 906 KB to 550 KB (zod 454 → 88 KB), health's zod from 454 KB to 0.2 KB; cold init of the functions with schemas from 1.6–2.1× to about 1.5× the bare handler.",
    "A provider's request list read each school's whole profile, one school after another, for its name (a college writing to 30 schools made 30 sequential GetItems). Now one BatchGetItem per 100 schools, projected to the name (getSchoolNames).",
    'Trust coverage read its schools one after another; now at once (two queries each).',
    "Booking a slot wrote the slot item with a conditional PutItem every time, failing after the first booking (a write billed and a round trip for nothing). The slot is read just before: the PutItem is now made only when that read found none.",
    "isSchoolDay built schoolDayCheck's refusal sentence (formatting the date, sorting the terms for the next one) for every weekend and holiday; counting school days (coverage, response deadlines, slots) did that for every date of a range. Now a cheap path with the same answer (tested on every date of two years): the coverage handler's own CPU time fell by about a third.",
  ],
  open: [
    'WCU per create: 12 with an Idempotency-Key (the request page always sends one), 10 without; the ≤ 6 target cannot be met by this design. The transaction alone is 8: 2 × (the request written to the table and its two ALL-projected indexes, 3, plus its creation event, 1). Around it, two rate-limit counters (1 each) and Powertools\' idempotency record (written in progress, then with the answer). Reaching 6 would take the request and its event out of one transaction (DESIGN.md wants one), or an index fewer. Moving rate limiting to API Gateway or WAF would save 2. Proposed target: ≤ 12.',
    'WCU per approval: 10 = 2 × (request with its two index copies 3, event 1, year-group day 1). gsi2 (a provider\'s requests by email) projecting keys only would leave that index untouched by a status change: 8, at the price of a BatchGetItem in the provider\'s list and a new index on the live table. Not done: a schema change, not a local fix.',
    'Bundles ≤ 150 KB: the stack bundles the AWS SDK (infra/bundling.ts), about 335 KB of every function, so no function with a DynamoDB client can meet it. Judged without the SDK, the functions with zod schemas are 140–215 KB: zod (88 KB) is the largest part; zod/mini (about 14 KB) would bring them under 150 KB but changes every schema. notify carries nodemailer (125 KB) and ical-generator with its time zones (65 KB). functions/admin-erasure.ts (new, not yet committed by its author) still imports `{ z }` and bundles all of zod (840 KB).',
    'Cold init ≤ 1.5×: the functions with zod schemas are at 1.45–1.75× the bare handler (about 20 ms more: importing zod and building the schemas at module load); those without are at 1.0–1.35×. Same remedy as the bundle size (zod/mini, or schemas built on first use). not-found\'s bare twin holds no client: its ratio compares 25 ms with an empty module.',
    'Route p99 ≤ 1.3×: the routes over it have floors of 1–3 ms locally, where the route\'s fixed cost (HTTP hop, event, middy, zod, JSON; the "gap p50" column, under a millisecond) is a large share and a p99 of a few hundred samples is decided by scheduling stalls of a shared 2-core machine (several floors have a higher p99 than their route). On AWS a DynamoDB call is 3–10 ms and API Gateway adds its own: the same gap is a few per cent.',
    'The idempotency middleware makes a second DynamoDB client (shared/store/idempotency.ts) without the store\'s timeouts: a second connection pool, so a cold request-create opens two TLS connections to DynamoDB. Passing the store\'s client would save that; the file is being changed by another engineer, so it is left to them.',
    'The mailer writes 12 WCU for the two emails of a create (claim and record per email, and the link tokens): as much as the create itself. It is outside the targets; it is in the cost table.',
  ],
};
