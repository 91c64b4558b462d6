/**
 * CSV input for `jixiao batch`: which column of the table feeds which part of an evaluation
 * input, by a naming convention (README, "Batch scoring"):
 *
 * - an input's name or label (`在职人数`, `在职人员数`): `values`;
 * - `指标.score` / `指标.得分`, `指标.reason` / `指标.理由`: a judgement's score and reason;
 * - `指标.level` / `指标.档次`: a judgement's level, for a judgement with `levels` (齐全 / 基本齐全 / …);
 * - `指标.<item>` (the item's id, `预算管理制度健全性.1`, or its text): a checklist item, 是/否, or on
 *   a rated checklist (`scale`) the item's level (优 / 良 / …);
 * - `指标.不适用` (or `.notApplicable`): 不适用, 是/否;
 * - `一票否决.<id>` (or `vetoes.<id>`): a triggered veto's reason;
 * - `meta.<field>`, or a field named by `--id` / `--rank-by`: `meta`.
 *
 * `指标` is an indicator's id or name. Every other column is `column_unknown`; a declared input,
 * or a judgement or checklist indicator, with no column is `column_missing`.
 */
import type { EvaluationInput, Issue, Rubric } from '../../index.js';
import { closest } from '../../issues/hint.js';
import { makeIssue } from '../../issues/issue.js';
import { isBlankReason } from '../../rules/text.js';

/**
 * Whether a cell says nothing: empty, or only spaces and invisible characters (a zero-width
 * space, U+3000, a BOM). The one test of every cell where empty means absent (a figure, a score,
 * a reason, a veto, 是/否, a row's field): such a cell is left out, as an empty one is, never
 * passed on as text. The same test as a blank reason ({@link isBlankReason}).
 */
export const isBlankCell = (cell: string): boolean => isBlankReason(cell);

type Target =
  | { kind: 'value'; name: string; percent: boolean }
  | { kind: 'meta'; field: string }
  | { kind: 'score' | 'reason' | 'na' | 'level'; id: string }
  | { kind: 'item'; id: string; item: string; levels: readonly string[] | undefined }
  | { kind: 'veto'; id: string };

/** How the columns of one table map onto an evaluation input. */
export interface ColumnPlan {
  targets: Target[];
  /** Column (1-based) of an input path key (`values\0名称`, `assessments\0id\0items\01`, …). */
  columnOf: Map<string, number>;
}

const SCORE = new Set(['score', '得分', '评分']);
const REASON = new Set(['reason', '理由', '扣分原因', '说明']);
const LEVEL = new Set(['level', '档次', '等级', '评价等级']);
const NA = new Set(['不适用', 'notApplicable', 'na']);
const VETO = ['一票否决.', 'vetoes.'];
const TRUE = new Set(['是', '√', '✓', '✔', 'true', '1', 'y', 'yes', '达到', '符合']);
const FALSE = new Set(['否', '×', '✗', '✘', 'false', '0', 'n', 'no', '未达到', '不符合']);

