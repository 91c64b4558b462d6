/**
 * The objects a result keys by a rubric's ids (src/evaluate/record.ts): filled in the ids' order,
 * each is the object `{}` filled key by key would be — the same keys in the same order, the same
 * values, own and plain — and each call gives a fresh one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordMaker, shapeMaker } from '../src/evaluate/record.js';

const filled = (o: Record<string, string>, keys: readonly string[]) => {
  keys.forEach((k, i) => (o[k] = `${i}.5`));
  return o;
};
const same = (keys: readonly string[]) => {
  const make = recordMaker(keys);
  const a = filled(make(), keys);
  const b = filled({}, keys);
  expect(Object.keys(a)).toStrictEqual(Object.keys(b));
  expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  expect(Object.getPrototypeOf(a)).toBe(Object.getPrototypeOf(b));
  // A fresh object each time: one result's scores are not another's.
  const c = make();
  expect(c).not.toBe(a);
  const k = keys.findIndex((x) => x !== '__proto__');
  if (k >= 0) {
    c[keys[k]!] = 'changed';
    expect(a[keys[k]!]).toBe(`${k}.5`);
  }
};

describe('recordMaker', () => {
  it('the Hunan sheet’s ids, a sheet of 100 and one of 5,000 ids: as if set one by one', () => {
    same(['预算编制', '财政供养人员控制率', '三公经费变动率', '重点支出安排率']);
    same(Array.from({ length: 100 }, (_, i) => `指标${i + 1}`));
    same(Array.from({ length: 101 }, (_, i) => `指标${i + 1}`));
    same(Array.from({ length: 5000 }, (_, i) => `指标${i + 1}`));
  });

  it('ids that are numbers (1, 2, 10) come first in number order, as on any object', () => {
    same(['b', '10', 'a', '2', '1']);
    expect(Object.keys(filled(recordMaker(['b', '10', 'a', '2'])(), ['b', '10', 'a', '2']))).toStrictEqual(['2', '10', 'b', 'a']);
  });

  it('an id __proto__ gives the object no prototype, as setting it on {} does not', () => {
    same(['a', '__proto__', 'b']);
    const o = filled(recordMaker(['__proto__'])(), ['__proto__']);
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
  });

  it('any distinct ids, any number of them: as if set one by one', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.oneof(fc.string(), fc.nat(200).map(String), fc.constantFrom('__proto__', 'constructor', 'toString', 'length')), { maxLength: 150 }), same), { numRuns: 300 });
  });
});

describe('shapeMaker', () => {
  it('its objects are plain objects, as {} is, in every way a caller can see', () => {
    const make = shapeMaker();
    const a = make();
    a.在职人数 = '31';
    a.编制人数 = '34';
    expect(a).toStrictEqual({ 在职人数: '31', 编制人数: '34' });
    expect(Object.getPrototypeOf(a)).toBe(Object.prototype);
    expect(a.constructor).toBe(Object);
    expect(Object.keys(a)).toStrictEqual(['在职人数', '编制人数']);
    expect(JSON.stringify(a)).toBe('{"在职人数":"31","编制人数":"34"}');
    expect(structuredClone(a)).toStrictEqual(a);
    expect(Object.prototype.toString.call(a)).toBe('[object Object]');
    // Each call a fresh one.
    expect(make()).toStrictEqual({});
    expect(make()).not.toBe(make());
  });

  it('thousands of makers, each with its own key, as {} would be', () => {
    const objects = Array.from({ length: 3000 }, (_, i) => {
      const o = shapeMaker()();
      o[`率${i}`] = String(i);
      return o;
    });
    objects.forEach((o, i) => expect(o).toStrictEqual({ [`率${i}`]: String(i) }));
  });
});
