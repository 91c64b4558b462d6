/**
 * Monitoring rubrics: what a rubric declares is checked when it loads, each problem a typed issue
 * at its line; the bundled ones load and say where each rule comes from.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { bundledMonitoringIds, bundledMonitoringSource, lintMonitoringRubric, loadBundledMonitoring, safeLoadMonitoringRubric } from '../../src/entries/monitor.js';
import { expectIssue } from '../helpers.js';

const rubric = (monitoring: string) => `id: t\nname: t\nmonitoring:\n${monitoring}`;
const LEVELS = '  levels: [{ level: 红 }, { level: 绿 }]\n';

describe('the bundled monitoring rubrics', () => {
  it('project-monitoring and department-monitoring load, every rule cited', () => {
    expect(bundledMonitoringIds).toEqual(['project-monitoring', 'department-monitoring']);
    for (const id of bundledMonitoringIds) {
      const r = loadBundledMonitoring(id);
      expect([...r.rules.values()].every((x) => x.cite !== undefined && x.cite.length > 0), id).toBe(true);
      expect(r.levels.map((l) => l.level)).toEqual(['红', '黄', '绿', '蓝']);
    }
    expect(loadBundledMonitoring('department-monitoring').department).toBe(true);
    expect(loadBundledMonitoring('project-monitoring').evaluation).toBe('project-self-evaluation');
  });
});

describe('a monitoring rubric that does not hold together is refused, where it goes wrong', () => {
  it('a band edge that cannot be read: band_syntax, as the bands rule says it', () =>
    expectIssue(() => safeLoadMonitoringRubric(rubric(`${LEVELS}  rules:\n    a: { kind: bands, value: sequential, bands: [{ when: "60 to 80", level: 红 }] }\n  targets: { ">=": a }\n`)), {
      code: 'band_syntax',
      path: ['monitoring', 'rules', 'a', 'bands', 0, 'when'],
      // Line 6, at the key `when` (four spaces, then 47 characters before it).
      source: { line: 6, column: 52 },
    }));
  it('a level no one declared: monitor_unknown_level', () =>
    expectIssue(() => safeLoadMonitoringRubric(rubric(`${LEVELS}  rules:\n    a: { kind: compare, pass: 绿, fail: 黄 }\n  targets: { "<=": a }\n`)), { code: 'monitor_unknown_level', path: ['monitoring', 'rules', 'a', 'fail'] }));
  it('a target routed to a rule that is not there: monitor_unknown_rule', () =>
    expectIssue(() => safeLoadMonitoringRubric(rubric(`${LEVELS}  rules:\n    a: { kind: compare, pass: 绿, fail: 红 }\n  targets: { "<=": b }\n`)), { code: 'monitor_unknown_rule', path: ['monitoring', 'targets', '<='] }));
  it('a budget rule that does not read the budget, and a row rule that does: rule_invalid', () => {
    expectIssue(() => safeLoadMonitoringRubric(rubric(`${LEVELS}  rules:\n    a: { kind: compare, pass: 绿, fail: 红 }\n  targets: { "<=": a }\n  budget: a\n`)), { code: 'rule_invalid', path: ['monitoring', 'budget'] });
    expectIssue(() => safeLoadMonitoringRubric(rubric(`${LEVELS}  rules:\n    b: { kind: bands, value: budget, bands: [{ when: "<60", level: 红 }] }\n  targets: { ">=": b }\n`)), { code: 'rule_invalid', path: ['monitoring', 'targets', '>='] });
  });
  it('a period of 0 months, an unknown key, a missing section', () => {
    expectIssue(() => safeLoadMonitoringRubric(rubric(`  period: { length: 0, unit: 月 }\n${LEVELS}  rules: {}\n  targets: {}\n`)), { code: 'invalid_value', path: ['monitoring', 'period', 'length'] });
    expectIssue(() => safeLoadMonitoringRubric(rubric(`${LEVELS}  rules: {}\n  targets: {}\n  colour: worst\n`)), { code: 'unknown_key', path: ['monitoring', 'colour'] });
    expectIssue(() => safeLoadMonitoringRubric(rubric(`${LEVELS}  rules: {}\n`)), { code: 'missing_key', path: ['monitoring'] });
  });
  it('extends names no bundled monitoring rubric: extends_not_found', () =>
    expectIssue(() => safeLoadMonitoringRubric('id: t\nname: t\nextends: hunan-department\n'), { code: 'extends_not_found', path: ['extends'] }));
});

describe('linting a monitoring rubric: the level bands over their figure (≥ 0), exactly', () => {
  it('the bundled rules lint clean, by the API and by jixiao lint', () => {
    for (const id of bundledMonitoringIds) expect(lintMonitoringRubric(bundledMonitoringSource(id)!, { file: id }).issues, id).toEqual([]);
    let out = '';
    expect(run(['lint', 'project-monitoring', 'department-monitoring', 'tests/monitor/fixtures/variant.yaml'], { out: (s) => (out += s), err: (s) => (out += s) })).toBe(0);
    expect(out).toBe('✔ rubrics/project-monitoring.yaml: 没有发现问题 · no problems\n✔ rubrics/department-monitoring.yaml: 没有发现问题 · no problems\n✔ tests/monitor/fixtures/variant.yaml: 没有发现问题 · no problems\n');
  });
  const bands = (list: string) => rubric(`${LEVELS}  rules:\n    a: { kind: bands, value: sequential, bands: [${list}] }\n  targets: { ">=": a }\n`);
  it('[60, 80) left out between <60 and ≥80: band_gap, where a row would get no level', () =>
    expect(lintMonitoringRubric(bands('{ when: "<60", level: 红 }, { when: ">=80", level: 绿 }')).issues.map((i) => [i.code, i.severity, i.message])).toEqual([
      ['band_gap', 'error', '分档没有覆盖 [60, 80)：完成进度落在其中时无法计分，请补充分档或设置 otherwise'],
    ]));
  it('80 in two bands, and a band below 0: band_overlap and band_unreachable (warnings)', () =>
    expect(lintMonitoringRubric(bands('{ when: "<0", level: 红 }, { when: "<=80", level: 红 }, { when: ">=80", level: 绿 }')).issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['band_unreachable', 'monitoring.rules.a.bands.0.when'],
      ['band_overlap', 'monitoring.rules.a.bands.2.when'],
    ]));
  it('the variant’s first checks (完成值 = 0, ≥120% of the year) read other figures and are not part of the cover', () =>
    expect(lintMonitoringRubric(bands('{ value: actual, when: "=0", level: 红 }, { when: "<60", level: 红 }, { when: ">=60", level: 绿 }')).issues).toEqual([]));
});

describe('the JSON Schemas of monitoring files', () => {
  it('the bundled rubrics, the variant and the example input are valid; a wrong 完成目标可能性 is not', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const { readFileSync } = await import('node:fs');
    const { parse } = await import('yaml');
    const { monitoringInputJsonSchema, monitoringJsonSchema } = await import('../../src/entries/monitor.js');
    const ajv = new Ajv2020({ strict: false });
    const rubricOk = ajv.compile(monitoringJsonSchema());
    for (const f of ['rubrics/project-monitoring.yaml', 'rubrics/department-monitoring.yaml', 'tests/monitor/fixtures/variant.yaml']) expect(rubricOk(parse(readFileSync(f, 'utf8'))), f).toBe(true);
    const inputOk = ajv.compile(monitoringInputJsonSchema());
    const example = JSON.parse(readFileSync('examples/huangshi-2019-shenyi-monitoring/input.json', 'utf8'));
    expect(inputOk(example)).toBe(true);
    example.rows['产出指标'][0].monitor.likelihood = '大概能';
    expect(inputOk(example)).toBe(false);
  });
});