/** Read a table's header; issues name each missing or unknown column. */
export function planColumns(rubric: Rubric, header: string[], metaFields: readonly string[], file: string): { plan: ColumnPlan } | { issues: Issue[] } {
  const byLabel = new Map<string, string>();
  for (const i of rubric.inputs.values()) if (!rubric.inputs.has(i.label) && !byLabel.has(i.label)) byLabel.set(i.label, i.name);
  const byName = new Map<string, string>();
  for (const n of rubric.byId.values()) if (!rubric.byId.has(n.name) && !byName.has(n.name)) byName.set(n.name, n.id);
  const indicator = (s: string) => (rubric.byId.has(s) ? s : byName.get(s));
  const vetoOf = (s: string) => rubric.vetoes.find((v) => v.id === s || v.name === s)?.id;
  /** The levels of a judgement with `levels`, or of a rated checklist's items (`scale`). */
  const levelsOf = (id: string): string[] | undefined => {
    const rule = rubric.byId.get(id)?.rule as { kind: string; levels?: { level: string }[]; scale?: { level: string }[] } | undefined;
    const list = rule?.kind === 'judgement' ? rule.levels : rule?.kind === 'checklist' ? rule.scale : undefined;
    return list?.map((l) => l.level);
  };
  const itemsOf = (id: string): { id: string; text: string }[] => {
    const rule = rubric.byId.get(id)?.rule as { kind: string; items?: { id?: string | number; text: string }[] } | undefined;
    return rule?.kind === 'checklist' ? (rule.items ?? []).map((it, i) => ({ id: it.id === undefined ? String(i + 1) : String(it.id), text: it.text })) : [];
  };

  const issues: Issue[] = [];
  const at = (column: number) => ({ source: { file, line: 1, column } });
  const targets: Target[] = [];
  const columnOf = new Map<string, number>();
  const seen = new Map<string, number>();
  header.forEach((raw, c) => {
    const h = raw.trim();
    const column = c + 1;
    let t: Target | undefined;
    const value = (name: string): Target => ({ kind: 'value', name, percent: rubric.inputs.get(name)!.type === 'percent' });
    if (rubric.inputs.has(h)) t = value(h);
    else if (byLabel.has(h)) t = value(byLabel.get(h)!);
    else if (h.startsWith('meta.') && h.length > 5) t = { kind: 'meta', field: h.slice(5) };
    else if (metaFields.includes(h)) t = { kind: 'meta', field: h };
    else {
      const veto = VETO.find((p) => h.startsWith(p));
      const dot = h.lastIndexOf('.');
      if (veto) {
        const id = vetoOf(h.slice(veto.length));
        if (id !== undefined) t = { kind: 'veto', id };
      } else if (dot > 0) {
        const id = indicator(h.slice(0, dot));
        const s = h.slice(dot + 1);
        if (id !== undefined) {
          if (SCORE.has(s)) t = { kind: 'score', id };
          else if (REASON.has(s)) t = { kind: 'reason', id };
          else if (NA.has(s)) t = { kind: 'na', id };
          else if (LEVEL.has(s) && rubric.byId.get(id)?.kind === 'judgement' && levelsOf(id)) t = { kind: 'level', id };
          else {
            const item = itemsOf(id).find((it) => it.id === s || it.text === s);
            if (item) t = { kind: 'item', id, item: item.id, levels: levelsOf(id) };
          }
        }
      }
    }
    if (!t) {
      issues.push(makeIssue('column_unknown', { column: h, hint: closest(h, knownColumns(rubric, itemsOf)) }, at(column)));
      targets.push({ kind: 'meta', field: h });
      return;
    }
    const key = keyOf(t);
    if (seen.has(key)) {
      issues.push(makeIssue('column_unknown', { column: h, hint: header[seen.get(key)! - 1]!.trim() }, at(column)));
    }
    seen.set(key, column);
    targets.push(t);
    columnOf.set(key, column);
  });

  const has = (k: string) => columnOf.has(k);
  for (const i of rubric.inputs.values()) {
    if (!i.optional && !has(`values\0${i.name}`))
      issues.push(makeIssue('column_missing', { column: i.name, what: `输入数据${i.label !== i.name ? `，或其 label“${i.label}”` : ''}`, whatEn: `an input${i.label !== i.name ? `, or its label "${i.label}"` : ''}` }, at(1)));
  }
  for (const n of rubric.byId.values()) {
    if (has(`assessments\0${n.id}\0notApplicable`)) continue;
    if (n.kind === 'judgement' && !has(`assessments\0${n.id}\0score`) && !has(`assessments\0${n.id}\0level`))
      issues.push(makeIssue('column_missing', { column: `${n.id}.score`, what: `指标“${n.name}”的评价人评分`, whatEn: `the score of indicator "${n.name}"`, hint: `或用“${n.id}.不适用”列`, hintEn: `or a column "${n.id}.不适用"` }, at(1)));
    if (n.kind === 'checklist')
      for (const it of itemsOf(n.id))
        if (!has(`assessments\0${n.id}\0items\0${it.id}`))
          issues.push(makeIssue('column_missing', { column: `${n.id}.${it.id}`, what: `指标“${n.name}”第 ${it.id} 项“${it.text}”是否达到`, whatEn: `whether item ${it.id} of "${n.name}" is met` }, at(1)));
  }
  return issues.length ? { issues } : { plan: { targets, columnOf } };
}

function keyOf(t: Target): string {
  switch (t.kind) {
    case 'value':
      return `values\0${t.name}`;
    case 'meta':
      return `meta\0${t.field}`;
    case 'score':
      return `assessments\0${t.id}\0score`;
    case 'reason':
      return `assessments\0${t.id}\0reason`;
    case 'na':
      return `assessments\0${t.id}\0notApplicable`;
    case 'level':
      return `assessments\0${t.id}\0level`;
    case 'item':
      return `assessments\0${t.id}\0items\0${t.item}`;
    case 'veto':
      return `vetoes\0${t.id}`;
  }
}

