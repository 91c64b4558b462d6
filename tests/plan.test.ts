/**
 * The compiled input reader (src/evaluate/read.ts) against the validator (input.ts): jixiao is
 * loaded a second time with the reader turned off, so that every input goes through
 * validateInput, and the JSON of `safeEvaluate` — scores, reasons, figures, issues with their
 * paths and positions, warnings — must be the same string. Over every bundled rubric with
 * generated inputs, generated rubrics of every rule kind, and inputs broken on purpose so that
 * the reader hands them over.
 *
 * (Until 0.2 this compared the compiled plan with the evaluator it replaced, kept in
 * tests/legacy: identical on the examples and on 100 000 generated inputs per bundled rubric,
 * each as given and broken in 32 ways, before that evaluator was removed.)
 *
 * Sizes: JIXIAO_PLAN_RUNS inputs per bundled rubric (default 3 000 here;
 * `npm run bench:differential` runs 150 000 per rubric); seed printed, replay with JIXIAO_PLAN_SEED.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { bundledRubricIds, loadBundledRubric, loadRubric, safeEvaluate, type EvaluationInput, type Rubric } from '../src/index.js';
import { arbitraryInput, arbitraryRubricDocument } from '../src/testing/index.js';
import { readInput } from '../src/evaluate/read.js';
import { validateInput } from '../src/evaluate/input.js';
import { DEFAULT_LIMITS } from '../src/source/limits.js';

vi.resetModules();
vi.doMock('../src/evaluate/read.js', () => ({ readInput: () => undefined }));
const validatorOnly: typeof import('../src/index.js') = await import('../src/index.js');
vi.doUnmock('../src/evaluate/read.js');

const RUNS = Number(process.env.JIXIAO_PLAN_RUNS ?? 3000);
const SEED = Number(process.env.JIXIAO_PLAN_SEED ?? process.env.JIXIAO_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`plan seed ${SEED} — replay with JIXIAO_PLAN_SEED=${SEED}`);

const json = (x: unknown) => JSON.stringify(x);
const same = (rubric: Rubric, other: Rubric, input: unknown) => {
  const now = json(safeEvaluate(rubric, input as EvaluationInput));
  const before = json(validatorOnly.safeEvaluate(other, input as EvaluationInput));
  return now === before ? undefined : { now, before };
};

/** Ways a finance system or a person gets an input wrong, each applied to a valid input. */
type Edit = (input: Record<string, any>, pick: number) => void;
const keyOf = (o: Record<string, unknown> | undefined, pick: number) => {
  const keys = Object.keys(o ?? {});
  return keys.length ? keys[pick % keys.length] : undefined;
};
const onValue = (f: (v: unknown) => unknown): Edit => (input, pick) => {
  const k = keyOf(input.values, pick);
  if (k !== undefined) input.values[k] = f(input.values[k]);
};
const onAssessment = (f: (a: Record<string, unknown>) => void): Edit => (input, pick) => {
  const k = keyOf(input.assessments, pick);
  if (k !== undefined) f(input.assessments[k]);
};
/** An edit of one row of a project form (the pick-th of the pick-th section), given with its list. */
const onRow = (f: (row: Record<string, unknown>, rows: unknown[], index: number) => void): Edit => (input, pick) => {
  const k = keyOf(input.rows, pick);
  const rows = k === undefined ? undefined : (input.rows[k] as Record<string, unknown>[]);
  if (rows?.length) f(rows[pick % rows.length]!, rows, pick % rows.length);
};
const EDITS: [string, Edit][] = [
  ['as given', () => {}],
  ['figure as a JSON number', onValue((v) => (typeof v === 'string' ? Number(v) : v))],
  ['figure with spaces', onValue((v) => ` ${String(v)} `)],
  ['figure with %', onValue((v) => `${String(v)}%`)],
  ['figure with a leading zero', onValue((v) => `0${String(v)}`)],
  ['figure in exponent form', onValue((v) => `${String(v)}e0`)],
  ['figure -0', onValue(() => '-0.0')],
  ['figure null', onValue(() => null)],
  ['figure not a number', onValue(() => true)],
  ['figure far out of range', onValue(() => '-5')],
  ['figure with decimals', onValue((v) => `${String(v)}.5`)],
  ['figure left out', (input, pick) => {
    const k = keyOf(input.values, pick);
    if (k !== undefined) delete input.values[k];
  }],
  ['unknown figure', (input) => { (input.values ??= {}).不存在的数 = 1; }],
  ['__proto__ figure', (input) => { Object.defineProperty((input.values ??= {}), '__proto__', { value: 1, enumerable: true }); }],
  ['assessment left out', (input, pick) => {
    const k = keyOf(input.assessments, pick);
    if (k !== undefined) delete input.assessments[k];
  }],
  ['unknown assessment', (input) => { (input.assessments ??= {}).不存在的指标 = { score: 1 }; }],
  ['score as text', onAssessment((a) => { if (a.score !== undefined) a.score = String(a.score); })],
  ['score not a number', onAssessment((a) => { if (a.score !== undefined) a.score = 'abc'; })],
  ['score over the max', onAssessment((a) => { if (a.score !== undefined) a.score = 1000; })],
  ['reason dropped', onAssessment((a) => { delete a.reason; })],
  ['reason blank', onAssessment((a) => { a.reason = ' '; })],
  ['item flipped', onAssessment((a) => {
    const k = keyOf(a.items as Record<string, unknown>, 0);
    if (k !== undefined) (a.items as Record<string, unknown>)[k] = !(a.items as Record<string, boolean>)[k];
  })],
  ['item as text', onAssessment((a) => {
    const k = keyOf(a.items as Record<string, unknown>, 0);
    if (k !== undefined) (a.items as Record<string, unknown>)[k] = 'yes';
  })],
  ['unknown item', onAssessment((a) => { if (a.items) (a.items as Record<string, unknown>).z = true; })],
  ['marked 不适用', onAssessment((a) => { a.notApplicable = true; })],
  ['marked 不适用 alone', (input, pick) => {
    const k = keyOf(input.assessments, pick);
    if (k !== undefined) input.assessments[k] = { notApplicable: true, reason: '本年度无此项' };
  }],
  ['unknown field', onAssessment((a) => { a.note = 'x'; })],
  ['meta', (input) => { input.meta = { 单位: '某局', 年度: 2021, 附件: [1, { a: null }] }; }],
  ['meta not a record', (input) => { input.meta = 'x'; }],
  ['$schema', (input) => { input.$schema = '../input.schema.json'; }],
  ['unknown section', (input) => { input.extra = {}; }],
  ['veto', (input) => { input.vetoes = { 不存在: '原因' }; }],
  ['a Date', onValue(() => new Date(0))],
  // The rows of a project form (a no-op on other rubrics).
  ['row actual as a JSON number', onRow((r) => { if (typeof r.actual === 'string' && /^\d+(\.\d+)?$/.test(r.actual)) r.actual = Number(r.actual); })],
  ['row actual with spaces', onRow((r) => { if (r.actual !== undefined) r.actual = ` ${String(r.actual)} `; })],
  ['row actual in another unit', onRow((r) => { if (r.actual !== undefined) r.actual = `${String(r.actual)}吨`; })],
  ['row actual in exponent form', onRow((r) => { if (r.actual !== undefined) r.actual = `${String(r.actual)}e0`; })],
  ['row actual with a leading zero', onRow((r) => { if (r.actual !== undefined) r.actual = `0${String(r.actual)}`; })],
  ['row actual -0.0', onRow((r) => { if (r.actual !== undefined) r.actual = '-0.0'; })],
  ['row actual left out', onRow((r) => { delete r.actual; })],
  ['row 档 written in the actual column', onRow((r) => { if (r.level !== undefined) (r.actual = `${String(r.level)}预期指标`), delete r.level; })],
  ['row 档 disagreeing with the actual column', onRow((r) => { if (r.level !== undefined) r.actual = r.level === '达成' ? '未达成' : '达成'; })],
  ['row level on a figure', onRow((r) => { if (r.actual !== undefined) r.level = '达成'; })],
  ['row level unknown', onRow((r) => { r.level = '优'; })],
  ['row score as a JSON number', onRow((r) => { if (typeof r.score === 'string') r.score = Number(r.score); })],
  ['row score off the grid', onRow((r) => { if (r.score !== undefined) r.score = `${String(r.score)}.001`; })],
  ['row score left out', onRow((r) => { delete r.score; })],
  ['row weight as a JSON number', onRow((r) => { r.weight = Number(r.weight); })],
  ['row weight with spaces', onRow((r) => { r.weight = ` ${String(r.weight)}`; })],
  ['row weight off the grid', onRow((r) => { r.weight = `${String(r.weight)}.001`; })],
  ['row weight negative', onRow((r) => { r.weight = `-${String(r.weight)}`; })],
  ['row weight left out', onRow((r) => { delete r.weight; })],
  ['row target as a JSON number', onRow((r) => { if (typeof r.target === 'string' && /^\d+$/.test(r.target)) r.target = Number(r.target); })],
  ['row target in 指标性质 and 度量单位 columns', onRow((r) => {
    const m = /^≥(\d+)(.*)$/.exec(String(r.target));
    if (m) (r.nature = '≥'), (r.target = m[1]), (r.unit = m[2]);
  })],
  ['row target left out', onRow((r) => { delete r.target; })],
  ['row target unreadable', onRow((r) => { r.target = '≥5O人'; })],
  ['row group with spaces', onRow((r) => { r.group = ` ${String(r.group)} `; })],
  ['row group blank', onRow((r) => { r.group = ' '; })],
  ['row name empty', onRow((r) => { r.name = ''; })],
  ['row reason not text', onRow((r) => { r.reason = 1; })],
  ['row unknown field', onRow((r) => { r.note = 'x'; })],
  ['row __proto__ field', onRow((r) => { Object.defineProperty(r, '__proto__', { value: 1, enumerable: true }); })],
  ['row dropped', (input, pick) => {
    const k = keyOf(input.rows, pick);
    if (k !== undefined) input.rows[k].splice(pick % input.rows[k].length, 1);
  }],
  ['rows of a section left out', (input, pick) => {
    const k = keyOf(input.rows, pick);
    if (k !== undefined) input.rows[k] = [];
  }],
  ['rows of an unknown section', (input) => { if (input.rows) input.rows.不存在的指标 = []; }],
  ['a row not a mapping', onRow((_r, rows, i) => { rows[i] = ['x']; })],
];
const arbitraryEdit = fc.tuple(fc.integer({ min: 0, max: EDITS.length - 1 }), fc.nat(50));
const clone = (x: unknown) => structuredClone(x) as Record<string, any>;

