// Fuzzing the staff and admin routes of the route table, with valid and invalid sessions
// (test/fuzz/harness.ts says what is generated, what must hold, and the run counts).
import { describe } from 'vitest';
import { httpRoutes } from '#shared/routes.ts';
import { fuzzRoutes } from './harness.ts';

describe('fuzz: staff and admin routes', () => {
  fuzzRoutes('fuzz-manage', httpRoutes.filter((r) => r.access !== 'public' && r.access !== 'provider' && r.access !== 'action'));
});
