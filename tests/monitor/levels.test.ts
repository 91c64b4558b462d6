/**
 * 双监控: the deployed warning rules of the 一体化 performance module (PERF_T_WARNSET), as
 * rubrics/project-monitoring.yaml reproduces them. Every figure is worked out by hand: with the
 * annual target 120 and the monitoring month 7, 序时进度 is 120 × 7 ÷ 12 = 70, so 完成 42 is 60%,
 * 56 is 80%, 84 is 120%; one step of 0.007 below each is 0.01 percentage point below the edge.
 */
import { describe, expect, it } from 'vitest';
import { loadBundledMonitoring, loadMonitoringRubric, safeLoadMonitoringRubric, safeMonitor, type MonitoringResult } from '../../src/entries/monitor.js';
import { expectIssue } from '../helpers.js';

const base = loadBundledMonitoring('project-monitoring');
/** The variant: 完成值 0 red, ≥120% of the annual target blue, else <60 red, [60, 80) yellow, ≥80 green. */
const variant = loadMonitoringRubric(`
id: variant
name: 变体
extends: project-monitoring
monitoring:
  targets: { ">=": 正向零红超年度蓝, ">": 正向零红超年度蓝, "=": 正向零红超年度蓝 }
`);

type Row = { name?: string; target: string; done?: string; level?: string; likelihood?: string; projected?: string; causes?: string[]; reason?: string; measure?: string };
const row = (r: Row) => {
  const { name = '指标', target, likelihood = '有可能', causes = ['其他'], measure = '加快进度', ...m } = r;
  return { group: '数量指标', name, target, weight: '10', monitor: { likelihood, causes, measure, ...m } };
};
/** The funds default to 年初预算数 120, 执行 60: whatever the month, they stay beside the rows' levels. */
const input = (through: number, rows: Row[], funds: Record<string, string> = { budget: '120', spent: '60' }) => ({ monitor: { through, ...funds }, rows: { 产出指标: rows.map(row) } });
const run = (rubric = base, i: unknown) => {
  const r = safeMonitor(rubric, i);
  if (!r.success) throw new Error(r.issues.map((x) => `${x.code} ${x.path.join('.')} ${x.message}`).join('\n'));
  return r.value as MonitoringResult;
};
/** A rubric whose 正向 rule reads `value` (a line of YAML). */
const safeLoadMonitoringRubric_ = (value: string) =>
  safeLoadMonitoringRubric(`id: x\nname: x\nextends: project-monitoring\nmonitoring:\n  rules:\n    x: { kind: bands, ${value}, cite: c, bands: [{ when: "<60", level: 红 }] }\n  targets: { ">=": x }\n`);
const levelOf = (target: string, done: string, through = 7, rubric = base) => run(rubric, input(through, [{ target, done }])).rows[0]!.level;

