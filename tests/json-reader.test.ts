/**
 * The JSON reader (src/source/json.ts) against the YAML reader it stands in for: on every text,
 * readDocument must give exactly what the YAML reader gives — the same values (numbers as their
 * source text), the same line and column for every value, the same issues — whether the JSON
 * reader took the text or handed it over. Generated JSON of every shape and layout, figures as
 * finance systems write them, CRLF, and texts at the edges of the limits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { everyPath } from './helpers.js';
import { readFileSync, readdirSync } from 'node:fs';
import { readDocument, readYaml, type SourceDocument } from '../src/source/document.js';
import { readJson } from '../src/source/json.js';
import { DEFAULT_LIMITS, type Limits } from '../src/source/limits.js';

/** Generated texts (default 3 000; JIXIAO_JSON_RUNS=100000 for a longer run). */
const RUNS = Number(process.env.JIXIAO_JSON_RUNS ?? 3000);

const view = (r: { ok: true; doc: SourceDocument } | { ok: false; issues: unknown[] }) =>
  r.ok ? { value: r.doc.value, positions: [...everyPath(r.doc.value), ['不存在']].map((p) => [p.join('/'), r.doc.positionOf(p)]) } : { issues: r.issues };

let taken = 0;
/** readDocument and the YAML reader agree on `text`; true when the JSON reader took it. */
const agree = (text: string, limits: Limits = DEFAULT_LIMITS, file?: string): boolean => {
  const took = readJson(text, limits) !== undefined;
  if (took) taken++;
  expect(view(readDocument(text, limits, file))).toEqual(view(readYaml(text, limits, file)));
  return took;
};

const figure = fc.oneof(
  fc.integer({ min: -1e6, max: 1e9 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 0.1, 0.30000000000000004, 1e21, 1e-7, 123456789012345680000),
  fc.stringMatching(/^-?\d{1,18}(\.\d{1,6})?$/),
);
const text = fc.oneof(fc.string(), fc.constantFrom('在职人数', '部分任务未完成', '', ' ', 'a"b', 'a\\b', '\n', '\t', '\u2028', '😀', '\u0085', '\u007f', '\ufeff', '#', ': -', '&a', '*a', '!!str'));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, figure, text, fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(fc.oneof(text, fc.constantFrom('values', 'assessments', '__proto__ ', '1', '0')), tie('value'), { maxKeys: 5 }),
})).value;
const layout = fc.constantFrom<[number, boolean]>([0, false], [2, false], [4, false], [2, true], [1, false]);

describe('the JSON reader reads as the YAML reader does', () => {
  it('on generated JSON of every shape, compact and indented, LF and CRLF', () => {
    taken = 0;
    fc.assert(
      fc.property(fc.oneof(fc.dictionary(text, json), fc.array(json)), layout, (v, [indent, crlf]) => {
        let t = JSON.stringify(v, null, indent);
        if (crlf) t = t.replace(/\n/g, '\r\n');
        agree(t);
        agree(`\n  ${t}\n`, DEFAULT_LIMITS, 'input.json');
      }),
      { numRuns: RUNS },
    );
    // Mostly taken by the JSON reader: otherwise this compares the YAML reader with itself.
    expect(taken).toBeGreaterThan(RUNS);
  });

  it('on every example input, and on each one broken', () => {
    const dirs = readdirSync(new URL('../examples/', import.meta.url), { withFileTypes: true }).filter((d) => d.isDirectory());
    for (const d of dirs) {
      let t: string;
      try {
        t = readFileSync(new URL(`../examples/${d.name}/input.json`, import.meta.url), 'utf8');
      } catch {
        continue;
      }
      expect(agree(t, DEFAULT_LIMITS, 'input.json')).toBe(true);
      for (const broken of [t.replace('{', '{"values": 1, '), t.replace(/,\s*"/, ',,"'), t.replace(/"(\d+(\.\d+)?)"/, '$1.'), `${t}x`, t.slice(0, -3), t.replace('"values"', '"__proto__"'), t.replace(':', ' :'), t.replace(/\n/, '\t\n'), t.replace(/\n/, '\r')]) {
        agree(broken, DEFAULT_LIMITS, 'input.json');
      }
    }
  });

  it('on numbers as finance systems write them, and on what JSON does not allow', () => {
    for (const n of ['31', '-0', '0.0', '1e5', '1E-5', '-1.50', '12345678901234567890123', '0.30000000000000004', '01', '1.', '.5', '+1', '1e', '0x10', 'NaN', 'Infinity', '- 1', '1_000', '١٢']) {
      agree(`{"v": ${n}}`);
      agree(`[${n}, "${n}"]`);
    }
    for (const t of ['{"a":1,"a":2}', '{"__proto__": {}}', '{"a": tru}', '{"a": true1}', '{"a": nulls}', '{a: 1}', "{'a': 1}", '{"a": 1,}', '[1,]', '{"a": "\\x41"}', '{"a": "\\u00e9\\u4e2d"}', '{"a": "\\ud83d\\ude00"}', '{"a": "\\u0000"}', '{"a": "\\/\\b\\f\\n\\r\\t"}', '{"a": "line\nbreak"}', '[]', '{}', '[[]]', '{"a": {}}', '  [1]  ', '[1] [2]', '[1] # c', '{"a": 1}\n---\n{"b": 2}']) {
      agree(t);
    }
  });

  it('at the limits: depth, nodes and tokens, on both sides', () => {
    for (let maxDepth = 1; maxDepth <= 7; maxDepth++) {
      for (let n = 0; n <= 8; n++) {
        const limits = { ...DEFAULT_LIMITS, maxDepth };
        agree(`${'['.repeat(n)}1${']'.repeat(n)}`, limits);
        agree(`${'{"a":'.repeat(n)}1${'}'.repeat(n)}`, limits);
        agree(`${'[{"a":'.repeat(n)}[]${'}]'.repeat(n)}`, limits);
      }
    }
    for (let maxNodes = 1; maxNodes <= 40; maxNodes++) {
      const limits = { ...DEFAULT_LIMITS, maxNodes };
      for (const k of [maxNodes / 3, maxNodes / 2, maxNodes - 1, maxNodes, maxNodes + 1].map(Math.floor)) {
        agree(`[${Array(Math.max(0, k)).fill('{}').join(',')}]`, limits);
        agree(`[${Array(Math.max(0, k)).fill('1').join(',')}]`, limits);
        agree(`{${Array.from({ length: Math.max(0, k) }, (_, i) => `"k${i}":[]`).join(',')}}`, limits);
        agree(`{${Array.from({ length: Math.max(0, k) }, (_, i) => `"k${i}":1`).join(',')}}`, limits);
      }
    }
  });
});
