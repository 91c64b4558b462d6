/**
 * The compiled totals scorer (src/evaluate/compiled.ts) against the full result: wherever it
 * answers, it answers the totals `evaluate` shows — total, max, grade, every indicator's score —
 * byte for byte; wherever it cannot score exactly and silently (不适用, a veto, a cap, a division
 * by zero, a figure past the safe integers, a judgement without its reason), it gives way and
 * `score` is the walk's. The full result is the oracle (itself checked against exact fractions in
 * tests/oracle). Expected scores in the edge cases are computed by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledRubricIds, evaluate, loadBundledRubric, loadRubric, safeEvaluate, safeScore, score, type IndicatorResult, type Rubric, type RubricDocumentInput, type ScoreTotals } from '../src/index.js';
import { compiledTotals, compiledTotalsBytes, compiledTotalsText, hasCompiledTotals } from '../src/evaluate/compiled.js';
import { scoreRecord, scoreRecordBytes } from '../src/batch/many.js';
import { DEFAULT_LIMITS } from '../src/source/limits.js';
import type { Issue } from '../src/issues/issue.js';
import { arbitraryInput, arbitraryRubricDocument } from '../src/testing/index.js';

const SEED = Number(process.env.JIXIAO_TOTALS_SEED ?? process.env.JIXIAO_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`compiled totals seed ${SEED} — replay with JIXIAO_TOTALS_SEED=${SEED}`);
const json = (x: unknown) => JSON.stringify(x);

/** The totals of a full result, read off the result alone. */
function totalsOf(rubric: Rubric, full: ReturnType<typeof evaluate>): ScoreTotals {
  const shown = new Map<string, string>();
  const visit = (nodes: readonly IndicatorResult[]) => {
    for (const n of nodes) {
      shown.set(n.id, n.score);
      if (n.children) visit(n.children);
    }
  };
  visit(full.indicators);
  const scores: Record<string, string> = {};
  for (const id of rubric.byId.keys()) scores[id] = shown.get(id)!;
  const t: ScoreTotals = { rubric: full.rubric, total: full.total, max: full.max, grade: full.grade, scores };
  if (full.failed) t.failed = true;
  return t;
}

/**
 * The compiled scorer on one input: undefined where it gives way; where it answers, the full
 * result scored the input with no warning, and the totals are its own. Returns whether it answered.
 */
function compiledAgrees(rubric: Rubric, input: unknown): boolean {
  const warnings: Issue[] = [];
  const fast = compiledTotals(rubric, input, DEFAULT_LIMITS, warnings);
  if (fast === undefined) return false;
  const full = safeEvaluate(rubric, input as never);
  expect(full.success).toBe(true);
  if (!full.success) return true;
  // The only warning it gives is percent_as_fraction, the walk's own, word for word.
  expect(json(warnings)).toBe(json(full.warnings));
  expect(json(fast)).toBe(json(totalsOf(rubric, full.value)));
  // And score gives the same bytes.
  expect(json(safeScore(rubric, input as never))).toBe(json({ success: true, value: fast, warnings }));
  return true;
}

const hunan = loadBundledRubric('hunan-department');
const DOC = { id: 'compiled', name: '测试评分表', grades: [{ grade: '优', min: 90 }, { grade: '良', min: 80 }, { grade: '中', min: 60 }, { grade: '差', min: 0 }] };
const sheet = (doc: Partial<RubricDocumentInput>): Rubric => loadRubric({ ...DOC, ...doc } as RubricDocumentInput);
/** The compiled scorer's totals of an input; fails the test where it gives way. */
const compiled = (rubric: Rubric, input: unknown): ScoreTotals => {
  expect(compiledAgrees(rubric, input)).toBe(true);
  return compiledTotals(rubric, input, DEFAULT_LIMITS)!;
};
/** The compiled scorer gives way, and score is the walk's (the same as evaluate's totals, or the same issues). */
const givesWay = (rubric: Rubric, input: unknown) => {
  expect(compiledTotals(rubric, input, DEFAULT_LIMITS, [])).toBeUndefined();
  const full = safeEvaluate(rubric, input as never);
  const totals = safeScore(rubric, input as never);
  expect(totals.success).toBe(full.success);
  if (full.success && totals.success) {
    expect(json(totals.value)).toBe(json(totalsOf(rubric, full.value)));
    expect(json(totals.warnings)).toBe(json(full.warnings));
  } else if (!full.success && !totals.success) expect(json(totals.issues)).toBe(json(full.issues));
};

