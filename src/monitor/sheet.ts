import { terminalText } from '../issues/format.js';
import { renderHtml } from '../report/html.js';
import type { SheetCell, SheetModel, SheetRow } from '../report/model.js';
import { renderCsv, renderMarkdown } from '../report/sheet.js';
import { displayWidth, padEnd } from '../report/width.js';
import type { DepartmentMonitoringResult, MonitoredRow, MonitoringResult } from './monitor.js';

/**
 * The 监控表 (项目支出绩效运行监控表) of a monitoring result as one table model, which every sheet
 * format draws (Markdown, HTML, CSV, XLSX, DOCX): the funds block (年初预算数, 1–N月执行数, 全年预计执行数,
 * 预算执行 level), one line per indicator row (指标值, 1–N月完成值, 全年预计完成值, level and its reason,
 * 完成目标可能性, 偏差原因, 措施), and the project's level. A department's result, and a batch of
 * project results, give the summary: levels counted by department and every red row listed.
 */

/** Several projects' monitoring, summed up: levels counted by department, and every row at the worst level. */
export interface MonitoringSummary {
  kind: 'monitoring-summary';
  title: string;
  /** The levels, most severe first, with their names. */
  levels: { level: string; name: string }[];
  departments: { department: string; projects: number; counts: Record<string, number> }[];
  /** Every row at the most severe level (红), with its project and department. */
  worst: { department: string; project: string; row: MonitoredRow }[];
  rubric: MonitoringResult['rubric'];
  period: MonitoringResult['period'];
}

const DEPARTMENT_KEYS = ['主管部门', '部门', '单位', '预算单位'];
const PROJECT_KEYS = ['项目名称', '项目'];
const pick = (meta: Record<string, string>, keys: readonly string[], fallback: string) => keys.map((k) => meta[k]).find((v) => v !== undefined && v.trim() !== '') ?? fallback;

/**
 * Sum up projects' monitoring: projects counted by their level per department (主管部门 of each
 * project's meta, or the department's own meta in a department result), and every row at the most
 * severe level listed with its reason.
 * @example renderMonitoringSheet(summarizeMonitoring(results), { format: 'html' })
 */
export function summarizeMonitoring(results: readonly (MonitoringResult | DepartmentMonitoringResult)[], levels?: readonly { level: string; name: string }[]): MonitoringSummary {
  const projects: { department: string; result: MonitoringResult }[] = [];
  for (const r of results) {
    if (r.kind === 'department-monitoring') for (const p of r.projects) projects.push({ department: pick(p.meta, DEPARTMENT_KEYS, pick(r.meta, DEPARTMENT_KEYS, '（未注明部门）')), result: p });
    else projects.push({ department: pick(r.meta, DEPARTMENT_KEYS, '（未注明部门）'), result: r });
  }
  const first = projects[0]?.result;
  const order = levels ?? first?.levels ?? [];
  const byDepartment = new Map<string, { department: string; projects: number; counts: Record<string, number> }>();
  const worst: MonitoringSummary['worst'] = [];
  const severest = order[0]?.level;
  for (const { department, result } of projects) {
    let d = byDepartment.get(department);
    if (!d) {
      d = { department, projects: 0, counts: Object.fromEntries(order.map((l) => [l.level, 0])) };
      byDepartment.set(department, d);
    }
    d.projects++;
    d.counts[result.level] = (d.counts[result.level] ?? 0) + 1;
    for (const row of result.rows) if (row.level === severest) worst.push({ department, project: pick(result.meta, PROJECT_KEYS, '（未注明项目）'), row });
  }
  return {
    kind: 'monitoring-summary',
    title: '绩效运行监控汇总',
    levels: order.map((l) => ({ level: l.level, name: l.name })),
    departments: [...byDepartment.values()],
    worst,
    rubric: first?.rubric ?? { id: '', name: '', fingerprint: '' },
    period: first?.period ?? { through: 0, length: 12, unit: '月' },
  };
}

const text = (t: string): SheetCell => ({ text: t });
const num = (t: string, unit = ''): SheetCell => (t === '' ? { text: '' } : { text: `${t}${unit}`, number: t });
const span = (label: string) => (p: MonitoringResult['period']) => (p.unit === '月' ? `1–${p.through}月${label}` : `第1–${p.through}${p.unit}${label}`);
const doneTitle = span('完成值');
const spentTitle = span('执行数');
const footerOf = (r: MonitoringResult['rubric']) => `监控规则：${r.name}${r.version ? `（${r.version}版）` : ''} · ${r.id} · 指纹 ${r.fingerprint}`;
const PROJECTION: Record<MonitoredRow['projection'], string> = { department: '', linear: '（按序时线性推算）', to_date: '（按当前值）' };

