/**
 * 复核: a filed 项目支出绩效自评表 set beside its own rules. Every class of finding at its edge,
 * both sides, on the national form (财预〔2020〕10号: 预算执行率 10, 产出 50, 效益 30, 满意度 10),
 * with the expected figures computed by hand in each test's name or comment.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, loadBundledRubric, loadRubric } from '../../src/index.js';
import { review, safeReview, type FiledForm, type Finding } from '../../src/entries/review.js';
import { Exact } from '../../src/exact.js';
import { asWritten } from '../../src/review/finding.js';

const national = loadBundledRubric('project-self-evaluation');
const variant = (accept: string[]) =>
  loadRubric(`extends: project-self-evaluation\nid: reviewed\nname: 复核变体\nversion: "2020"\nreview:\n  accept: [${accept.join(', ')}]\n`, { file: 'reviewed.yaml' });

type Row = Record<string, unknown>;
/** A clean national form: budget 200 / 195.5 (97.75% → 9.78), and rows that meet their targets. */
function form(over: { rows?: Partial<Record<string, Row[]>>; filed?: Record<string, unknown>; values?: Record<string, unknown> } = {}): FiledForm {
  const rows: Record<string, Row[]> = {
    产出指标: [
      { group: '数量指标', name: '指标1:全县参合人数', target: '8755', actual: '8755', weight: 15, filed: 15 },
      { group: '质量指标', name: '资金纳入医保统筹', target: '100%', actual: '100%', weight: 15, filed: 15 },
      { group: '时效指标', name: '按时拨付', target: '按时完成', level: '达成', weight: 10, filed: 10 },
      { group: '成本指标', name: '配套资金每人每年', target: '≤75元', actual: '75元', weight: 10, filed: 10 },
    ],
    效益指标: [{ group: '社会效益指标', name: '看病难贵问题', target: '≥95%', actual: '95%', weight: 30, filed: 30 }],
    满意度指标: [{ group: '服务对象满意度指标', name: '是否满意', target: '≥95%', actual: '95%', weight: 10, filed: 10 }],
    ...over.rows,
  } as Record<string, Row[]>;
  // A figure given as null is one the form does not print.
  const filed = Object.fromEntries(Object.entries({ scores: { 预算执行率: '9.78' }, total: '99.78', ...over.filed }).filter(([, v]) => v !== null));
  return { values: (over.values ?? { 全年预算数: '200', 全年执行数: '195.5' }) as FiledForm['values'], rows: rows as FiledForm['rows'], filed: filed as unknown as FiledForm['filed'] };
}
const findings = (f: FiledForm, rubric = national) => review(rubric, f).findings;
const brief = (fs: Finding[]) => fs.map((f) => `${f.class} ${f.severity} ${f.indicator} ${f.difference ?? f.expected ?? ''}`);

describe('a form whose every figure is the rule’s reviews clean', () => {
  it('9.78 + 50 + 30 + 10 = 99.78, as filed', () => {
    const r = review(national, form());
    expect([r.result.total, r.filed.total, r.clean, r.findings]).toStrictEqual(['99.78', '99.78', true, []]);
  });
});

