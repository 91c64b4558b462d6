// npm run bench:identical -- --before <dir>: two builds of jixiao give byte-identical results.
//
//   node bench/identical.mjs --before <dir> [--after <dir>] [--inputs 100000] [--seed N] [--rubric id]…
//
// <dir> is a built dist/ of jixiao inside its checkout (its package.json names the package, so
// that <dir>/testing.js finds its own <dir>/index.js); --after defaults to this checkout's dist/.
// Both builds are loaded in one process. For every bundled rubric (or each --rubric id, which may
// be given more than once or as a comma list) N inputs are generated once, in chunks, with a fixed
// seed, by the --before build's own jixiao/testing kit (arbitraryInput: every rule kind's edges,
// 不适用, 可选项 pools, weighted blocks, project rows, 一票否决, bonuses and deductions); about
// one in eight is then spoiled (a missing or unreadable figure, a score above max, an unknown id,
// a broken row, truncated JSON text…) so that issues are compared too. One input in four is given
// as JSON text rather than as an object, through the text reader. Each input is scored by both
// builds with safeEvaluate, and the JSON.stringify of the whole outcome (the result with its
// warnings, or the issues) must be the same, byte for byte. Every example under examples/ (each
// folder's input.json and as-filed.json against its rubric, and each line of the batch examples'
// .ndjson files) is compared the same way.
//
// Prints, per rubric, the inputs, how many were valid and invalid and how many identical; on a
// difference the first few (rubric, input as JSON, first differing character with context), and
// exits 1. --chunk sets how many inputs are held at once (default 2000). The default run, 7
// rubrics × 100,000 and the examples, takes about 5 minutes of one core (about 180 MB).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const started = Date.now();
const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.lastIndexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const many = (name) => args.flatMap((a, i) => (a === name && i + 1 < args.length ? args[i + 1].split(',') : [])).filter(Boolean);
const usage = 'usage: node bench/identical.mjs --before <dist dir> [--after <dist dir>] [--inputs 100000] [--seed N] [--rubric id] [--chunk 2000]';
const beforeDir = opt('--before');
if (!beforeDir) {
  console.error(usage);
  process.exit(2);
}
const afterDir = resolve(opt('--after', join(root, 'dist')));
const inputs = Number(opt('--inputs', '100000'));
const seed = Number(opt('--seed', '20261207'));
const chunk = Math.max(1, Number(opt('--chunk', '2000')));
if (!Number.isSafeInteger(inputs) || inputs < 0 || !Number.isSafeInteger(seed)) {
  console.error(usage);
  process.exit(2);
}
const MAX_SHOWN = 5;

const load = async (dir, file) => {
  const path = join(resolve(dir), file);
  if (!existsSync(path)) throw new Error(`${path} not found: is ${dir} a built dist/ of jixiao?`);
  return import(pathToFileURL(path).href);
};
const before = await load(beforeDir, 'index.js');
const after = await load(afterDir, 'index.js');
const kit = await load(beforeDir, 'testing.js');
const fc = await importFastCheck(resolve(beforeDir));

/** fast-check as the kit imports it (its ESM entry, found from the build's folder up). */
async function importFastCheck(from) {
  for (let d = from; ; d = dirname(d)) {
    const pkg = join(d, 'node_modules', 'fast-check', 'package.json');
    if (existsSync(pkg)) {
      const dot = JSON.parse(readFileSync(pkg, 'utf8')).exports['.'];
      return import(pathToFileURL(join(dirname(pkg), dot.import.default ?? dot.import)).href);
    }
    if (dirname(d) === d) throw new Error(`fast-check not found above ${from}`);
  }
}

const shown = [];
let differences = 0;

/** The first character at which two strings differ. */
function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function record(where, input, a, b) {
  differences++;
  if (shown.length >= MAX_SHOWN) return;
  const at = firstDifference(a, b);
  const around = (s) => JSON.stringify(s.slice(Math.max(0, at - 80), at + 80));
  shown.push(
    [
      `--- ${where}`,
      `input: ${typeof input === 'string' ? `(JSON text) ${input}` : JSON.stringify(input)}`,
      `first difference at character ${at} of ${a.length} (before) / ${b.length} (after):`,
      `  before: …${around(a)}…`,
      `  after:  …${around(b)}…`,
    ].join('\n'),
  );
}

const outcome = (lib, rubric, input, opts) => {
  try {
    return JSON.stringify(lib.safeEvaluate(rubric, input, opts));
  } catch (e) {
    return JSON.stringify({ threw: String(e?.stack ?? e) });
  }
};

