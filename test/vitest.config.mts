import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  test: {
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], exclude: ['test/integration/connect/**'], testTimeout: 60_000, hookTimeout: 120_000 } },
      // Connection tests each start their own lab fleet: one file at a time, in a lab of their own beside the lab's tests.
      {
        extends: true,
        test: { name: 'connect', include: ['test/integration/connect/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 300_000, fileParallelism: false, env: { AP_LAB_ID: process.env.AP_LAB_ID ?? 'b' } },
      },
      { extends: true, test: { name: 'lab', include: ['test/lab/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 300_000, fileParallelism: false } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false } },
    ],
  },
});