describe('arithmetic: a subtotal or total that is not the sum of its own figures', () => {
  it('产出指标 filed 49.99 under rows 15 + 15 + 10 + 10 = 50: 0.01 less; filed 50: nothing', () => {
    expect(brief(findings(form({ filed: { scores: { 预算执行率: '9.78', 产出指标: '49.99' }, total: '99.77' } })))).toStrictEqual(['arithmetic error 产出指标 -0.01']);
    // The total is read against the subtotal as printed: 9.78 + 49.99 + 30 + 10 = 99.77, not 99.78.
    expect(brief(findings(form({ filed: { scores: { 预算执行率: '9.78', 产出指标: '49.99' } } })))).toStrictEqual(['arithmetic error 产出指标 -0.01', 'arithmetic error 总分 0.01']);
    expect(findings(form({ filed: { scores: { 预算执行率: '9.78', 产出指标: '50' } } }))).toStrictEqual([]);
  });

  it('a subtotal of a 二级 group by its path: 产出指标.数量指标 filed 15.01 over one row of 15', () => {
    expect(brief(findings(form({ filed: { scores: { 预算执行率: '9.78', '产出指标.数量指标': '15.01' }, total: '99.79' } })))).toStrictEqual(['arithmetic error 产出指标.数量指标 0.01']);
  });

  it('总分 99.79 over figures adding to 99.78: 0.01 more; 99.77: 0.01 less; 99.78: nothing', () => {
    expect(brief(findings(form({ filed: { total: '99.79' } })))).toStrictEqual(['arithmetic error 总分 0.01']);
    expect(brief(findings(form({ filed: { total: '99.77' } })))).toStrictEqual(['arithmetic error 总分 -0.01']);
    expect(findings(form({ filed: { total: '99.78' } }))).toStrictEqual([]);
  });

  it('a total over the rule\'s unrounded score explains a cell only where the cell shows that score cut or rounded: 9.7 and 9.8 for 9.78 do, 8 and 9.79 do not', () => {
    const explained = (cell: string, total: string) => findings(form({ filed: { scores: { 预算执行率: cell }, total } })).find((f) => f.indicator === '总分')?.explanation?.zh;
    // 9.7 + 90 = 99.7; with the rule's 9.78 the rows make 99.78, the filed total.
    expect(explained('9.7', '99.78')).toBe('若预算执行率按规则计9.78分（表上填9.7分），各项之和为99.78分，保留2位小数即为填报总分99.78分：总分是按9.78分算的，该格只印出了9.7分');
    expect(explained('9.8', '99.78')).toBe('若预算执行率按规则计9.78分（表上填9.8分），各项之和为99.78分，保留2位小数即为填报总分99.78分：总分是按9.78分算的，该格只印出了9.8分');
    // 8 is no display of 9.78, nor is 9.79 (as many decimals as the rule's): the total is not explained.
    expect(explained('8', '99.78')).toBeUndefined();
    expect(explained('9.79', '99.78')).toBeUndefined();
  });

  it('a total printed as a whole number: 99.78 printed 100 is off by 0.22 and explained by rounding', () => {
    const [f] = findings(form({ filed: { total: '100' } }));
    expect([f!.class, f!.difference, f!.explanation?.zh]).toStrictEqual(['arithmetic', '0.22', '各项之和99.78分取整即为100分：总分是四舍五入后印出的']);
  });

  it('执行率 printed against 195.5 / 200 = 97.75%: 97.75, 97.8 (rounded), 97.7 (cut), 98, 97 agree; 97.76, 97.9, 96 do not', () => {
    for (const ok of ['97.75', '97.8', '97.7', '98', '97', '97.750']) {
      expect(findings(form({ filed: { metrics: { 预算执行率: ok } } })), ok).toStrictEqual([]);
    }
    for (const [bad, rounded] of [['97.76', '97.75'], ['97.9', '97.8'], ['96', '98']]) {
      const fs = findings(form({ filed: { metrics: { 预算执行率: bad } } }));
      expect(fs.map((f) => [f.class, f.indicator, f.expected]), bad).toStrictEqual([['arithmetic', '预算执行率', rounded]]);
    }
  });

  it('the 上海普陀 2022 slip: 215457.6 / 250000 = 86.18304%, printed 86.19%', () => {
    const fs = findings(form({ values: { 全年预算数: '25', 全年执行数: '21.54576' }, filed: { scores: { 预算执行率: '8.62' }, metrics: { 预算执行率: '86.19' }, total: '98.62' } }));
    expect(fs.map((f) => f.message)).toStrictEqual(['预算执行率：按填报数据计算为86.18304%（保留2位小数为86.18%），填报86.19%']);
  });
});

