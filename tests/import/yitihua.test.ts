import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, EvaluationError, evaluate, loadBundledRubric, safeEvaluate, type EvaluationInput, type ScoreResult } from '../../src/index.js';
import { fromYitihua, safeFromYitihua, toYitihua, type YitihuaIndicatorRowInput } from '../../src/entries/authoring.js';
import { arbitraryInput } from '../../src/testing/index.js';

// A 项目支出绩效自评表 as the 预算管理一体化 tables hold it (PM_SELF_EVAL_INDICATOR rows and the
// PM_PERF_SELF_BGT funds row), read into the bundled national rubric and written back.
const rubric = loadBundledRubric('project-self-evaluation');

/** The rows a 一体化 database hands over: other columns present, a null where a cell is empty. */
const rows: YitihuaIndicatorRowInput[] = [
  { LV1_PERF_IND_CODE: '01', LV1_PERF_IND_NAME: '产出指标', LV2_PERF_IND_NAME: '数量指标', LV3_PERF_IND_NAME: '培训人次', KPI_VAL: '≥500人次', IND_COMP: '450人次', IND_WEIGHT: 30, KPI_EVALSTD: '按比例计分', EVAL_SCORE: null, DEVI_ANALY: '部分培训延至次年' },
  { LV1_PERF_IND_NAME: '产出指标', LV2_PERF_IND_NAME: '时效指标', LV3_PERF_IND_NAME: '按期完成', KPI_VAL: '12月底之前完成', IND_COMP: '达成', IND_WEIGHT: '20.0000', EVAL_SCORE: '20.000000', DEVI_ANALY: null },
  { LV1_PERF_IND_NAME: '效益指标', LV2_PERF_IND_NAME: '社会效益指标', LV3_PERF_IND_NAME: '受益群众', KPI_VAL: '≥1000人', IND_COMP: '1200人', IND_WEIGHT: '30', EVAL_SCORE: null, DEVI_ANALY: null },
  { LV1_PERF_IND_NAME: '满意度指标', LV2_PERF_IND_NAME: '服务对象满意度指标', LV3_PERF_IND_NAME: '参训人员满意度', KPI_VAL: '≥90%', IND_COMP: '85', IND_WEIGHT: '10', EVAL_SCORE: null, DEVI_ANALY: '个别课程安排偏紧' },
];
const funds = { REPLY_AMT: '180', CUR_AMT: '200', YEAR_EXE_AMT: 190, EXE_AMT_RATE: null, EXE_SCORE: null };

