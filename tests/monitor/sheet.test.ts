/**
 * The 监控表 in every sheet format, and the published example: 黄石市 申遗经费 2019, 1–6月
 * (examples/huangshi-2019-shenyi-monitoring). Figures by hand: 预算执行进度 = 87.57 × 12 × 100 ÷
 * (220 × 6) = 79.609…% → 黄 ([60, 80)); 成本 87.57 ≤ 220 → 绿; 社会效益 部分达成 → 黄; the project 黄.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import {
  loadBundledMonitoring,
  monitor,
  renderMonitoringDocx,
  renderMonitoringSheet,
  renderMonitoringXlsx,
  summarizeMonitoring,
  type DepartmentMonitoringResult,
  type MonitoringResult,
} from '../../src/entries/monitor.js';

const EXAMPLE = 'examples/huangshi-2019-shenyi-monitoring/input.json';
const input = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { monitor: Record<string, string>; rows: Record<string, { monitor: Record<string, unknown> }[]> };
const result = monitor(loadBundledMonitoring('project-monitoring'), readFileSync(EXAMPLE)) as MonitoringResult;

function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = run(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('the 黄石市 申遗经费 form, 1–6月', () => {
  it('预算执行进度 79.61% (just under 80): 黄色预警', () => {
    expect([result.funds!.rate, result.funds!.progress, result.funds!.level, result.funds!.projectedSpend]).toEqual(['39.8', '79.61', '黄', '175.14']);
  });
  it('成本 ≤220万元 at 87.57: 绿; 社会效益 部分达成: 黄; the project, worst-of: 黄', () => {
    expect(result.rows.map((r) => [r.group, r.level, r.rule])).toEqual([
      ['成本指标', '绿', '反向'],
      ['社会效益指标', '黄', '定性'],
    ]);
    expect([result.level, result.levelName]).toEqual(['黄', '黄色预警']);
  });
  it('jixiao score project-monitoring prints the levels, the project’s level and the reasons', () => {
    const r = cli('score', 'project-monitoring', EXAMPLE, '--format', 'table');
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toContain('截至6月执行87.57万元，年初预算数220万元，执行率39.8%，序时进度50%，预算执行进度79.61%，黄色预警');
    expect(r.out).toContain('截至6月完成87.57万元，年度指标值≤220万元，符合，绿色');
    expect(r.out).toContain('项目级别：黄色预警');
    const json = cli('score', 'project-monitoring', EXAMPLE);
    expect(JSON.parse(json.out)).toMatchObject({ kind: 'monitoring', level: '黄', counts: { 红: 0, 黄: 1, 绿: 1, 蓝: 0 } });
  });
  it('jixiao score with a rubric file that extends project-monitoring dispatches to it too', () => {
    const r = cli('score', 'tests/monitor/fixtures/variant.yaml', EXAMPLE, '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).rubric.id).toBe('project-monitoring-variant');
  });
  it('a form that misses a 整改措施 under 有可能 fails with the typed issue, exit 1', () => {
    const bad = structuredClone(input);
    bad.rows['产出指标']![0]!.monitor.likelihood = '有可能';
    bad.rows['产出指标']![0]!.monitor.causes = ['经费保障'];
    const file = join(mkdtempSync(join(tmpdir(), 'jixiao-monitor-')), 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const r = cli('score', 'project-monitoring', file, '--lang', 'zh');
    expect(r.code).toBe(1);
    expect(r.err).toContain('error monitor_reason_required 产出指标第1行“年度预算”完成目标可能性为“有可能”，须填写整改措施（measure）');
  });
});

const COLUMNS = ['一级指标', '二级指标', '三级指标', '指标值', '1–6月完成值', '全年预计完成值', '级别', '预警说明', '完成目标可能性', '偏差原因', '措施'];
const FUNDS = ['年初预算数（万元）', '1–6月执行数', '全年预计执行数', '执行率', '预算执行进度', '级别', '预警说明'];

describe('the 监控表 in every format', () => {
  it('Markdown: the funds block, then one line per row with its level and reason, then the project’s level', () => {
    const md = renderMonitoringSheet(result, { format: 'markdown' });
    expect(md).toContain(`| ${FUNDS.join(' | ')} |`);
    expect(md).toContain('| 220 | 87.57 | 175.14（按序时线性推算） | 39.8% | 79.61% | 黄色预警 |');
    expect(md).toContain(`| ${COLUMNS.join(' | ')} |`);
    expect(md).toContain('| **产出指标** | 成本指标 | 年度预算 | ≤220万元 | 87.57万元 | 175.14万元（按序时线性推算） | 绿色 |');
    expect(md).toContain('| 项目级别（目标执行预警） |  |  |  |  |  | 黄色预警 |');
  });
  it('HTML: one page, the level and the reason in their cells', () => {
    const html = renderMonitoringSheet(result, { format: 'html' });
    expect(html).toMatch(/^<!DOCTYPE html>/);
    for (const c of COLUMNS) expect(html).toContain(`<th>${c}</th>`);
    expect(html).toContain('<td>截至6月部分达成，黄色预警</td>');
  });
  it('CSV: figures as numbers, with a byte-order mark and CRLF', () => {
    const csv = renderMonitoringSheet(result, { format: 'csv' });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('\r\n220,87.57,175.14,39.8,79.61,黄色预警,');
    expect(csv).toContain(`\r\n${COLUMNS.join(',')}\r\n`);
  });
  it('XLSX, read back: the headings, the rows, the level', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await renderMonitoringXlsx(result)) as never);
    const ws = wb.worksheets[0]!;
    const values: unknown[][] = [];
    ws.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values.some((r) => r.join('|') === COLUMNS.join('|'))).toBe(true);
    expect(values.some((r) => r[2] === '年度预算' && r[6] === '绿色')).toBe(true);
    expect(values.some((r) => r[0] === 220 && r[5] === '黄色预警')).toBe(true);
  });
  it('DOCX: the same table in the document', async () => {
    const xml = strFromU8(unzipSync(await renderMonitoringDocx(result))['word/document.xml']!);
    for (const t of ['完成目标可能性', '偏差原因', '截至6月完成87.57万元，年度指标值≤220万元，符合，绿色', '项目级别（目标执行预警）']) expect(xml).toContain(t);
  });
  it('jixiao score … --format xlsx|docx --out writes the workbook and the document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-monitor-'));
    for (const format of ['xlsx', 'docx']) {
      const file = join(dir, `监控表.${format}`);
      let err = '';
      const code = await run(['score', 'project-monitoring', EXAMPLE, '--format', format, '--out', file], { out: () => {}, err: (s) => (err += s) });
      expect([code, err], format).toEqual([0, '']);
      const parts = unzipSync(readFileSync(file));
      expect(Object.keys(parts), format).toContain(format === 'xlsx' ? 'xl/worksheets/sheet1.xml' : 'word/document.xml');
    }
  });
  it('jixiao score … --format md|html|csv draws the same sheets', () => {
    for (const [format, first] of [['md', '# 项目支出绩效运行监控表'], ['html', '<!DOCTYPE html>'], ['csv', '\uFEFF项目支出绩效运行监控表']] as const) {
      const r = cli('score', 'project-monitoring', EXAMPLE, '--format', format);
      expect([r.code, r.out.startsWith(first)], format).toEqual([0, true]);
    }
  });
});

describe('a department, and a batch: levels counted by department, every red row listed', () => {
  const row = (name: string, target: string, done: string) => ({ group: '数量指标', name, target, weight: '10', monitor: { done, likelihood: '有可能', causes: ['经费保障'], measure: '加快拨付' } });
  const project = (name: string, dept: string, ...rows: ReturnType<typeof row>[]) => ({ meta: { 项目名称: name, 主管部门: dept }, monitor: { through: '12', budget: '100', spent: '90' }, rows: { 产出指标: rows } });
  const a = project('甲项目', '文旅局', row('场次', '≥100场', '50'), row('人次', '≥100人次', '85'));
  const b = project('乙项目', '文旅局', row('场次', '≥100场', '130'));
  const c = project('丙项目', '住建局', row('面积', '≥100亩', '70'));
  it('the department rubric: each project its level, the department the worst (红), projects counted by level', () => {
    const d = monitor(loadBundledMonitoring('department-monitoring'), { meta: { 部门: '文旅局' }, projects: [a, b] }) as DepartmentMonitoringResult;
    // 甲: 50% 红, 85% 绿 → 红; 乙: 130% 蓝.
    expect([d.projects.map((p) => p.level), d.level, d.counts]).toEqual([['红', '蓝'], '红', { 红: 1, 黄: 0, 绿: 0, 蓝: 1 }]);
    expect(d.reason).toBe('共2个项目：红色预警1个、蓝色预警1个；部门取最严重的级别：红色预警');
  });
  it('the summary of several projects: by 主管部门, and the red rows with their reasons', () => {
    const rubric = loadBundledMonitoring('project-monitoring');
    const s = summarizeMonitoring([a, b, c].map((p) => monitor(rubric, p)));
    // 丙: 70% 黄.
    expect(s.departments).toEqual([
      { department: '文旅局', projects: 2, counts: { 红: 1, 黄: 0, 绿: 0, 蓝: 1 } },
      { department: '住建局', projects: 1, counts: { 红: 0, 黄: 1, 绿: 0, 蓝: 0 } },
    ]);
    expect(s.worst.map((w) => [w.department, w.project, w.row.name, w.row.reason])).toEqual([['文旅局', '甲项目', '场次', '截至12月完成50场，序时进度100场，完成进度50%，红色预警']]);
    const md = renderMonitoringSheet(s, { format: 'markdown' });
    expect(md).toContain('| 部门 | 项目数 | 红色预警 | 黄色预警 | 绿色 | 蓝色预警 |');
    expect(md).toContain('| 文旅局 | 2 | 1 | 0 | 0 | 1 |');
    expect(md).toContain('| 文旅局 | 甲项目 | 场次 | ≥100场 | 50 | 红色预警 |');
  });
  it('a project input under the department rubric is refused: it takes projects', () => {
    expect(() => monitor(loadBundledMonitoring('department-monitoring'), a)).toThrow(/projects/);
  });
});

describe('jixiao batch with a monitoring rubric: one project per NDJSON line', () => {
  it('a line per project with its level, typed issues for a line that fails, and the summary by department', async () => {
    let out = '';
    let err = '';
    const code = await run(['batch', 'project-monitoring', 'tests/monitor/fixtures/projects.ndjson', '--lang', 'zh'], { out: (s) => (out += s), err: (s) => (err += s) });
    expect(code).toBe(1);
    const lines = out.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    // 送戏下乡 30 of 序时 70: 42.86% 红; 农家书屋 800 of 700: 114.29% 绿; 老旧小区改造 5 of 7: 71.43% 黄.
    expect(lines.slice(0, 3).map((l) => [l.line, l.project, l.department, l.level, l.budget])).toEqual([
      [1, '送戏下乡', '县文旅局', '红', '绿'],
      [2, '农家书屋', '县文旅局', '绿', '绿'],
      [3, '老旧小区改造', '县住建局', '黄', '红'],
    ]);
    expect((lines[3]!.issues as { code: string; source: { line: number } }[]).map((i) => [i.code, i.source.line])).toEqual([['monitor_reason_required', 4]]);
    expect(err).toContain('tests/monitor/fixtures/projects.ndjson:4:');
    expect(err).toContain('| 县文旅局 | 2 | 1 | 0 | 1 | 0 |');
    expect(err).toContain('| 县住建局 | 1 | 0 | 1 | 0 | 0 |');
    expect(err).toContain('| 县文旅局 | 送戏下乡 | 演出场次 | ≥120场 | 30 | 红色预警 | 截至7月完成30场，序时进度70场，完成进度42.86%，红色预警 |');
  });
});