describe('rule departure: a quantitative row scored other than its rule, with the direction', () => {
  const unmet = (filed: string, reason?: string) =>
    form({ rows: { 产出指标: [{ group: '数量指标', name: '指标1:全县参合人数', target: '8755', actual: '8676', weight: 15, filed, ...(reason ? { reason } : {}) }, ...form().rows!.产出指标!.slice(1)] }, filed: { total: null as never } });

  it('全县参合人数 8676 of ≥8755 on 15: 15 × 8676 / 8755 = 14.8646… → 14.86; filed 14.86 agrees', () => {
    expect(findings(unmet('14.86', '有偏差'))).toStrictEqual([]);
  });

  it('filed 14.85 is 0.01 below, 14.87 0.01 above; the message says both figures', () => {
    const below = findings(unmet('14.85', '有偏差'));
    expect(brief(below)).toStrictEqual(['rule error 产出指标.数量指标.1 -0.01']);
    expect(below[0]!.direction).toBe('below');
    const above = findings(unmet('14.87', '有偏差'));
    expect([above[0]!.direction, above[0]!.difference]).toStrictEqual(['above', '0.01']);
  });

  it('“全县参合人数：指标值8755，完成值8676，按规则应得14.86分，填报13分，少1.86分”', () => {
    expect(findings(unmet('13', '建档立卡中有新增死亡人员,导致有偏差'))[0]!.message).toBe('全县参合人数：指标值8755，完成值8676，按规则应得14.86分，填报13分，少1.86分');
  });

  it('a met row docked: 30 of 30 filed 27 is 3 below', () => {
    const r = form({ rows: { 效益指标: [{ group: '社会效益指标', name: '看病难贵问题', target: '≥95%', actual: '95%', weight: 30, filed: 27, reason: '评价人判断' }] }, filed: { total: '96.78' } });
    expect(brief(findings(r))).toStrictEqual(['rule error 效益指标.社会效益指标.1 -3']);
  });

  it('预算执行率 (a formula, not a row) filed 9 where 10 × 97.75% = 9.775 → 9.78: 0.78 below', () => {
    expect(brief(findings(form({ filed: { scores: { 预算执行率: '9' }, total: '99' } })))).toStrictEqual(['rule error 预算执行率 -0.78']);
  });
});

describe('accepted departures: what the rubric declares its reviewers take as judgement', () => {
  const docked = (reason?: string) =>
    form({ rows: { 效益指标: [{ group: '社会效益指标', name: '看病难贵问题', target: '≥95%', actual: '95%', weight: 30, filed: 27, ...(reason !== undefined ? { reason } : {}) }] }, filed: { total: '96.78' } });
  const unmet = form({
    rows: { 产出指标: [{ group: '数量指标', name: '参合人数', target: '8755', actual: '8676', weight: 15, filed: 13, reason: '新增死亡人员' }, ...form().rows!.产出指标!.slice(1)] },
    filed: { total: '97.78' },
  });

  it('met_docked_with_reason: a met row docked with a reason is shown, not an error; the review is clean', () => {
    const r = review(variant(['met_docked_with_reason']), docked('看病难贵问题未完全解决'));
    expect(brief(r.findings)).toStrictEqual(['rule accepted 效益指标.社会效益指标.1 -3']);
    expect(r.clean).toBe(true);
  });

  it('…without a reason it stays an error, and the missing reason is a finding of its own', () => {
    expect(brief(findings(docked(), variant(['met_docked_with_reason'])))).toStrictEqual(['rule error 效益指标.社会效益指标.1 -3', 'reason error 效益指标.社会效益指标.1 30']);
    expect(brief(findings(docked('  '), variant(['met_docked_with_reason'])))).toStrictEqual(['rule error 效益指标.社会效益指标.1 -3', 'reason error 效益指标.社会效益指标.1 30']);
  });

  it('…an unmet row docked below its rule is not a met row: an error under met_docked_with_reason, accepted under docked_with_reason', () => {
    expect(brief(findings(unmet, variant(['met_docked_with_reason'])))).toStrictEqual(['rule error 产出指标.数量指标.1 -1.86']);
    expect(brief(findings(unmet, variant(['docked_with_reason'])))).toStrictEqual(['rule accepted 产出指标.数量指标.1 -1.86']);
  });

  it('a row filed above its rule is never accepted', () => {
    const above = form({ rows: { 产出指标: [{ group: '数量指标', name: '参合人数', target: '8755', actual: '8676', weight: 15, filed: 15, reason: '新增死亡人员' }, ...form().rows!.产出指标!.slice(1)] } });
    expect(brief(findings(above, variant(['docked_with_reason'])))).toStrictEqual(['rule error 产出指标.数量指标.1 0.14']);
  });
});

