import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// `npm run test:soak`: the long load test only (SOAK_DURATION_MS, default 8 minutes of load).
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    include: ['test/soak/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 20 * 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
