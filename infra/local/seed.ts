// Writes the demo trust once: a second `npm start` finds it and keeps whatever was
// changed since (the school profile is created only if absent).
import type { Store } from '#shared/store/client.ts';
import { putOpportunity } from '#shared/store/opportunities.ts';
import { createSchoolProfileIfAbsent } from '#shared/store/schools.ts';
import { putStaffRole } from '#shared/store/staff.ts';
import { demoSchools } from './demo-data.ts';

export async function seedDemo(store: Store, today = new Date()): Promise<{ created: string[]; kept: string[] }> {
  const created: string[] = [];
  const kept: string[] = [];
  for (const demo of demoSchools(today)) {
    if (!(await createSchoolProfileIfAbsent(store, demo.school, today))) {
      kept.push(demo.school.urn);
      continue;
    }
    for (const opportunity of demo.opportunities) await putOpportunity(store, demo.school.urn, opportunity);
    for (const role of demo.staff) await putStaffRole(store, role);
    created.push(demo.school.urn);
  }
  return { created, kept };
}
