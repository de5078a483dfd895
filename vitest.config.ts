import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    // Day-boundary and heatmap tests reason in local time; pin it so they mean the same everywhere.
    env: { TZ: 'UTC' },
    testTimeout: 20_000,
  },
});
