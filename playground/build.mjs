// Builds the workbench into playground/dist/: index.html, app.js (the first load: the library,
// the editor and the bundled rubrics and examples) and office-exceljs.js / office-docx.js (the
// Excel and Word writers, loaded with a <script> tag when a workbook or document is saved or an
// .xlsx is opened). Classic scripts, not ES modules: Chromium refuses module scripts from file://,
// and the page must work opened from disk.
//
//   node playground/build.mjs            (npm run build:playground)
//   node playground/build.mjs --out DIR  (elsewhere: the tests build into a folder of their own)
import { mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');
const at = process.argv.indexOf('--out');
const out = at > 0 && process.argv[at + 1] ? process.argv[at + 1] : join(here, 'dist');

// The library's own build step for a bundled rubric (src/rubric/prepared.ts), compiled for Node.
const tmp = join(here, `.prepared-${process.pid}.mjs`);
await esbuild.build({ entryPoints: [join(root, 'src/rubric/prepared.ts')], bundle: true, packages: 'external', format: 'esm', platform: 'node', outfile: tmp, logLevel: 'error', charset: 'utf8' });
const { yamlModule } = await import(pathToFileURL(tmp).href);
rmSync(tmp);

/** The examples of the repository, as the workbench offers them: rubric, input, filed form, sheet. */
function examples() {
  const table = JSON.parse(readFileSync(join(root, 'tests/fixtures/examples.json'), 'utf8'));
  const list = [];
  for (const [id, rubricFile] of Object.entries(table)) {
    const dir = join(root, 'examples', id);
    const read = (f) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : undefined);
    const bundled = /^rubrics\/(.+)\.yaml$/.exec(rubricFile);
    const readme = read('README.md') ?? '';
    const title = /^#\s+(.+)$/m.exec(readme)?.[1] ?? id;
    list.push({
      id,
      title,
      rubric: bundled ? { bundled: bundled[1] } : { yaml: readFileSync(join(root, rubricFile), 'utf8'), file: rubricFile },
      input: read('input.json'),
      filed: read('filed.json'),
      form: read('form.csv'),
    });
  }
  return list;
}

const virtual = {
  name: 'playground-data',
  setup(build) {
    build.onResolve({ filter: /^playground:examples$/ }, () => ({ path: 'examples', namespace: 'playground-data' }));
    build.onLoad({ filter: /.*/, namespace: 'playground-data' }, () => ({
      contents: `export const EXAMPLES = ${JSON.stringify(examples())};\nexport const HUNAN_SHEET_CSV = ${JSON.stringify(readFileSync(join(root, 'tests/fixtures/hunan-sheet.csv'), 'utf8'))};`,
      loader: 'js',
    }));
  },
};

// A bundled rubric's YAML file becomes its text and the document read from it (as tsup.config.ts).
const bundledRubrics = {
  name: 'bundled-rubrics',
  setup(build) {
    build.onLoad({ filter: /\.yaml$/ }, (args) => ({ contents: yamlModule(readFileSync(args.path, 'utf8')), loader: 'js' }));
  },
};

// exceljs and docx: not in the first load. Where the library imports them, the page loads the
// writer's script and hands back what it defined (src/office.ts).
const lazyOffice = {
  name: 'lazy-office',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/](report|import)[\\/](xlsx|docx)\.ts$/ }, (args) => {
      let text = readFileSync(args.path, 'utf8');
      text = text.replace(/require\('(exceljs|docx)'\)/g, 'undefined').replace(/import\('(exceljs|docx)'\)/g, "(globalThis as any).__jixiaoOffice('$1')");
      return { contents: text, loader: 'ts' };
    });
  },
};

const common = { bundle: true, charset: 'utf8', logLevel: 'warning', target: 'es2022', platform: 'browser', legalComments: 'none', minify: true };

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await esbuild.build({
  ...common,
  entryPoints: { app: join(here, 'src/main.ts') },
  outdir: out,
  format: 'iife',
  define: { __JIXIAO_CLI__: 'false' },
  plugins: [virtual, bundledRubrics, lazyOffice],
  // Node built-ins must not reach the page: fail the build if anything asks for one.
  external: [],
  metafile: true,
}).then((r) => writeFileSync(join(out, 'meta-app.json'), JSON.stringify(r.metafile)));
for (const lib of ['exceljs', 'docx']) {
  await esbuild.build({ ...common, entryPoints: { [`office-${lib}`]: join(here, `src/office-${lib}.ts`) }, outdir: out, format: 'iife' });
}
copyFileSync(join(here, 'src/index.html'), join(out, 'index.html'));
copyFileSync(join(here, 'src/style.css'), join(out, 'style.css'));
console.log(`${out}: ${['index.html', 'style.css', 'app.js', 'office-exceljs.js', 'office-docx.js'].join(', ')}`);
