import { defineConfig } from 'vitest/config';

// Two projects in one run: `unit` (pure code beside its source, no I/O) and
// `integration` (test/ and handler tests, against a real DynamoDB Local started once by
// the global setup; each file makes its own table). `vitest run --project unit` runs
// just the fast ones.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    // Handlers log one JSON line per request; the tests assert on answers, not logs.
    env: { POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT' },
    hookTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['shared/**/*.ts', 'functions/**/*.ts'],
      exclude: ['**/*.test.ts'],
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts', 'functions/**/*.test.ts', 'infra/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          setupFiles: ['test/setup.ts'],
        },
      },
    ],
  },
});
