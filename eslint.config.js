// Lint: the recommended sets of ESLint and typescript-eslint, plus the project's own
// boundaries (no table Scan; the domain does no I/O).
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
  {
    files: ['shared/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@aws-sdk/*', '@middy/*', '@aws-lambda-powertools/*', 'node:fs', 'node:net', 'node:http', 'node:child_process', '#shared/store/*', '#shared/http/*', '#shared/mail/*'] }],
    },
  },
);
