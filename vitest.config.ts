import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { yamlModule } from './src/rubric/prepared.js';

export default defineConfig({
  plugins: [
    {
      // Bundled rubrics: their text and the document read from it, as in the build (tsup.config.ts).
      name: 'bundled-rubrics',
      enforce: 'pre',
      load(id) {
        if (id.endsWith('.yaml')) return yamlModule(readFileSync(id, 'utf8'));
        return undefined;
      },
    },
  ],
  test: {
    reporters: ['default', './tests/summary-reporter.ts'],
    include: ['tests/**/*.test.ts'],
    // JIXIAO_SEED: every property from one seed (tests/setup.ts); without it, a new seed each run.
    setupFiles: ['tests/setup.ts'],
    testTimeout: 60_000,
    // Vitest's default leaves one core to its main thread (one worker on a 2-core machine); the
    // main thread does little here, so every core runs test files.
    maxWorkers: Math.max(2, availableParallelism()),
    typecheck: { enabled: true, include: ['tests/**/*.test-d.ts'] },
  },
});