describe('fromYitihua: 一体化 rows into the national 项目支出绩效自评表', () => {
  it('reads the funds row as 全年预算数/全年执行数, 完成情况 as the actual or a 定性 row\'s 档次 with its EVAL_SCORE, and the other columns not at all', () => {
    expect(fromYitihua(rows, funds)).toStrictEqual({
      values: { 全年预算数: '200', 全年执行数: 190 },
      rows: {
        产出指标: [
          { group: '数量指标', name: '培训人次', target: '≥500人次', actual: '450人次', weight: 30, reason: '部分培训延至次年' },
          { group: '时效指标', name: '按期完成', target: '12月底之前完成', level: '达成', score: '20.000000', weight: '20.0000' },
        ],
        效益指标: [{ group: '社会效益指标', name: '受益群众', target: '≥1000人', actual: '1200人', weight: '30' }],
        满意度指标: [{ group: '服务对象满意度指标', name: '参训人员满意度', target: '≥90%', actual: '85', weight: '10', reason: '个别课程安排偏紧' }],
      },
    });
  });

  it('scores as the 办法 says, and toYitihua writes the scores back as decimal strings', () => {
    const input = fromYitihua(rows, funds);
    const result = evaluate(rubric, input);
    // 执行率 190/200 = 95%: 10 × 0.95 = 9.5. 培训人次 450/500 of 30 = 27. 按期完成 达成 20 (given).
    // 受益群众 1200 ≥ 1000: 30. 满意度 85/90 of 10 = 9.444… → 9.44. Total 9.5 + 27 + 20 + 30 + 9.44 = 95.94, 优.
    expect([result.total, result.grade]).toStrictEqual(['95.94', '优']);
    const back = toYitihua(result, input);
    expect(back.funds).toStrictEqual({ CUR_AMT: '200', YEAR_EXE_AMT: '190', EXE_AMT_RATE: '95', EXE_SCORE: '9.5' });
    expect(back.rows.map((r) => [r.LV3_PERF_IND_NAME, r.EVAL_SCORE])).toStrictEqual([
      ['培训人次', '27'],
      ['按期完成', '20'],
      ['受益群众', '30'],
      ['参训人员满意度', '9.44'],
    ]);
    expect(back.rows[0]).toStrictEqual({ LV1_PERF_IND_NAME: '产出指标', LV2_PERF_IND_NAME: '数量指标', LV3_PERF_IND_NAME: '培训人次', KPI_VAL: '≥500人次', IND_COMP: '450人次', IND_WEIGHT: '30', EVAL_SCORE: '27', DEVI_ANALY: '部分培训延至次年' });
  });

  it('a cell that is not text, a finite number or null is invalid_type at its table, row and column; a row without a name too', () => {
    const bad = safeFromYitihua(
      [
        { ...rows[0]!, KPI_VAL: { v: 1 } as never },
        { ...rows[1]!, LV1_PERF_IND_NAME: null },
        { ...rows[2]!, IND_COMP: Number.NaN },
        { ...rows[3]!, LV3_PERF_IND_NAME: '  ' },
      ],
      funds,
    );
    expect(bad.success).toBe(false);
    if (!bad.success) {
      expect(bad.issues.map((i) => [i.code, i.path.join('.')])).toStrictEqual([
        ['invalid_type', 'PM_SELF_EVAL_INDICATOR.0.KPI_VAL'],
        ['invalid_type', 'PM_SELF_EVAL_INDICATOR.1.LV1_PERF_IND_NAME'],
        ['invalid_type', 'PM_SELF_EVAL_INDICATOR.2.IND_COMP'],
        ['invalid_type', 'PM_SELF_EVAL_INDICATOR.3.LV3_PERF_IND_NAME'],
      ]);
    }
    expect(() => fromYitihua(rows, [] as never)).toThrow(EvaluationError);
    const notList = safeFromYitihua('rows' as never, funds);
    expect(!notList.success && notList.issues[0]!.code).toBe('invalid_argument');
  });

  it('a 一级指标 the rubric does not have is named by the rubric\'s reader, with the nearest section', () => {
    const r = safeEvaluate(rubric, fromYitihua([{ ...rows[0]!, LV1_PERF_IND_NAME: '产出' }, ...rows.slice(1)], funds));
    expect(!r.success && r.issues.map((i) => i.code)).toContain('rows_unknown_section');
  });

  it('the Miluo form goes out and back to the same result', () => {
    const input = JSON.parse(readFileSync(new URL('../../examples/miluo-2018-project/input.json', import.meta.url), 'utf8')) as EvaluationInput;
    const result = evaluate(rubric, input);
    const filed = toYitihua(result, input);
    // 群众满意率 92.4 against ≥95% of 5: 5 × 92.4 / 95 = 4.863… → 4.86.
    expect(filed.rows.find((r) => r.LV3_PERF_IND_NAME === '群众满意率')!.EVAL_SCORE).toBe('4.86');
    expect(JSON.stringify(evaluate(rubric, fromYitihua(filed.rows, filed.funds)))).toBe(JSON.stringify(result));
    // From the result alone: the cells as the 评分表 shows them (67888件 as 6.7888万件), the same scores.
    const alone = toYitihua(result);
    expect(alone.rows.find((r) => r.LV3_PERF_IND_NAME === '政务大厅办理各类政务服务事项')!.IND_COMP).toBe('6.7888万件');
    const again = evaluate(rubric, fromYitihua(alone.rows, filed.funds));
    expect(toYitihua(again).rows.map((r) => r.EVAL_SCORE)).toStrictEqual(alone.rows.map((r) => r.EVAL_SCORE));
    expect(again.total).toBe(result.total);
  });
});

