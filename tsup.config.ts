import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';
import { yamlModule } from './src/rubric/prepared.js';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

// A bundled rubric's YAML file becomes its text and the document read from it at build time.
const bundledRubrics: Plugin = {
  name: 'bundled-rubrics',
  setup(build) {
    build.onLoad({ filter: /\.yaml$/ }, (args) => ({ contents: yamlModule(readFileSync(args.path, 'utf8')), loader: 'js' }));
  },
};

// jixiao/testing imports the library by its package name, so that the kit and the code under
// test share one copy of jixiao (one Decimal, one set of error classes) in ESM and in CJS.
const testingImportsJixiao: Plugin = {
  name: 'testing-imports-jixiao',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/index\.js$/ }, (args) => (/[\\/]src[\\/]testing[\\/]/.test(args.importer) ? { path: 'jixiao', external: true } : undefined));
  },
};

export default defineConfig([
  {
    entry: { index: 'src/index.ts', authoring: 'src/entries/authoring.ts', report: 'src/entries/report.ts', xlsx: 'src/entries/xlsx.ts', docx: 'src/entries/docx.ts', review: 'src/entries/review.ts', monitor: 'src/entries/monitor.ts', testing: 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    // jixiao/authoring shares the core with jixiao (one Decimal, one set of error classes):
    // both import it from a common chunk, in ESM and in CommonJS.
    splitting: true,
    // exceljs and docx are optional peer dependencies, loaded only by jixiao/xlsx and jixiao/docx.
    external: ['fast-check', 'exceljs', 'docx'],
    esbuildPlugins: [testingImportsJixiao, bundledRubrics],
    dts: true,
    clean: true,
    sourcemap: false,
    target: 'node20',
    platform: 'neutral',
    treeshake: true,
    // Chinese text (rubrics, messages) as it is, not as \u escapes: a third of the size.
    esbuildOptions(o) {
      o.charset = 'utf8';
    },
  },
  {
    // jixiao/embed: the scoring core in one file each as an ES module and as a script (global
    // `jixiao`), dependencies inlined and no Node built-ins, for GraalJS, browsers and workers.
    entry: { embed: 'src/entries/embed.ts' },
    format: ['esm', 'iife'],
    globalName: 'jixiao',
    outExtension: ({ format }) => ({ js: format === 'iife' ? '.iife.js' : '.mjs' }),
    noExternal: [/.*/],
    splitting: false,
    dts: { entry: { embed: 'src/entries/embed.ts' }, resolve: false },
    clean: false,
    sourcemap: false,
    target: 'es2020',
    platform: 'neutral',
    treeshake: true,
    esbuildPlugins: [bundledRubrics],
    esbuildOptions(o) {
      o.charset = 'utf8';
      o.mainFields = ['module', 'main'];
    },
  },
  {
    // The command line, one file with its dependencies, run by dist/cli.cjs (src/cli/launch.ts).
    entry: { 'cli-main': 'src/cli/main.ts' },
    noExternal: [/^(?!exceljs$|docx$).*/],
    // Loaded when --format xlsx|docx or an .xlsx import asks for them, from the user's install.
    external: ['exceljs', 'docx'],
    define: { __JIXIAO_CLI__: 'true' },
    format: ['cjs'],
    dts: false,
    clean: false,
    target: 'node20',
    platform: 'node',
    esbuildPlugins: [bundledRubrics],
    esbuildOptions(o) {
      o.charset = 'utf8';
    },
  },
  {
    entry: { cli: 'src/cli/launch.ts' },
    format: ['cjs'],
    dts: false,
    clean: false,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