describe('正向 (序时进度): value = 完成值 ÷ (年度指标值 ÷ 12 × 月) × 100; <60 红, [60, 80) 黄, [80, 120) 绿, ≥120 蓝', () => {
  it.each([
    ['41.993', '红'], // 59.99
    ['42', '黄'], // 60
    ['55.993', '黄'], // 79.99
    ['56', '绿'], // 80
    ['83.993', '绿'], // 119.99
    ['84', '蓝'], // 120
    ['0', '红'], // zero progress
  ])('≥120个 at month 7, 完成 %s → %s', (done, level) => expect(levelOf('≥120个', done)).toBe(level));

  it.each([
    ['59.99', '红'],
    ['60', '黄'],
    ['79.99', '黄'],
    ['80', '绿'],
    ['119.99', '绿'],
    ['120', '蓝'],
  ])('≥100 at month 12 (序时进度 = the year), 完成 %s%% of it → %s', (done, level) => {
    const r = run(base, input(12, [{ target: '≥100', done }])).rows[0]!;
    expect([r.progress, r.level]).toEqual([done, level]);
  });

  it('the sheet’s own sentence: 截至7月完成42，序时进度70，完成进度60%，黄色预警', () => {
    const r = run(base, input(7, [{ target: '≥120', done: '42' }])).rows[0]!;
    expect([r.reason, r.expected, r.progress, r.levelName, r.rule]).toEqual(['截至7月完成42，序时进度70，完成进度60%，黄色预警', '70', '60', '黄色预警', '正向序时']);
  });

  it('a progress that does not terminate is printed on its own side of every edge: 100 at month 7, 完成 46.66 → 79.989…% (黄)', () => {
    // 序时进度 700/12 = 58.333…; 46.66 ÷ 58.333… × 100 = 79.988571…: below 80, printed "79.99".
    const r = run(base, input(7, [{ target: '≥100', done: '46.66' }])).rows[0]!;
    expect([r.level, r.progress, r.expected]).toEqual(['黄', '79.99', '58.33']);
    // 46.6667 is 80.000057…%: green, and never printed as 80 or below.
    const g = run(base, input(7, [{ target: '≥100', done: '46.6667' }])).rows[0]!;
    expect([g.level, g.progress]).toEqual(['绿', '80.0001']);
  });

  it('units go with the figures: 截至7月完成42个，序时进度70个', () =>
    expect(run(base, input(7, [{ target: '≥120个', done: '42' }])).rows[0]!.reason).toBe('截至7月完成42个，序时进度70个，完成进度60%，黄色预警'));

  it('an annual target of 0 under a 正向 rule has no 序时进度: a typed issue, not a number', () =>
    expectIssue(() => safeMonitor(base, input(7, [{ target: '>0', done: '3' }])), { code: 'monitor_zero_base', path: ['rows', '产出指标', 0, 'monitor', 'done'] }));
});

describe('正向, the variant: 完成值 0 → 红; 完成值 ÷ 年度指标值 ≥ 120% → 蓝; otherwise <60 红, [60, 80) 黄, ≥80 绿', () => {
  it.each([
    ['≥120', '41.993', 7, '红'],
    ['≥120', '42', 7, '黄'],
    ['≥120', '55.993', 7, '黄'],
    ['≥120', '56', 7, '绿'],
    // 140% of 序时 at month 6 (100 × 6 ÷ 12 = 50, 完成 70) is blue in the first version, green here: 70% of the year.
    ['≥100', '70', 6, '绿'],
    // At month 12 序时 is the year: 119.99 green, 120 blue (≥120% of the annual target).
    ['≥100', '119.99', 12, '绿'],
    ['≥100', '120', 12, '蓝'],
    ['≥100', '0', 7, '红'],
  ])('%s, 完成 %s at month %s → %s', (target, done, through, level) => expect(levelOf(target, done, through as number, variant)).toBe(level));
  it('the first version gives 140% of 序时 blue', () => expect(levelOf('≥100', '70', 6)).toBe('蓝'));
  it('a green row says why it is not blue as well: 70% of the year, then 120% of 序时', () =>
    expect(run(variant, input(7, [{ target: '≥120场', done: '84', likelihood: '确定能' }])).rows[0]!.reason).toBe('截至7月完成84场，年度指标值120场，完成年度指标的70%，序时进度70场，完成进度120%，绿色'));
  it('a figure close to zero is never printed as zero beside the =0 check: 0.000001 → 截至7月完成0.000001', () =>
    expect(run(variant, input(7, [{ target: '≥100', done: '0.000001' }])).rows[0]!.reason).toMatch(/^截至7月完成0\.000001，/));
  it('zero said as zero: 截至7月完成0，红色预警', () => expect(run(variant, input(7, [{ target: '≥100', done: '0' }])).rows[0]!.reason).toBe('截至7月完成0，红色预警'));
  it('blue said against the year: 截至12月完成120，年度指标值100，完成年度指标的120%，蓝色预警', () =>
    expect(run(variant, input(12, [{ target: '≥100', done: '120', likelihood: '确定能' }])).rows[0]!.reason).toBe('截至12月完成120，年度指标值100，完成年度指标的120%，蓝色预警'));
});