describe('a form without 满意度 rows', () => {
  // The rubric moves 满意度's 10 points into 产出 and 效益 in proportion: 50 → 50 × 90/80 = 56.25,
  // 30 → 33.75. A 定性 row filed 40 of 50 is scored 40 × 90/80 = 45 of 56.25.
  const input = fromYitihua(
    [
      { LV1_PERF_IND_NAME: '产出指标', LV2_PERF_IND_NAME: '质量指标', LV3_PERF_IND_NAME: '验收合格', KPI_VAL: '达成预期指标', IND_COMP: '达成', IND_WEIGHT: '50', EVAL_SCORE: '40', DEVI_ANALY: '个别点位整改后验收' },
      { LV1_PERF_IND_NAME: '效益指标', LV2_PERF_IND_NAME: '社会效益指标', LV3_PERF_IND_NAME: '覆盖人口', KPI_VAL: '≥2万人', IND_COMP: '2.1万人', IND_WEIGHT: '30' },
    ],
    { CUR_AMT: '100', YEAR_EXE_AMT: '100' },
  );
  it('is written with the 分值 each row was scored on, and reading it back is row_weights_mismatch, not a second scaling', () => {
    const result = evaluate(rubric, input);
    const out = toYitihua(result, input);
    expect(out.rows.map((r) => [r.IND_WEIGHT, r.EVAL_SCORE])).toStrictEqual([
      ['56.25', '45'],
      ['33.75', '33.75'],
    ]);
    expect(result.total).toBe('88.75'); // 10 + 45 + 33.75
    const again = safeEvaluate(rubric, fromYitihua(out.rows, out.funds));
    expect(!again.success && again.issues.map((i) => i.code)).toStrictEqual(['row_weights_mismatch', 'row_weights_mismatch']);
  });
});

describe('round trip, generated project forms', () => {
  // The national layout: 满意度 has rows, so no row is scored on a redistributed 分值 (that case below).
  const scored = arbitraryInput(rubric).filter((input) => (input.rows?.['满意度指标'] ?? []).length > 0 && safeEvaluate(rubric, input).success);

  it('input → toYitihua(evaluate(input), input) → fromYitihua gives the same input and the same scores; every row once, the sheet adds up', () => {
    fc.assert(
      fc.property(scored, (input) => {
        const result = evaluate(rubric, input);
        const { rows: out, funds: f } = toYitihua(result, input);
        const back = fromYitihua(out, f);
        expect(back).toStrictEqual({ values: input.values, rows: input.rows });
        expect(JSON.stringify(evaluate(rubric, back))).toBe(JSON.stringify(result));
        // Oracle apart from the walk: each section's rows are the input's, in order, and the
        // scores written out add up to the total (no row lost or written twice), with the 执行率 score.
        for (const [section, list] of Object.entries(input.rows ?? {})) {
          expect(out.filter((r) => r.LV1_PERF_IND_NAME === section).map((r) => r.LV3_PERF_IND_NAME)).toStrictEqual(list.map((r) => r.name));
        }
        const sum = out.reduce((s, r) => s.plus(r.EVAL_SCORE), new Decimal(f.EXE_SCORE!));
        expect(sum.eq(result.total)).toBe(true);
        for (const r of out) expect(r.EVAL_SCORE).toMatch(/^-?\d+(\.\d+)?$/);
      }),
      { numRuns: 150, seed: 24 },
    );
  });

  it('from the result alone, the rows score the same', () => {
    fc.assert(
      fc.property(scored, (input) => {
        const result = evaluate(rubric, input);
        const alone = toYitihua(result);
        const again = evaluate(rubric, fromYitihua(alone.rows, { CUR_AMT: input.values!['全年预算数'] as string, YEAR_EXE_AMT: input.values!['全年执行数'] as string }));
        expect(toYitihua(again).rows).toStrictEqual(alone.rows);
        expect([again.total, again.grade]).toStrictEqual([result.total, result.grade]);
      }),
      { numRuns: 100, seed: 25 },
    );
  });
});