/** Scores one input with both builds; true when the outcomes are the same bytes. */
function compare(where, rb, ra, input, opts) {
  const b = outcome(before, rb, input, opts);
  const a = outcome(after, ra, input, opts);
  if (a !== b) record(where, input, b, a);
  return { same: a === b, valid: b.startsWith('{"success":true') };
}

const deepFreeze = (v) => {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze(v[k]);
  }
  return v;
};

// ——— Spoiled inputs: each a way an evaluation can be wrong, so that issues are compared too. ———
const own = (o, k, v) => Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
const keyAt = (o, n) => {
  const ks = Object.keys(o ?? {});
  return ks.length ? ks[n % ks.length] : undefined;
};
const SPOILERS = [
  (x, n) => { const k = keyAt(x.values, n); if (k) delete x.values[k]; },
  (x, n) => { const k = keyAt(x.values, n); if (k) x.values[k] = ['abc', '', '1,5', 'NaN', '1e400', '0x10', '  7 '][n % 7]; },
  (x, n) => { const k = keyAt(x.values, n); if (k) x.values[k] = ['-1', '-0.001', '1000000000000', '12.5', -3][n % 5]; },
  (x) => { own(x.values ?? (x.values = {}), '未声明的输入', '1'); },
  (x, n) => { const k = keyAt(x.assessments, n); if (k) x.assessments[k] = [{ score: '999' }, { score: '-1', reason: '扣' }, { score: '0.001', reason: '细' }, { level: '不存在的档次' }, { items: {} }, { notApplicable: true }, {}][n % 7]; },
  (x, n) => { const k = keyAt(x.assessments, n); if (k) delete x.assessments[k]; },
  (x) => { own(x.assessments ?? (x.assessments = {}), '不存在的指标', { score: '1', reason: '试' }); },
  (x) => { x.vetoes = { 不存在的否决项: '有' }; },
  (x, n) => {
    const k = keyAt(x.rows, n);
    if (!k) return void (x.rows = { 不存在的栏目: [] });
    const rows = x.rows[k];
    const r = rows[n % rows.length];
    if (n % 3 === 0) r.weight = '0.5';
    else if (n % 3 === 1) r.actual = '（未填）';
    else x.rows[k] = [];
  },
  (x, n) => { x.values = [[], 'values', 7][n % 3]; },
  (x, n) => { x[['extra', 'score', 'rubric'][n % 3]] = true; },
];
/** An input spoiled one way; some of the ways yield JSON text that does not parse. */
function spoil(input, n) {
  const x = JSON.parse(JSON.stringify(input));
  const way = n % (SPOILERS.length + 2);
  if (way < SPOILERS.length) {
    SPOILERS[way](x, Math.floor(n / 16));
    return x;
  }
  const text = JSON.stringify(x, null, 1);
  return way === SPOILERS.length ? text.slice(0, 1 + (n % (text.length - 1))) : text.replace(/\n}$/, ',\n}');
}

/** Generated inputs for one rubric: valid mostly, spoiled now and then, some as text. */
function inputArbitrary(rubric) {
  const valid = fc.oneof(
    { weight: 3, arbitrary: kit.arbitraryInput(rubric) },
    { weight: 1, arbitrary: kit.arbitraryInput(rubric, { omitOptional: true, places: 3 }) },
  );
  return fc.tuple(valid, fc.nat({ max: 7 }), fc.nat({ max: 3 }), fc.nat()).map(([input, spoilt, text, n]) => {
    const x = spoilt === 0 ? spoil(input, n) : input;
    return typeof x !== 'string' && text === 0 ? JSON.stringify(x) : x;
  });
}

