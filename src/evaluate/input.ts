import * as z from 'zod';
import { parseDecimal, type Decimal } from '../decimal.js';
import { Exact } from '../exact.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import { closest, fromZod } from '../issues/zod.js';
import { DEFAULT_LIMITS, type Limits } from '../source/limits.js';
import { snapshotPlainData } from '../source/plain.js';
import type { Rubric } from '../rubric/types.js';
import type { Assessment } from '../rules/types.js';
import { readRows, rowInputSchema, type ValidRow } from '../project/rows.js';
import { isBlankReason } from '../rules/text.js';

const numberLike = z.union([z.number(), z.string(), z.null()]);

/**
 * A reason the evaluator must give (一票否决): text that shows something. Empty, or only spaces
 * and invisible characters (U+3000, U+00A0, U+200B, U+FEFF, …), is no reason: the same issue
 * (`invalid_value`, 应为非空文本) either way.
 */
const mandatoryReason = z
  .string()
  .min(1, { abort: true })
  .refine((s) => !isBlankReason(s), { params: { expected: '非空文本', expectedEn: 'non-empty text' } });

/** The shape of an evaluation input (JSON or YAML). */
export const inputDocumentSchema = z.strictObject({
  $schema: z.string().optional(),
  meta: z.record(z.string(), z.unknown()).optional().meta({ description: '自由填写的说明（单位、年度等），不参与计分' }),
  values: z.record(z.string(), numberLike).optional(),
  assessments: z
    .record(
      z.string(),
      z.strictObject({
        score: z.union([z.number(), z.string()]).optional(),
        reason: z.string().optional(),
        items: z.record(z.string(), z.union([z.boolean(), z.string()])).optional(),
        level: z.string().optional(),
        notApplicable: z.boolean().optional(),
      }),
    )
    .optional(),
  vetoes: z.record(z.string(), mandatoryReason).optional(),
  rows: z
    .record(z.string(), z.array(rowInputSchema))
    .optional()
    .meta({ description: '项目支出绩效自评表的指标行：按评分表中逐行指标（rows）的 id 分组' }),
});

/** What an evaluation supplies: figures, per-indicator assessments and triggered vetoes. */
export type EvaluationInput = z.input<typeof inputDocumentSchema>;

export interface ValidInput {
  values: ReadonlyMap<string, Exact>;
  assessments: Map<string, Assessment>;
  vetoes: Map<string, string>;
  /** Inputs whose figure has an issue already: indicators that read them are not scored. */
  badValues: Set<string>;
  /** Indicators whose assessment has an issue already. */
  badAssessments: Set<string>;
  /** Rows of the project form, by section id (read by validateInput; the fast reader leaves them to it). */
  rows: Map<string, ValidRow[]>;
  /** Sections with a row that has an issue already: not scored. */
  badRows: Set<string>;
  /** Whether some assessment is marked 不适用, where the reader knows it (else the walk looks). */
  someNotApplicable?: boolean;
  /** The figures again, by the plan's order of inputs (`InputDecl.index`), where the reader made them so. */
  valueAt?: readonly (Exact | undefined)[];
  /** The assessments again, by the plan's order of indicators (`PlanNode.order`), where the reader made them so. */
  assessmentAt?: readonly (Assessment | undefined)[];
}

/**
 * Numbers are taken as they are written: JSON numbers, and decimal strings (`"1265.5"`, with
 * surrounding spaces ignored). Anything a person might mean as a number but that would have
 * to be reinterpreted — `"95%"`, `"1,265.5"`, full-width `"１００"`, `"31人"` — is rejected
 * with `invalid_number` and a hint saying how to write it: a finance figure silently
 * reinterpreted is worse than an error.
 */
function numberHint(raw: string, reason?: string): { hint?: string; hintEn?: string } {
  const h = (hint: string, hintEn: string) => ({ hint, hintEn });
  if (reason === 'too_long') return h('数字最多 64 个字符', 'at most 64 characters');
  if (/[%％]\s*$/.test(raw)) return h('百分比请填写百分点数值，如 95.5 表示 95.5%', 'write a percentage in percentage points: 95.5 for 95.5%');
  if (/[０-９．]/.test(raw)) return h('请使用半角数字', 'use ASCII digits');
  if (/\d,\d/.test(raw)) return h('请去掉千分位逗号', 'remove the thousands separators');
  if (/(万元|元|人|份|期|件|项)\s*$/.test(raw)) return h('请只填写数字，单位由评分表声明', 'write the number only; the rubric declares the unit');
  return {};
}

