/**
 * Properties of the deployed rules, against an oracle that shares nothing with the code under test:
 * the levels are decided by cross-multiplying integers (BigInt), never by dividing. Figures are drawn
 * in cents, half of them a cent either side of a band edge, where binary doubles go wrong.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combine, loadBundledMonitoring, loadMonitoringRubric, monitor, safeMonitor, type MonitoringResult } from '../../src/entries/monitor.js';
import { messagesZh } from '../../src/index.js';

const base = loadBundledMonitoring('project-monitoring');
const variant = loadMonitoringRubric('id: v\nname: v\nextends: project-monitoring\nmonitoring: { targets: { ">=": 正向零红超年度蓝 } }\n');
const cents = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;

/** 完成进度 = done ÷ (annual × month ÷ 12) × 100 against an edge E: done × 1200 against E × annual × month. */
const cmpProgress = (done: bigint, annual: bigint, month: bigint, edge: bigint) => {
  const l = done * 1200n;
  const r = edge * annual * month;
  return l < r ? -1 : l > r ? 1 : 0;
};
const sequentialLevel = (done: bigint, annual: bigint, month: bigint) =>
  cmpProgress(done, annual, month, 60n) < 0 ? '红' : cmpProgress(done, annual, month, 80n) < 0 ? '黄' : cmpProgress(done, annual, month, 120n) < 0 ? '绿' : '蓝';
const variantLevel = (done: bigint, annual: bigint, month: bigint) =>
  done === 0n ? '红' : done * 100n >= 120n * annual ? '蓝' : cmpProgress(done, annual, month, 60n) < 0 ? '红' : cmpProgress(done, annual, month, 80n) < 0 ? '黄' : '绿';

/** Annual target and month; the value done either anywhere or a cent either side of an edge. */
const cases = fc
  .record({ annual: fc.bigInt(1n, 10_000_000n), month: fc.bigInt(1n, 12n), edge: fc.constantFrom(60n, 80n, 120n), delta: fc.bigInt(-1n, 1n), free: fc.bigInt(0n, 20_000_000n), near: fc.boolean() })
  .map(({ annual, month, edge, delta, free, near }) => {
    const at = (edge * annual * month) / 1200n + delta;
    return { annual, month, done: near ? (at < 0n ? 0n : at) : free };
  });

const row = (target: string, done: string) => ({ name: '指标', target, weight: '10', monitor: { done, likelihood: '有可能', causes: ['其他'], measure: '跟进' } });
const levelOf = (rubric: typeof base, annual: bigint, month: bigint, done: bigint) =>
  (monitor(rubric, { monitor: { through: String(month), budget: '1', spent: '1' }, rows: { 产出指标: [row(`≥${cents(annual)}`, cents(done))] } }) as MonitoringResult).rows[0]!.level;

describe('the deployed rules, level for level with the integer oracle', () => {
  it('正向: <60 红, [60, 80) 黄, [80, 120) 绿, ≥120 蓝 of 序时进度', () => {
    fc.assert(
      fc.property(cases, ({ annual, month, done }) => {
        expect(levelOf(base, annual, month, done)).toBe(sequentialLevel(done, annual, month));
      }),
      { numRuns: 300 },
    );
  });
  it('正向, the variant: 0 红, ≥120% of the year 蓝, else <60 红, [60, 80) 黄, ≥80 绿', () => {
    fc.assert(
      fc.property(cases, ({ annual, month, done }) => {
        expect(levelOf(variant, annual, month, done)).toBe(variantLevel(done, annual, month));
      }),
      { numRuns: 300 },
    );
  });
  it('预算执行: 执行数 × 12 × 100 against edge × 预算数 × 月; a budget of 0 is 0 (红)', () => {
    fc.assert(
      fc.property(cases, fc.boolean(), ({ annual: budget, month, done: spent }, zero) => {
        const r = monitor(base, { monitor: { through: String(month), budget: zero ? '0' : cents(budget), spent: cents(spent) }, rows: { 产出指标: [row('≥1', '1')] } }) as MonitoringResult;
        const expected = zero ? '红' : cmpProgress(spent, budget, month, 60n) < 0 ? '红' : cmpProgress(spent, budget, month, 80n) < 0 ? '黄' : '绿';
        expect(r.funds!.level).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('worst-of', () => {
  const levels = fc.array(fc.constantFrom('红', '黄', '绿', '蓝'), { maxLength: 8 });
  const rank = (l: string) => base.order.indexOf(l);
  it('is one of the levels combined, and never better for one more row', () => {
    fc.assert(
      fc.property(levels, fc.constantFrom('红', '黄', '绿', '蓝'), (ls, more) => {
        if (ls.length) expect(ls).toContain(combine(base, ls));
        if (ls.length) expect(rank(combine(base, [...ls, more]))).toBeLessThanOrEqual(rank(combine(base, ls)));
        // Order does not matter.
        expect(combine(base, [...ls, more].reverse())).toBe(combine(base, [...ls, more]));
      }),
      { numRuns: 300 },
    );
  });
  it('a project’s level never improves when a row is added (through the whole monitoring)', () => {
    const dones = fc.array(fc.bigInt(0n, 20_000n), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(dones, fc.bigInt(0n, 20_000n), (ds, extra) => {
        const project = (xs: bigint[]) => monitor(base, { monitor: { through: '12', budget: '1', spent: '1' }, rows: { 产出指标: xs.map((d, k) => ({ ...row('≥100', cents(d)), name: `指标${k}` })) } }) as MonitoringResult;
        expect(rank(project([...ds, extra]).level)).toBeLessThanOrEqual(rank(project(ds).level));
      }),
      { numRuns: 150 },
    );
  });
});

describe('nothing silent, nothing thrown', () => {
  const example = JSON.parse(readFileSync('examples/huangshi-2019-shenyi-monitoring/input.json', 'utf8')) as Record<string, unknown>;
  const typed = (r: ReturnType<typeof safeMonitor>) => {
    const issues = r.success ? r.warnings : r.issues;
    if (!r.success) expect(issues.length).toBeGreaterThan(0);
    for (const i of issues) {
      expect(Object.keys(messagesZh)).toContain(i.code);
      expect(i.message.length * i.messageEn.length).toBeGreaterThan(0);
    }
  };
  it('any value as an input: a result or typed issues, never an exception', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        typed(safeMonitor(base, x));
        typed(safeMonitor(loadBundledMonitoring('department-monitoring'), x));
      }),
      { numRuns: 200 },
    );
  });
  it('the example with one field replaced by anything: a result or typed issues', () => {
    const paths = [['monitor', 'through'], ['monitor', 'budget'], ['monitor', 'spent'], ['monitor', 'projectedSpend'], ['rows', '产出指标', 0, 'target'], ['rows', '产出指标', 0, 'monitor', 'done'], ['rows', '产出指标', 0, 'monitor', 'likelihood'], ['rows', '产出指标', 0, 'monitor', 'causes'], ['rows', '效益指标', 0, 'monitor', 'level'], ['rows', '效益指标', 0, 'monitor', 'plan']] as const;
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.oneof(fc.anything(), fc.string(), fc.double(), fc.constantFrom('0', '-1', '1e400', '13', '', '≥', '有可能')), (path, v) => {
        const x = structuredClone(example) as Record<string | number, unknown>;
        let at = x;
        for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
        at[path[path.length - 1]!] = v;
        typed(safeMonitor(base, x));
      }),
      { numRuns: 300 },
    );
  });
});