// ——— Bundled rubrics ———
const ids = [...before.bundledRubricIds];
if (JSON.stringify(ids) !== JSON.stringify([...after.bundledRubricIds])) {
  record('bundledRubricIds', '', JSON.stringify(ids), JSON.stringify([...after.bundledRubricIds]));
}
const wanted = many('--rubric');
for (const id of wanted) if (!ids.includes(id)) throw new Error(`--rubric ${id}: not a bundled rubric (${ids.join(', ')})`);
const rows = [];
const seedOf = (id, c) => {
  let h = seed | 0;
  for (const ch of `${id}#${c}`) h = Math.imul(h ^ ch.codePointAt(0), 0x9e3779b1) >>> 0;
  return h;
};
for (const id of wanted.length ? wanted : ids) {
  const t = Date.now();
  const rb = before.loadBundledRubric(id);
  const ra = after.loadBundledRubric(id);
  const arb = inputArbitrary(rb);
  const row = { id, inputs: 0, valid: 0, invalid: 0, identical: 0, seconds: 0 };
  for (let c = 0; row.inputs < inputs; c++) {
    const batch = fc.sample(arb, { seed: seedOf(id, c), numRuns: Math.min(chunk, inputs - row.inputs) });
    for (const input of batch) {
      const text = typeof input === 'string';
      const r = compare(`${id} #${row.inputs}`, rb, ra, text ? input : deepFreeze(input), text ? { file: 'input.json' } : {});
      row.inputs++;
      row[r.valid ? 'valid' : 'invalid']++;
      if (r.same) row.identical++;
    }
  }
  row.seconds = (Date.now() - t) / 1000;
  rows.push(row);
  console.log(`${id.padEnd(36)} ${String(row.inputs).padStart(7)} inputs  ${String(row.valid).padStart(7)} valid  ${String(row.invalid).padStart(6)} invalid  ${String(row.identical).padStart(7)} identical  ${row.seconds.toFixed(1)} s`);
}

// ——— Examples: each folder's inputs against its rubric (as in tests/examples.test.ts), and the batch records. ———
const EXAMPLES = {
  'yunxi-2021': 'rubrics/hunan-department.yaml',
  'kunming-2017': 'rubrics/kunming-department.yaml',
  'miluo-2018-project': 'rubrics/project-self-evaluation.yaml',
  'miluo-2017': 'examples/miluo-2017/rubric.yaml',
  'ezhou-2018': 'examples/ezhou-2018/rubric.yaml',
  'shanghai-putuo-2022-sports-centre': 'rubrics/project-self-evaluation.yaml',
  'guichi-tangxi-2022-weituo': 'rubrics/project-self-evaluation.yaml',
  batch: { 'records.ndjson': 'rubrics/hunan-department.yaml', 'projects.ndjson': 'rubrics/project-self-evaluation.yaml' },
};
const read = (p) => readFileSync(join(root, p), 'utf8');
const examples = { inputs: 0, valid: 0, invalid: 0, identical: 0 };
const rubricsByFile = new Map();
const both = (file) => {
  if (!rubricsByFile.has(file)) rubricsByFile.set(file, [before.loadRubric(read(file), { file }), after.loadRubric(read(file), { file })]);
  return rubricsByFile.get(file);
};
const scoreExample = (where, file, text) => {
  const [rb, ra] = both(file);
  const r = compare(where, rb, ra, text, { file: where });
  examples.inputs++;
  examples[r.valid ? 'valid' : 'invalid']++;
  if (r.same) examples.identical++;
};
for (const dir of readdirSync(join(root, 'examples'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
  const files = readdirSync(join(root, 'examples', dir));
  const rubric = EXAMPLES[dir];
  if (files.includes('input.json') && typeof rubric !== 'string') throw new Error(`examples/${dir}: an input with no rubric listed in bench/identical.mjs`);
  if (typeof rubric === 'string') {
    for (const f of ['input.json', 'as-filed.json']) if (files.includes(f)) scoreExample(`examples/${dir}/${f}`, rubric, read(`examples/${dir}/${f}`));
  } else if (rubric) {
    for (const [f, file] of Object.entries(rubric)) {
      read(`examples/${dir}/${f}`).split('\n').filter((l) => l.trim()).forEach((line, i) => scoreExample(`examples/${dir}/${f}:${i + 1}`, file, line));
    }
  }
}
console.log(`${'examples'.padEnd(36)} ${String(examples.inputs).padStart(7)} inputs  ${String(examples.valid).padStart(7)} valid  ${String(examples.invalid).padStart(6)} invalid  ${String(examples.identical).padStart(7)} identical`);

const total = rows.reduce((a, r) => a + r.inputs, examples.inputs);
const elapsed = ((Date.now() - started) / 1000).toFixed(1);
if (differences) {
  console.log(`\n${shown.join('\n\n')}`);
  console.log(`\n${differences} of ${total} outcomes DIFFER (seed ${seed}, ${elapsed} s): ${resolve(beforeDir)} → ${afterDir}`);
  process.exit(1);
}
console.log(`\nall ${total} outcomes identical (seed ${seed}, ${elapsed} s): ${resolve(beforeDir)} → ${afterDir}`);
