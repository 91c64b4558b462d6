import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { commentText, generateTypes } from '../../src/codegen/types.js';
import { safeLoadRubric, type Rubric } from '../../src/index.js';

// `jixiao types` writes a module that a finance system compiles and loads: no rubric text may
// ever run as code in it. Every case below compiles the generated module with TypeScript,
// loads it in a fresh context and checks that it defines exactly its exports and nothing else.
const require = createRequire(import.meta.url);
const EXPORTS = ['pRubricId', 'pRubricFingerprint', 'pInputSchema'];

function rubricNamed(text: { name: string; label: string; unit: string; id: string; item: string }): Rubric {
  const r = safeLoadRubric({
    id: 'p', name: text.name, version: '1',
    inputs: { [text.label]: { type: 'number', unit: text.unit, label: text.label, description: text.name } },
    indicators: [
      { id: text.id, name: text.name, max: 10, standard: text.name, rule: { kind: 'judgement' } },
      { id: `${text.id}·2`, name: text.label, max: 10, standard: text.unit, rule: { kind: 'checklist', items: [{ id: text.item, text: text.name, points: 10 }] } },
    ],
  });
  if (!r.success) throw new Error(`the rubric does not load: ${r.issues.map((i) => i.code).join(', ')}`);
  return r.value;
}

/** Compile and load a generated module; return what it exported and what it left behind. */
function load(code: string) {
  const out = ts.transpileModule(code, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true } });
  const syntax = (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  const module = { exports: {} as Record<string, unknown> };
  const sandbox: Record<string, unknown> = { module, exports: module.exports, require: (id: string) => (id === 'zod' ? require('zod') : undefined) };
  const before = Object.getOwnPropertyNames(sandbox).sort();
  let threw: unknown;
  try {
    runInNewContext(out.outputText, sandbox, { timeout: 2_000 });
  } catch (e) {
    threw = e;
  }
  return { syntax, threw, exported: Object.keys(module.exports).sort(), globals: Object.getOwnPropertyNames(sandbox).sort(), before };
}

function expectInert(code: string) {
  const r = load(code);
  expect(r.syntax).toStrictEqual([]);
  expect(r.threw).toBeUndefined();
  expect(r.exported).toStrictEqual([...EXPORTS].sort());
  expect(r.globals).toStrictEqual(r.before);
}

const payload = 'globalThis.pwned = 1; throw new Error("ran")';
const hostile = {
  'a line separator (U+2028)': `名称\u2028${payload}; //`,
  'a paragraph separator (U+2029)': `名称\u2029${payload}; //`,
  'a lone carriage return': `名称\r${payload}; //`,
  'a line feed': `名称\n${payload}; //`,
  'a closing block comment': `名称 */ ${payload}; /*`,
  'CR LF': `名称\r\n${payload}; //`,
};

describe('jixiao types never turns rubric text into code', () => {
  for (const [what, text] of Object.entries(hostile)) {
    it(`a name, label, unit or id with ${what} stays inside a comment or a string`, () => {
      expectInert(generateTypes(rubricNamed({ name: text, label: text, unit: text, id: text, item: text }), { zod: true }));
    });
  }

  it('comment text holds no JavaScript line terminator and no */', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      expect(commentText(s)).not.toMatch(/[\n\r\u2028\u2029]|\*\//);
    }));
  });

  it('for arbitrary names, labels, units and ids the module defines exactly its exports and runs nothing else', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
      fc.array(fc.constantFrom('\u2028', '\u2029', '\r', '\n', '*/', '/*', '//', '`', '"', "'", '\\', '${', '}', payload, '名'), { minLength: 1, maxLength: 6 }).map((a) => a.join('')),
    ).filter((s) => s.trim().length > 0);
    fc.assert(
      fc.property(fc.record({ name: text, label: text, unit: text, id: text, item: text }), (t) => {
        let rubric: Rubric;
        try {
          rubric = rubricNamed(t);
        } catch {
          return; // text the loader refuses never reaches the generator
        }
        expectInert(generateTypes(rubric, { zod: true }));
      }),
      { numRuns: 150 },
    );
  });

  it('a type name that is not an identifier is refused, not written into the module', () => {
    const rubric = rubricNamed({ name: 'n', label: 'l', unit: 'u', id: 'i', item: 'a' });
    expect(() => generateTypes(rubric, { name: 'X = 1; evil(); type Y' })).toThrow(TypeError);
  });
});
