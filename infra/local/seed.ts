// Writes the demo trust once: a second `npm start` finds it and keeps whatever was
// changed since (the school profile is created only if absent). Kept schools are brought
// up to date with indexes added since they were written (schools list, directory search,
// the near search's place).
// The demo's returning providers count as confirmed (issue 12, item 2) on every start, so
// data kept from before that change works the same.
import { providerAccessYears } from '#shared/domain/year-groups.ts';
import type { Store } from '#shared/store/client.ts';
import { indexSchool, searchTerms } from '#shared/store/directory.ts';
import { schoolSummary } from '#shared/domain/school-summary.ts';
import { putOpportunity } from '#shared/store/opportunities.ts';
import { createSchoolProfileIfAbsent, ensureSchoolListed, ensureSchoolPlaced, getSchoolProfile } from '#shared/store/schools.ts';
import { recordConfirmedAddress } from '#shared/store/confirmed-addresses.ts';
import { putStaffRole } from '#shared/store/staff.ts';
import { DEMO_PROVIDERS, demoSchools } from './demo-data.ts';

export async function seedDemo(store: Store, today = new Date()): Promise<{ created: string[]; kept: string[] }> {
  const created: string[] = [];
  const kept: string[] = [];
  for (const demo of demoSchools(today)) {
    if (!(await createSchoolProfileIfAbsent(store, demo.school, today))) {
      await ensureSchoolListed(store, demo.school.urn);
      await ensureSchoolPlaced(store, demo.school);
      const school = await getSchoolProfile(store, demo.school.urn);
      if (school) await indexSchool(store, schoolSummary(school, providerAccessYears(school)), searchTerms(school));
      kept.push(demo.school.urn);
      continue;
    }
    for (const opportunity of demo.opportunities) await putOpportunity(store, demo.school.urn, opportunity);
    for (const role of demo.staff) await putStaffRole(store, role);
    created.push(demo.school.urn);
  }
  for (const provider of DEMO_PROVIDERS) await recordConfirmedAddress(store, provider.email, today);
  return { created, kept };
}