describe('the compiled totals scorer answers what evaluate shows, or gives way', () => {
  it('compiles the rubrics of ordinary indicators, and not those with a policy it leaves to the walk', () => {
    expect(hasCompiledTotals(hunan)).toBe(true);
    expect(hasCompiledTotals(loadBundledRubric('hunan-county-department'))).toBe(true);
    expect(hasCompiledTotals(loadBundledRubric('kunming-department'))).toBe(true);
    // Project rows: the walk's.
    expect(hasCompiledTotals(loadBundledRubric('project-self-evaluation'))).toBe(false);
  });

  for (const id of bundledRubricIds) {
    it(`${id}: every generated input it answers, it answers as evaluate does`, () => {
      const rubric = loadBundledRubric(id);
      let answered = 0;
      fc.assert(
        fc.property(
          fc.record({ places: fc.integer({ min: 0, max: 4 }), notApplicable: fc.boolean() }).chain((o) => arbitraryInput(rubric, o)),
          (input) => {
            if (compiledAgrees(rubric, input)) answered++;
            if (compiledAgrees(rubric, JSON.parse(JSON.stringify(input)))) answered++;
          },
        ),
        { numRuns: 150, seed: SEED },
      );
      // Where it compiles, most valid inputs are scored by it.
      if (hasCompiledTotals(rubric)) expect(answered).toBeGreaterThan(60);
    });
  }

  it('generated rubrics without policies are compiled, and most of their inputs scored by it', () => {
    let rubrics = 0;
    let answered = 0;
    fc.assert(
      fc.property(
        arbitraryRubricDocument({ complete: true, policies: false, kinds: ['per_unit', 'bands', 'count', 'cases', 'checklist', 'judgement', 'formula'] }).chain((doc) => {
          const rubric = loadRubric(doc);
          return fc.tuple(fc.constant(rubric), fc.array(arbitraryInput(rubric, { notApplicable: false, vetoes: false }), { minLength: 4, maxLength: 4 }));
        }),
        ([rubric, inputs]) => {
          if (hasCompiledTotals(rubric)) rubrics++;
          for (const input of inputs) if (compiledAgrees(rubric, input)) answered++;
        },
      ),
      { numRuns: 120, seed: SEED },
    );
    expect(rubrics).toBeGreaterThan(60);
    expect(answered).toBeGreaterThan(120);
  });

  it('generated rubrics with every policy: where it answers, it answers alike', () => {
    fc.assert(
      fc.property(
        fc.boolean().chain((complete) => arbitraryRubricDocument({ complete, policies: true })).chain((doc) => {
          const rubric = loadRubric(doc);
          return fc.tuple(fc.constant(rubric), fc.array(arbitraryInput(rubric, { omitOptional: true }), { minLength: 4, maxLength: 4 }));
        }),
        ([rubric, inputs]) => {
          for (const input of inputs) compiledAgrees(rubric, input);
        },
      ),
      { numRuns: 120, seed: SEED },
    );
  });
});

/**
 * A record's text read straight into the compiled scorer: undefined, or what score gives for the
 * text (read as a document), with meta.id as the record's id; and the batch gives the same.
 */
function textAgrees(rubric: Rubric, text: string): boolean {
  const fast = compiledTotalsText(rubric, text, DEFAULT_LIMITS, 'id');
  if (fast === undefined) return false;
  const slow = safeScore(rubric, text);
  expect(slow.success).toBe(true);
  if (!slow.success) return true;
  expect(json(fast.totals)).toBe(json(slow.value));
  // A percent_as_fraction warning, placed at its line and column as the document reader places it.
  expect(json(fast.warnings)).toBe(json(slow.warnings));
  const meta = (JSON.parse(text) as { meta?: Record<string, unknown> }).meta;
  const id = meta && Object.prototype.hasOwnProperty.call(meta, 'id') ? meta.id : undefined;
  expect(fast.id).toBe(typeof id === 'string' ? id : typeof id === 'number' ? String(id) : undefined);
  expect(json(scoreRecord(rubric, text, 0))).toBe(json({ index: 0, id: fast.id, totals: slow.value, warnings: slow.warnings }));
  return true;
}

