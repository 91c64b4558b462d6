/**
 * The rows of a project form (项目支出绩效自评表) through the compiled reader (src/evaluate/read.ts)
 * and through validateInput (input.ts, readRows in src/project/rows.ts): on a valid form the
 * reader gives back exactly what validateInput reads — the same rows, field for field and in the
 * same order, figures equal by value and by their text — and on anything else it gives back
 * nothing, so that validateInput reads the form again and says what is wrong, in the same words
 * as when it reads every form (jixiao is loaded a second time with the reader turned off, as in
 * tests/plan.test.ts).
 *
 * Seed printed, replay with JIXIAO_PLAN_SEED.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { bundledRubricIds, bundledRubricSource, loadBundledRubric, loadRubric, safeEvaluate, type EvaluationInput, type Rubric } from '../src/index.js';
import { arbitraryInput } from '../src/testing/index.js';
import { readInput } from '../src/evaluate/read.js';
import { validateInput, type ValidInput } from '../src/evaluate/input.js';
import { Exact } from '../src/exact.js';
import { DEFAULT_LIMITS, type Limits } from '../src/source/limits.js';

vi.resetModules();
vi.doMock('../src/evaluate/read.js', () => ({ readInput: () => undefined }));
const validatorOnly: typeof import('../src/index.js') = await import('../src/index.js');
vi.doUnmock('../src/evaluate/read.js');

const SEED = Number(process.env.JIXIAO_PLAN_SEED ?? process.env.JIXIAO_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`plan-rows seed ${SEED} — replay with JIXIAO_PLAN_SEED=${SEED}`);

/**
 * The national form with 产出指标's 分值 scaled to its max and an empty 年度指标值 read as 不适用
 * there (no bundled rubric says either).
 */
const naSource = bundledRubricSource('project-self-evaluation')!.replace(
  /(id: 产出指标[\s\S]*?)rows: \{ weights: exact, empty: forbidden \}/,
  '$1rows: { weights: scaled, empty: forbidden, emptyTarget: not_applicable }',
);
if (naSource === bundledRubricSource('project-self-evaluation')) throw new Error('the variant of the national form was not made');
const PROJECT: [string, Rubric, Rubric][] = [
  ...bundledRubricIds.filter((id) => loadBundledRubric(id).plan.rowSections.length > 0).map((id): [string, Rubric, Rubric] => [id, loadBundledRubric(id), validatorOnly.loadBundledRubric(id)]),
  ['scaled 分值, empty 年度指标值 as 不适用', loadRubric(naSource), validatorOnly.loadRubric(naSource)],
];

/**
 * What was read, as plain data in its own order: every Exact as its text, Maps and Sets as
 * lists of entries, objects as lists of [key, value] (so a field out of place, or one left
 * `undefined` where the other has none, shows).
 */
const plain = (x: unknown): unknown => {
  if (x instanceof Exact) return `Exact ${x.toPlain()}`;
  if (x instanceof Map) return ['Map', [...x].map(([k, v]) => [k, plain(v)])];
  if (x instanceof Set) return ['Set', [...x]];
  if (Array.isArray(x)) return x.map(plain);
  if (x !== null && typeof x === 'object') return Object.entries(x).map(([k, v]) => [k, plain(v)]);
  return x;
};
/** Every Exact in what was read, in order. */
const exacts = (x: unknown, out: Exact[] = []): Exact[] => {
  if (x instanceof Exact) out.push(x);
  else if (x instanceof Map) for (const v of x.values()) exacts(v, out);
  else if (x !== null && typeof x === 'object') for (const v of Object.values(x)) exacts(v, out);
  return out;
};
/** The reader's input is validateInput's: the same shape and texts, and each figure equal by value. */
const expectSameInput = (whole: ValidInput, slow: ValidInput | undefined) => {
  // What the reader adds for the walk, read off what it read: whether anything is 不适用, and the
  // same assessments by the plan's order.
  // The reader's assessments by id are made from those by order, so they come in the plan's
  // order; validateInput's in the input's. Compared by id.
  const { someNotApplicable, assessmentAt } = whole;
  expect(someNotApplicable).toBe([...whole.assessments.values()].some((x) => x.notApplicable === true));
  const placed = (assessmentAt ?? []).filter((x) => x !== undefined);
  expect(placed.length).toBe(whole.assessments.size);
  for (const x of placed) expect([...whole.assessments.values()]).toContain(x);
  const fields = (v: ValidInput | undefined) =>
    v && { values: new Map(v.values), assessments: new Map([...v.assessments].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), vetoes: v.vetoes, badValues: v.badValues, badAssessments: v.badAssessments, rows: v.rows, badRows: v.badRows };
  const fast = fields(whole)!;
  expect(plain(fast)).toStrictEqual(plain(fields(slow)));
  const a = exacts(fast);
  const b = exacts(fields(slow));
  expect(a.length).toBe(b.length);
  a.forEach((x, i) => expect(x.eq(b[i]!), `${x.toPlain()} = ${b[i]!.toPlain()}`).toBe(true));
};

