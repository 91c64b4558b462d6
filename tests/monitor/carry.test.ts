/**
 * Monitoring, then evaluation: the rows of the 黄石市 申遗经费 monitoring input carry into the year-end
 * 项目支出绩效自评表 (rubric project-self-evaluation) without re-entry, and compareResults sets the
 * monitoring's projection beside the year-end result. By hand: projected 全年执行数 87.57 × 12 ÷ 6 =
 * 175.14, 预算执行率 175.14 ÷ 220 = 79.609…%, 10 × 0.79609… = 7.96; the 满意度 10 points go to 产出
 * and 效益 in proportion (50 : 30): 56.25 and 33.75, both rows met; total 97.96. The year-end figures
 * below (216 spent) are this test's own, not a published form: 10 × 216 ÷ 220 = 9.818… → 9.82, total 99.82.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBundledMonitoring, monitor, safeCarryToSelfEvaluation, type MonitoringResult } from '../../src/entries/monitor.js';
import { compareResults } from '../../src/entries/report.js';
import { evaluate, loadBundledRubric, type EvaluationInput } from '../../src/index.js';
import { expectIssue } from '../helpers.js';

const text = readFileSync('examples/huangshi-2019-shenyi-monitoring/input.json');
const monitored = monitor(loadBundledMonitoring('project-monitoring'), text) as MonitoringResult;
const selfEvaluation = loadBundledRubric('project-self-evaluation');
const ok = <T>(r: { success: true; value: T } | { success: false; issues: unknown[] }): T => {
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.value;
};

describe('the year-end form from the monitoring input', () => {
  const form = ok(safeCarryToSelfEvaluation(text)) as { values: Record<string, string>; rows: Record<string, Record<string, unknown>[]> };
  it('keeps every row as monitored — 二级指标, 三级指标, 指标值, 分值 — and leaves the actuals to fill in', () => {
    expect(form.rows['产出指标']).toEqual([{ group: '成本指标', name: '年度预算', target: '≤220万元', weight: '50' }]);
    expect(form.rows['效益指标']!.map((r) => [r.name, r.target, r.weight, 'actual' in r, 'level' in r])).toEqual([['开展黄石矿冶工业遗产突出普遍价值研究、学术交流、对外宣传，推动申遗工作', '达成年度指标', '30', false, false]]);
    expect(form.values).toEqual({ 全年预算数: '220' });
  });
  it('filled in at the year end, it scores with project-self-evaluation', () => {
    const yearEnd = { ...form, values: { ...form.values, 全年执行数: '216' }, rows: { 产出指标: [{ ...form.rows['产出指标']![0], actual: '216' }], 效益指标: [{ ...form.rows['效益指标']![0], level: '达成', score: '30' }] } };
    expect(evaluate(selfEvaluation, yearEnd as unknown as EvaluationInput).total).toBe('99.82');
  });
});

describe('the projection beside the year-end result', () => {
  const projected = evaluate(selfEvaluation, ok(safeCarryToSelfEvaluation(text, { result: monitored })));
  const form = ok(safeCarryToSelfEvaluation(text)) as { values: Record<string, string>; rows: Record<string, Record<string, unknown>[]> };
  const yearEnd = evaluate(selfEvaluation, { ...form, values: { ...form.values, 全年执行数: '216' }, rows: { 产出指标: [{ ...form.rows['产出指标']![0], actual: '216' }], 效益指标: [{ ...form.rows['效益指标']![0], level: '达成', score: '30' }] } } as unknown as EvaluationInput);
  it('the projected 自评: 7.96 + 56.25 + 33.75 = 97.96', () => {
    expect([projected.total, ...projected.indicators.map((i) => i.score)]).toEqual(['97.96', '7.96', '56.25', '33.75', '0']);
  });
  it('compareResults: the rows match (carried, not re-entered); only 预算执行率 differs, +1.86', () => {
    const c = compareResults(projected, yearEnd, { labels: ['1–6月监控预计', '年终自评'] });
    expect([c.delta, c.changed, c.warnings]).toEqual(['1.86', 1, []]);
    expect(c.indicators.filter((i) => i.changed).map((i) => [i.id, i.a?.score, i.b?.score, i.delta])).toEqual([['预算执行率', '7.96', '9.82', '1.86']]);
  });
  it('a 定性 row projected below 达成 needs the score it would get: a typed issue, not a guess', () => {
    const input = JSON.parse(text.toString()) as { rows: Record<string, { monitor: Record<string, unknown> }[]> };
    input.rows['效益指标']![0]!.monitor.projectedLevel = '部分达成';
    input.rows['效益指标']![0]!.monitor.likelihood = '有可能';
    input.rows['效益指标']![0]!.monitor.causes = ['人员保障'];
    input.rows['效益指标']![0]!.monitor.measure = '增加人手';
    const m = monitor(loadBundledMonitoring('project-monitoring'), input) as MonitoringResult;
    expectIssue(() => safeCarryToSelfEvaluation(input, { result: m }), { code: 'monitor_value_missing', path: ['rows', '效益指标', 0, 'monitor', 'projectedScore'] });
    input.rows['效益指标']![0]!.monitor.projectedScore = '20';
    const carried = ok(safeCarryToSelfEvaluation(input, { result: m })) as { rows: Record<string, Record<string, unknown>[]> };
    expect(carried.rows['效益指标']![0]).toMatchObject({ level: '部分达成', score: '20', reason: '人员保障；措施：增加人手' });
  });
});

describe('carryToSelfEvaluation', () => {
  it('throws what safeCarryToSelfEvaluation returns as issues', async () => {
    const { carryToSelfEvaluation } = await import('../../src/entries/monitor.js');
    const { EvaluationError } = await import('../../src/index.js');
    expect(() => carryToSelfEvaluation({ monitor: { through: 7 } })).toThrow(EvaluationError);
    expect(carryToSelfEvaluation(text)).toEqual(ok(safeCarryToSelfEvaluation(text)));
  });
});