describe('反向 (小于等于, 小于) and 年度指标值等于0: green when met, red otherwise', () => {
  it.each([
    ['≤5次', '5', '绿'],
    ['≤5次', '5.01', '红'],
    ['<5次', '4.99', '绿'],
    ['<5次', '5', '红'],
    ['控制在90万元以内', '90', '绿'],
    ['0', '0', '绿'],
    ['0', '1', '红'],
    ['=0', '0', '绿'],
    ['=0', '0.01', '红'],
  ])('%s, 完成 %s → %s', (target, done, level) => expect(levelOf(target, done)).toBe(level));
  it('the rule that gave it and why', () => {
    const r = run(base, input(7, [{ target: '≤5次', done: '6' }])).rows[0]!;
    expect([r.rule, r.reason]).toEqual(['反向', '截至7月完成6次，年度指标值≤5次，不符合，红色预警']);
    expect(run(base, input(7, [{ target: '0', done: '0', likelihood: '确定能' }])).rows[0]!.rule).toBe('等于0');
  });
});

describe('定性: 达成 → 绿, 部分达成 → 黄, 未达成 → 红', () => {
  it.each([
    ['达成', '绿'],
    ['部分达成', '黄'],
    ['未达成', '红'],
  ])('%s → %s', (level, expected) => expect(run(base, input(7, [{ target: '有效提升', level }])).rows[0]!.level).toBe(expected));
  it('a 定性 row says its attainment: 截至7月部分达成，黄色预警', () =>
    expect(run(base, input(7, [{ target: '有效提升', level: '部分达成' }])).rows[0]!.reason).toBe('截至7月部分达成，黄色预警'));
  it('a 定性 row without its attainment is a typed issue', () =>
    expectIssue(() => safeMonitor(base, input(7, [{ target: '有效提升' }])), { code: 'monitor_value_missing', path: ['rows', '产出指标', 0, 'monitor', 'level'] }));
});

describe('预算执行: 执行率 = 执行数 ÷ 预算数 (0 when the budget is 0 or missing); value = 执行率 ÷ (月 ÷ 12) × 100; <60 红, [60, 80) 黄, ≥80 绿', () => {
  const funds = (budget: string | undefined, spent: string, through = 12) => run(base, input(through, [{ target: '达成', level: '达成', likelihood: '确定能' }], { ...(budget === undefined ? {} : { budget }), spent })).funds!;
  it('budget 81, executed 37.8, month 7: exactly 80, green (binary doubles give 79.99999999999999, yellow)', () => {
    expect((37.8 / 81 / (7 / 12)) * 100).toBeLessThan(80);
    const f = funds('81', '37.8', 7);
    expect([f.progress, f.level, f.reason]).toEqual(['80', '绿', '截至7月执行37.8万元，年初预算数81万元，执行率46.67%，序时进度58.33%，预算执行进度80%，绿色']);
  });
  it.each([
    ['59.99', '红'],
    ['60', '黄'],
    ['79.99', '黄'],
    ['80', '绿'],
    ['119.99', '绿'],
    ['120', '绿'],
    ['0', '红'],
  ])('budget 100 at month 12, executed %s → %s', (spent, level) => expect(funds('100', spent).level).toBe(level));
  it('a budget of 0 gives a rate of 0, said as such (the fix named 解决除数为0的BUG): red', () => {
    const f = funds('0', '5', 7);
    expect([f.rate, f.progress, f.level, f.reason]).toEqual(['0', '0', '红', '截至7月执行5万元，年初预算数为0，执行率按0计，预算执行进度0%，红色预警']);
    expect(funds(undefined, '5', 7).reason).toBe('截至7月执行5万元，年初预算数未填，执行率按0计，预算执行进度0%，红色预警');
  });
  it('a rubric that refuses a budget of 0 says so with a typed issue', () => {
    const refusing = loadMonitoringRubric('id: r\nname: r\nextends: project-monitoring\nmonitoring: { zeroBudget: refuse }\n');
    expectIssue(() => safeMonitor(refusing, input(7, [{ target: '达成', level: '达成', likelihood: '确定能' }], { budget: '0', spent: '5' })), { code: 'monitor_zero_base', path: ['monitor', 'budget'] });
  });
  it('a budget or spending below 0 is refused where it is written', () =>
    expectIssue(() => safeMonitor(base, input(7, [{ target: '达成', level: '达成', likelihood: '确定能' }], { budget: '-81', spent: '37.8' })), { code: 'invalid_value', path: ['monitor', 'budget'] }));
  it('the budget level stays apart from the project level (目标执行预警 reads the rows)', () => {
    const r = run(base, input(7, [{ target: '达成', level: '达成', likelihood: '确定能' }], { budget: '100', spent: '1' }));
    expect([r.funds!.level, r.level]).toEqual(['红', '绿']);
  });
});

