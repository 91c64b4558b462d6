import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledRubricIds, evaluate, formatIssues, loadBundledRubric, loadRubric, safeEvaluate, safeScore, score } from '../src/index.js';
import { arbitraryInput } from '../src/testing/index.js';
import { utf8Encode, utf8Length } from '../src/source/utf8.js';

// jixiao/embed (dist/embed.iife.js, dist/embed.mjs) run where there is no Node: a bare node:vm
// context has the language's own globals and nothing else — no require, process, Buffer,
// TextEncoder/TextDecoder or setTimeout (V8 gives it a console). Every example scored there must come out as
// the very same JSON as the library scoring it in Node.
const root = fileURLToPath(new URL('..', import.meta.url));
const read = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');
const iifeFile = `${root}dist/embed.iife.js`;
const esmFile = `${root}dist/embed.mjs`;

/** Every example with an input, and its rubric: a bundled rubric by id, or the example's own file (as tests/examples.test.ts). */
const EXAMPLES: Record<string, { bundled: string } | { file: string }> = {
  'yunxi-2021': { bundled: 'hunan-department' },
  'kunming-2017': { bundled: 'kunming-department' },
  'miluo-2018-project': { bundled: 'project-self-evaluation' },
  'miluo-2017': { file: 'examples/miluo-2017/rubric.yaml' },
  'ezhou-2018': { file: 'examples/ezhou-2018/rubric.yaml' },
  'shanghai-putuo-2022-sports-centre': { bundled: 'project-self-evaluation' },
  'guichi-tangxi-2022-weituo': { bundled: 'project-self-evaluation' },
  'jishan-2020-peitao': { bundled: 'project-self-evaluation' },
  'huangshi-2022-haimian': { file: 'examples/huangshi-2022-haimian/rubric.yaml' },
};

/** What the script run inside the bare context does: the four results of one case, each as JSON text made there. */
const CASE = `(function (j, c) {
  const rubric = c.bundled !== undefined ? j.loadBundledRubric(c.bundled) : j.loadRubric(c.rubricText, { file: c.rubricFile });
  const input = c.asText ? c.inputText : JSON.parse(c.inputText);
  const opts = { file: 'input.json' };
  const ev = j.safeEvaluate(rubric, input, opts);
  const sc = j.safeScore(rubric, input, opts);
  return JSON.stringify({
    evaluate: ev.success ? JSON.stringify(j.evaluate(rubric, input, opts)) : JSON.stringify(ev.issues),
    score: sc.success ? JSON.stringify(j.score(rubric, input, opts)) : JSON.stringify(sc.issues),
    issues: ev.success ? '' : j.formatIssues(ev.issues),
    fingerprint: rubric.fingerprint,
  });
})`;

interface Case { bundled?: string; rubricText?: string; rubricFile?: string; inputText: string; asText: boolean }

/** The same four results from the library in this process. */
function inNode(c: Case) {
  const rubric = c.bundled !== undefined ? loadBundledRubric(c.bundled) : loadRubric(c.rubricText!, { file: c.rubricFile });
  const input = c.asText ? c.inputText : JSON.parse(c.inputText);
  const opts = { file: 'input.json' };
  const ev = safeEvaluate(rubric, input, opts);
  const sc = safeScore(rubric, input, opts);
  return {
    evaluate: ev.success ? JSON.stringify(evaluate(rubric, input, opts)) : JSON.stringify(ev.issues),
    score: sc.success ? JSON.stringify(score(rubric, input, opts)) : JSON.stringify(sc.issues),
    issues: ev.success ? '' : formatIssues(ev.issues),
    fingerprint: rubric.fingerprint,
  };
}

function exampleCases(): [string, Case][] {
  return Object.entries(EXAMPLES).flatMap(([name, r]) => {
    const inputText = read(`examples/${name}/input.json`);
    const base = 'bundled' in r ? { bundled: r.bundled } : { rubricText: read(r.file), rubricFile: r.file };
    return [[`${name} (JSON text)`, { ...base, inputText, asText: true }], [`${name} (object)`, { ...base, inputText, asText: false }]] as [string, Case][];
  });
}

let context: vm.Context;
let runCase: (c: Case) => ReturnType<typeof inNode>;

beforeAll(() => {
  if (!existsSync(iifeFile)) execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  context = vm.createContext({});
  vm.runInContext(readFileSync(iifeFile, 'utf8'), context, { filename: 'embed.iife.js' });
  const fn = vm.runInContext(CASE, context) as (j: unknown, c: Case) => string;
  const j = vm.runInContext('jixiao', context);
  // The case crosses into the context as JSON text, so nothing of this realm is handed in.
  runCase = (c) => JSON.parse(fn(j, vm.runInContext(`(${JSON.stringify(c)})`, context)));
}, 180_000);