describe('定性 score outside its 档', () => {
  const level = (level: string, filed: string, reason = '部分完成') =>
    form({ rows: { 产出指标: [...form().rows!.产出指标!.slice(0, 2), { group: '时效指标', name: '按时拨付', target: '按时完成', level, weight: 10, filed, reason }, form().rows!.产出指标![3]!] }, filed: { total: null as never } });

  it('达成 on 10 is [8, 10]: 8 agrees, 7.99 is outside and the rules take 8', () => {
    expect(findings(level('达成', '8'))).toStrictEqual([]);
    const r = review(national, level('达成', '7.99'));
    expect(r.findings.map((f) => [f.class, f.expected, f.message])).toStrictEqual([['level', '[8, 10]', '按时拨付：达成档得分应在[8, 10]之间，填报7.99分']]);
    expect(r.result.indicators[1]!.score).toBe('48');
  });

  it('部分达成 on 10 is [6, 8): 7.99 agrees, 8 is outside (the rules take 7.99), 5.99 too (they take 6)', () => {
    expect(findings(level('部分达成', '7.99'))).toStrictEqual([]);
    expect(brief(findings(level('部分达成', '8')))).toStrictEqual(['level error 产出指标.时效指标.3 [6, 8)']);
    expect(review(national, level('部分达成', '8')).result.indicators[1]!.score).toBe('47.99');
    expect(review(national, level('部分达成', '5.99')).result.indicators[1]!.score).toBe('46');
  });

  it('a 定性 row with its score and no filed: the score is what was filed (the total adds it up)', () => {
    const f = form();
    const row = f.rows!.产出指标![2] as Row;
    delete row.filed;
    row.score = 10;
    expect(findings(f)).toStrictEqual([]);
    row.score = 9;
    row.reason = '略有延误';
    // 9.78 + 15 + 15 + 9 + 10 + 30 + 10 = 98.78, filed 99.78.
    expect(brief(findings(f))).toStrictEqual(['arithmetic error 总分 1']);
  });

  it('a filed 定性 score and a different score on the same row are refused: one score per row', () => {
    const f = level('达成', '9');
    (f.rows!.产出指标![2] as Row).score = 10;
    const r = safeReview(national, f);
    expect(r.success ? [] : r.issues.map((i) => [i.code, i.path.join('.')])).toStrictEqual([['filed_score_conflict', 'rows.产出指标.2.filed']]);
  });
});

describe('score above max', () => {
  it('a met row of 10 filed 10.01: 0.01 above its rule and 0.01 above its max; 10: nothing', () => {
    const f = (filed: string) => form({ rows: { 满意度指标: [{ group: '服务对象满意度指标', name: '是否满意', target: '≥95%', actual: '95%', weight: 10, filed }] }, filed: { total: null as never } });
    expect(brief(findings(f('10.01')))).toStrictEqual(['rule error 满意度指标.服务对象满意度指标.1 0.01', 'max error 满意度指标.服务对象满意度指标.1 0.01']);
    expect(findings(f('10'))).toStrictEqual([]);
  });

  it('a 定性 row of 10 filed 10.01 in 达成: above its max (the rules take 10)', () => {
    const f = form({ rows: { 产出指标: [...form().rows!.产出指标!.slice(0, 2), { group: '时效指标', name: '按时拨付', target: '按时完成', level: '达成', weight: 10, filed: '10.01' }, form().rows!.产出指标![3]!] }, filed: { total: null as never } });
    expect(brief(findings(f))).toStrictEqual(['max error 产出指标.时效指标.3 0.01']);
  });
});

