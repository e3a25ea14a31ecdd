// Request handling in its own process, to be killed at random: an endless mix of what the
// handlers do to requests (create, with a slot place or a proposed time, from a returning
// provider or a first one that then confirms it by its link (issue 12, item 2); withdraw;
// approve; decline), through the same use cases the functions call. Each finished step
// prints a line. Configured by DYNAMODB_ENDPOINT, TABLE_NAME, DATES (comma-separated
// Thursdays with Year 8 PSHE slots) and PROPOSED (a Wednesday).
import { createStore } from '#shared/store/client.ts';
import { recordConfirmedAddress } from '#shared/store/confirmed-addresses.ts';
import { listRequestsOfSchoolByStatus } from '#shared/store/requests.ts';
import { issueToken } from '#shared/store/tokens.ts';
import { confirmProviderRequest } from '#shared/usecases/confirm-request.ts';
import { createProviderRequest, type CreateRequestInput } from '#shared/usecases/create-request.ts';
import { providerAction } from '#shared/usecases/provider-requests.ts';
import { applyAction } from '#shared/usecases/transition.ts';

const store = createStore({ tableName: process.env.TABLE_NAME ?? '', endpoint: process.env.DYNAMODB_ENDPOINT ?? '' });
const dates = (process.env.DATES ?? '').split(',');
const proposed = process.env.PROPOSED ?? '';
const urn = '990101';
const lead = { party: 'school' as const, id: 'careers.lead@harbourview.example', role: 'careers_lead' as const, name: 'Jordan Ellery' };
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;

function input(n: number): CreateRequestInput {
  const email = `churn${process.pid}-${n}@college.example`;
  const when =
    Math.random() < 0.6
      ? { slot: { opportunityId: 'y8-pshe', date: pick(dates) } }
      : { proposed: { date: proposed, start: pick(['10:00', '10:30', '11:00']), end: pick(['10:45', '11:15']) } };
  return {
    ...when,
    provider: { organisation: 'Churn College', type: 'fe_college' },
    contact: { name: `Churn ${n}`, email, phone: '01632 960100' },
    sessionType: 'assembly',
    yearGroups: [8],
    staffCount: 1,
    safeguardingAgreed: true,
    facilities: [],
    content: { provider: true, careers: true, learning: true, questions: true },
    notes: '',
  } as CreateRequestInput;
}

process.stdout.write('ready\n');
for (let n = 0; ; n++) {
  const step = Math.random();
  try {
    const ip = `10.30.${n % 250}.${process.pid % 250}`;
    if (step < 0.35) {
      await recordConfirmedAddress(store, input(n).contact.email);
      await createProviderRequest(store, urn, input(n), { ip });
      process.stdout.write('created\n');
    } else if (step < 0.5) {
      // A first request, then its confirmation with the token the mailer would email.
      const { request } = await createProviderRequest(store, urn, input(n), { ip });
      process.stdout.write('received\n');
      const token = await issueToken(store, { purpose: 'confirm-request', email: request.providerEmail, data: { urn, requestId: request.id }, ttlSeconds: 24 * 60 * 60 });
      await confirmProviderRequest(store, token);
      process.stdout.write('confirmed\n');
    } else {
      const pending = await listRequestsOfSchoolByStatus(store, urn, 'pending');
      const request = pending.length ? pick(pending) : undefined;
      if (!request) continue;
      if (step < 0.7) {
        await providerAction(store, { session: { email: request.providerEmail } }, request.id, 'withdraw', { reason: 'churn' });
        process.stdout.write('withdrawn\n');
      } else if (step < 0.9) {
        await applyAction(store, request, 'approve', lead, {});
        process.stdout.write('approved\n');
      } else {
        await applyAction(store, request, 'decline', lead, { reason: 'Not enough notice was given' });
        process.stdout.write('declined\n');
      }
    }
  } catch (err) {
    // Refusals (slot full, year group busy, changed meanwhile) are part of the mix.
    process.stdout.write(`refused ${(err as { code?: string }).code ?? (err as Error).name}\n`);
  }
}