describe('the compiled reader scores exactly as the validator reads', () => {
  it('is really turned off in the second copy', () => {
    const text = readFileSync(new URL('../examples/yunxi-2021/input.json', import.meta.url), 'utf8');
    const rubric = validatorOnly.loadBundledRubric('hunan-department');
    expect(validatorOnly.safeEvaluate(rubric, JSON.parse(text)).success).toBe(true);
    expect(readInput(loadBundledRubric('hunan-department'), JSON.parse(text), DEFAULT_LIMITS)).toBeDefined();
  });

  it('a checklist rated item by item (优/良) is given levels, never true or false: the reader leaves it to the validator, level_unknown', () => {
    const source = ['id: rated', 'name: 逐项评等级', 'version: "1"', 'indicators:', '  - id: 公开', '    name: 信息公开', '    max: 15', '    rule: { kind: checklist, items: [{ id: c1, text: 按规定公开预决算信息, points: 15 }], scale: [{ level: 优, share: 100 }, { level: 良, share: 60 }] }'].join('\n');
    const rubric = loadRubric(source);
    const other = validatorOnly.loadRubric(source);
    for (const v of [false, true]) {
      const input = { assessments: { 公开: { items: { c1: v } } } } as unknown as EvaluationInput;
      expect(readInput(rubric, input, DEFAULT_LIMITS)).toBeUndefined();
      const r = safeEvaluate(rubric, input);
      expect(r.success ? [] : r.issues.map((i) => [i.code, i.path])).toStrictEqual([['level_unknown', ['assessments', '公开', 'items', 'c1']]]);
      expect(same(rubric, other, input)).toBeUndefined();
    }
    expect(safeEvaluate(rubric, { assessments: { 公开: { items: { c1: '良' } } } } as unknown as EvaluationInput)).toMatchObject({ success: true, value: { total: '9' } });
  });

  it('on every example', () => {
    for (const [rubricFile, example] of [
      ['rubrics/hunan-department.yaml', 'yunxi-2021'],
      ['rubrics/kunming-department.yaml', 'kunming-2017'],
      ['examples/miluo-2017/rubric.yaml', 'miluo-2017'],
      ['examples/ezhou-2018/rubric.yaml', 'ezhou-2018'],
    ]) {
      const source = readFileSync(new URL(`../${rubricFile}`, import.meta.url), 'utf8');
      const rubric = loadRubric(source);
      const other = validatorOnly.loadRubric(source);
      const text = readFileSync(new URL(`../examples/${example}/input.json`, import.meta.url), 'utf8');
      expect(same(rubric, other, JSON.parse(text))).toBeUndefined();
      expect(same(rubric, other, text)).toBeUndefined();
    }
  });

  for (const id of bundledRubricIds) {
    it(`on ${RUNS} generated inputs of ${id}, as given and broken in ${EDITS.length - 1} ways`, () => {
      const rubric = loadBundledRubric(id);
      const other = validatorOnly.loadBundledRubric(id);
      let fast = 0;
      fc.assert(
        fc.property(arbitraryInput(rubric), arbitraryEdit, (input, [e, pick]) => {
          const broken = clone(input);
          EDITS[e]![1](broken, pick);
          if (readInput(rubric, broken, DEFAULT_LIMITS)) fast++;
          const d = same(rubric, other, broken);
          if (d) throw new Error(`${EDITS[e]![0]}: ${d.now.slice(0, 400)}\n≠ ${d.before.slice(0, 400)}`);
        }),
        { numRuns: RUNS, seed: SEED },
      );
      // The reader must take most of them: otherwise this compares the validator with itself.
      expect(fast).toBeGreaterThan(RUNS / 20);
    });
  }

  it('on generated rubrics of every rule kind, every 不适用 policy and precision', () => {
    fc.assert(
      fc.property(arbitraryRubricDocument().chain((doc) => {
        const rubric = loadRubric(doc);
        return fc.tuple(fc.constant(doc), fc.constant(rubric), fc.array(fc.tuple(arbitraryInput(rubric), arbitraryEdit), { minLength: 5, maxLength: 5 }));
      }), ([doc, rubric, inputs]) => {
        const other = validatorOnly.loadRubric(doc);
        for (const [input, [e, pick]] of inputs) {
          const broken = clone(input);
          EDITS[e]![1](broken, pick);
          const d = same(rubric, other, broken);
          if (d) throw new Error(`${EDITS[e]![0]}: ${d.now.slice(0, 400)}\n≠ ${d.before.slice(0, 400)}`);
        }
      }),
      { numRuns: Math.max(50, Math.round(RUNS / 10)), seed: SEED },
    );
  });

  it('the reader takes a valid input exactly as validateInput reads it', () => {
    const rubric = loadBundledRubric('hunan-department');
    const show = (v: ReturnType<typeof readInput>) =>
      v && {
        values: [...v.values].map(([k, x]) => [k, x.toPlain()]),
        assessments: [...v.assessments].map(([k, a]) => [k, { ...a, score: a.score?.toPlain() }]),
        vetoes: [...v.vetoes],
        bad: [...v.badValues, ...v.badAssessments],
      };
    fc.assert(
      fc.property(arbitraryInput(rubric), (input) => {
        const fast = readInput(rubric, input, DEFAULT_LIMITS);
        expect(fast).toBeDefined();
        expect(show(fast)).toEqual(show(validateInput(rubric, input).input));
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it('a figure written as text is read as validateInput reads it, or left to it: every text near a plain decimal', () => {
    // 满意度 (0–100) and 三公经费本年 (no range): texts of digits, '-', '.', a space, '+', 'e' and a
    // leading zero, up to 20 characters: the one-pass reader of short decimals (read.ts) and the
    // validator take the same value, or the reader leaves the text to the validator.
    const rubric = loadBundledRubric('hunan-department');
    const base = fc.sample(arbitraryInput(rubric, { notApplicable: false }), { numRuns: 1, seed: 7 })[0] as { values: Record<string, unknown> };
    expect(readInput(rubric, base, DEFAULT_LIMITS)).toBeDefined();
    const text = fc.array(fc.constantFrom('0', '1', '5', '9', '9', '3', '-', '.', ' ', '+', 'e', '07'), { minLength: 0, maxLength: 20 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom('满意度', '三公经费本年'), (t, name) => {
        const input = { ...base, values: { ...base.values, [name]: t } };
        const fast = readInput(rubric, input, DEFAULT_LIMITS);
        const slow = validateInput(rubric, input);
        if (fast) expect(fast.values.get(name)!.toPlain()).toBe(slow.input!.values.get(name)!.toPlain());
        // A plain decimal (no sign but '-', no space, no exponent, no leading zero) the validator takes is the reader's too.
        else if (slow.issues.length === 0 && /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/.test(t)) expect.fail(`the reader left the plain ${JSON.stringify(t)} to the validator`);
      }),
      { numRuns: 2000, seed: SEED },
    );
    // By hand: 16 digits and more go on to the longer reading; -0 is 0; 07, 1., .5, +1 are not read.
    for (const [t, plain] of [['-0', '0'], ['-0.0', '0'], ['0.50', '0.5'], ['123456789012345', '123456789012345'], ['1234567890.123456', '1234567890.123456'], ['99.99999999999999999', '99.99999999999999999']] as const) {
      const fast = readInput(rubric, { ...base, values: { ...base.values, 三公经费本年: t } }, DEFAULT_LIMITS);
      expect(fast?.values.get('三公经费本年')?.toPlain()).toBe(plain);
    }
    for (const t of ['07', '1.', '.5', '+1', '1e3', ' 1', '']) expect(readInput(rubric, { ...base, values: { ...base.values, 三公经费本年: t } }, DEFAULT_LIMITS)).toBeUndefined();
  });

  it('the reader reads each property once and keeps nothing the caller can change afterwards', () => {
    const rubric = loadBundledRubric('hunan-department');
    const input = JSON.parse(readFileSync(new URL('../examples/yunxi-2021/input.json', import.meta.url), 'utf8'));
    let reads = 0;
    Object.defineProperty(input.values, '在职人数', { get: () => (reads++, reads === 1 ? 31 : 99999), enumerable: true });
    const fast = readInput(rubric, input, DEFAULT_LIMITS)!;
    expect(reads).toBe(1);
    expect(fast.values.get('在职人数')!.toPlain()).toBe('31');
    const items = fast.assessments.get('预算管理制度健全性')!.items!;
    input.assessments.预算管理制度健全性.items['2'] = true;
    expect(items['2']).toBe(false);
  });
});