describe('grade against the total', () => {
  it('90 is 优 (90（含）–100), 89.99 is 良: filed 优 on 89.99 is a finding, on 90 not', () => {
    const f = (total: string, grade: string) => form({ filed: { total, grade } });
    const [g] = findings(f('89.99', '优')).filter((x) => x.class === 'grade');
    expect([g!.expected, g!.message]).toStrictEqual(['良', '等次：填报总分89.99分的等次为“良”，填报“优”']);
    expect(findings(f('90', '优')).filter((x) => x.class === 'grade')).toStrictEqual([]);
  });

  it('优秀 for 优, 良好 for 良 are the same grade as forms write them; 良好 on 90 is not', () => {
    expect(findings(form({ filed: { total: '90', grade: '优秀' } })).filter((x) => x.class === 'grade')).toStrictEqual([]);
    expect(findings(form({ filed: { total: '89.99', grade: '良好' } })).filter((x) => x.class === 'grade')).toStrictEqual([]);
    expect(findings(form({ filed: { total: '90', grade: '良好' } })).filter((x) => x.class === 'grade').map((x) => x.expected)).toStrictEqual(['优']);
  });

  it('a filed score may name its indicator as the sheet prints it: 预算执行情况 on the 湖北 layout is 预算执行率', () => {
    const hubei = loadBundledRubric('project-self-evaluation-hubei');
    const f: FiledForm = {
      values: { 全年预算数: 200, 全年执行数: '195.5' },
      rows: {
        年度绩效目标1: [{ group: '数量指标', name: '宣传片', target: '≥1部', actual: '1部', weight: 40, filed: 40 }],
        年度绩效目标2: [{ group: '满意度指标', name: '群众满意度', target: '满意', level: '达成', weight: 40, filed: 40 }],
      },
      filed: { scores: { 预算执行情况: '19' }, total: '99' },
    };
    expect(brief(review(hubei, f).findings)).toStrictEqual(['rule error 预算执行率 -0.55']);
  });

  it('with no filed total the grade is read against the total by the rules (99.78 → 优)', () => {
    expect(findings(form({ filed: { total: null as never, grade: '优' } }))).toStrictEqual([]);
    expect(brief(findings(form({ filed: { total: null as never, grade: '良' } })))).toStrictEqual(['grade error 等次 优']);
  });
});

describe('deduction with no 偏差原因', () => {
  const row = (actual: string, filed: string, reason?: string) =>
    form({ rows: { 满意度指标: [{ group: '服务对象满意度指标', name: '是否满意', target: '≥95%', actual, weight: 10, filed, ...(reason !== undefined ? { reason } : {}) }] }, filed: { total: null as never } });

  it('a met row filed 9.99 of 10 with no reason: a rule departure and no reason; with a reason, the departure only', () => {
    expect(brief(findings(row('95', '9.99')))).toStrictEqual(['rule error 满意度指标.服务对象满意度指标.1 -0.01', 'reason error 满意度指标.服务对象满意度指标.1 10']);
    expect(brief(findings(row('95', '9.99', '个别不满意')))).toStrictEqual(['rule error 满意度指标.服务对象满意度指标.1 -0.01']);
  });

  it('an unmet row filed as its rule (90 of ≥95 on 10: 9.4736… → 9.47) with no reason: the reason only; the rules score it', () => {
    const r = review(national, row('90', '9.47'));
    expect(brief(r.findings)).toStrictEqual(['reason error 满意度指标.服务对象满意度指标.1 10']);
    expect(r.findings[0]!.message).toBe('是否满意：填报9.47分，低于分值10分，未填写偏差原因');
    expect(r.result.indicators[3]!.score).toBe('9.47');
  });

  it('94.99 of ≥95 on 10 is 9.9989… → 10 by the rules (as the 一体化 module rounds): filed 10, no deduction, but the target is missed and the rules ask a reason', () => {
    const [f] = findings(row('94.99', '10'));
    expect([f!.class, f!.message]).toStrictEqual(['reason', '是否满意：未完成指标值（指标值≥95%，完成值94.99%），未填写偏差原因']);
    expect(findings(row('95', '10'))).toStrictEqual([]);
  });

  it('a form-wide 偏差原因 (湖北 layout: one box for the whole form) covers its rows', () => {
    const f = row('95', '9.99');
    (f.filed as Record<string, unknown>).deviation = '个别服务对象不满意';
    expect(brief(findings(f))).toStrictEqual(['rule error 满意度指标.服务对象满意度指标.1 -0.01']);
  });
});

