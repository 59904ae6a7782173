import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Integration tests that start lab platforms (root only). */
const LAB_BACKED = ['connect', 'platform', 'replication', 'fleet', 'monitor', 'retrieval', 'wizards'].map((area) => `test/integration/${area}/**/*.test.ts`);

export default defineConfig({
  root,
  test: {
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], exclude: LAB_BACKED, testTimeout: 60_000, hookTimeout: 120_000 } },
      // Tests against lab platforms each start their own lab fleet: one file at a time, in a lab of their own beside the lab's tests.
      {
        extends: true,
        test: { name: 'platforms', include: LAB_BACKED, testTimeout: 120_000, hookTimeout: 300_000, fileParallelism: false, env: { AP_LAB_ID: process.env.AP_LAB_ID ?? 'b' } },
      },
      { extends: true, test: { name: 'lab', include: ['test/lab/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 300_000, fileParallelism: false } },
      // The e2e lab fleet runs in a lab of its own (AP_LAB_ID c) beside the other projects' labs.
      {
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 300_000, fileParallelism: false, env: { AP_LAB_ID: process.env.AP_LAB_ID_E2E ?? 'c' } },
      },
    ],
  },
});