/** Inputs read, directly or through metrics, by the indicators that apply and by 一票否决 conditions. */
function inputsNeeded(rubric: Rubric, notApplicable: Set<string>): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const todo: string[] = [];
  for (const n of rubric.byId.values()) if (!notApplicable.has(n.id)) todo.push(...n.refs);
  for (const v of rubric.vetoes) if (v.when) todo.push(...v.when.refs);
  // Iterative, so a long chain of metrics cannot exhaust the stack.
  while (todo.length) {
    const name = todo.pop()!;
    if (rubric.inputs.has(name)) out.add(name);
    else if (!seen.has(name)) {
      seen.add(name);
      todo.push(...(rubric.metrics.get(name)?.formula.refs ?? []));
    }
  }
  return out;
}

const fmtRange = (min?: Decimal, max?: Decimal) => `[${min ? min.toFixed() : '-∞'}, ${max ? max.toFixed() : '+∞'}]`;

/** Check an evaluation input against a rubric: every problem is reported, none is guessed. */
export function validateInput(rubric: Rubric, input: unknown, limits: Limits = DEFAULT_LIMITS): { input?: ValidInput; issues: Issue[] } {
  // A fresh plain copy: no `__proto__` keys, cycles, getters or class instances get further.
  const snapshot = snapshotPlainData(input, limits);
  if (!snapshot.ok) return { issues: snapshot.issues };
  let raw = snapshot.value;
  const issues: Issue[] = [];
  // Rows are read row by row below (readRows), so each problem names its row and field.
  let rawRows: unknown;
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && Object.prototype.hasOwnProperty.call(raw, 'rows')) {
    const { rows, ...rest } = raw as Record<string, unknown>;
    rawRows = rows;
    raw = rest;
  }
  const badValues = new Set<string>();
  const badAssessments = new Set<string>();
  let parsed = inputDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    // fromZod reports NaN and ±Infinity as invalid_number, not "expected a number, received a number".
    issues.push(...fromZod(parsed.error.issues, raw, [], (p) => (p.length === 0 ? ['values', 'assessments', 'vetoes', 'meta'] : undefined)));
    // Set aside the entries that are wrong and read the rest, so every problem is reported at once.
    const rest = withoutEntries(raw, parsed.error.issues.map((i) => i.path));
    parsed = rest === undefined ? parsed : inputDocumentSchema.safeParse(rest.value);
    if (!parsed.success || rest === undefined) return { issues };
    for (const [section, key] of rest.removed) (section === 'values' ? badValues : badAssessments).add(key);
  }
  const data = parsed.data;
  const values = new Map<string, Exact>();
  const given = data.values ?? {};
  const declared = [...rubric.inputs.keys()];

  const assessments = new Map<string, Assessment>();
  const ids = [...rubric.byId.keys()];
  for (const [id, a] of Object.entries(data.assessments ?? {})) {
    const path = ['assessments', id];
    const node = rubric.byId.get(id);
    if (!node) {
      issues.push(makeIssue('assessment_unknown', { id, hint: closest(id, ids) }, { path }));
      continue;
    }
    const out: Assessment = {};
    const bad = (detail: string, detailEn: string, at: string) =>
      (badAssessments.add(id), issues.push(makeIssue('assessment_invalid', { indicator: node.path, detail, detailEn }, { path: [...path, at], indicator: node.path })));
    if (a.reason !== undefined) out.reason = a.reason;
    if (a.notApplicable) {
      // A 可选项 not chosen is marked 不适用 whatever the policy.
      const planned = rubric.plan.byId.get(id);
      if (node.notApplicable === 'forbidden' && !planned?.inPool) {
        badAssessments.add(id);
        issues.push(makeIssue('not_applicable_forbidden', { indicator: node.path }, { path: [...path, 'notApplicable'], indicator: node.path }));
        continue;
      }
      // 不适用 and a score (or checklist items) at once: which one is meant? Never drop one silently.
      if (a.score !== undefined || a.items !== undefined || a.level !== undefined) {
        bad('标记为不适用的指标不能同时给分、评等级或填写检查项', 'an indicator marked 不适用 cannot also have a score, a level or checklist items', a.score !== undefined ? 'score' : a.level !== undefined ? 'level' : 'items');
        continue;
      }
      out.notApplicable = true;
    }
    if (a.score !== undefined) {
      if (node.scorer?.needs !== 'judgement') {
        bad('此指标按评分规则计分，不能直接给分', 'this indicator is scored by its rule; a score cannot be given', 'score');
      } else {
        const s = parseDecimal(a.score);
        if (!s.ok) {
          badAssessments.add(id);
          issues.push(makeIssue('invalid_number', { received: String(a.score), reason: s.reason, ...numberHint(String(a.score), s.reason) }, { path: [...path, 'score'], indicator: node.path }));
        } else out.score = Exact.fromDecimal(s.value);
      }
    }
    const levels = node.scorer?.levels;
    const levelList = levels?.join('、') ?? '';
    if (a.level !== undefined) {
      if (node.scorer?.needs !== 'judgement' || !levels) {
        bad('此指标没有规定评定等级（levels），不能填写 level', 'this indicator has no levels; a level cannot be given', 'level');
      } else if (!levels.includes(a.level)) {
        badAssessments.add(id);
        issues.push(makeIssue('level_unknown', { indicator: node.path, level: a.level, levels: levelList }, { path: [...path, 'level'], indicator: node.path }));
      } else out.level = a.level;
    }
    if (a.items !== undefined) {
      if (node.scorer?.needs !== 'checklist') {
        bad('此指标不是逐项检查类指标，不能填写 items', 'this indicator is not a checklist; items are not allowed', 'items');
      } else {
        const known = node.scorer.items ?? [];
        for (const [item, v] of Object.entries(a.items)) {
          if (!known.includes(item)) {
            badAssessments.add(id);
            issues.push(makeIssue('checklist_item_unknown', { indicator: node.path, item }, { path: [...path, 'items', item], indicator: node.path }));
          } else if (levels ? typeof v !== 'string' || !levels.includes(v) : typeof v !== 'boolean') {
            badAssessments.add(id);
            issues.push(
              levels
                ? makeIssue('level_unknown', { indicator: node.path, item, level: String(v), levels: levelList }, { path: [...path, 'items', item], indicator: node.path })
                : makeIssue('assessment_invalid', { indicator: node.path, detail: `检查项“${item}”应填 true 或 false`, detailEn: `checklist item "${item}" takes true or false` }, { path: [...path, 'items', item], indicator: node.path }),
            );
          }
        }
        out.items = { ...a.items };
      }
    }
    assessments.set(id, out);
  }
  // Judgement and checklist leaves need the evaluator's word, unless marked 不适用 (here or above).
  const notApplicable = new Set<string>();
  const walk = (nodes: Rubric['indicators'], naAbove: boolean) => {
    for (const n of nodes) {
      const a = assessments.get(n.id);
      const na = naAbove || a?.notApplicable === true;
      if (na) notApplicable.add(n.id);
      if (n.children.length) walk(n.children, na);
      if (na || !n.scorer?.needs) continue;
      if (badAssessments.has(n.id)) continue;
      if (n.scorer.needs === 'judgement' && a?.score === undefined && a?.level === undefined) {
        badAssessments.add(n.id);
        const levels = n.scorer.levels;
        issues.push(
          makeIssue('assessment_missing', { indicator: n.path, expected: levels ? `档次（level：${levels.join('、')}）` : '得分（score）', expectedEn: levels ? 'a level' : 'a score' }, { path: ['assessments', n.id], indicator: n.path }),
        );
      }
      if (n.scorer.needs === 'checklist') {
        const want = n.scorer.levels ? 'string' : 'boolean';
        for (const item of n.scorer.items ?? [])
          if (typeof a?.items?.[item] !== want)
            badAssessments.add(n.id), issues.push(makeIssue('checklist_item_missing', { indicator: n.path, item, levels: n.scorer.levels?.join('、') }, { path: ['assessments', n.id, 'items', item], indicator: n.path }));
      }
    }
  };
  walk(rubric.indicators, false);

  // Figures: every declared input that an applicable indicator needs must be given.
  const needed = inputsNeeded(rubric, notApplicable);
  for (const [name, rawValue] of Object.entries(given)) {
    if (!rubric.inputs.has(name)) {
      issues.push(makeIssue('input_unknown', { name, hint: closest(name, declared) }, { path: ['values', name] }));
    }
  }
  for (const [name, decl] of rubric.inputs) {
    const rawValue = Object.prototype.hasOwnProperty.call(given, name) ? given[name] : undefined;
    const path = ['values', name];
    const expected = decl.type === 'count' ? '非负整数' : decl.type === 'percent' ? '百分点数值' : '数值';
    const expectedEn = decl.type === 'count' ? 'a whole number ≥ 0' : decl.type === 'percent' ? 'a percentage' : 'a number';
    if (rawValue === undefined || rawValue === null) {
      if (badValues.has(name)) continue;
      if (!decl.optional && needed.has(name)) badValues.add(name), issues.push(makeIssue('input_missing', { name, expected: `${expected}${decl.unit ? `（${decl.unit}）` : ''}`, expectedEn }, { path }));
      continue;
    }
    const r = parseDecimal(rawValue);
    if (!r.ok) {
      badValues.add(name);
      issues.push(makeIssue('invalid_number', { received: String(rawValue), reason: r.reason, ...numberHint(String(rawValue), r.reason) }, { path }));
      continue;
    }
    const v = r.value;
    if (decl.type === 'count' && !v.isInteger()) {
      badValues.add(name);
      issues.push(makeIssue('input_not_integer', { name, received: v.toFixed() }, { path }));
      continue;
    }
    if ((decl.min && v.lt(decl.min)) || (decl.max && v.gt(decl.max))) {
      badValues.add(name);
      issues.push(makeIssue('input_out_of_range', { name, received: v.toFixed(), range: fmtRange(decl.min, decl.max) }, { path }));
      continue;
    }
    values.set(name, Exact.fromDecimal(v));
  }

  const { rows, badRows } = readAllRows(rubric, rawRows, notApplicable, issues);

  const vetoes = new Map<string, string>();
  const vetoIds = rubric.vetoes.map((v) => v.id);
  for (const [id, reason] of Object.entries(data.vetoes ?? {})) {
    if (!vetoIds.includes(id)) issues.push(makeIssue('veto_unknown', { id, hint: closest(id, vetoIds) }, { path: ['vetoes', id] }));
    else vetoes.set(id, reason);
  }
  // Scoring goes on over what is valid, so problems found while scoring are reported with these.
  return { input: { values, assessments, vetoes, badValues, badAssessments, rows, badRows }, issues };
}