const json = (x: unknown) => JSON.stringify(x);
/** The whole result (scores, reasons, issues with their paths) with and without the reader. */
const expectSameResult = (rubric: Rubric, other: Rubric, input: unknown, limits?: Partial<Limits>) => {
  const opts = limits ? { limits } : {};
  expect(json(safeEvaluate(rubric, input as EvaluationInput, opts))).toBe(json(validatorOnly.safeEvaluate(other, input as EvaluationInput, opts)));
};

/** A value for one field of a row: some are what readRows takes, most are not. */
const arbitraryFieldValue = fc.constantFrom<unknown>(
  '95', 95, '95.50', 2.5, '0', '-0.0', -1, '-1', ' 95', '95 ', '95%', '95％', '95个', '9.5万件', '1e2', '+95', '095', '.5', '', ' ', '３',
  '≥95%', '95%-100%', '达成预期指标', '12月底之前完成', '≥5O人', '达成', '部分达成', '未达成', '未达成年度指标且效果较差', '优', '≥', '定性', '%',
  null, undefined, true, NaN, Infinity, 1e21, 0.1 + 0.2, [], {}, ['x'],
);
/** A field of a row, most often one that holds a figure. */
const arbitraryField = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('target', 'actual', 'weight', 'score') },
  { weight: 1, arbitrary: fc.constantFrom('group', 'name', 'nature', 'unit', 'level', 'reason', 'note', '__proto__') },
);

describe('the compiled reader reads the rows of a project form exactly as validateInput does', () => {
  for (const [id, rubric] of PROJECT) {
    it(`takes every generated valid form of ${id}, as validateInput reads it`, () => {
      fc.assert(
        fc.property(arbitraryInput(rubric), (input) => {
          const slow = validateInput(rubric, input);
          expect(slow.issues).toStrictEqual([]);
          const fast = readInput(rubric, input, DEFAULT_LIMITS);
          // Otherwise a project form would silently never take the fast path.
          expect(fast).toBeDefined();
          expectSameInput(fast!, slow.input);
        }),
        { numRuns: 200, seed: SEED },
      );
    });

    it(`on forms of ${id} with one field of one row changed: the same input as validateInput, or none`, () => {
      let fast = 0;
      let slowOnly = 0;
      fc.assert(
        fc.property(arbitraryInput(rubric), fc.nat(), arbitraryField, arbitraryFieldValue, (input, pick, field, value) => {
          const sections = Object.keys(input.rows ?? {});
          if (!sections.length) return;
          const rows = input.rows![sections[pick % sections.length]!]!;
          if (!rows.length) return;
          Object.defineProperty(rows[pick % rows.length], field, { value, enumerable: true, writable: true, configurable: true });
          const read = readInput(rubric, input, DEFAULT_LIMITS);
          const slow = validateInput(rubric, input);
          if (read === undefined) {
            if (slow.issues.length === 0) slowOnly++;
            return;
          }
          fast++;
          expect(slow.issues).toStrictEqual([]);
          expectSameInput(read, slow.input);
        }),
        { numRuns: 800, seed: SEED },
      );
      // Both sides are reached: changes the reader takes, and valid ones it leaves to validateInput.
      expect(fast).toBeGreaterThan(10);
      expect(slowOnly).toBeGreaterThan(0);
    });
  }
});

