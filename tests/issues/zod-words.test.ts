import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { bundledRubricSource, safeLoadRubric, type Issue } from '../../src/index.js';
import { loadBundledMonitoring, safeMonitor } from '../../src/entries/monitor.js';

/** zod's own English sentences ("Invalid string: must match pattern …", "Too big: expected …"). */
const ZOD_WORDS = /Invalid|Too (big|small)|Unrecognized|must match|expected (string|number|boolean|object|array)/;

/** The Chinese message with the text that was received (quoted, as written by the author) taken out. */
const said = (i: Issue): string => {
  const received = (i.params as Record<string, unknown> | undefined)?.received;
  return typeof received === 'string' && received ? i.message.split(received).join('') : i.message;
};

const errorsOf = (text: string): Issue[] => {
  const r = safeLoadRubric(text);
  return r.success ? [] : r.issues;
};

describe("an author's mistake is said in Chinese, whatever check of the rubric schema caught it", () => {
  const base = bundledRubricSource('hunan-department')!;

  it('precision: x — 得分保留小数位数 must be a whole number from 0 to 6', () => {
    const issues = errorsOf(base.replace(/^precision: 2$/m, 'precision: x'));
    expect(issues.map((i) => [i.code, i.path.join('.'), i.message, i.messageEn])).toEqual([
      ['invalid_value', 'precision', '取值无效：应为0 到 6 的整数，实际为“x”', 'expected a whole number from 0 to 6, received "x"'],
    ]);
  });

  it.each([['"7"'], ['"-1"'], ['"1.5"'], ['" 2"']])('precision: %s (text) is refused in the same words', (v) => {
    const issues = errorsOf(base.replace(/^precision: 2$/m, `precision: ${v}`));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/^取值无效：应为0 到 6 的整数，实际为/);
  });

  // Every place a value can stand in a real rubric, given a value of the wrong shape.
  const paths: (string | number)[][] = [];
  const collect = (v: unknown, path: (string | number)[]) => {
    if (path.length) paths.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => collect(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) collect(x, [...path, k]);
  };
  const doc = parse(base) as Record<string, unknown>;
  collect(doc, []);
  const junk = fc.oneof(
    fc.string({ maxLength: 6 }), fc.constantFrom('x', '-1', '1e999', '0x10', '', ' ', '１２', '7', 'abc@d', 'NaN'),
    fc.integer({ min: -100, max: 1000 }), fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.boolean(), fc.constant(null),
    fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }), fc.dictionary(fc.constantFrom('a', 'kind', 'max', 'min'), fc.string({ maxLength: 3 }), { maxKeys: 2 }),
  );

  it("no message carries zod's English, at any path, for any value (a property)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths), junk, (path, value) => {
        const copy = structuredClone(doc);
        let at: Record<string | number, unknown> = copy;
        for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
        at[path[path.length - 1]!] = value;
        for (const i of errorsOf(stringify(copy))) {
          expect(said(i), `${i.path.join('.')}: ${i.message}`).not.toMatch(ZOD_WORDS);
          expect(i.message).toMatch(/[\u4e00-\u9fff]/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each([['0'], ['7.5'], ['"七"']])('a monitoring period through: %s is said as the whole number it must be', (v) => {
    const r = safeMonitor(loadBundledMonitoring('project-monitoring'), `{"monitor":{"through":${v},"budget":"81","spent":"37.8"},"rows":{}}`);
    expect(r.success).toBe(false);
    const said = (r as { issues: Issue[] }).issues.find((i) => i.path.join('.') === 'monitor.through');
    expect(said?.message).toMatch(/^取值无效：应为1 到 \d+ 之间的整数，实际为/);
  });
});
