import { defineConfig } from 'vitest/config';

// One run: unit tests beside the code, integration tests in test/ against a real DynamoDB
// Local started once by the global setup (each file makes its own table).
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'functions/**/*.test.ts', 'infra/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    coverage: {
      provider: 'v8',
      include: ['shared/**/*.ts', 'functions/**/*.ts'],
      exclude: ['**/*.test.ts'],
    },
  },
});