/** Every section's rows: known sections only, each row checked, a section left empty only where the rubric allows. */
function readAllRows(rubric: Rubric, raw: unknown, notApplicable: Set<string>, issues: Issue[]): { rows: Map<string, ValidRow[]>; badRows: Set<string> } {
  const rows = new Map<string, ValidRow[]>();
  const badRows = new Set<string>();
  const sections = rubric.plan.rowSections;
  if (raw !== undefined) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      issues.push(makeIssue('invalid_type', { expected: '按指标 id 分组的指标行', expectedEn: 'rows grouped by section id', received: Array.isArray(raw) ? '列表' : raw === null ? 'null' : typeof raw, receivedEn: Array.isArray(raw) ? 'a list' : String(raw === null ? 'null' : typeof raw) }, { path: ['rows'] }));
      for (const s of sections) badRows.add(s.id);
      return { rows, badRows };
    }
    for (const [id, list] of Object.entries(raw as Record<string, unknown>)) {
      const node = rubric.byId.get(id);
      if (!node?.rows) {
        issues.push(makeIssue('rows_unknown_section', { id, hint: closest(id, sections.map((s) => s.id)) }, { path: ['rows', id] }));
        continue;
      }
      if (!Array.isArray(list)) {
        badRows.add(id);
        issues.push(makeIssue('invalid_type', { expected: '指标行的列表', expectedEn: 'a list of rows', received: typeof list, receivedEn: typeof list }, { path: ['rows', id], indicator: node.path }));
        continue;
      }
      const r = readRows(id, node.path, list, node.rows.emptyTarget, rubric.precision);
      issues.push(...r.issues);
      if (r.bad) badRows.add(id);
      rows.set(id, r.rows);
    }
  }
  for (const s of sections) {
    if (notApplicable.has(s.id) || badRows.has(s.id)) continue;
    const list = rows.get(s.id) ?? [];
    if (list.length === 0) {
      if (s.rows!.empty === 'forbidden') {
        badRows.add(s.id);
        issues.push(makeIssue('rows_missing', { indicator: s.path }, { path: ['rows', s.id], indicator: s.path }));
      }
      continue;
    }
    if (s.rows!.weights === 'exact') {
      const sum = list.reduce((a, r) => a.plus(r.weight), Exact.int(0));
      if (!sum.eq(s.maxExact)) {
        badRows.add(s.id);
        issues.push(makeIssue('row_weights_mismatch', { indicator: s.path, sum: sum.toPlain(), max: s.maxText }, { path: ['rows', s.id], indicator: s.path }));
      }
    }
  }
  return { rows, badRows };
}

/**
 * A copy of an input document without the entries that zod found wrong (`values.x`,
 * `assessments.y`, `vetoes.z`, `meta`), so the rest can still be read. Undefined when a problem
 * is in the document's shape itself (not an object, an unknown top-level key, a section that is
 * not a record), where nothing else can be read reliably.
 */
function withoutEntries(raw: unknown, paths: readonly PropertyKey[][]): { value: unknown; removed: [string, string][] } | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const copy: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  const removed: [string, string][] = [];
  for (const p of paths) {
    const [section, key] = p;
    if (section === 'meta') {
      delete copy.meta;
      continue;
    }
    if (typeof section !== 'string' || typeof key !== 'string' || !['values', 'assessments', 'vetoes'].includes(section)) return undefined;
    const rec = copy[section];
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) return undefined;
    const next = { ...(rec as Record<string, unknown>) };
    delete next[key];
    copy[section] = next;
    if (section !== 'vetoes') removed.push([section, key]);
  }
  return { value: copy, removed };
}