describe('目标执行预警: any red → red, else any yellow → yellow, else green, else blue', () => {
  const project = (...dones: string[]) => run(base, input(12, dones.map((done, k) => ({ name: `指标${k}`, target: '≥100', done }))));
  it.each([
    [['85', '65', '130'], '黄'],
    [['85', '50', '130'], '红'],
    [['130', '125'], '蓝'],
    [['130', '85'], '绿'],
  ])('rows %j → %s', (dones, level) => expect(project(...dones).level).toBe(level));
  it('the project says how it got there', () =>
    expect(project('85', '65', '130').reason).toBe('共3行：黄色预警1行、绿色1行、蓝色预警1行；按红、黄、绿、蓝的顺序取级别，项目为黄色预警'));
});

describe('the form’s rules (黄石市项目支出绩效监控表: 有可能 or 不可能 needs the reason and the measure)', () => {
  it('有可能 without a 偏差原因 is refused at causes', () =>
    expectIssue(() => safeMonitor(base, input(7, [{ target: '≥120', done: '42', causes: [] }])), { code: 'monitor_reason_required', path: ['rows', '产出指标', 0, 'monitor', 'causes'] }));
  it('完全不可能 without a 整改措施 is refused at measure', () =>
    expectIssue(() => safeMonitor(base, input(7, [{ target: '≥120', done: '42', likelihood: '完全不可能', measure: '' }])), { code: 'monitor_reason_required', path: ['rows', '产出指标', 0, 'monitor', 'measure'] }));
  it('a cause outside the form’s categories is refused', () =>
    expectIssue(() => safeMonitor(base, input(7, [{ target: '≥120', done: '42', causes: ['天气'] }])), { code: 'invalid_value', path: ['rows', '产出指标', 0, 'monitor', 'causes', 0] }));
  it('确定能 beside a linear projection that misses the target is a warning, not a refusal', () => {
    // 42 at month 7, linear: 42 × 12 ÷ 7 = 72 < 120.
    const r = safeMonitor(base, input(7, [{ target: '≥120', done: '42', likelihood: '确定能' }]));
    expect(r.success && [r.value.kind === 'monitoring' && r.value.rows[0]!.projected, r.warnings.map((w) => [w.code, w.severity, w.message])]).toEqual([
      '72',
      [['monitor_projection_contradicts', 'warning', '产出指标第1行“指标”全年预计完成72，未达到年度指标值≥120，但完成目标可能性填为“确定能”']],
    ]);
  });
  it('the department’s own projection is taken as given, and stated so', () => {
    const r = run(base, input(7, [{ target: '≥120', done: '42', likelihood: '确定能', projected: '120' }]));
    expect([r.rows[0]!.projected, r.rows[0]!.projection, r.rows[0]!.meets]).toEqual(['120', 'department', true]);
  });
  it('a rate is projected as it stands (满意度 92% at month 7 stays 92%), a quantity linearly', () => {
    const r = run(base, input(7, [{ target: '≥90%', done: '92', likelihood: '确定能' }, { name: '乙', target: '≥12期', done: '7', likelihood: '确定能' }]));
    expect(r.rows.map((x) => [x.projected, x.projection])).toEqual([['92', 'to_date'], ['12', 'linear']]);
  });
  it('a month past the period is a typed issue', () => expectIssue(() => safeMonitor(base, input(13, [{ target: '≥1', done: '1' }])), { code: 'monitor_period_out_of_range', path: ['monitor', 'through'] }));
});

