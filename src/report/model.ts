import { parseDecimal } from '../decimal.js';
import { Exact } from '../exact.js';
import type { IndicatorResult, ScoreResult } from '../evaluate/result.js';
import { hasLayers, sumNote } from './layer-notes.js';
import { bundledMismatches, mismatchNote, rubricOfResult } from './provenance.js';
import { checkedResult, FUNDS } from './stored.js';
import { PLAIN_NUMBER } from '../source/cells.js';
import type { Indicator, Rubric } from '../rubric/types.js';
import { figureNamesOf, renderStandard } from '../text/render.js';
import { RUBRIC_NOTE, renderProjectMethods, renderRowsStandard } from '../text/rows.js';
import { JixiaoError } from '../issues/errors.js';
import { makeIssue } from '../issues/issue.js';

/**
 * The 评分表 of a result as one table model, which every format (Markdown, HTML, CSV, XLSX, DOCX)
 * draws: the official columns, each parent a merged cell over its leaves with its 分值 and 小计, a
 * 合计 row, the 等次, and the notes a sheet writes under it (一票否决, 总分封顶, 不适用). Nothing in
 * it is computed again: every figure is the result's own decimal string.
 */

/** One cell. `number` cells hold a decimal string that formats write as a number. */
export interface SheetCell {
  text: string;
  /** A second line (a parent's 小计: `得14分`). */
  sub?: string;
  /** The cell's value as a number (a decimal string), for CSV and XLSX. */
  number?: string;
  rowSpan?: number;
  colSpan?: number;
  /** Covered by a merged cell above or to the left: drawn by HTML/DOCX as nothing. */
  covered?: true;
  /** A parent's name cell (bold, centred). */
  head?: true;
}

export interface SheetRow {
  kind: 'leaf' | 'total' | 'grade' | 'note';
  cells: SheetCell[];
  /** Id path of the leaf (leaf rows). */
  path?: string;
  /** Marked as different from the other result (comparisons). */
  changed?: true;
}

export interface SheetColumn {
  title: string;
  /** Width in characters (for XLSX, DOCX and the HTML colgroup). */
  width: number;
  number?: true;
}

export interface SheetBlock {
  /** e.g. `项目资金（万元）` with the funds of a project form. */
  title: string;
  columns: string[];
  rows: SheetCell[][];
  /** Each row's indicator path (预算执行率), where a row is one indicator's. */
  paths?: string[];
}

export interface SheetModel {
  layout: 'department' | 'project';
  title: string;
  rubric: ScoreResult['rubric'];
  /** 单位 / 项目 / 年度 / 评价人 … from the input's meta, as `[label, value]`. */
  meta: [string, string][];
  /** The funds block of a project form (预算执行率), above the indicators. */
  blocks: SheetBlock[];
  columns: SheetColumn[];
  /** How many of the first columns are indicator levels (一级指标, 二级指标, …). */
  levels: number;
  rows: SheetRow[];
  total: string;
  max: string;
  grade: string | null;
  /** 一级指标 with their max and score, for the chart. */
  chart: { name: string; max: string; score: string }[];
  /** Footer line: the rubric's name, version and fingerprint. */
  footer: string;
}

/** The headings of a sheet's score and note columns, where a rubric or caller names them. */
export interface SheetHeadings {
  /**
   * One heading per score column: `['自评得分']`, or `['自评得分', '复核得分']` — a column the
   * result has no score for is left empty, for the next person to fill in. Default `得分` (a
   * result with review layers: one `<layer>得分` per layer).
   */
  scores?: readonly string[];
  /** The note column: `扣分原因`, `偏差原因分析`. Default `扣分原因和其他说明` (a project form `偏差原因分析及改进措施`; a blank sheet `扣分原因`). */
  reason?: string;
}

/** Headings the level, standard and 分值 columns use: a score or note column may not take one. */
const RESERVED_HEADING = /^(?:[一二三四五六七八九]级指标|评分标准|分值)$/;

/**
 * The headings as given, checked: each a non-empty text, none of them a level, 评分标准 or 分值
 * heading, none repeated (else the sheet would not read back); `invalid_option` otherwise.
 */
