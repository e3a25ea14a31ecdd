// A valid request body as a provider's form would send it, and a date the school is open.
import type { LocalStack } from '#infra/local/stack.ts';
import { isSchoolDay } from '#shared/domain/calendar.ts';
import { addDays, dayOfWeek } from '#shared/domain/dates.ts';
import { createStore } from '#shared/store/client.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';

export function providerBody(overrides: Record<string, unknown> = {}) {
  return {
    provider: { organisation: 'Eastmouth College', type: 'fe_college', ukprn: '10001234' },
    contact: { name: 'Riley Lane', email: 'riley.lane@eastmouth-college.example', phone: '01632 960100' },
    sessionType: 'assembly',
    yearGroups: [10],
    staffCount: 2,
    safeguardingAgreed: true,
    facilities: ['projector'],
    content: { provider: true, careers: true, learning: true, questions: true },
    notes: '',
    ...overrides,
  };
}

/** The first school day of the school on or after `daysAhead` days from today with the given weekday (0 = Sunday). */
export async function schoolDayAhead(stack: LocalStack, urn: string, daysAhead: number, weekday = 3): Promise<string> {
  const school = await getSchoolProfile(createStore({ tableName: stack.tableName, endpoint: stack.dynamodb.endpoint }), urn);
  if (!school) throw new Error(`no school ${urn}`);
  let d = addDays(new Date().toISOString().slice(0, 10), daysAhead);
  for (let i = 0; i < 400; i++, d = addDays(d, 1)) if (dayOfWeek(d) === weekday && isSchoolDay(school, d)) return d;
  throw new Error('no school day found');
}