describe('a plan per period instead of 年度指标值 × N ÷ 12', () => {
  const plan = ['0', '0', '10', '10', '10', '10', '10', '10', '10', '10', '10', '20'];
  it('序时进度 is the plan to date: 3–7月 50, 完成 40 → 80% (绿)', () => {
    const r = run(base, { monitor: { through: 7, budget: '1', spent: '1' }, rows: { 产出指标: [{ ...row({ target: '≥120', done: '40' }), monitor: { ...row({ target: '≥120', done: '40' }).monitor, plan } }] } });
    expect([r.rows[0]!.expected, r.rows[0]!.progress, r.rows[0]!.level]).toEqual(['50', '80', '绿']);
  });
  it('a plan of the wrong length is a typed issue', () =>
    expectIssue(() => safeMonitor(base, { monitor: { through: 7, budget: '1', spent: '1' }, rows: { 产出指标: [{ ...row({ target: '≥120', done: '40' }), monitor: { ...row({ target: '≥120', done: '40' }).monitor, plan: ['1'] } }] } }), { code: 'monitor_plan_invalid' }));
});

describe('a period of another length, and levels from a formula', () => {
  it('quarters: 年度指标值 100, 第2季度, 完成 40 → 序时进度 50, 80% (绿), said per quarter', () => {
    const quarterly = loadMonitoringRubric('id: q\nname: q\nextends: project-monitoring\nmonitoring: { period: { length: 4, unit: 季度 } }\n');
    const r = run(quarterly, input(2, [{ target: '≥100', done: '40' }]));
    expect([r.rows[0]!.level, r.rows[0]!.reason, r.period]).toEqual(['绿', '截至第2季度完成40，序时进度50，完成进度80%，绿色', { through: 2, length: 4, unit: '季度' }]);
    expectIssue(() => safeMonitor(quarterly, input(5, [{ target: '≥100', done: '40' }])), { code: 'monitor_period_out_of_range' });
  });
  const byFormula = loadMonitoringRubric(`
id: f
name: f
extends: project-monitoring
monitoring:
  rules:
    差额:
      kind: bands
      value: 序时进度 - 完成值
      cite: 与序时进度相差的数量
      bands:
        - { when: "<=0", level: 绿 }
        - { when: "(0, 10]", level: 黄 }
        - { when: ">10", level: 红 }
    执行差额:
      kind: bands
      value: 序时执行数 - 执行数
      cite: 与序时执行数相差的金额
      bands:
        - { when: "<=5", level: 绿 }
        - { when: ">5", level: 红 }
  targets: { ">=": 差额 }
  budget: 执行差额
`);
  it.each([
    ['70', '绿'], // 70 − 70 = 0
    ['60', '黄'], // 10: in (0, 10]
    ['59.99', '红'], // 10.01
  ])('序时进度 − 完成值 with 120 at month 7 (序时 70), 完成 %s → %s', (done, level) => expect(levelOf('≥120', done, 7, byFormula)).toBe(level));
  it('the reason names the formula and its value', () =>
    expect(run(byFormula, input(7, [{ target: '≥120', done: '60' }])).rows[0]!.reason).toBe('截至7月完成60，序时进度 - 完成值为10，黄色预警'));
  it('the budget by formula: 序时执行数 81 × 7 ÷ 12 = 47.25, executed 42.25 → 5 (绿), 42.24 → 5.01 (红)', () => {
    expect(run(byFormula, input(7, [{ target: '达成', level: '达成', likelihood: '确定能' }], { budget: '81', spent: '42.25' })).funds!.level).toBe('绿');
    expect(run(byFormula, input(7, [{ target: '达成', level: '达成', likelihood: '确定能' }], { budget: '81', spent: '42.24' })).funds!.reason).toBe('截至7月执行42.24万元，序时执行数 - 执行数为5.01，红色预警');
  });
  it('a formula that divides by zero is a typed issue, not a number', () => {
    const dividing = loadMonitoringRubric('id: d\nname: d\nextends: project-monitoring\nmonitoring:\n  rules:\n    比例: { kind: bands, value: 完成值 / 年度指标值 * 100, cite: c, bands: [{ when: "<60", level: 红 }, { when: ">=60", level: 绿 }] }\n  targets: { ">": 比例 }\n');
    expectIssue(() => safeMonitor(dividing, input(7, [{ target: '>0', done: '1' }])), { code: 'division_by_zero', path: ['rows', '产出指标', 0, 'monitor', 'done'] });
  });
  it('a formula reading a name a level rule does not have, or mixing the funds with a row: refused at load', () => {
    expectIssue(() => safeLoadMonitoringRubric_('value: 完成率 * 2'), { code: 'unknown_name' });
    expectIssue(() => safeLoadMonitoringRubric_('value: 完成值 - 执行数'), { code: 'rule_invalid' });
  });
});

