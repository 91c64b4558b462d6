import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    {
      // Bundled rubrics are imported as text, as tsup's `.yaml: text` loader does in the build.
      name: 'yaml-as-text',
      enforce: 'pre',
      load(id) {
        if (id.endsWith('.yaml')) return `export default ${JSON.stringify(readFileSync(id, 'utf8'))};`;
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