/** Ways a record's text can be written: compact, spaced, numbers bare or quoted, keys twice, escapes, exponents… */
const textVariant = (input: Record<string, unknown>, how: number, id: number): string => {
  const withMeta = how % 3 === 0 ? { meta: { id: `D${id}`, 主管部门: '财政局', 序号: id, 有效: true, 备注: null }, ...input } : how % 3 === 1 ? { ...input, meta: { id } } : input;
  let text = JSON.stringify(withMeta);
  switch (how % 11) {
    case 1: text = text.replace(/([:,])/g, '$1 '); break;
    case 2: text = text.replace(/"(-?\d+(?:\.\d+)?)"/g, '$1'); break;
    case 3: text = text.replace(/"(-?\d+(?:\.\d+)?)"/, '$1e0'); break;
    case 4: text = text.replace(/"(\d+)"/, '"$1.50"').replace(/"(\d+\.\d+)"/, '$1'); break;
    case 5: text = text.replace(/\{"([^"]+)":/, '{"$1":1,"$1":'); break;
    case 6: text = text.replace(/"reason":"/, '"reason":"\\u0041'); break;
    case 7: text = text.replace(/,/, ',\t'); break;
    case 8: text = text.replace(/"values":\{/, '"values":{"__proto__":1,'); break;
    case 9: text = `${text} `; break;
    case 10: text = text.replace(/true/, 'false').replace(/:(\d+)([,}])/, ':-$1$2'); break;
  }
  return text;
};

describe('a record read from its text', () => {
  for (const id of ['hunan-department', 'kunming-department', 'project-evaluation']) {
    it(`${id}: every text it reads, it reads as JSON.parse and the compiled scorer do`, () => {
      const rubric = loadBundledRubric(id);
      let answered = 0;
      fc.assert(
        fc.property(
          fc.record({ places: fc.integer({ min: 0, max: 7 }), notApplicable: fc.boolean() }).chain((o) => arbitraryInput(rubric, o)),
          fc.nat(10_000),
          (input, how) => {
            if (textAgrees(rubric, textVariant(input as Record<string, unknown>, how, how))) answered++;
          },
        ),
        { numRuns: 300, seed: SEED },
      );
      expect(answered).toBeGreaterThan(20);
    });
  }

  it('records one after another with their keys in changing orders, a key renamed, added or written twice: each read as JSON.parse reads it, or left to it', () => {
    // The text reader expects each key where the record before had it (a batch's records write
    // their keys in one order): a different order, a key one letter longer or shorter, an unknown
    // key or a key twice must each be read right, or the record left to the usual reading.
    const shuffle = <T,>(xs: T[], seed: number) => {
      const out = [...xs];
      for (let i = out.length - 1; i > 0; i--) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        const j = seed % (i + 1);
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    };
    const reorder = (o: Record<string, unknown>, seed: number) => Object.fromEntries(shuffle(Object.entries(o), seed));
    let answered = 0;
    let total = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(arbitraryInput(hunan, { notApplicable: false }), fc.nat(1000), fc.nat(7)), { minLength: 1, maxLength: 12 }),
        (records) => {
          for (const [input, seed, how] of records) {
            const { values, assessments } = input as { values: Record<string, unknown>; assessments: Record<string, Record<string, unknown>> };
            let v = how % 2 === 0 ? values : reorder(values, seed);
            let a: Record<string, unknown> = how % 3 === 0 ? assessments : reorder(Object.fromEntries(Object.entries(assessments).map(([k, x]) => [k, reorder(x, seed + 1)])), seed + 2);
            if (how === 5) v = { ...v, [`${Object.keys(v)[0]}x`]: 1 };
            if (how === 6) a = { [Object.keys(a)[0]!.slice(0, -1)]: { score: 1 }, ...a };
            let text = JSON.stringify({ values: v, assessments: a });
            if (how === 7) text = text.replace(/\{"([^"]+)":/, '{"$1":0,"$1":');
            total++;
            if (textAgrees(hunan, text)) answered++;
          }
        },
      ),
      { numRuns: 150, seed: SEED },
    );
    expect(answered).toBeGreaterThan(total / 4);
  });

  it('a record read from its UTF-8 bytes, not decoded: what the text of those bytes gives, read the usual way, wherever it answers', () => {
    // Strings of every kind of character in a reason and in meta: ASCII, Chinese, U+00A0, C1 and
    // C0 controls, U+FEFF, U+FFFD, a character outside the BMP (two surrogates in text), U+3000.
    const chars = fc.constantFrom('a', ' ', '部分', '未完成', '\u00a0', '\u0085', '\u0001', '\ufeff', '\ufffd', '😀', '\u3000', '"', '\\', '\u07ff', '\u0800');
    const phrase = fc.oneof(fc.constant(''), fc.constant('部分任务未完成'), fc.array(chars, { maxLength: 6 }).map((a) => a.join('')));
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    let answered = 0;
    fc.assert(
      fc.property(arbitraryInput(hunan, { notApplicable: false }), phrase, phrase, fc.nat(10_000), (input, reason, who, how) => {
        const i = input as { values: Record<string, unknown>; assessments: Record<string, { score?: unknown; reason?: string }> };
        // A reason added to, or replaced by the phrase (nothing, or only spaces: a judgement below max then has none).
        const assessments = Object.fromEntries(Object.entries(i.assessments).map(([k, a]) => [k, a.score !== undefined && a.reason !== undefined ? { ...a, reason: how % 4 === 0 ? reason : `${a.reason}${reason}` } : a]));
        const text = textVariant({ meta: { id: `D${who}`, 主管部门: who }, values: i.values, assessments }, how, how);
        const bytes = new TextEncoder().encode(text);
        // The id read from meta.id, or from meta.主管部门 (a key of Chinese characters).
        const options = how % 5 === 0 ? { idField: '主管部门' } : {};
        const fast = scoreRecordBytes(hunan, bytes, 7, options);
        // scoreRecord given the bytes themselves says the same as given their text.
        expect(json(scoreRecord(hunan, bytes, 7, options))).toBe(json(scoreRecord(hunan, decoder.decode(bytes), 7, options)));
        // The text of those bytes (a lone surrogate in `text` is U+FFFD in them), read the usual way…
        const decoded = decoder.decode(bytes);
        const usual = scoreRecord(hunan, decoded, 7, options);
        if (fast === undefined) return;
        answered++;
        expect(json(fast)).toBe(json(usual));
        // … and by the walk, the oracle: the full result of the same text, its totals, its warnings.
        const full = safeEvaluate(hunan, decoded);
        expect(full.success).toBe(true);
        if (!full.success || !('totals' in fast)) return;
        expect(json(fast.totals)).toBe(json(totalsOf(hunan, full.value)));
        expect(json(fast.warnings)).toBe(json(full.warnings));
        const meta = (JSON.parse(decoded) as { meta: Record<string, unknown> }).meta;
        const id = meta[options.idField ?? 'id'];
        expect(fast.id).toBe(typeof id === 'number' ? String(id) : typeof id === 'string' ? id : undefined);
        if ('totals' in fast) expect(json(compiledTotalsBytes(hunan, bytes, DEFAULT_LIMITS, options.idField ?? 'id'))).toBe(json({ totals: fast.totals, id: fast.id, warnings: fast.warnings }));
      }),
      { numRuns: 400, seed: SEED },
    );
    expect(answered).toBeGreaterThan(60);
  });

  it('bytes that are not UTF-8 inside a string, or a character the reader does not take, are never read: the usual reading decides', () => {
    const base = new TextEncoder().encode(JSON.stringify({ values: hunanValues(), assessments: { ...hunanAssessments(), 履职效益综合: { score: 14, reason: 'XY' } } }));
    expect(compiledTotalsBytes(hunan, base, DEFAULT_LIMITS, 'id')).toBeDefined();
    const at = base.indexOf(0x58); // the X of the reason
    // An overlong '/', a lone continuation, a surrogate (ED A0 80), a sequence cut short, F0 (four bytes), C1 control (C2 85), U+FEFF.
    for (const bad of [[0xc0, 0xaf], [0x80], [0xed, 0xa0, 0x80], [0xe4, 0xb8], [0xf0, 0x9f, 0x98, 0x80], [0xc2, 0x85], [0xef, 0xbb, 0xbf], [0x01], [0x5c, 0x6e]]) {
      const b = new Uint8Array([...base.subarray(0, at), ...bad, ...base.subarray(at + 2)]);
      expect(compiledTotalsBytes(hunan, b, DEFAULT_LIMITS, 'id')).toBeUndefined();
    }
  });

  it('the Hunan records as a finance system writes them: read from the text, a percentage written as a fraction too', () => {
    let answered = 0;
    for (let i = 0; i < 200; i++) {
      const text = JSON.stringify({ meta: { id: `D${String(i).padStart(7, '0')}`, 主管部门: '教育局' }, values: hunanValues(), assessments: hunanAssessments() });
      if (textAgrees(hunan, text)) answered++;
    }
    expect(answered).toBe(200);
    // A key twice, an exponent, a trailing zero, a tab, an escape: read the usual way.
    const base = JSON.stringify({ values: hunanValues(), assessments: hunanAssessments() });
    for (const text of [base.replace('"在职人数":31', '"在职人数":31,"在职人数":32'), base.replace('"预算调整率":5', '"预算调整率":5e0'), base.replace('"满意度":92', '"满意度":92.50'), base.replace('{"values"', '{\t"values"'), base.replace('"values"', '"\\u0076alues"')]) {
      expect(compiledTotalsText(hunan, text, DEFAULT_LIMITS, 'id')).toBeUndefined();
      expect(JSON.parse(text)).toBeTruthy();
    }
  });
});