describe('plans per period, as the rubric allows', () => {
  const planned = (schedule: string) => loadMonitoringRubric(`id: p\nname: p\nextends: project-monitoring\nmonitoring: { schedule: ${schedule} }\n`);
  it('schedule: plan — a row without its plan is a typed issue', () =>
    expectIssue(() => safeMonitor(planned('plan'), input(7, [{ target: '≥120', done: '42' }])), { code: 'monitor_value_missing', path: ['rows', '产出指标', 0, 'monitor', 'plan'] }));
  it('schedule: linear — a plan is refused, not silently ignored', () => {
    const i = input(7, [{ target: '≥120', done: '42' }]);
    (i.rows['产出指标'][0]!.monitor as Record<string, unknown>).plan = Array.from({ length: 12 }, () => '10');
    expectIssue(() => safeMonitor(planned('linear'), i), { code: 'invalid_value', path: ['rows', '产出指标', 0, 'monitor', 'plan'] });
  });
});

describe('the rows are the year-end 自评表’s', () => {
  it('a section project-self-evaluation does not have is refused now, with the nearest one, not at the year end', () =>
    expectIssue(() => safeMonitor(base, { monitor: { through: 7, budget: '1', spent: '1' }, rows: { 产出指示: [row({ target: '≥1', done: '1' })] } }), {
      code: 'rows_unknown_section',
      path: ['rows', '产出指示'],
      message: '评分表中没有逐行填写的指标“产出指示”，是否应为“产出指标”？',
    }));
});

