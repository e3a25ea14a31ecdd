// Lint: the recommended sets of ESLint and typescript-eslint, plus no table Scan. What may
// import what (the domain imports nothing but itself…) is `npm run boundaries`' job.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.data/', 'web/dist/', 'coverage/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The product never scans the table; tests may, to check invariants over every item.
    files: ['shared/**/*.ts', 'functions/**/*.ts', 'infra/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "Identifier[name='ScanCommand']", message: 'No table scans: add a named access pattern in shared/store.' }],
    },
  },
);