// ——— every way a row can be wrong, on the 汨罗市政务服务中心 2018 form ———
const rubric = loadBundledRubric('project-self-evaluation');
const other = validatorOnly.loadBundledRubric('project-self-evaluation');
const miluo = readFileSync(new URL('../examples/miluo-2018-project/input.json', import.meta.url), 'utf8');
type Form = { values: Record<string, unknown>; rows: Record<string, unknown>; meta?: unknown };
const form = (): Form => JSON.parse(miluo);
/** 产出指标 row 0: 服务大厅办事正确率, 100% against 100%, 分值 6. Row 4: a 时效 row, 达成, 6 of 6. */
type Row = Record<string, unknown>;
const row = (f: Form, i: number) => (f.rows.产出指标 as Row[])[i]!;
const AT = (i: number, field?: string) => (field === undefined ? ['rows', '产出指标', i] : ['rows', '产出指标', i, field]);

const WRONG: [string, (f: Form) => void, string, (string | number)[]][] = [
  ['a key no row has', (f) => void (row(f, 0).备注 = 'x'), 'unknown_key', AT(0, '备注')],
  ['no 三级指标 name', (f) => void delete row(f, 0).name, 'missing_key', AT(0, 'name')],
  ['an empty name', (f) => void (row(f, 0).name = ''), 'invalid_value', AT(0, 'name')],
  ['a name that is a number', (f) => void (row(f, 0).name = 5), 'invalid_type', AT(0, 'name')],
  ['no 分值', (f) => void delete row(f, 0).weight, 'missing_key', AT(0, 'weight')],
  ['a 分值 in words', (f) => void (row(f, 0).weight = '六'), 'invalid_number', AT(0, 'weight')],
  ['a negative 分值', (f) => void (row(f, 0).weight = '-6'), 'invalid_number', AT(0, 'weight')],
  ['a 分值 off the sheet’s grid', (f) => void (row(f, 0).weight = '6.001'), 'invalid_value', AT(0, 'weight')],
  ['a 分值 true', (f) => void (row(f, 0).weight = true), 'invalid_type', AT(0, 'weight')],
  ['a 分值 NaN', (f) => void (row(f, 0).weight = Number.NaN), 'invalid_number', AT(0, 'weight')],
  ['a 分值 Infinity', (f) => void (row(f, 0).weight = Number.POSITIVE_INFINITY), 'invalid_number', AT(0, 'weight')],
  ['no 年度指标值', (f) => void delete row(f, 0).target, 'row_target_missing', AT(0, 'target')],
  ['a blank 年度指标值', (f) => void (row(f, 0).target = ' '), 'row_target_missing', AT(0, 'target')],
  ['a 年度指标值 with a letter for a digit', (f) => void (row(f, 0).target = '≥5O人'), 'row_target_invalid', AT(0, 'target')],
  ['a 年度指标值 true', (f) => void (row(f, 0).target = true), 'invalid_type', AT(0, 'target')],
  ['a 指标性质 not on the form', (f) => void (row(f, 0).nature = '大于'), 'invalid_value', AT(0, 'nature')],
  ['a 度量单位 that is a number', (f) => void (row(f, 0).unit = 5), 'invalid_type', AT(0, 'unit')],
  ['no 实际完成值', (f) => void delete row(f, 0).actual, 'row_actual_missing', AT(0, 'actual')],
  ['an empty 实际完成值', (f) => void (row(f, 0).actual = ''), 'row_actual_missing', AT(0, 'actual')],
  ['a 实际完成值 with a comparison', (f) => void (row(f, 0).actual = '≥100'), 'row_actual_invalid', AT(0, 'actual')],
  ['a 实际完成值 in words', (f) => void (row(f, 0).actual = '全部办结'), 'row_actual_invalid', AT(0, 'actual')],
  ['a 实际完成值 in another unit', (f) => void (row(f, 0).actual = '100个'), 'row_unit_mismatch', AT(0, 'actual')],
  ['a 实际完成值 of 1e400', (f) => void (row(f, 0).actual = '1e400'), 'invalid_number', AT(0, 'actual')],
  ['a 档 on a 定量 row', (f) => void (row(f, 0).level = '达成'), 'row_invalid', AT(0, 'level')],
  ['a score on a 定量 row', (f) => void (row(f, 0).score = 6), 'row_invalid', AT(0, 'score')],
  ['a 档 not on the form', (f) => void (row(f, 0).level = '优'), 'invalid_value', AT(0, 'level')],
  ['a 二级指标 that is a number', (f) => void (row(f, 0).group = 5), 'invalid_type', AT(0, 'group')],
  ['a 偏差原因 that is a number', (f) => void (row(f, 0).reason = 5), 'invalid_type', AT(0, 'reason')],
  ['a 时效 row with no 档', (f) => void delete row(f, 4).level, 'row_level_missing', AT(4, 'level')],
  ['a 时效 row whose 档 and 实际完成值 disagree', (f) => void (row(f, 4).actual = '未达成'), 'row_invalid', AT(4, 'level')],
  ['a 时效 row with no score', (f) => void delete row(f, 4).score, 'missing_key', AT(4, 'score')],
  ['a 时效 row with a negative score', (f) => void (row(f, 4).score = '-1'), 'invalid_number', AT(4, 'score')],
  ['a 时效 row with a score off the grid', (f) => void (row(f, 4).score = '5.555'), 'assessment_invalid', AT(4, 'score')],
  ['a 时效 row with a score in words', (f) => void (row(f, 4).score = '满分'), 'invalid_number', AT(4, 'score')],
  ['a row that is a list', (f) => void ((f.rows.产出指标 as unknown[])[0] = ['x']), 'invalid_type', AT(0)],
  ['a row left as a hole', (f) => void delete (f.rows.产出指标 as unknown[])[1], 'invalid_type', AT(1)],
  ['a row short: 分值 adding up to 45 of 50', (f) => void (f.rows.产出指标 as unknown[]).splice(8, 1), 'row_weights_mismatch', ['rows', '产出指标']],
  ['a section with no rows', (f) => void (f.rows.产出指标 = []), 'rows_missing', ['rows', '产出指标']],
  ['a section that is not a list', (f) => void (f.rows.产出指标 = 'x'), 'invalid_type', ['rows', '产出指标']],
  ['a section the rubric does not have', (f) => void (f.rows.其他指标 = []), 'rows_unknown_section', ['rows', '其他指标']],
  ['rows that are a list', (f) => void (f.rows = [] as never), 'invalid_type', ['rows']],
];

