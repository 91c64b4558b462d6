/**
 * A figure given as a JSON number is read by the compiled reader exactly as its text: the value
 * of `String(x)` — 95.3 is 953 tenths, not the binary double — whether the reader prints it or
 * finds its digits without printing (a short decimal), and a number whose text is not a plain
 * decimal (1e-7, 1e21) is left to validateInput. The oracle is the text itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRubric, safeEvaluate } from '../src/index.js';
import { readInput } from '../src/evaluate/read.js';
import { DEFAULT_LIMITS } from '../src/source/limits.js';

const rubric = loadRubric({
  id: 'figures',
  name: '数字',
  inputs: { 数值: { type: 'number' } },
  indicators: [{ id: '指标', name: '指标', max: 10, rule: { kind: 'formula', score: 'min(10, max(0, 数值))' } }],
});
const PLAIN = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,24})?$/;
const read = (x: number) => readInput(rubric, { values: { 数值: x } }, DEFAULT_LIMITS)?.values.get('数值')?.toPlain();

describe('a JSON number is read as its text', () => {
  it('hand-picked: 95.3, 0.1 + 0.2, 1e-6, 1e-7, 123456789.123456, 0.000001234, −2.5', () => {
    expect(read(95.3)).toBe('95.3');
    expect(read(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(read(1e-6)).toBe('0.000001');
    expect(read(1e-7)).toBeUndefined();
    expect(read(123456789.123456)).toBe('123456789.123456');
    expect(read(0.000001234)).toBe('0.000001234');
    expect(read(-2.5)).toBe('-2.5');
  });
  const decimals = fc.tuple(fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), fc.integer({ min: 0, max: 9 })).map(([m, k]) => Number(`${m}e-${k}`));
  it('any double, and doubles written as short decimals: the value of String(x), or left to validateInput', () => {
    fc.assert(
      fc.property(fc.oneof(decimals, fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e16, max: 1e16 })), (x) => {
        const text = String(x);
        const got = read(x);
        if (!PLAIN.test(text)) {
          expect(got).toBeUndefined();
          return;
        }
        expect(got).toBe(text === '-0' ? '0' : text);
        // And validateInput, reading the same figure, scores it alike.
        const r = safeEvaluate(rubric, { values: { 数值: x } });
        const viaText = safeEvaluate(rubric, `{"values": {"数值": ${text}}}`);
        expect(JSON.stringify(r)).toBe(JSON.stringify(viaText));
      }),
      { numRuns: 2000 },
    );
  });
});