export function checkedHeadings(h: SheetHeadings | undefined): SheetHeadings | undefined {
  if (h === undefined) return undefined;
  const scores = h.scores;
  const all: unknown[] = [...(Array.isArray(scores) ? scores : scores === undefined ? [] : [scores]), ...(h.reason !== undefined ? [h.reason] : [])];
  const bad = (scores !== undefined && !Array.isArray(scores)) || all.some((t, i) => typeof t !== 'string' || !t.trim() || RESERVED_HEADING.test(t.trim()) || all.indexOf(t) !== i);
  if (bad) {
    throw new JixiaoError([
      makeIssue('invalid_option', {
        option: 'headings',
        expected: '各不相同的表头文字（scores 为列表），不用“N级指标”“评分标准”“分值”',
        expectedEn: 'distinct heading texts (scores a list), none of N级指标, 评分标准, 分值',
        received: all.map(String).join('、'),
        receivedEn: all.map(String).join(', '),
      }),
    ]);
  }
  return h;
}

export interface SheetModelOptions {
  /** The evaluation input (or just its `meta`): 单位, 项目, 年度, 评价人 and, for project forms, 全年预算数/全年执行数. */
  input?: { meta?: Record<string, unknown>; values?: Record<string, unknown> } | undefined;
  /** Headings of the score and note columns. */
  headings?: SheetHeadings;
  /**
   * The rubric that scored the result (the same fingerprint): a leaf with no hand-written
   * 评分标准 then prints its rule's sentence, as the blank sheet does, so the sheet reads back.
   * Without it, the rubric the result leads to is used (the text its audit trail carries, the
   * bundled rubric of its id, when the fingerprint is the result's); with neither, such a leaf's
   * 评分标准 is empty.
   */
  rubric?: Rubric;
}

const LEVELS = '一二三四五六七八九';
/** Meta keys printed first, in this order, under these labels. */
const META_ORDER: [string, string[]][] = [
  ['单位', ['单位', '单位名称', '部门', '部门名称', '预算单位']],
  ['项目', ['项目', '项目名称']],
  ['主管部门', ['主管部门']],
  ['实施单位', ['实施单位']],
  ['年度', ['年度', '评价年度']],
  ['评价人', ['评价人', '评价机构', '填报人', '自评人']],
];