describe('edges, by hand', () => {
  // 以100%为标准，每超过一个百分点扣0.5分: 5 − 0.5 × (v − 100).
  const perUnit = (rounding: 'half-up' | 'half-even' = 'half-up') =>
    sheet({
      rounding,
      inputs: { 在职人数: { type: 'count', min: 0 }, 编制人数: { type: 'count', min: 1 }, 执行率: { type: 'percent', min: 0 } },
      metrics: { 控制率: { formula: '在职人数 / 编制人数 * 100', unit: '%' } },
      indicators: [
        { id: '控制率', name: '财政供养人员控制率', max: 5, rule: { kind: 'per_unit', value: '控制率', standard: 100, direction: 'above', points: 0.5 } },
        { id: '执行', name: '预算执行率', max: 5, rule: { kind: 'per_unit', value: '执行率', standard: 100, direction: 'below', points: 0.5 } },
      ],
    });

  it('an exact tie x.xx5 rounds as the rubric says: 5 − 0.5 × 0.03 = 4.985 → 4.99 half-up, 4.98 half-even', () => {
    const input = { values: { 在职人数: 10, 编制人数: 10, 执行率: '99.97' } };
    expect(compiled(perUnit(), input).scores['执行']).toBe('4.99');
    expect(compiled(perUnit('half-even'), input).scores['执行']).toBe('4.98');
    // 4.995 at 99.99: 5.00 half-up (one more step to full marks), 5 half-even (the even neighbour 5.00).
    expect(compiled(perUnit(), { values: { 在职人数: 10, 编制人数: 10, 执行率: 99.99 } }).scores['执行']).toBe('5');
    expect(compiled(perUnit('half-even'), { values: { 在职人数: 10, 编制人数: 10, 执行率: 99.99 } }).scores['执行']).toBe('5');
  });

  it('a division that does not terminate is exact: 35 / 34 = 102.941…%, 5 − 0.5 × 2.941… = 3.529… → 3.53', () => {
    const t = compiled(perUnit(), { values: { 在职人数: 35, 编制人数: 34, 执行率: 100 } });
    expect(t.scores['控制率']).toBe('3.53');
    expect(t.total).toBe('8.53');
    expect(t.grade).toBe('差');
    // 103 / 100 exactly: 5 − 1.5 = 3.5.
    expect(compiled(perUnit(), { values: { 在职人数: 103, 编制人数: 100, 执行率: 100 } }).scores['控制率']).toBe('3.5');
  });

  it('huge and tiny figures: exact where safe integers hold them, the walk past them', () => {
    // 999999999999999 people on 1 post: 5 − 0.5 × (99999999999999900 − 100) < 0 → 0 (扣完为止).
    const r = perUnit();
    givesWay(r, { values: { 在职人数: 999999999999999, 编制人数: 1, 执行率: 100 } });
    expect(compiled(r, { values: { 在职人数: 1, 编制人数: 1, 执行率: '1.000001' } }).scores['执行']).toBe('0');
    expect(compiled(r, { values: { 在职人数: 1, 编制人数: 1, 执行率: '99.999999999' } }).scores['执行']).toBe('5');
    // Sixteen digits: the compiled reader leaves it to the walk.
    givesWay(r, { values: { 在职人数: 1, 编制人数: 1, 执行率: '99.99999999999999' } });
    // 1e-7 as a JSON number prints as an exponent: the walk's.
    givesWay(r, { values: { 在职人数: 1, 编制人数: 1, 执行率: 1e-7 } });
  });

  it('a division by zero, a figure out of range, a missing figure, an unknown name: the walk reports it', () => {
    const r = sheet({
      inputs: { 结余: { type: 'number', min: 0 }, 结转: { type: 'number', min: 0 } },
      metrics: { 比例: { formula: '结余 / 结转 * 100', unit: '%' } },
      indicators: [{ id: '结余率', name: '结余率', max: 3, rule: { kind: 'bands', value: '比例', bands: [{ when: '<=100', score: 3 }, { when: '>100', score: 0 }] } }],
    });
    givesWay(r, { values: { 结余: 1, 结转: 0 } });
    givesWay(r, { values: { 结余: -1, 结转: 2 } });
    givesWay(r, { values: { 结余: 1 } });
    givesWay(r, { values: { 结余: 1, 结转: 2, 其他: 3 } });
    givesWay(r, { values: { 结余: '1%', 结转: 2 } });
    expect(compiled(r, { values: { 结余: 1, 结转: 2 } }).scores['结余率']).toBe('3');
    expect(compiled(r, { values: { 结余: '2.01', 结转: 2 } }).scores['结余率']).toBe('0');
  });

  it('a target: met, the max; unmet, in proportion, and never the max (一步之差)', () => {
    const r = sheet({
      inputs: { 办结率: { type: 'percent', min: 0 }, 文件数: { type: 'count', unit: '份', min: 0 } },
      indicators: [
        { id: '办结率', name: '市长热线办结率', max: 5, rule: { kind: 'target', value: '办结率', target: '≥95%', mode: 'proportional' } },
        { id: '文件数', name: '下发文件数量', max: 4, rule: { kind: 'target', value: '文件数', target: '≤680份', mode: 'proportional' } },
        { id: '公报', name: '编印公报', max: 3, rule: { kind: 'target', value: '文件数', target: '≤600份' } },
      ],
    });
    // 5 × 90 / 95 = 4.7368… → 4.74; 4 × 680 / 700 = 3.8857… → 3.89; 700 > 600: 0.
    let t = compiled(r, { values: { 办结率: 90, 文件数: 700 } });
    expect([t.scores['办结率'], t.scores['文件数'], t.scores['公报']]).toEqual(['4.74', '3.89', '0']);
    // 5 × 94.999 / 95 = 4.99994… would round to 5: unmet, it is 4.99. 680 meets ≤680: 4.
    t = compiled(r, { values: { 办结率: '94.999', 文件数: 680 } });
    expect([t.scores['办结率'], t.scores['文件数'], t.scores['公报']]).toEqual(['4.99', '4', '0']);
    t = compiled(r, { values: { 办结率: 95, 文件数: 600 } });
    expect(t.total).toBe('12');
  });

  it('a judgement below max needs its reason: with it, the score; without it, the walk refuses', () => {
    const r = sheet({ indicators: [{ id: '目标', name: '绩效目标合理性', max: 3, rule: { kind: 'judgement', step: 0.5 } }] });
    expect(compiled(r, { assessments: { 目标: { score: 2.5, reason: '指标细化量化不够' } } }).total).toBe('2.5');
    expect(compiled(r, { assessments: { 目标: { score: 3 } } }).total).toBe('3');
    givesWay(r, { assessments: { 目标: { score: 2 } } });
    givesWay(r, { assessments: { 目标: { score: 2, reason: '　' } } });
    givesWay(r, { assessments: { 目标: { score: 2.25, reason: '不是0.5的整数倍' } } });
    givesWay(r, { assessments: { 目标: { score: 3.5 } } });
    givesWay(r, { assessments: {} });
  });

  it('不适用: the walk scores it (rescale), and the next input without it is compiled again', () => {
    const r = sheet({
      notApplicable: 'rescale',
      indicators: [
        { id: '甲', name: '甲', max: 40, rule: { kind: 'judgement' } },
        { id: '乙', name: '乙', max: 60, rule: { kind: 'judgement' } },
      ],
    });
    givesWay(r, { assessments: { 甲: { notApplicable: true }, 乙: { score: 45, reason: '部分完成' } } });
    // 45 of 60, rescaled to 100: 75.
    expect(score(r, { assessments: { 甲: { notApplicable: true }, 乙: { score: 45, reason: '部分完成' } } }).total).toBe('75');
    expect(compiled(r, { assessments: { 甲: { score: 40 }, 乙: { score: 45, reason: '部分完成' } } }).total).toBe('85');
  });

  it('caps are the walk’s (such a rubric is not compiled), and so is a veto that holds', () => {
    const capped = sheet({
      indicators: [
        { id: '基本', name: '基本', max: 100, rule: { kind: 'judgement' } },
        { id: '加分', name: '加分', max: 10, bonus: true, cap: 5, children: [{ id: '表彰', name: '表彰', max: 10, rule: { kind: 'judgement' } }] },
      ],
    } as never);
    expect(hasCompiledTotals(capped)).toBe(false);
    givesWay(capped, { assessments: { 基本: { score: 90, reason: '不足' }, 表彰: { score: 8, reason: '获表彰' } } });
    const vetoed = sheet({
      inputs: { 违纪: { type: 'count', min: 0 } },
      vetoes: [{ id: '违纪', name: '发生违纪', when: '违纪 > 0', grade: '差' }],
      indicators: [{ id: '基本', name: '基本', max: 100, rule: { kind: 'judgement' } }],
    } as never);
    // A veto on a condition is checked by the compiled scorer; where it holds, the walk states it.
    expect(hasCompiledTotals(vetoed)).toBe(true);
    givesWay(vetoed, { values: { 违纪: 1 }, assessments: { 基本: { score: 95, reason: '不足' } } });
    expect(score(vetoed, { values: { 违纪: 1 }, assessments: { 基本: { score: 95, reason: '不足' } } }).grade).toBe('差');
    expect(compiled(vetoed, { values: { 违纪: 0 }, assessments: { 基本: { score: 95, reason: '不足' } } }).grade).toBe('优');
  });

  it('a percentage written as a fraction (0.95 for 95%): its warning, the walk’s word for word, beside the totals as they are', () => {
    // 重点支出安排率 ≥90% 5分 …; 60% 以下 0分: 0.95 percentage points is below every band.
    const at = (v: unknown, more: Record<string, unknown> = {}) => ({ values: { ...hunanValues(), 重点支出安排率: v, ...more }, assessments: hunanAssessments() }) as never;
    const warned = (input: never) => {
      const warnings: Issue[] = [];
      expect(compiledAgrees(hunan, input)).toBe(true);
      compiledTotals(hunan, input, DEFAULT_LIMITS, warnings);
      return warnings.map((w) => `${w.code} ${w.path.join('.')}`);
    };
    // (0, 1] is warned of, on both sides of each edge; 0 and 1.01 are not.
    for (const v of ['0.95', 0.95, '1', 1, '1.00', '0.0001', 0.01]) expect(warned(at(v))).toStrictEqual(['percent_as_fraction values.重点支出安排率']);
    for (const v of ['0', 0, '1.01', 1.01, '95']) expect(warned(at(v))).toStrictEqual([]);
    // Two such figures: two warnings, in the rubric's order.
    expect(warned(at('0.95', { 公务卡刷卡率: '0.5' }))).toHaveLength(2);
    expect(safeScore(hunan, at('0.95'))).toMatchObject({ success: true, value: { scores: { 重点支出安排率: '0' } } });
    // Read from its text, the warning names its line and column, where the document reader puts it:
    // the figure's key, after Chinese keys and a meta of any length.
    for (const v of [0.95, '0.95', 1, '1']) {
      for (const meta of [undefined, { id: 'D0000001', 主管部门: '卫生健康委' }, { 备注: '“引号”与全角，逗号' }]) {
        const text = JSON.stringify({ ...(meta ? { meta } : {}), values: { ...hunanValues(), 重点支出安排率: v }, assessments: hunanAssessments() });
        expect(textAgrees(hunan, text)).toBe(true);
        const fast = compiledTotalsText(hunan, text, DEFAULT_LIMITS, 'id', 'records.ndjson')!;
        const column = text.indexOf('"重点支出安排率":') + 1;
        expect(fast.warnings.map((w) => [w.code, w.source])).toStrictEqual([['percent_as_fraction', { file: 'records.ndjson', line: 1, column }]]);
        expect(json(scoreRecord(hunan, text, 3, { file: 'records.ndjson' }))).toBe(json({ index: 3, id: meta?.id, totals: fast.totals, warnings: fast.warnings }));
      }
    }
  });

  it('an input given as text is compiled alike; a getter that scores again inside gives way to the walk', () => {
    const input = { values: hunanValues(), assessments: hunanAssessments() };
    expect(json(safeScore(hunan, JSON.stringify(input)))).toBe(json(safeScore(hunan, input)));
    let inner: unknown;
    const values = { ...hunanValues() } as Record<string, never>;
    Object.defineProperty(values, '满意度', { enumerable: true, get: () => ((inner ??= safeScore(hunan, input)), 92) });
    const outer = safeScore(hunan, { values, assessments: hunanAssessments() });
    expect(outer.success).toBe(true);
    expect(json((inner as { value: unknown }).value)).toBe(json(safeScore(hunan, input).success && (safeScore(hunan, input) as { value: unknown }).value));
  });
});

