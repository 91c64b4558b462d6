import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { yamlModule } from './src/source/prepared.js';

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
    testTimeout: 60_000,
    typecheck: { enabled: true, include: ['tests/**/*.test-d.ts'] },
  },
});