function knownColumns(rubric: Rubric, itemsOf: (id: string) => { id: string }[]): string[] {
  const out = [...rubric.inputs.keys()];
  for (const n of rubric.byId.values()) {
    if (n.kind === 'judgement') out.push(`${n.id}.score`, `${n.id}.reason`, `${n.id}.level`);
    for (const it of itemsOf(n.id)) out.push(`${n.id}.${it.id}`);
  }
  return out;
}

/** Read a 是/否 cell: undefined for an empty cell, an error message for anything else. */
function yesNo(cell: string): boolean | undefined | { bad: true } {
  if (isBlankCell(cell)) return undefined;
  const v = cell.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return { bad: true };
}

/**
 * A percent figure's cell in percentage points: `92.35%` (a cell Excel shows as a percentage, or
 * CSV saved from one) is 92.35, the figure a percent input holds. Anything else is left as it is
 * for the evaluator to read (or explain).
 */
function percentagePoints(cell: string): string {
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*[%％]$/.exec(cell);
  return m ? m[1]! : cell;
}

/**
 * One row of the table as an evaluation input. A percent figure written as a percentage (`92.35%`)
 * is its percentage points. Empty cells, and cells that only look empty ({@link isBlankCell}), are
 * left out (a missing figure is
 * then the evaluator's `input_missing`, at that column); a 是/否 cell that is neither is
 * `cell_invalid`.
 */
export function rowInput(plan: ColumnPlan, cells: string[], line: number, file: string): { input: EvaluationInput } | { issues: Issue[] } {
  const values: Record<string, string> = {};
  const meta: Record<string, string> = {};
  const assessments: Record<string, { score?: string; reason?: string; level?: string; notApplicable?: boolean; items?: Record<string, boolean | string> }> = {};
  const vetoes: Record<string, string> = {};
  const issues: Issue[] = [];
  const a = (id: string) => (assessments[id] ??= {});
  for (let c = 0; c < plan.targets.length; c++) {
    const t = plan.targets[c]!;
    const cell = cells[c] ?? '';
    if (isBlankCell(cell)) continue;
    switch (t.kind) {
      case 'value':
        values[t.name] = t.percent ? percentagePoints(cell.trim()) : cell.trim();
        break;
      case 'meta':
        meta[t.field] = cell;
        break;
      case 'score':
        a(t.id).score = cell.trim();
        break;
      case 'reason':
        a(t.id).reason = cell;
        break;
      case 'level':
        // The level's name as written (trimmed); one the rubric does not list is the evaluator's
        // `judgement_level`-style issue, at this column.
        a(t.id).level = cell.trim();
        break;
      case 'veto':
        vetoes[t.id] = cell;
        break;
      case 'item':
        if (t.levels) {
          // A rated checklist: the item's level (优 / 良 / …), read by the evaluator against its scale.
          (a(t.id).items ??= {})[t.item] = cell.trim();
          break;
        }
      // falls through: a 是/否 item
      case 'na': {
        const v = yesNo(cell);
        if (typeof v === 'object') {
          issues.push(makeIssue('cell_invalid', { value: cell, detail: '应为“是”或“否”（也可写 √/×、1/0、true/false）', detailEn: 'expected 是 or 否 (or √/×, 1/0, true/false)' }, { path: keyOf(t).split('\0'), source: { file, line, column: c + 1 } }));
        } else if (v !== undefined) {
          if (t.kind === 'na') a(t.id).notApplicable = v;
          else if (t.kind === 'item') (a(t.id).items ??= {})[t.item] = v;
        }
        break;
      }
    }
  }
  if (issues.length) return { issues };
  const input: EvaluationInput = {};
  if (Object.keys(meta).length) input.meta = meta;
  input.values = values;
  if (Object.keys(assessments).length) input.assessments = assessments;
  if (Object.keys(vetoes).length) input.vetoes = vetoes;
  return { input };
}

/** Give issues about a row the row's line and the column of the path they name. */
export function placeIssues(plan: ColumnPlan, issues: Issue[], line: number, file: string): Issue[] {
  return issues.map((i) => {
    if (i.source?.file === file) return i;
    let column = 1;
    for (let n = i.path.length; n > 0; n--) {
      const key = i.path.slice(0, n).map(String).join('\0');
      const c = plan.columnOf.get(key) ?? plan.columnOf.get(`${key}\0score`) ?? plan.columnOf.get(`${key}\0level`);
      if (c !== undefined) {
        column = c;
        break;
      }
    }
    return { ...i, source: { file, line, column } };
  });
}
