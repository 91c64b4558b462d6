/**
 * The short way `evaluateMany` reads a compact JSON line (JSON.parse, src/batch/many.ts
 * `plainJson`) is taken only when it gives the document the reader gives (readDocument, which
 * keeps numbers as their text): the same keys in the same order, the same strings, and numbers
 * whose text is the one the reader keeps. Anything it is not sure of it leaves to the reader.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainJson } from '../src/batch/many.js';
import { readDocument } from '../src/source/document.js';
import { DEFAULT_LIMITS } from '../src/source/limits.js';

/** A value with its numbers as the reader keeps them: their text. */
function asRead(v: unknown): unknown {
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map(asRead);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) Object.defineProperty(out, k, { value: asRead((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

/** Number texts of every kind JSON allows: plain, with a trailing zero, an exponent, -0, 16+ digits, tiny. */
const numberText = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.tuple(fc.integer({ min: -9999, max: 9999 }), fc.nat({ max: 99999 })).map(([i, f]) => `${i}.${f}`),
  fc.constantFrom('0', '-0', '-0.0', '1.50', '90.0', '9e1', '1E2', '1e-7', '0.0000001', '0.000001', '0.1', '123456789012345', '1234567890123456', '12345678901234567890', '0.30000000000000004', '100', '1.0000000000000000001', '-12.5', '1e+2', '2E-3', '01', '1.', '.5', '+1', '-', 'NaN', '1.5e', '0.0000010', '-0.5', '999999999999999', '0.000001', '1000000000000000'),
);
const key = fc.oneof(fc.constantFrom('values', 'meta', '在职人数', '1', '2', '10', '__proto__', 'a b', 'x:', '"', '\\'), fc.string({ maxLength: 4 }));
const str = fc.oneof(fc.constantFrom('优秀', '时间:1.50', ',12.0', '[1e5', 'a\u2028b', 'tab\there', '\ud83d\ude00', '"q"', 'back\\slash', '__proto__', ''), fc.string({ maxLength: 6 }));
const space = fc.constantFrom('', '', '', ' ', '  ');

/** JSON texts, most of them valid, written in any of the ways JSON allows (and a few it does not). */
const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string; object: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numberText,
    str.map((s) => JSON.stringify(s)),
    str.map((s) => JSON.stringify(s).replace(/[a-z]/, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)),
    fc.constantFrom('true', 'false', 'null'),
    fc.array(tie('value'), { maxLength: 4 }).chain((xs) => space.map((s) => `[${s}${xs.join(`,${s}`)}]`)),
    tie('object'),
  ),
  object: fc
    .array(fc.tuple(key, tie('value'), space), { maxLength: 5 })
    .chain((entries) => fc.boolean().map((dup) => (dup && entries.length ? [...entries, entries[0]!] : entries)))
    .map((entries) => `{${entries.map(([k, v, s]) => `${JSON.stringify(k)}${s}:${s}${v}`).join(',')}}`),
})).object;

describe('reading a compact JSON line the short way', () => {
  it('gives exactly the document readDocument gives, numbers as their text, or leaves the line to it', () => {
    let short = 0;
    fc.assert(
      fc.property(jsonText, (text) => {
        const v = plainJson(text, DEFAULT_LIMITS);
        if (v === undefined) return;
        short++;
        const read = readDocument(text, DEFAULT_LIMITS);
        expect(read.ok).toBe(true);
        if (!read.ok) return;
        // Same keys in the same order, same strings, and each number's text the reader's.
        expect(JSON.stringify(asRead(v))).toBe(JSON.stringify(read.doc.value));
      }),
      { numRuns: 3000 },
    );
    // The property says something only if the short way is taken often.
    expect(short).toBeGreaterThan(300);
  });

  it('takes the compact lines finance systems write, and leaves what it cannot be sure of', () => {
    const ok = '{"meta":{"id":"D1"},"values":{"在职人数":31,"满意度":"95.34","资金结余":-12.5},"assessments":{"预算管理":{"items":{"1":true,"2":false}}}}';
    expect(plainJson(ok, DEFAULT_LIMITS)).toStrictEqual(JSON.parse(ok));
    const spaced = '{"values" : {"在职人数": 31, "满意度" :"95.34"}}';
    expect(plainJson(spaced, DEFAULT_LIMITS)).toStrictEqual(JSON.parse(spaced));
    for (const [bad, why] of [
      ['{"values":{"a":1.50}}', 'a trailing zero: the reader keeps 1.50'],
      ['{"values":{"a":9e1}}', 'an exponent'],
      ['{"values":{"a":-0}}', '-0'],
      ['{"values":{"a":0.0000001}}', 'String(1e-7) is 1e-7'],
      ['{"values":{"a":1234567890123456}}', '16 digits'],
      ['{"values":{"a":1,"a":2}}', 'a key twice: the reader says so, JSON.parse keeps the last'],
      ['{"values":{"a":"\\u0031"}}', 'an escape'],
      ['{"meta":{"__proto__":{}}}', '__proto__'],
      ['{"values":{"a":"\t"}}', 'a tab'],
      ['{"a" :1,"b": 2,"a":3}', 'a key twice, spaced'],
      ['[1]', 'not an object'],
    ] as const) expect(plainJson(bad, DEFAULT_LIMITS), why).toBeUndefined();
  });

  it('keeps within the depth and node limits the reader enforces', () => {
    const deep = `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`;
    expect(plainJson(deep, DEFAULT_LIMITS)).toBeUndefined();
    const wide = `{"a":[${Array(DEFAULT_LIMITS.maxNodes / 4).fill('1').join(',')}]}`;
    expect(plainJson(wide, DEFAULT_LIMITS)).toBeUndefined();
    const fine = `{"a":[${Array(100).fill('1').join(',')}]}`;
    expect(plainJson(fine, DEFAULT_LIMITS)).toStrictEqual(JSON.parse(fine));
  });
});