describe('the filed form as input: bad figures are typed issues with paths and positions', () => {
  const issues = (f: unknown, opts?: { file: string }) => {
    const r = safeReview(national, f as FiledForm, opts);
    return r.success ? [] : r.issues.map((i) => `${i.code} ${i.path.join('.')}${i.source ? ` ${i.source.line}:${i.source.column}` : ''}`);
  };

  it('an evaluation input without what was filed: missing filed', () => {
    const { filed: _, ...plain } = form();
    expect(issues(plain)).toStrictEqual(['missing_key filed']);
  });

  it('a total that is no number, with its line and column; an unknown key under filed, with a hint', () => {
    const text = JSON.stringify({ ...form(), filed: { total: '9４', scroes: {} } }, null, 2);
    expect(issues(text, { file: 'f.json' }).sort()).toStrictEqual([
      `invalid_number filed.total ${lineOf(text, '"9４"')}:5`,
      `unknown_key filed.scroes ${lineOf(text, '"scroes"')}:5`,
    ]);
  });

  it('a filed score for no indicator (did you mean), and for a row (its own filed field)', () => {
    expect(issues(form({ filed: { scores: { 预算执行: '9' } } }))).toStrictEqual(['filed_unknown_indicator filed.scores.预算执行']);
    const r = safeReview(national, form({ filed: { scores: { 预算执行: '9' } } }));
    expect(r.success ? '' : r.issues[0]!.message).toBe('填报得分中的“预算执行”不是评分表中的指标，是否应为“预算执行率”？');
    expect(issues(form({ filed: { scores: { '产出指标.1': '15' } } }))).toStrictEqual(['filed_row_score filed.scores.产出指标.1']);
    expect(issues(form({ filed: { metrics: { 执行率: '97.75' } } }))).toStrictEqual(['filed_unknown_metric filed.metrics.执行率']);
  });

  it('a row the rules cannot read is refused as evaluate refuses it, at the same path, with its line', () => {
    const f = form();
    delete (f.rows!.产出指标![0] as Row).actual;
    const text = JSON.stringify(f, null, 2);
    expect(issues(text, { file: 'f.json' })).toStrictEqual([`row_actual_missing rows.产出指标.0.actual ${lineOf(text, '"指标1:全县参合人数"') - 2}:7`]);
  });

  it('a figure written as the form prints it (13分, 99%) is no number: invalid_number with the hint how to write it', () => {
    const r = safeReview(national, form({ rows: { 满意度指标: [{ group: '服务对象满意度指标', name: '是否满意', target: '≥95%', actual: '95%', weight: 10, filed: '10分' }] }, filed: { metrics: { 预算执行率: '97.75%' } } }));
    expect(r.success ? [] : r.issues.map((i) => [i.path.join('.'), i.message])).toStrictEqual([
      ['filed.metrics.预算执行率', '“97.75%”不是有效的十进制数字（百分比请填写百分点数值，如 99 表示 99%）'],
      ['rows.满意度指标.0.filed', '“10分”不是有效的十进制数字（得分请只填写数字，如 13）'],
    ]);
  });

  it('a filed row score that is no number: invalid_number at rows.…filed', () => {
    const f = form();
    (f.rows!.效益指标![0] as Row).filed = '三十';
    expect(issues(f)).toStrictEqual(['invalid_number rows.效益指标.0.filed']);
  });

  it('never throws: null, a list, a number, a non-rubric', () => {
    expect(issues(null)).toStrictEqual(['invalid_type ']);
    expect(issues([])).toStrictEqual(['invalid_type ']);
    expect(safeReview({} as never, form()).success).toBe(false);
    expect(() => review(national, 42 as never)).toThrow();
  });
});

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('properties (exact oracles)', () => {
  /** Rows of one section: k rows with integer weights adding up to `max`, each ≥A with an actual in [0, 2A]. */
  const section = (max: number) =>
    fc.integer({ min: 1, max: 4 }).chain((k) =>
      fc.tuple(
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: k, maxLength: k }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 2000 })), { minLength: k, maxLength: k }),
      ).map(([parts, figs]) => {
        const sum = parts.reduce((a, b) => a + b, 0);
        // Integer weights adding up to max exactly: scaled down, the remainder on the last row.
        const w = parts.map((p) => Math.floor((p * max) / sum));
        w[w.length - 1]! += max - w.reduce((a, b) => a + b, 0);
        return figs.map(([a, b], i) => ({ name: `行${i + 1}`, target: `≥${a}`, actual: String(Math.min(b, 2 * a)), weight: w[i]!, reason: '偏差原因' }));
      }),
    ).filter((rows) => rows.every((r) => r.weight > 0));
  const clean = fc.tuple(section(50), section(30), section(10), fc.integer({ min: 1, max: 10000 }), fc.integer({ min: 0, max: 10000 })).map(([a, b, c, budget, spent]) => {
    const rows = { 产出指标: a, 效益指标: b, 满意度指标: c } as Record<string, Row[]>;
    const values = { 全年预算数: String(budget), 全年执行数: String(spent) };
    // The oracle: the rules' own scores, from evaluate (not from review).
    const result = evaluate(national, { values, rows } as never);
    const score = (id: string) => {
      const find = (ns: typeof result.indicators): string | undefined => {
        for (const n of ns) {
          if (n.id === id) return n.score;
          const inner = n.children && find(n.children);
          if (inner) return inner;
        }
        return undefined;
      };
      return find(result.indicators)!;
    };
    for (const [s, list] of Object.entries(rows)) list.forEach((r, i) => (r.filed = score(`${s}.${i + 1}`)));
    const subtotals = Object.fromEntries(['预算执行率', ...Object.keys(rows)].map((s) => [s, score(s)]));
    return { form: { values, rows, filed: { scores: subtotals, total: result.total } } as unknown as FiledForm, total: result.total };
  });

  it('a form whose every figure equals the rule’s reviews clean, with its total kept', () => {
    fc.assert(
      fc.property(clean, ({ form: f, total }) => {
        const r = review(national, f);
        expect(r.findings).toStrictEqual([]);
        expect([r.filed.total, r.result.total]).toStrictEqual([total, total]);
      }),
      { numRuns: 150 },
    );
  });

  it('one row’s filed score moved by d ≠ 0: exactly one rule departure of size d there; an arithmetic finding on its subtotal and on the total iff each was not moved alike', () => {
    const cents = fc.integer({ min: -500, max: 500 }).filter((c) => c !== 0);
    fc.assert(
      fc.property(clean, fc.nat(), cents, fc.boolean(), fc.boolean(), ({ form: f }, pick, c, subtotalAlike, totalAlike) => {
        const all = Object.entries(f.rows!).flatMap(([s, list]) => list.map((r, i) => ({ s, i, r: r as Row })));
        const { s, i, r } = all[pick % all.length]!;
        const d = (x: string) => (Math.round(Number(x) * 100) + c) / 100;
        const moved = d(String(r.filed));
        fc.pre(moved >= 0);
        r.filed = moved.toFixed(2);
        const scores = f.filed.scores as Record<string, string>;
        if (subtotalAlike) scores[s] = d(scores[s]!).toFixed(2);
        if (totalAlike) f.filed.total = d(String(f.filed.total)).toFixed(2);
        const fs = review(national, f).findings;
        const rule = fs.filter((x) => x.class === 'rule');
        expect(rule.map((x) => [x.path.join('.'), x.difference])).toStrictEqual([[`rows.${s}.${i}.filed`, (c / 100).toString()]]);
        const arithmetic = fs.filter((x) => x.class === 'arithmetic').map((x) => x.indicator);
        // The subtotal moved alike agrees with its rows, but then the total sees it; the total moved alike agrees with the subtotals.
        const expected = [...(subtotalAlike ? [] : [s]), ...(subtotalAlike === totalAlike ? [] : ['总分'])];
        expect(arithmetic).toStrictEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('a filed form read from a 自评表 table (jixiao import --filed)', () => {
  it('上海普陀 2022 form.csv: each row’s 得分, the funds line’s 8.62 and 86.19%, the 总分 98.62 — as examples/…/filed.json has them', async () => {
    const { readFileSync } = await import('node:fs');
    const { importEvaluation } = await import('../../src/entries/authoring.js');
    const dir = 'examples/shanghai-putuo-2022-sports-centre';
    const r = importEvaluation(readFileSync(`${dir}/form.csv`, 'utf8'), national, { file: 'form.csv', filed: true });
    expect(r.success).toBe(true);
    if (!r.success) return;
    const example = JSON.parse(readFileSync(`${dir}/filed.json`, 'utf8')) as FiledForm;
    expect(r.value.filed!.rows).toStrictEqual(example.rows);
    expect(r.value.filed!.filed).toStrictEqual({ scores: { 预算执行率: '8.62' }, metrics: { 预算执行率: '86.19' }, total: '98.62' });
    expect(review(national, r.value.filed!).findings.map((f) => f.message)).toStrictEqual(['预算执行率：按填报数据计算为86.18304%（保留2位小数为86.18%），填报86.19%']);
  });
});

describe('the JSON Schema of filed forms (jixiao schema filed)', () => {
  it('accepts every example’s filed.json and the batch’s lines; refuses a form without what was filed', async () => {
    const { readFileSync } = await import('node:fs');
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const { filedJsonSchema } = await import('../../src/review/json-schema.js');
    const valid = new Ajv2020({ strict: false }).compile(filedJsonSchema());
    const forms = ['jishan-2020-peitao', 'huangshi-2022-haimian', 'shanghai-putuo-2022-sports-centre'].map((d) => JSON.parse(readFileSync(`examples/${d}/filed.json`, 'utf8')));
    for (const l of readFileSync('examples/batch/filed.ndjson', 'utf8').split('\n').filter(Boolean)) forms.push(JSON.parse(l));
    for (const f of forms) expect(valid(f)).toBe(true);
    const { filed: _, ...plain } = forms[0];
    expect(valid(plain)).toBe(false);
  });
});

describe('a department sheet: judgement items (评价人评分) and other leaves filed', () => {
  const hunan = loadBundledRubric('hunan-department');
  const yunxi = async () => JSON.parse((await import('node:fs')).readFileSync('examples/yunxi-2021/input.json', 'utf8')) as FiledForm & { assessments: Record<string, Record<string, unknown>> };
  // examples/yunxi-2021: 99, 优秀. 推进全面小康建设指标任务完成情况 is a judgement of 5, scored 5.
  it('a judgement’s filed score is its score: 5 of 5 filed, no score in the assessment, reviews clean at 99', async () => {
    const f = await yunxi();
    delete f.assessments['推进全面小康建设指标任务完成情况']!.score;
    const r = review(hunan, { ...f, filed: { scores: { 推进全面小康建设指标任务完成情况: '5' }, total: '99', grade: '优秀' } });
    expect([r.result.total, r.findings]).toStrictEqual(['99', []]);
  });

  it('a judgement filed 5.5 of 5: above its max by 0.5, no rule departure (the evaluator’s score is the rule); the rules take 5', async () => {
    const f = await yunxi();
    delete f.assessments['推进全面小康建设指标任务完成情况']!.score;
    const r = review(hunan, { ...f, filed: { scores: { 推进全面小康建设指标任务完成情况: '5.5' } } });
    expect(brief(r.findings)).toStrictEqual(['max error 产出.职责履行.推进全面小康建设指标任务完成情况 0.5']);
    expect(r.result.total).toBe('99');
  });

  it('a checklist (预算管理制度健全性, 2 of 3 by its items) filed 3.5: 1.5 above its rule and 0.5 above its max', async () => {
    const r = review(hunan, { ...(await yunxi()), filed: { scores: { 预算管理制度健全性: '3.5' } } });
    expect(brief(r.findings)).toStrictEqual(['rule error 过程.预算管理.预算管理制度健全性 1.5', 'max error 过程.预算管理.预算管理制度健全性 0.5']);
  });
});

describe('a filed figure kept as written (asWritten)', () => {
  it('keeps a text that is its value with zeros after the last decimal, and gives the plain value for any other writing', () => {
    expect(asWritten('41.50', Exact.parse('41.5'))).toBe('41.50');
    expect(asWritten('94.0', Exact.parse('94'))).toBe('94.0');
    expect(asWritten('0.00', Exact.parse('0'))).toBe('0.00');
    expect(asWritten('100', Exact.parse('100'))).toBe('100');
    for (const [text, plain] of [['041.50', '41.5'], ['4.15e1', '41.5'], ['+41.5', '41.5'], ['41.', '41'], ['.5', '0.5'], ['-0.0', '0']] as const) expect(asWritten(text, Exact.parse(plain))).toBe(plain);
    // Any value written with any number of zeros after its decimals comes back as written; its
    // plain text never gains a zero.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.nat(4), fc.nat(3), (digits, places, zeros) => {
        const value = Exact.scaledInteger(digits, places);
        const plain = value.toPlain();
        const written = zeros === 0 ? plain : `${plain}${plain.includes('.') ? '' : '.'}${'0'.repeat(zeros)}`;
        expect(asWritten(written, value)).toBe(written);
        expect(asWritten(plain, value)).toBe(plain);
      }),
    );
  });
});