function scalar(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() ? v : undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/**
 * A funds figure of the input (`226.71`, `31`, `1.5e3`) as a number cell written plainly; one
 * that is not a decimal evaluate would read is text (a stored result's is refused before).
 */
function figureCell(v: unknown): SheetCell {
  const d = parseDecimal(v);
  if (d.ok) {
    // As written when it is written plainly (`226.710` keeps its places), else in plain digits.
    const plain = typeof v === 'string' && PLAIN_NUMBER.test(v.trim()) ? v.trim() : d.value.toFixed();
    return { text: plain, number: plain };
  }
  return { text: scalar(v) ?? '' };
}

/** 单位 / 项目 / 年度 / 评价人 first, then any other scalar entry of the input's meta. */
export function metaLines(meta: Record<string, unknown> | undefined): [string, string][] {
  if (!meta || typeof meta !== 'object') return [];
  const out: [string, string][] = [];
  const used = new Set<string>();
  for (const [label, keys] of META_ORDER) {
    for (const k of keys) {
      const v = Object.hasOwn(meta, k) ? scalar(meta[k]) : undefined;
      if (v !== undefined && !used.has(k)) {
        out.push([label === k ? label : k, v]);
        used.add(k);
        break;
      }
    }
  }
  for (const [k, v] of Object.entries(meta)) {
    const s = scalar(v);
    if (!used.has(k) && s !== undefined) out.push([k, s]);
  }
  return out;
}

const isRowSection = (n: IndicatorResult): boolean => !!n.children && n.children.some((c) => c.kind === 'row' || (c.children ?? []).some((g) => g.kind === 'row'));

/** Whether a result is a project form (项目支出绩效自评表): it has rows from the evaluation. */
export function isProjectResult(result: ScoreResult): boolean {
  return result.indicators.some(isRowSection);
}

/** What a leaf's note column says: its flags, what it lost or gained and why, the evaluator's remark. */
export function noteOf(n: IndicatorResult, layout: SheetModel['layout']): string {
  const parts: string[] = [];
  if (n.notApplicable && !(n.remark ?? '').startsWith('未设定年度指标值')) parts.push('不适用');
  if (layout === 'project' && n.remark) parts.push(n.remark);
  for (const d of n.deductions) parts.push(d.reason);
  for (const d of n.additions ?? []) parts.push(d.reason);
  if (layout !== 'project' && n.remark && !parts.includes(n.remark)) parts.push(n.remark);
  return parts.join('；');
}

/**
 * The score of a node of a layered result (`applyLayers`) at layer `i` (0: the result as first
 * scored): its final score less what the later layers changed below it. `path` '' is the total.
 */
export function scoreAtLayer(result: ScoreResult, node: { score: string; path: string } | undefined, i: number): string {
  // (i = -1: the score by the rules, before a first layer that differs from them.)
  const layers = result.layers ?? [];
  const path = node?.path ?? '';
  // The total as the sum of the scores: a layer's printed total of its own is not moved by changes.
  let score = Exact.parse(node ? node.score : (layers[layers.length - 1]?.sum ?? result.total));
  for (let j = layers.length - 1; j > i; j--) {
    for (const c of layers[j]!.changes) if (path === '' || c.indicator === path || c.indicator.startsWith(`${path}.`)) score = score.minus(Exact.parse(c.to).minus(Exact.parse(c.from)));
  }
  return score.toPlain();
}

/** A leaf's note with what the layers did to it: the layers' own reasons replace the deductions they wrote into the leaf. */
function withLayerNotes(result: ScoreResult, n: IndicatorResult, layout: SheetModel['layout']): string {
  const changed = layerNotes(result, n.path);
  const names = (result.layers ?? []).map((l) => `${l.name}：`);
  const own = noteOf(n, layout).split('；').filter((p) => p && !(changed.length && names.some((x) => p.startsWith(x))));
  return [...own, ...changed].join('；');
}

/** What the review layers did to a leaf: `财政复核：9 → 9.91（执行率按65.07/65.66计）`. */
export function layerNotes(result: ScoreResult, path: string): string[] {
  return (result.layers ?? []).flatMap((l) => l.changes.filter((c) => c.indicator === path).map((c) => `${l.name}${l.by ? `（${l.by}）` : ''}：${c.from} → ${c.to}（${c.reason}）`));
}

/** The name written in a parent's merged cell: `投入（15分）`, with 加分项/扣分项 said. */
function parentText(n: IndicatorResult): string {
  if (n.bonus) return `${n.name}（加分项，最多${n.max}分）`;
  if (n.penalty) return `${n.name}（扣分项）`;
  return `${n.name}（${n.max}分）`;
}

const signed = (n: IndicatorResult) => (n.bonus && !n.score.startsWith('-') && n.score !== '0' ? `+${n.score}` : n.score);

/** A node of an indicator tree: a result's, or a comparison's. */
interface TreeNode<T> {
  name: string;
  path: string;
  bonus?: true;
  penalty?: true;
  children?: T[] | undefined;
}

export function depthOf<T extends TreeNode<T>>(ns: readonly T[]): number {
  return Math.max(0, ...ns.map((n) => 1 + depthOf(n.children ?? [])));
}

function leavesOf<T extends TreeNode<T>>(n: T): number {
  return n.children?.length ? n.children.reduce((s, c) => s + leavesOf(c), 0) : 1;
}

/**
 * The rows of an indicator tree in `levels` level columns: each parent a cell merged down over its
 * leaves (its text from `parent`), each leaf its name (spanning the level columns it does not
 * use) and then the cells `leaf` gives it.
 */
export function treeRows<T extends TreeNode<T>>(tree: readonly T[], levels: number, parent: (n: T) => Pick<SheetCell, 'text' | 'sub'>, leaf: (n: T) => SheetCell[], mark?: (n: T) => boolean): SheetRow[] {
  const rows: SheetRow[] = [];
  const walk = (ns: readonly T[], level: number, pending: SheetCell[]) => {
    for (const n of ns) {
      if (n.children?.length) {
        const cell: SheetCell = { ...parent(n), rowSpan: leavesOf(n), head: true };
        walk(n.children, level + 1, [...pending, cell]);
        pending = pending.map(() => ({ text: '', covered: true }));
        continue;
      }
      const name: SheetCell = { text: n.bonus ? `${n.name}（加分项）` : n.penalty ? `${n.name}（扣分项）` : n.name };
      if (levels - level > 1) name.colSpan = levels - level;
      const cells: SheetCell[] = [...pending, name, ...Array.from({ length: levels - level - 1 }, (): SheetCell => ({ text: '', covered: true })), ...leaf(n)];
      const row: SheetRow = { kind: 'leaf', cells, path: n.path };
      if (mark?.(n)) row.changed = true;
      rows.push(row);
      pending = pending.map(() => ({ text: '', covered: true }));
    }
  };
  walk(tree, 0, []);
  return rows;
}

/** A cell spanning `span` columns, and the cells it covers; `head` for a bold label. */
export function spanned(text: string, span: number, head = true): SheetCell[] {
  const first: SheetCell = head ? { text, colSpan: span, head: true } : { text, colSpan: span };
  return [first, ...Array.from({ length: span - 1 }, (): SheetCell => ({ text: '', covered: true }))];
}

/** The lines a sheet writes below its 合计 and 等次: vetoes, the cap, 不适用 removed or rescaled. */
export function policyNotes(result: ScoreResult): string[] {
  const out: string[] = [];
  for (const v of result.vetoes) {
    const why = v.reason ? `（${v.reason}）` : '';
    const effect = v.fail ? `评价结果为${v.fail}` : v.maxTotal !== undefined ? (v.maxTotal === '0' ? '总分计0分' : `总分不超过${v.maxTotal}分`) : v.grade ? `等次最高为${v.grade}` : '';
    out.push(`一票否决：${v.name}${why}${effect ? `，${effect}` : ''}`);
  }
  if (result.capped) out.push(`总分封顶：${result.capped.reason}`);
  if (result.excluded) out.push(`不适用指标${result.excluded.max}分不计入满分，按满分${result.max}分评价；折合原满分得${result.excluded.gradedOn}分，据此定等次`);
  if (result.rescaled) out.push(`不适用指标已剔除：适用分值${result.rescaled.applicableMax}分，原始得分${result.rescaled.rawTotal}分，按${result.max}分折算`);
  out.push(...layerLines(result));
  return out;
}

/** One line per review layer (`applyLayers`): its total and grade, and each score it changed, with the reason. */
export function layerLines(result: ScoreResult): string[] {
  const layers = result.layers ?? [];
  if (!hasLayers(result)) return [];
  return layers.map((l, i) => {
    const who = l.by ? `（${l.by}）` : '';
    const changed = `改分${l.changes.length}项：${l.changes.map((c) => `${c.name} ${c.from} → ${c.to}（${c.reason}）`).join('；')}`;
    // The first layer's changes are from the rules (a filed 自评).
    const what = i === 0 ? (l.changes.length ? `；与规则不同${l.changes.length}项：${l.changes.map((c) => `${c.name} ${c.from} → ${c.to}`).join('；')}` : '') : l.changes.length ? `；${changed}` : '；未改分';
    return `${l.name}${who}：总分${l.total}分${sumNote(l)}，等次${l.grade ?? '—'}${what}${i === layers.length - 1 ? '（最终得分）' : ''}`;
  });
}


/** What a project sheet prints of its rubric: 评分办法 lines (`评分办法：预算执行率：…`), and the 逐行计分 line. */
function projectRubricNotes(result: ScoreResult, rubric: Rubric | undefined): string[] {
  if (!rubric) return [];
  const byPath = new Map([...rubric.byId.values()].map((i) => [i.path, i]));
  const names = figureNamesOf(rubric);
  const out: string[] = [];
  for (const n of result.indicators) {
    const i = byPath.get(n.path);
    if (!i) return [];
    const text = i.rows ? renderRowsStandard(i.rows) : (i.standard ?? (i.rule ? renderStandard(i.rule, i.max, names) : ''));
    if (text) out.push(`${RUBRIC_NOTE}${n.name}：${text.replace(/\s+/gu, ' ')}`);
  }
  return [...out, renderProjectMethods(rubric.project)];
}

/**
 * Build the sheet model of a result. A project form (rows from the evaluation) gets the columns
 * 年度指标值 / 实际完成值 / 分值 / 得分 / 偏差原因分析及改进措施 and its funds block; any other result the
 * department columns 评分标准 / 分值 / 得分 / 扣分原因和其他说明.
 */
export function sheetModel(result: ScoreResult, opts: SheetModelOptions = {}): SheetModel {
  // A stored result is data someone can edit: its whole shape is checked before anything is drawn.
  checkedResult(result);
  // A stored result with its audit trail (auditRecord) carries its input: its meta heads the sheet.
  if (opts.input === undefined) {
    const trail = (result as { audit?: { input?: SheetModelOptions['input'] } }).audit;
    if (trail && typeof trail === 'object' && trail.input && typeof trail.input === 'object') opts = { ...opts, input: trail.input };
  }
  const layout: SheetModel['layout'] = isProjectResult(result) ? 'project' : 'department';
  const blocks: SheetBlock[] = [];
  let tree = result.indicators;
  if (layout === 'project') {
    // Top-level leaves of a project form (预算执行率) are its funds block, as the national form prints them.
    const funds = tree.filter((n) => !n.children);
    tree = tree.filter((n) => n.children);
    if (funds.length) {
      const values = opts.input?.values ?? {};
      const known = FUNDS.filter((k) => scalar(values[k]) !== undefined);
      const columns = ['项目资金（万元）', ...known, '分值', '执行率（%）', '得分', '说明'];
      const rows = funds.map((n) => {
        const rate = n.figures?.['预算执行率'] ?? result.metrics['预算执行率'];
        return [
          { text: n.name },
          ...known.map((k) => figureCell(values[k])),
          { text: n.max, number: n.max },
          rate !== undefined ? { text: rate, number: rate } : { text: '' },
          { text: n.score, number: n.score },
          { text: withLayerNotes(result, n, 'department') },
        ];
      });
      blocks.push({ title: '项目资金', columns, rows, paths: funds.map((n) => n.path) });
    }
  }
  const levels = Math.min(Math.max(1, depthOf(tree)), LEVELS.length);
  const columns: SheetColumn[] = Array.from({ length: levels }, (_, k) => ({ title: `${LEVELS[k]}级指标`, width: k === levels - 1 ? 22 : 14 }));
  if (layout === 'project') columns.push({ title: '年度指标值', width: 16 }, { title: '实际完成值', width: 14 });
  else columns.push({ title: '评分标准', width: 48 });
  // A result with review layers: one score column per layer (自评得分, 财政复核得分, …), the last final.
  const layers = hasLayers(result) ? result.layers! : undefined;
  // A first layer that differs from the rules (a filed 自评): the rules' scores in a column before it.
  const ruled = layers !== undefined && layers[0]!.changes.length > 0;
  const first = ruled ? -1 : 0;
  columns.push({ title: '分值', width: 7, number: true });
  // Score columns: one per layer (or one), under the headings named; a named column past the
  // result's scores is left empty (复核得分 beside a 自评得分).
  const own = layers ? [...(ruled ? ['按规则得分'] : []), ...layers.map((l) => `${l.name}得分`)] : ['得分'];
  const named = checkedHeadings(opts.headings)?.scores ?? [];
  const scoreColumns = Math.max(own.length, named.length);
  for (let i = 0; i < scoreColumns; i++) {
    const title = named[i] ?? own[i]!;
    columns.push({ title, width: title === '得分' ? 7 : 9, number: true });
  }
  const pad = (cells: SheetCell[]) => [...cells, ...Array.from({ length: scoreColumns - cells.length }, (): SheetCell => ({ text: '' }))];
  columns.push({ title: opts.headings?.reason ?? (layout === 'project' ? '偏差原因分析及改进措施' : '扣分原因和其他说明'), width: 36 });
  const width = columns.length;
  // The rule's sentence where a leaf has no 评分标准 of its own, from the rubric that scored it: the
  // one given, else the one the result leads to (its audit trail's text, the bundled rubric of its id).
  // Looked up once, and only when a leaf needs it.
  let scoredWith: { rubric: Rubric; byPath: Map<string, Indicator>; names: ReturnType<typeof figureNamesOf> } | null | undefined;
  const scoredRubric = () => {
    if (scoredWith === undefined) {
      const rubric = opts.rubric && opts.rubric.fingerprint === result.rubric.fingerprint ? opts.rubric : rubricOfResult(result);
      scoredWith = rubric ? { rubric, byPath: new Map([...rubric.byId.values()].map((i) => [i.path, i])), names: figureNamesOf(rubric) } : null;
    }
    return scoredWith;
  };
  const rubricNode = (path: string) => scoredRubric()?.byPath.get(path);
  const ruleSentence = (path: string): string => {
    const i = rubricNode(path);
    return i?.rule && scoredWith ? renderStandard(i.rule, i.max, scoredWith.names) : '';
  };
  // A node 不适用 removed from scoring (rescale, exclude) shows max 0, and its parents the max that
  // applied: the sheet prints the rubric's 分值 there, with the 不适用 mark in the score column and
  // the policy line below, so it reads back to the rubric's maxima. Without the rubric, the result's.
  const removedBelow = (n: IndicatorResult): boolean => (n.notApplicable === true && n.max === '0') || (n.children ?? []).some(removedBelow);
  const maxShown = (n: IndicatorResult): string => (removedBelow(n) ? (rubricNode(n.path)?.max.toFixed() ?? n.max) : n.max);
  const parentShown = (n: IndicatorResult) => parentText({ ...n, max: maxShown(n) });
  const rows: SheetRow[] = [];
  rows.push(
    ...treeRows(tree, levels, (n) => ({ text: parentShown(n), sub: `得${signed(n)}分` }), (n) => {
      const cells: SheetCell[] = [];
      if (layout === 'project') {
        const actual = n.figures?.['实际完成值'] ?? n.figures?.['完成档次'] ?? '';
        cells.push({ text: n.figures?.['年度指标值'] ?? n.standard ?? '' }, { text: actual });
      } else cells.push({ text: n.standard ?? ruleSentence(n.path) });
      const na = n.notApplicable === true;
      const max = maxShown(n);
      cells.push({ text: n.bonus ? `+${max}` : max, number: max });
      if (layers) {
        cells.push(...pad(Array.from({ length: layers.length - first }, (_, k) => {
          const v = scoreAtLayer(result, n, k + first);
          return { text: v, number: v };
        })));
        cells.push({ text: withLayerNotes(result, n, layout) });
      } else {
        cells.push(...pad([na && n.max === '0' ? { text: '不适用' } : { text: signed(n), number: n.score }]));
        cells.push({ text: noteOf(n, layout) });
      }
      return cells;
    }),
  );
  // 合计 spans the level columns and the standard column(s).
  const lead = width - 2 - scoreColumns;
  const totals: SheetCell[] = pad(
    layers
      ? [...(ruled ? [{ text: scoreAtLayer(result, undefined, -1), number: scoreAtLayer(result, undefined, -1) }] : []), ...layers.map((l) => ({ text: l.sum !== undefined ? `${l.total}（各项之和${l.sum}）` : l.total, number: l.total }))]
      : [{ text: result.total, number: result.total }],
  );
  rows.push({ kind: 'total', cells: [...spanned('合计', lead), { text: result.max, number: result.max }, ...totals, { text: '' }] });
  rows.push({ kind: 'grade', cells: [...spanned('评价等次', lead), ...spanned(result.grade ?? '—', 2 + scoreColumns, false)] });
  // A result that names a bundled rubric it was not scored with says so first.
  for (const m of bundledMismatches(result)) rows.push({ kind: 'note', cells: spanned(mismatchNote(m), width, false) });
  for (const note of policyNotes(result)) rows.push({ kind: 'note', cells: spanned(note, width, false) });
  // A project form prints how its rubric scores — the funds rows' 评分标准, each rows section, the
  // row-scoring methods — so the filled-in sheet reads back to the same rubric, as the blank one does.
  if (layout === 'project') for (const note of projectRubricNotes(result, scoredRubric()?.rubric)) rows.push({ kind: 'note', cells: spanned(note, width, false) });
  const r = result.rubric;
  return {
    layout,
    title: r.name,
    rubric: r,
    meta: metaLines(opts.input?.meta),
    blocks,
    columns,
    levels,
    rows,
    total: result.total,
    max: result.max,
    grade: result.grade,
    chart: result.indicators.map((n) => ({ name: n.name, max: n.max, score: n.score })),
    footer: `评分表：${r.name}${r.version ? `（${r.version}版）` : ''} · ${r.id} · 指纹 ${r.fingerprint}`,
  };
}
