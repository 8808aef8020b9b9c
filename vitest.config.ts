import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.{ts,tsx}'],
    // Bounds against hangs, not speed targets (those are in `npm run bench`): the suites share two
    // cores with browsers, child services and kill -9 runs, and a shared CI runner is slower still.
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Scans every log line a test file captured for secrets and patient data (fails the file).
    setupFiles: ['test/setup/log-scan.ts'],
    // A throwaway PostgreSQL cluster (or IMMUNOSTEWARD_TEST_POSTGRES_URL) for the store tests.
    globalSetup: ['test/setup/postgres.ts'],
  },
});