describe('which rule a row takes, by its 年度指标值', () => {
  it('a range (95%-100%) is read from its lower edge: 序时 95 × 12 ÷ 12, 完成 76 → 80% (绿)', () =>
    expect(run(base, input(12, [{ target: '95%-100%', done: '76' }])).rows[0]!.reason).toBe('截至12月完成76%，序时进度95%，完成进度80%，绿色'));
  it('a rate may take its own rule (`>=%`): 满意度 ≥90% at month 7, 完成 92 → 102.22% of the year (绿), not 175% of 序时 (蓝)', () => {
    const rates = loadMonitoringRubric('id: r\nname: r\nextends: project-monitoring\nmonitoring:\n  rules:\n    比率: { kind: bands, value: annual, cite: 比率按全年, bands: [{ when: "<60", level: 红 }, { when: "[60, 80)", level: 黄 }, { when: ">=80", level: 绿 }] }\n  targets: { ">=%": 比率 }\n');
    expect([levelOf('≥90%', '92'), levelOf('≥90%', '92', 7, rates), levelOf('≥120场', '84', 7, rates)]).toEqual(['蓝', '绿', '蓝']);
    expect(run(rates, input(7, [{ target: '≥90%', done: '92' }])).rows[0]!.reason).toBe('截至7月完成92%，年度指标值90%，完成年度指标的102.22%，绿色');
  });
  it('a deadline (12月底前完成) is 定性: its attainment to date', () => expect(run(base, input(7, [{ target: '12月底前完成', level: '部分达成' }])).rows[0]!.level).toBe('黄'));
  it('a row no rule takes is refused by name', () => {
    const narrow = loadMonitoringRubric('id: n\nname: n\nmonitoring:\n  levels: [{ level: 红 }, { level: 绿 }]\n  rules: { a: { kind: compare, pass: 绿, fail: 红 } }\n  targets: { "<=": a }\n');
    expectIssue(() => safeMonitor(narrow, input(7, [{ target: '≥120', done: '1' }])), { code: 'monitor_no_rule', message: '产出指标第1行“指标”的年度指标值“≥120”（>=）没有适用的监控规则（targets）' });
  });
  it('a 偏差原因 written out (reason) is enough without a category', () =>
    expect(run(base, input(7, [{ target: '≥120', done: '42', causes: [], reason: '演出队伍外出集训' }])).rows[0]!.cause).toBe('演出队伍外出集训'));
});

describe('how a rubric combines levels', () => {
  const rows = (...dones: string[]) => dones.map((done, k) => ({ name: `指标${k}`, target: '≥100', done }));
  it('combine: worst takes the levels in the order they are listed (most severe first)', () => {
    const worst = loadMonitoringRubric('id: w\nname: w\nextends: project-monitoring\nmonitoring: { combine: worst }\n');
    expect(run(worst, input(12, rows('130', '85'))).level).toBe('绿');
  });
  it('a declared order other than severity: [红, 黄, 蓝, 绿] makes green and blue rows blue', () => {
    const blueFirst = loadMonitoringRubric('id: b\nname: b\nextends: project-monitoring\nmonitoring: { combine: { order: [红, 黄, 蓝, 绿] } }\n');
    expect([run(blueFirst, input(12, rows('130', '85'))).level, run(base, input(12, rows('130', '85'))).level]).toEqual(['蓝', '绿']);
  });
  it('budgetInLevel: true counts the 预算执行 level in the project’s', () => {
    const withBudget = loadMonitoringRubric('id: b\nname: b\nextends: project-monitoring\nmonitoring: { budgetInLevel: true }\n');
    // Rows green (85%), budget red: 1 of 100 at month 12.
    const r = run(withBudget, input(12, rows('85'), { budget: '100', spent: '1' }));
    expect([r.funds!.level, r.level, r.reason]).toEqual(['红', '红', '共1行：绿色1行；预算执行红色预警；按红、黄、绿、蓝的顺序取级别，项目为红色预警']);
  });
});

describe('the 分值 that goes with a row to the year end', () => {
  it('a 分值 that is no figure, or below 0, is refused at monitoring time', () => {
    const i = input(7, [{ target: '≥120', done: '42' }]);
    (i.rows['产出指标'][0] as Record<string, unknown>).weight = '十分';
    expectIssue(() => safeMonitor(base, i), { code: 'invalid_number', path: ['rows', '产出指标', 0, 'weight'] });
    (i.rows['产出指标'][0] as Record<string, unknown>).weight = '-10';
    expectIssue(() => safeMonitor(base, i), { code: 'invalid_value', path: ['rows', '产出指标', 0, 'weight'] });
  });
});
