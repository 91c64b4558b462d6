/**
 * The rows of a 项目支出绩效自评表 as data: each project's 三级指标 with 年度指标值, 实际完成值 and
 * 分值 come from the evaluation input and are scored by the national rules, with every mistake a
 * person makes in the form reported by row and field. Rows from the 汨罗市政务服务中心 2018 form
 * (examples/miluo-2018-project/source.md).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRubric, safeEvaluate, type EvaluationInput } from '../../src/index.js';

const rubric = loadRubric(readFileSync(new URL('../fixtures/project-national.yaml', import.meta.url), 'utf8'), { file: 'project-national.yaml' });

const output = [
  { group: '数量指标', name: '服务大厅办事正确率', target: '100%', actual: '100%', weight: 10 },
  { group: '数量指标', name: '办事群众投诉率', target: '0', actual: '0', weight: 10 },
  { group: '数量指标', name: '编制市直部门行政审批及政务服务事项实施清单数', target: '≥3800项', actual: '3821项', weight: 10 },
  { group: '质量指标', name: '12345热线工单办结率', target: '100%', actual: '100', weight: 10 },
  { group: '时效指标', name: '最多跑一次事项清单公布', target: '11月底之前完成', level: '达成', score: 10, weight: 10 },
];
const outcome = [
  { group: '社会效益指标', name: '政务服务群众满意度', target: '≥95%', actual: '92.4', weight: 20, reason: '回访满意率92.4%，部分工单群众不满意' },
  { group: '可持续影响指标', name: '政务服务体系建设', target: '效果明显', level: '部分达成', score: 7, weight: 10, reason: '“岳农”平台尚在示点镇' },
];
const input = (rows: Record<string, unknown[]>, values = { 全年预算数: 100, 全年执行数: '95.5' }) => ({ values, rows }) as unknown as EvaluationInput;
const score = (rows: Record<string, unknown[]>, values?: Record<string, unknown>) => safeEvaluate(rubric, input(rows, values as never));
const issues = (rows: Record<string, unknown[]>) => {
  const r = score(rows);
  return r.success ? [] : r.issues.map((i) => `${i.code} ${i.path.join('.')}`);
};

describe('a project form scored from its rows', () => {
  it('scores every row, groups rows by 二级指标, and moves 满意度 weight pro rata when it has no row', () => {
    const r = score({ 产出指标: output, 效益指标: outcome });
    expect(r.success).toBe(true);
    if (!r.success) return;
    const v = r.value;
    // 满意度 10 moves to 产出 and 效益 in proportion 50:30 → 56.25 and 33.75.
    expect(v.indicators.map((n) => [n.id, n.max, n.score])).toEqual([
      ['预算执行率', '10', '9.55'],
      ['产出指标', '56.25', '56.25'],
      // 20 × 56.25/50... no: 效益 rows 20 + 10 scaled to 33.75 → 22.5 and 11.25; 22.5 × 92.4/95 = 21.88, 7 × 1.125 = 7.88
      ['效益指标', '33.75', '29.76'],
      ['满意度指标', '0', '0'],
    ]);
    expect(v.total).toBe('95.56');
    expect(v.grade).toBe('优');
    const 效益 = v.indicators[2]!;
    expect(效益.children!.map((g) => g.name)).toEqual(['社会效益指标', '可持续影响指标']);
    const row = 效益.children![0]!.children![0]!;
    expect(row.deductions[0]!.reason).toBe('完成值92.4%，指标值≥95%，完成比例97.26%，得21.88分，扣0.62分');
    expect(row.remark).toBe('回访满意率92.4%，部分工单群众不满意');
  });

  it('with a 满意度 row, nothing moves', () => {
    const r = score({ 产出指标: output, 效益指标: outcome.map((o) => ({ ...o, weight: o.weight === 20 ? 20 : 10 })), 满意度指标: [{ name: '服务对象满意度', target: '≥90%', actual: '92.4', weight: 10 }] });
    expect(r.success).toBe(true);
    if (r.success) expect(r.value.indicators.map((n) => n.max)).toEqual(['10', '50', '30', '10']);
  });

  it('reports each mistake of the form by row and field', () => {
    const bad = [
      { name: '编制事项实施清单数', target: '', actual: '3821项', weight: 10 },
      { name: '政务大厅办理事项', target: '≥6O万件', actual: '67888件', weight: 10 },
      { name: '热线工单办结率', target: '≧95%', actual: '≧95%', weight: 10 },
      { name: '审批事项', target: '≥95%', actual: '96项', weight: 10 },
      { name: '窗口管理', target: '达成预期指标', level: '部分达成', score: 9, weight: 10 },
    ];
    expect(issues({ 产出指标: bad, 效益指标: outcome })).toEqual([
      'row_target_missing rows.产出指标.0.target',
      'row_target_invalid rows.产出指标.1.target',
      'row_actual_invalid rows.产出指标.2.actual',
      'row_unit_mismatch rows.产出指标.3.actual',
    ]);
    expect(issues({ 产出指标: [...output.slice(0, 4), { name: '窗口管理', target: '达成预期指标', level: '部分达成', score: 9, weight: 10 }], 效益指标: outcome })).toEqual([
      'row_level_out_of_range rows.产出指标.4.score',
    ]);
  });

  it('a field of the wrong type is said to be of the wrong type, a field left out to be missing, a key no row has by its name', () => {
    const said = (change: Record<string, unknown>, drop?: string) => {
      const row: Record<string, unknown> = { ...output[0]!, ...change };
      if (drop) delete row[drop];
      const r = score({ 产出指标: [row, ...output.slice(1)], 效益指标: outcome });
      return r.success ? [] : r.issues.map((i) => [i.code, i.path.join('.'), i.indicator, i.message]);
    };
    // Before, each was 缺少必填项 (missing_key) or “应为Invalid input，实际为“undefined””.
    expect(said({ reason: 5 })).toEqual([['invalid_type', 'rows.产出指标.0.reason', '产出指标', '类型错误：应为文本，实际为数字']]);
    expect(said({ group: true })).toEqual([['invalid_type', 'rows.产出指标.0.group', '产出指标', '类型错误：应为文本，实际为布尔值（true/false）']]);
    expect(said({ weight: [10] })).toEqual([['invalid_type', 'rows.产出指标.0.weight', '产出指标', '类型错误：应为数字，实际为列表']]);
    expect(said({}, 'weight')).toEqual([['missing_key', 'rows.产出指标.0.weight', '产出指标', '缺少必填项“weight”']]);
    expect(said({ name: undefined })).toEqual([['missing_key', 'rows.产出指标.0.name', '产出指标', '缺少必填项“name”']]);
    expect(said({ level: '优' }).map((i) => i.slice(0, 2))).toEqual([['invalid_value', 'rows.产出指标.0.level']]);
    expect(said({ weight: Number.NaN }).map((i) => i.slice(0, 2))).toEqual([['invalid_number', 'rows.产出指标.0.weight']]);
    const unknown = said({ weigth: 10 }, 'weight');
    // The likely cause first: the key written wrong, named with the key meant, then the key it left missing.
    expect(unknown.map((i) => i.slice(0, 2))).toEqual([['unknown_key', 'rows.产出指标.0.weigth'], ['missing_key', 'rows.产出指标.0.weight']]);
    expect(unknown[0]![3]).toContain('weight');
  });

  it("reads an actual in the target's unit with another prefix: 67888件 against ≥6万件", () => {
    const rows = [...output.slice(0, 4), { name: '政务大厅办理事项', target: '≥6万件', actual: '67888件', weight: 10 }, ];
    const r = score({ 产出指标: rows, 效益指标: outcome });
    expect(r.success).toBe(true);
    const low = score({ 产出指标: [...output.slice(0, 4), { name: '税费', target: '≥5000万元', actual: '42700000元', weight: 10, reason: '减税降费' }], 效益指标: outcome });
    expect(low.success).toBe(true);
    if (low.success) expect(low.value.indicators[1]!.children!.at(-1)!.deductions[0]!.reason).toContain('完成比例85.4%');
  });

  it('takes the 档 from the actual column, as forms write it (达成预期指标), and refuses two that disagree', () => {
    // 池州市贵池区棠溪镇 2022 委托业务项目: 经费支出合规性 | 严格执行相关制度规定 | 达成预期指标 | 8 | 8.
    const rows = [...output.slice(0, 4), { group: '质量指标', name: '经费支出合规性', target: '严格执行相关制度规定', actual: '达成预期指标', score: 10, weight: 10 }];
    expect(score({ 产出指标: rows, 效益指标: outcome }).success).toBe(true);
    const both = [...output.slice(0, 4), { name: '经费支出合规性', target: '严格执行相关制度规定', actual: '达成预期指标', level: '部分达成', score: 7, weight: 10, reason: 'x' }];
    expect(issues({ 产出指标: both, 效益指标: outcome })).toEqual(['row_invalid rows.产出指标.4.level']);
  });

  it('reads the 档 in the 办法’s own words and as systems export them; a tail of another 档 is no 档', () => {
    // The deployed 一体化 module's enum for a 定性 actual: 达成预期指标 / 部分达成预期指标并具有一定效果 /
    // 未达成预期指标且效果较差; the 办法: 达成年度指标、部分达成年度指标并具有一定效果、未达成年度指标且效果较差.
    const qual = (actual: string, score: number) => [...output.slice(0, 4), { group: '质量指标', name: '经费支出合规性', target: '严格执行相关制度规定', actual, score, weight: 10, reason: '个别票据不全' }];
    const levelOf = (actual: string, score: number) => scoreRows(qual(actual, score));
    const scoreRows = (rows: unknown[]) => {
      const r = score({ 产出指标: rows, 效益指标: outcome });
      return r.success ? (r.value.indicators[1]!.children!.at(-1)!.children!.at(-1)!.figures as Record<string, string>)['完成档次'] : issues({ 产出指标: rows, 效益指标: outcome }).join();
    };
    expect(levelOf('达成年度指标', 8)).toBe('达成');
    expect(levelOf('部分达成预期指标并具有一定效果', 7)).toBe('部分达成');
    expect(levelOf('部分达成年度指标，并具有一定效果', 6)).toBe('部分达成');
    expect(levelOf('未达成预期指标且效果较差', 5.99)).toBe('未达成');
    expect(levelOf('未达成 年度目标', 0)).toBe('未达成');
    // The score must still fall inside the 档 the words name: 8 of 10 is 达成, not 部分达成.
    expect(levelOf('部分达成预期指标并具有一定效果', 8)).toBe('row_level_out_of_range rows.产出指标.4.score');
    // A tail that belongs to another 档, or other words: no 档 is read, and none is guessed.
    expect(levelOf('达成预期指标且效果较差', 8)).toBe('row_level_missing rows.产出指标.4.level');
    expect(levelOf('部分达成预期指标且效果较差', 7)).toBe('row_level_missing rows.产出指标.4.level');
    expect(levelOf('基本达成', 7)).toBe('row_level_missing rows.产出指标.4.level');
  });

  it('refuses an actual too large or too precise to hold exactly, as every figure', () => {
    expect(issues({ 产出指标: [{ name: '清单数', target: '≥1', actual: '1e400', weight: 50 }], 效益指标: outcome })).toEqual(['invalid_number rows.产出指标.0.actual']);
    expect(issues({ 产出指标: [{ name: '清单数', target: '≥1', actual: '1.00000000000000000000000000000000000000001', weight: 50 }], 效益指标: outcome })).toEqual(['invalid_number rows.产出指标.0.actual']);
  });

  it('requires 偏差原因 where a row is not fully met', () => {
    const noReason = outcome.map(({ reason: _r, ...o }) => o);
    expect(issues({ 产出指标: output, 效益指标: noReason })).toEqual(['row_reason_required rows.效益指标.0.reason', 'row_reason_required rows.效益指标.1.reason']);
  });

  it('refuses 分值 that do not add up to the section, a section left empty, and an unknown section', () => {
    expect(issues({ 产出指标: output.slice(0, 4), 效益指标: outcome })).toEqual(['row_weights_mismatch rows.产出指标']);
    expect(issues({ 产出指标: output })).toEqual(['rows_missing rows.效益指标']);
    expect(issues({ 产出指标: output, 效益指标: outcome, 效果指标: [] })).toEqual(['rows_unknown_section rows.效果指标']);
  });

  it('warns, without changing the score, when a row is done far above its target', () => {
    const r = score({ 产出指标: [...output.slice(0, 4), { name: '宣传次数', target: '≥5次', actual: '12次', weight: 10 }], 效益指标: outcome });
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.warnings.map((w) => w.code)).toEqual(['row_over_target']);
    expect(r.value.indicators[1]!.score).toBe('56.25');
  });

  it('reads the same rows from JSON text, with positions', () => {
    const text = JSON.stringify(input({ 产出指标: [{ name: '清单数', target: '', actual: '1', weight: 50 }], 效益指标: outcome }), null, 2);
    const r = safeEvaluate(rubric, text, { file: 'p.json' });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues[0]!.source).toMatchObject({ file: 'p.json', line: 10, column: 9 });
  });
});

describe('method: times_actual (湖北 黄冈 2020: 满意度 scored as w × 满意度, met or not)', () => {
  const text = readFileSync(new URL('../fixtures/project-national.yaml', import.meta.url), 'utf8').replace('rows: { empty: redistribute }', 'rows: { empty: redistribute, method: times_actual }');
  const huanggang = loadRubric(text);
  const run = (actual: string, reason?: string) =>
    safeEvaluate(huanggang, input({ 产出指标: output, 效益指标: outcome, 满意度指标: [{ name: '服务对象满意度', target: '≥90%', actual, weight: 10, ...(reason ? { reason } : {}) }] }));
  it('98% met is 9.8 of 10; 100% is 10; the reason says how', () => {
    const r = run('98');
    expect(r.success).toBe(true);
    if (!r.success) return;
    const leafOf = (v: typeof r.value) => v.indicators[3]!.children![0]!;
    expect(leafOf(r.value).score).toBe('9.8');
    expect(leafOf(r.value).deductions[0]!.reason).toBe('完成值98%，指标值≥90%，按完成值98%计，得9.8分，扣0.2分');
    const full = run('100');
    if (full.success) expect(leafOf(full.value).score).toBe('10');
  });
  it('below the target it still needs 偏差原因; above it does not', () => {
    expect(run('85').success).toBe(false);
    expect(run('85', '部分服务对象不满意').success).toBe(true);
  });
});

describe('emptyTarget: not_applicable (an empty 指标值 as the rubric declares, never a silent full mark)', () => {
  const text = readFileSync(new URL('../fixtures/project-national.yaml', import.meta.url), 'utf8').replace(/    max: 50\n    rows: \{\}/, '    max: 50\n    rows: { emptyTarget: not_applicable }');
  const declared = loadRubric(text);
  const run = (rows: Record<string, unknown[]>) => safeEvaluate(declared, input(rows));
  // 汨罗 2018: three 产出 rows filed with an empty 指标值.
  const filed = [
    { group: '数量指标', name: '服务大厅办事正确率', target: '100%', actual: '100', weight: 10 },
    { group: '数量指标', name: '编制…实施清单数', target: '', actual: '3821项', weight: 10 },
    { group: '数量指标', name: '政务大厅办理各类政务服务事项', actual: '67888件', weight: 10 },
    { group: '质量指标', name: '12345热线工单办结率', target: '100%', actual: '95', weight: 20, reason: '部分工单跨年办结' },
  ];

  it('without the declaration the row is row_target_missing', () => {
    expect(issues({ 产出指标: filed, 效益指标: outcome })).toEqual(['row_target_missing rows.产出指标.1.target', 'row_target_missing rows.产出指标.2.target']);
  });

  it('with it, the rows show as 不适用 (max 0, no score, no loss) and their 分值 goes to the other rows pro rata', () => {
    const r = run({ 产出指标: filed, 效益指标: outcome });
    expect(r.success).toBe(true);
    if (!r.success) return;
    const out = r.value.indicators[1]!;
    // 满意度 10 moves to 产出/效益 → 产出 56.25; its two scored rows 10 + 20 share it: 18.75 and 37.5.
    expect(out.max).toBe('56.25');
    const rows = out.children!.flatMap((g) => g.children!);
    expect(rows.map((x) => [x.name, x.max, x.score, x.notApplicable ?? false])).toEqual([
      ['服务大厅办事正确率', '18.75', '18.75', false],
      ['编制…实施清单数', '0', '0', true],
      ['政务大厅办理各类政务服务事项', '0', '0', true],
      ['12345热线工单办结率', '37.5', '35.63', false],
    ]);
    expect(rows[1]!.remark).toBe('未设定年度指标值，按不适用处理，原分值10分按比例并入本指标其余各行');
    expect(rows[1]!.deductions).toEqual([]);
    // The sheet adds up: groups and section.
    expect(out.children!.map((g) => [g.name, g.max, g.score])).toEqual([['数量指标', '18.75', '18.75'], ['质量指标', '37.5', '35.63']]);
    expect(out.score).toBe('54.38');
  });

  it('the 分值 as filed, 不适用 rows included, must still add up; all rows 不适用 is an issue', () => {
    const short = filed.map((x, i) => (i === 3 ? { ...x, weight: 10 } : x));
    expect(run({ 产出指标: short, 效益指标: outcome }).success).toBe(false);
    const none = filed.map((x) => ({ ...x, target: '' }));
    const r = run({ 产出指标: none, 效益指标: outcome });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues.map((i) => `${i.code} ${i.path.join('.')}`)).toEqual(['rows_all_not_applicable rows.产出指标']);
  });
});
