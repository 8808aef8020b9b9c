import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.{ts,tsx}'],
    // Scans every log line a test file captured for secrets and patient data (fails the file).
    setupFiles: ['test/setup/log-scan.ts'],
    // A throwaway PostgreSQL cluster (or IMMUNOSTEWARD_TEST_POSTGRES_URL) for the store tests.
    globalSetup: ['test/setup/postgres.ts'],
  },
});