function hunanValues(): Record<string, number | string> {
  return { 在职人数: 31, 编制人数: 34, 三公经费本年: '5270', 三公经费上年: '12098', 三公经费预算: '6000', 重点支出安排率: '92.5', 预算调整率: 5, 未按进度下达专项数: 1, 资金结余: 0, 上年结转: 12, 资金使用不合规例数: 0, 政府采购执行率: 100, 公务卡刷卡率: 60, 资产管理不合规例数: 0, 固定资产总额: '1000.5', 在用固定资产: '990.25', 满意度: 92 };
}
function hunanAssessments(): Record<string, never> {
  const a: Record<string, unknown> = {};
  for (const [id, k] of Object.entries({ 预算管理制度健全性: 3, 预决算信息公开性和完善性: 5, 资产管理制度健全性: 2 })) a[id] = { items: Object.fromEntries(Array.from({ length: k }, (_, i) => [String(i + 1), true])) };
  for (const [id, max] of Object.entries({ 推进全面小康建设指标任务完成情况: 5, 建设湖南新增极目标任务完成情况: 7, 政府工作报告目标任务完成情况: 5, 省市重点民生实事完成情况: 2, 省市重点工程和重大项目建设完成情况: 2, 其他工作实绩指标完成情况: 4, 履职效益综合: 15 })) a[id] = { score: max };
  return a as Record<string, never>;
}