describe('the IIFE bundle in a bare node:vm context', () => {
  it('has no Node or host globals to lean on, and sets the global jixiao', () => {
    expect(vm.runInContext('[typeof require, typeof process, typeof Buffer, typeof TextDecoder, typeof TextEncoder, typeof setTimeout, typeof module].join()', context)).toBe(
      'undefined,undefined,undefined,undefined,undefined,undefined,undefined',
    );
    expect(vm.runInContext('Object.keys(jixiao).sort().join()', context).split(',')).toEqual(
      expect.arrayContaining(['bundledRubricIds', 'evaluate', 'formatIssues', 'loadBundledRubric', 'loadRubric', 'safeEvaluate', 'safeScore', 'score']),
    );
  });

  it('knows the same bundled rubrics, and loads each with the same fingerprint', () => {
    expect(vm.runInContext('JSON.stringify(jixiao.bundledRubricIds)', context)).toBe(JSON.stringify(bundledRubricIds));
    for (const id of bundledRubricIds) {
      expect(vm.runInContext(`jixiao.loadBundledRubric(${JSON.stringify(id)}).fingerprint`, context)).toBe(loadBundledRubric(id).fingerprint);
    }
  });

  it.each(exampleCases())('scores %s to the same JSON as the library', (_name, c) => {
    const there = runCase(c);
    const here = inNode(c);
    // A case that failed on both sides would compare equal and prove nothing: every example scores.
    expect(here.issues).toBe('');
    expect(there).toStrictEqual(here);
  });

  it('turns bad input into the same issues, formatted the same way', () => {
    const bad: Case[] = [
      { bundled: 'hunan-department', inputText: '{"values": {"预算执行率": "九成"}', asText: true },
      { bundled: 'hunan-department', inputText: JSON.stringify({ values: { 'no-such-input': '1' } }), asText: false },
      { bundled: 'project-self-evaluation', inputText: 'values: [1, 2', asText: true },
    ];
    for (const c of bad) {
      const here = inNode(c);
      expect(here.issues).not.toBe('');
      expect(runCase(c)).toStrictEqual(here);
    }
  });

  it('scores generated inputs for every bundled rubric to the same JSON as the library', () => {
    for (const id of bundledRubricIds) {
      const inputs = fc.sample(arbitraryInput(loadBundledRubric(id)), { numRuns: 15, seed: 24 });
      for (const input of inputs) {
        const c: Case = { bundled: id, inputText: JSON.stringify(input), asText: false };
        expect(runCase(c)).toStrictEqual(inNode(c));
      }
    }
  });

  it('an unknown bundled rubric is a RubricError there too, with the code unknown_bundled_rubric', () => {
    const code = vm.runInContext(`(() => { try { jixiao.loadBundledRubric('no-such-rubric'); return 'no error'; } catch (e) { return (e instanceof jixiao.RubricError) + ' ' + e.issues[0].code; } })()`, context);
    expect(code).toBe('true unknown_bundled_rubric');
  });
});

describe('the ES module bundle', () => {
  it('is one module with no imports, exporting the scoring core', () => {
    const text = readFileSync(esmFile, 'utf8');
    expect(text).not.toMatch(/^\s*import[\s{*]/m);
    expect(text).not.toMatch(/\brequire\(\s*["']/);
    expect(text).toMatch(/^export \{[^}]*\bevaluate\b[^}]*\}/m);
  });

  // node:vm's SourceTextModule needs --experimental-vm-modules: a child node linked to the module
  // in a bare context scores Yunxi and Kunming there.
  it('links and runs as a module in a bare context (vm.SourceTextModule)', () => {
    const script = `
      const vm = require('node:vm');
      const fs = require('node:fs');
      (async () => {
        const context = vm.createContext({});
        const lib = new vm.SourceTextModule(fs.readFileSync(${JSON.stringify(esmFile)}, 'utf8'), { context, identifier: 'embed.mjs' });
        const main = new vm.SourceTextModule(\`
          import { loadBundledRubric, evaluate } from 'jixiao/embed';
          globalThis.out = JSON.stringify([
            evaluate(loadBundledRubric('hunan-department'), \${JSON.stringify(fs.readFileSync(${JSON.stringify(`${root}examples/yunxi-2021/input.json`)}, 'utf8'))}),
            evaluate(loadBundledRubric('kunming-department'), \${JSON.stringify(fs.readFileSync(${JSON.stringify(`${root}examples/kunming-2017/input.json`)}, 'utf8'))}),
          ]);
        \`, { context });
        await main.link(async (spec) => { if (spec !== 'jixiao/embed') throw new Error(spec); return lib; });
        await main.evaluate();
        process.stdout.write(context.out);
      })().catch((e) => { console.error(e); process.exit(1); });
    `;
    const out = execFileSync(process.execPath, ['--experimental-vm-modules', '--no-warnings', '-e', script], { encoding: 'utf8' });
    const expected = JSON.stringify([
      evaluate(loadBundledRubric('hunan-department'), read('examples/yunxi-2021/input.json')),
      evaluate(loadBundledRubric('kunming-department'), read('examples/kunming-2017/input.json')),
    ]);
    expect(out).toBe(expected);
  });
});

// The fingerprint hashes a rubric's UTF-8 bytes; the core writes them itself (no TextEncoder in a
// bare engine). Node's TextEncoder is the oracle, lone surrogates (written as U+FFFD) included.
describe('UTF-8 bytes written without TextEncoder', () => {
  const enc = new TextEncoder();
  it('are TextEncoder\'s bytes at each width\'s edges, a lone surrogate and a pair', () => {
    for (const s of ['', '\u007f', '\u0080', '\u07ff', '\u0800', '预算执行率', '\uffff', '\ud800\udc00', '\udbff\udfff', '\ud800', '\udc00', 'a\ud800b', '\udc00\ud800', '\ud800\ud800\udc00']) {
      expect([...utf8Encode(s)]).toStrictEqual([...enc.encode(s)]);
      expect(utf8Length(s)).toBe(enc.encode(s).length);
    }
  });
  it('are TextEncoder\'s bytes for any string of code units', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', '一', 'é', '😀'), fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c))), maxLength: 30 }), (s) => {
        expect([...utf8Encode(s)]).toStrictEqual([...enc.encode(s)]);
        expect(utf8Length(s)).toBe(enc.encode(s).length);
      }),
      { numRuns: 400 },
    );
  });
});
