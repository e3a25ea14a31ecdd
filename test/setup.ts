// Before each integration test file: the functions' hash key (HASH_KEY_FILE) is the run's,
// made by the global setup, as every function of a deployment reads the one secret.
import { inject } from 'vitest';

process.env.HASH_KEY_FILE = inject('hashKeyFile');