describe('every way a row can be wrong: the reader reads no input, and validateInput says what is wrong, as before', () => {
  it('the form as filed is read by the reader', () => {
    expect(readInput(rubric, form(), DEFAULT_LIMITS)).toBeDefined();
    expectSameInput(readInput(rubric, form(), DEFAULT_LIMITS)!, validateInput(rubric, form()).input);
  });

  for (const [what, edit, code, path] of WRONG) {
    it(what, () => {
      const f = form();
      edit(f);
      expect(readInput(rubric, f, DEFAULT_LIMITS)).toBeUndefined();
      const r = safeEvaluate(rubric, f as unknown as EvaluationInput);
      expect(r.success).toBe(false);
      expect(r.success ? [] : r.issues.map((i) => [i.code, i.path])).toContainEqual([code, path]);
      expectSameResult(rubric, other, f);
    });
  }

  it('where 分值 are scaled and an empty 年度指标值 is 不适用 (产出指标 of the variant): a negative 分值 or one off the grid is still wrong; a row short, or with no 年度指标值, is not', () => {
    const [, scaled, scaledOther] = PROJECT.at(-1)!;
    for (const [edit, wrong] of [
      [(f: Form) => void (row(f, 0).weight = '-6'), ['invalid_number', AT(0, 'weight')]],
      [(f: Form) => void (row(f, 0).weight = -6), ['invalid_number', AT(0, 'weight')]],
      [(f: Form) => void (row(f, 0).weight = '6.001'), ['invalid_value', AT(0, 'weight')]],
      // No 年度指标值: 不适用, and nothing else of the row is read (not even an actual that is no figure).
      [(f: Form) => void Object.assign(row(f, 0), { target: '', actual: 'x' }), undefined],
      [(f: Form) => void delete row(f, 0).target, undefined],
      [(f: Form) => void (row(f, 0).target = ' '), undefined],
      [(f: Form) => void (f.rows.产出指标 as unknown[]).splice(8, 1), undefined],
      [(f: Form) => void (row(f, 0).weight = 0), undefined],
    ] as [(f: Form) => void, [string, unknown[]] | undefined][]) {
      const f = form();
      edit(f);
      const fast = readInput(scaled, f, DEFAULT_LIMITS);
      const r = safeEvaluate(scaled, f as unknown as EvaluationInput);
      if (wrong) {
        expect(fast).toBeUndefined();
        expect(r.success ? [] : r.issues.map((i) => [i.code, i.path])).toContainEqual(wrong);
      } else {
        expect(r.success).toBe(true);
        expectSameInput(fast!, validateInput(scaled, f).input);
      }
      expectSameResult(scaled, scaledOther, f);
    }
  });

  it('a `__proto__` key in a row (as JSON.parse makes it): forbidden_key', () => {
    const text = miluo.replace('"name": "服务大厅办事正确率"', '"name": "服务大厅办事正确率", "__proto__": { "weight": 1 }');
    expect(readInput(rubric, JSON.parse(text), DEFAULT_LIMITS)).toBeUndefined();
    const r = safeEvaluate(rubric, JSON.parse(text));
    expect(r.success ? [] : r.issues.map((i) => [i.code, i.path])).toContainEqual(['forbidden_key', [...AT(0), '__proto__']]);
    expectSameResult(rubric, other, JSON.parse(text));
    expectSameResult(rubric, other, text);
  });

  it('a row that is a Date, a 实际完成值 whose getter throws, a row behind a proxy that throws: not_plain_data', () => {
    const cases: ((f: Form) => void)[] = [
      (f) => void ((f.rows.产出指标 as unknown[])[0] = new Date(0)),
      (f) => void Object.defineProperty(row(f, 0), 'actual', { get: () => { throw new Error('boom'); }, enumerable: true }),
      (f) => void ((f.rows.产出指标 as unknown[])[0] = new Proxy(row(f, 0), { ownKeys: () => { throw new Error('boom'); } })),
    ];
    for (const edit of cases) {
      const f = form();
      edit(f);
      expect(readInput(rubric, f, DEFAULT_LIMITS)).toBeUndefined();
      const r = safeEvaluate(rubric, f as unknown as EvaluationInput);
      expect(r.success ? [] : r.issues.map((i) => i.code)).toContain('not_plain_data');
      expectSameResult(rubric, other, f);
    }
  });

  it('figures validateInput reads but the reader leaves to it: spaces, a plus sign, exponent form, a trailing dot', () => {
    const cases: ((f: Form) => void)[] = [
      (f) => void (row(f, 0).actual = ' 100'),
      (f) => void (row(f, 0).actual = '+100'),
      (f) => void (row(f, 0).actual = '1e2'),
      (f) => void (row(f, 0).actual = '100.'),
      (f) => void (row(f, 0).weight = ' 6'),
      (f) => void (row(f, 4).score = '6 '),
    ];
    for (const edit of cases) {
      const f = form();
      edit(f);
      expect(readInput(rubric, f, DEFAULT_LIMITS)).toBeUndefined();
      expect(safeEvaluate(rubric, f as unknown as EvaluationInput).success).toBe(true);
      expectSameResult(rubric, other, f);
    }
  });

  it('what the reader does take: a unit after the 实际完成值, numbers as JSON numbers, 指标性质 and 度量单位 in columns, the 档 in the 实际完成值 column', () => {
    const cases: ((f: Form) => void)[] = [
      (f) => void (row(f, 0).actual = '100%'),
      (f) => void (row(f, 0).actual = '100％'),
      (f) => void (row(f, 0).actual = 100),
      (f) => void (row(f, 0).weight = '6.00'),
      (f) => void Object.assign(row(f, 2), { nature: '≥', target: '3800', unit: '项' }),
      // 67888件 against ≥6万件 is 6.7888万件.
      (f) => void (row(f, 3).actual = '6.7888万件'),
      (f) => void Object.assign(row(f, 4), { level: undefined, actual: '达成年度指标' }),
      (f) => void (row(f, 4).group = ' 时效指标 '),
    ];
    for (const edit of cases) {
      const f = form();
      edit(f);
      const fast = readInput(rubric, f, DEFAULT_LIMITS);
      expect(fast).toBeDefined();
      expectSameInput(fast!, validateInput(rubric, f).input);
      expectSameResult(rubric, other, f);
    }
  });

  it('a 定性 score outside its 档 is read, and scoring says so (row_level_out_of_range), as without the reader', () => {
    const f = form();
    row(f, 4).score = 3;
    expect(readInput(rubric, f, DEFAULT_LIMITS)).toBeDefined();
    const r = safeEvaluate(rubric, f as unknown as EvaluationInput);
    expect(r.success ? [] : r.issues.map((i) => [i.code, i.path])).toContainEqual(['row_level_out_of_range', AT(4, 'score')]);
    expectSameResult(rubric, other, f);
  });

  it('the limits, on both sides of each edge: values counted as snapshotPlainData counts them, rows nested four deep', () => {
    // Every value of the document, the root and each row field included: counted by hand here.
    const count = (x: unknown): number => 1 + (x !== null && typeof x === 'object' ? Object.values(x).reduce<number>((a, v) => a + count(v), 0) : 0);
    const nodes = count(form());
    for (const [limits, read] of [
      [{ maxNodes: nodes }, true],
      [{ maxNodes: nodes - 1 }, false],
      [{ maxDepth: 4 }, true],
      [{ maxDepth: 3 }, false],
    ] as [Partial<Limits>, boolean][]) {
      const all = { ...DEFAULT_LIMITS, ...limits };
      expect(readInput(rubric, form(), all) !== undefined, JSON.stringify(limits)).toBe(read);
      const r = safeEvaluate(rubric, form() as unknown as EvaluationInput, { limits });
      expect(r.success ? [] : r.issues.map((i) => i.code)).toStrictEqual(read ? [] : [limits.maxNodes ? 'too_many_nodes' : 'too_deep']);
      expectSameResult(rubric, other, form(), limits);
    }
  });

  it('reads each field of a row once and keeps nothing the caller can change afterwards', () => {
    const f = form();
    let reads = 0;
    Object.defineProperty(row(f, 2), 'actual', { get: () => (reads++, reads === 1 ? '3821项' : '1项'), enumerable: true });
    const fast = readInput(rubric, f, DEFAULT_LIMITS)!;
    expect(reads).toBe(1);
    const read = fast.rows.get('产出指标')![2]!;
    expect(read.actual!.toPlain()).toBe('3821');
    row(f, 2).reason = '改了';
    expect(read.reason).toBeUndefined();
  });

  it('a thousand and more different 年度指标值: each read as validateInput reads it', () => {
    for (let i = 1; i <= 1100; i++) {
      const f = form();
      Object.assign(row(f, 2), { target: `≥${i}项`, actual: `${i + (i % 3) - 1}项`, reason: '部分事项尚在编制' });
      const fast = readInput(rubric, f, DEFAULT_LIMITS);
      expect(fast).toBeDefined();
      expectSameInput(fast!, validateInput(rubric, f).input);
    }
  });
});