/** The 偏差原因 cell: the form's categories, then the analysis. */
const causeOf = (r: MonitoredRow) => [r.causes.join('、'), r.cause ?? ''].filter(Boolean).join('：');

/** The table model of a project's 监控表, a department's or a batch's summary. */
export function monitoringSheetModel(x: MonitoringResult | DepartmentMonitoringResult | MonitoringSummary): SheetModel {
  if (x.kind === 'monitoring') return projectModel(x);
  return summaryModel(x.kind === 'department-monitoring' ? { ...summarizeMonitoring([x]), title: `${x.rubric.name}` } : x, x.kind === 'department-monitoring' ? x : undefined);
}

function projectModel(r: MonitoringResult): SheetModel {
  const unit = r.funds?.unit ?? '万元';
  const blocks: SheetModel['blocks'] = r.funds
    ? [
        {
          title: `项目资金（${unit}）`,
          columns: [`年初预算数（${unit}）`, spentTitle(r.period), '全年预计执行数', '执行率', '预算执行进度', '级别', '预警说明'],
          rows: [[num(r.funds.budget), num(r.funds.spent), { ...num(r.funds.projectedSpend), text: `${r.funds.projectedSpend}${r.funds.projection === 'linear' ? '（按序时线性推算）' : ''}` }, num(r.funds.rate ?? '', '%'), num(r.funds.progress ?? '', '%'), text(r.funds.levelName ?? ''), text(r.funds.reason ?? '')]],
        },
      ]
    : [];
  const columns: SheetModel['columns'] = [
    { title: '一级指标', width: 8 },
    { title: '二级指标', width: 8 },
    { title: '三级指标', width: 16 },
    { title: '指标值', width: 10 },
    { title: doneTitle(r.period), width: 10 },
    { title: '全年预计完成值', width: 12 },
    { title: '级别', width: 8 },
    { title: '预警说明', width: 28 },
    { title: '完成目标可能性', width: 8 },
    { title: '偏差原因', width: 18 },
    { title: '措施', width: 18 },
  ];
  const rows: SheetRow[] = [];
  // 一级指标 (the section) and 二级指标 (the group) are merged over their consecutive rows.
  const runLength = (k: number, key: (x: MonitoredRow) => string) => {
    let n = 1;
    while (k + n < r.rows.length && key(r.rows[k + n]!) === key(r.rows[k]!)) n++;
    return n;
  };
  r.rows.forEach((row, k) => {
    const sec = (x: MonitoredRow) => x.section;
    const grp = (x: MonitoredRow) => `${x.section}\u0000${x.group ?? ''}`;
    const first = (key: (x: MonitoredRow) => string): SheetCell | undefined => (k > 0 && key(r.rows[k - 1]!) === key(row) ? undefined : { text: '', rowSpan: runLength(k, key) });
    const s = first(sec);
    const g = first(grp);
    const u = row.unit;
    rows.push({
      kind: 'leaf',
      path: `${row.section}.${row.index}`,
      cells: [
        s ? { ...s, text: row.section, head: true } : { text: '', covered: true },
        g ? { ...g, text: row.group ?? '' } : { text: '', covered: true },
        text(row.name),
        text(row.target),
        /^-?\d/.test(row.done) ? { text: `${row.done}${u}`, number: row.done } : text(row.done),
        text(`${row.projected}${/^-?\d/.test(row.projected) ? u : ''}${PROJECTION[row.projection]}`),
        text(row.levelName),
        text(row.reason),
        text(row.likelihood),
        text(causeOf(row)),
        text(row.measure ?? ''),
      ],
    });
  });
  const blank = (n: number) => Array.from({ length: n }, () => ({ text: '', covered: true as const }));
  rows.push({ kind: 'total', cells: [{ text: '项目级别（目标执行预警）', colSpan: 6 }, ...blank(5), text(r.levelName), { text: r.reason, colSpan: 4 }, ...blank(3)] });
  return {
    layout: 'project',
    title: r.rubric.name,
    rubric: r.rubric,
    meta: [...Object.entries(r.meta).filter(([k]) => !/^(来源|说明)$/.test(k)), ['监控期', r.period.unit === '月' ? `1–${r.period.through}月` : `第1–${r.period.through}${r.period.unit}`]],
    blocks,
    columns,
    levels: 3,
    rows,
    total: r.levelName,
    max: '',
    grade: null,
    chart: [],
    footer: footerOf(r.rubric),
  };
}

