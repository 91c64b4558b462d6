import { defineConfig, type Options } from 'tsup';

// jixiao/testing imports the library by its package name, so that the kit and the code under
// test share one copy of jixiao (one Decimal, one set of error classes) in ESM and in CJS.
const testingImportsJixiao: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'testing-imports-jixiao',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/index\.js$/ }, (args) => (/[\\/]src[\\/]testing[\\/]/.test(args.importer) ? { path: 'jixiao', external: true } : undefined));
  },
};

export default defineConfig([
  {
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    external: ['fast-check'],
    esbuildPlugins: [testingImportsJixiao],
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
