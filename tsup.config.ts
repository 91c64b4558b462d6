import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: false,
    target: 'node20',
    platform: 'neutral',
    loader: { '.yaml': 'text' },
    treeshake: true,
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['cjs'],
    dts: false,
    clean: false,
    target: 'node20',
    platform: 'node',
    loader: { '.yaml': 'text' },
    banner: { js: '#!/usr/bin/env node' },
  },
]);