function summaryModel(s: MonitoringSummary, dept?: DepartmentMonitoringResult): SheetModel {
  const blocks: SheetModel['blocks'] = [
    {
      title: '各部门项目级别',
      columns: ['部门', '项目数', ...s.levels.map((l) => l.name)],
      rows: s.departments.map((d) => [text(d.department), num(String(d.projects)), ...s.levels.map((l) => num(String(d.counts[l.level] ?? 0)))]),
    },
  ];
  const severest = s.levels[0]?.name ?? '';
  const columns: SheetModel['columns'] = [
    { title: '部门', width: 12 },
    { title: '项目', width: 16 },
    { title: '指标', width: 16 },
    { title: '指标值', width: 10 },
    { title: doneTitle(s.period), width: 10 },
    { title: '级别', width: 8 },
    { title: '预警说明', width: 28 },
    { title: '完成目标可能性', width: 8 },
    { title: '偏差原因', width: 18 },
    { title: '措施', width: 18 },
  ];
  const rows: SheetRow[] = s.worst.map(({ department, project, row }) => ({
    kind: 'leaf',
    path: `${project}.${row.section}.${row.index}`,
    cells: [text(department), text(project), text(row.name), text(row.target), text(row.done), text(row.levelName), text(row.reason), text(row.likelihood), text(causeOf(row)), text(row.measure ?? '')],
  }));
  if (!rows.length) rows.push({ kind: 'note', cells: [{ text: `没有${severest}的指标行`, colSpan: columns.length }] });
  if (dept) rows.push({ kind: 'total', cells: [{ text: '部门级别', colSpan: 5 }, ...Array.from({ length: 4 }, () => ({ text: '', covered: true as const })), text(dept.levelName), { text: dept.reason, colSpan: 4 }, ...Array.from({ length: 3 }, () => ({ text: '', covered: true as const }))] });
  const meta: [string, string][] = dept ? Object.entries(dept.meta).filter(([k]) => !/^(来源|说明)$/.test(k)) : [];
  meta.push(['监控期', s.period.unit === '月' ? `1–${s.period.through}月` : `第1–${s.period.through}${s.period.unit}`], ['列出', `全部${severest}的指标行`]);
  return { layout: 'project', title: s.title, rubric: s.rubric, meta, blocks, columns, levels: 0, rows, total: dept?.levelName ?? '', max: '', grade: null, chart: [], footer: footerOf(s.rubric) };
}

/** The text formats of a 监控表. */
export type MonitoringSheetFormat = 'markdown' | 'html' | 'csv';

/**
 * A 监控表 (or a summary) as Markdown, one self-contained HTML page, or CSV for Excel — drawn from
 * the same model as the XLSX and DOCX of {@link renderMonitoringXlsx} and {@link renderMonitoringDocx}.
 * @example writeFileSync('监控表.html', renderMonitoringSheet(result, { format: 'html' }));
 */
export function renderMonitoringSheet(x: MonitoringResult | DepartmentMonitoringResult | MonitoringSummary, opts: { format?: MonitoringSheetFormat } = {}): string {
  const m = monitoringSheetModel(x);
  if (opts.format === 'html') return renderHtml(m);
  if (opts.format === 'csv') return renderCsv(m);
  return renderMarkdown(m);
}

/**
 * A monitoring result for a terminal: each row's level and reason, the funds, and the project's
 * level with how it was reached.
 */
export function renderMonitoringTable(x: MonitoringResult | DepartmentMonitoringResult): string {
  const projects = x.kind === 'monitoring' ? [x] : x.projects;
  const out: string[] = [];
  for (const p of projects) {
    const title = p.meta['项目名称'] ?? p.rubric.name;
    out.push(terminalText(title));
    const lines = p.rows.map((r) => [terminalText(r.name), r.levelName, terminalText(r.reason)]);
    if (p.funds?.levelName) lines.push(['预算执行', p.funds.levelName, p.funds.reason ?? '']);
    const w0 = Math.max(...lines.map((l) => displayWidth(l[0]!)));
    const w1 = Math.max(...lines.map((l) => displayWidth(l[1]!)));
    for (const l of lines) out.push(`  ${padEnd(l[0]!, w0)}  ${padEnd(l[1]!, w1)}  ${l[2]}`);
    out.push(`  项目级别：${p.levelName}（${p.reason}）`, '');
  }
  if (x.kind === 'department-monitoring') out.push(`部门级别：${x.levelName}（${x.reason}）`, '');
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
