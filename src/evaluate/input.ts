import * as z from 'zod';
import { parseDecimal, type Decimal } from '../decimal.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import { closest, fromZod } from '../issues/zod.js';
import { DEFAULT_LIMITS, type Limits } from '../source/limits.js';
import { snapshotPlainData } from '../source/plain.js';
import type { Rubric } from '../rubric/compile.js';
import type { Assessment } from '../rules/types.js';

const numberLike = z.union([z.number(), z.string(), z.null()]);

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
        items: z.record(z.string(), z.boolean()).optional(),
        notApplicable: z.boolean().optional(),
      }),
    )
    .optional(),
  vetoes: z.record(z.string(), z.string().min(1)).optional(),
});

/** What an evaluation supplies: figures, per-indicator assessments and triggered vetoes. */
export type EvaluationInput = z.input<typeof inputDocumentSchema>;

export interface ValidInput {
  values: Map<string, Decimal>;
  assessments: Map<string, Assessment>;
  vetoes: Map<string, string>;
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

/** Inputs read, directly or through metrics, by the indicators that apply. */
function inputsNeeded(rubric: Rubric, notApplicable: Set<string>): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const todo: string[] = [];
  for (const n of rubric.byId.values()) if (!notApplicable.has(n.id)) todo.push(...n.refs);
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
  const raw = snapshot.value;
  const parsed = inputDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    // fromZod reports NaN and ±Infinity as invalid_number, not "expected a number, received a number".
    return { issues: fromZod(parsed.error.issues, raw, [], (p) => (p.length === 0 ? ['values', 'assessments', 'vetoes', 'meta'] : undefined)) };
  }
  const data = parsed.data;
  const issues: Issue[] = [];
  const values = new Map<string, Decimal>();
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
      issues.push(makeIssue('assessment_invalid', { indicator: node.path, detail, detailEn }, { path: [...path, at], indicator: node.path }));
    if (a.reason !== undefined) out.reason = a.reason;
    if (a.notApplicable) {
      if (rubric.notApplicable === 'forbidden') {
        issues.push(makeIssue('not_applicable_forbidden', { indicator: node.path }, { path: [...path, 'notApplicable'], indicator: node.path }));
        continue;
      }
      out.notApplicable = true;
    }
    if (a.score !== undefined) {
      if (node.scorer?.needs !== 'judgement') {
        bad('此指标按评分规则计分，不能直接给分', 'this indicator is scored by its rule; a score cannot be given', 'score');
      } else {
        const s = parseDecimal(a.score);
        if (!s.ok) issues.push(makeIssue('invalid_number', { received: String(a.score), reason: s.reason, ...numberHint(String(a.score), s.reason) }, { path: [...path, 'score'], indicator: node.path }));
        else out.score = s.value;
      }
    }
    if (a.items !== undefined) {
      if (node.scorer?.needs !== 'checklist') {
        bad('此指标不是逐项检查类指标，不能填写 items', 'this indicator is not a checklist; items are not allowed', 'items');
      } else {
        const known = node.scorer.items ?? [];
        for (const item of Object.keys(a.items))
          if (!known.includes(item)) issues.push(makeIssue('checklist_item_unknown', { indicator: node.path, item }, { path: [...path, 'items', item], indicator: node.path }));
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
      if (n.scorer.needs === 'judgement' && a?.score === undefined && !issues.some((i) => i.path[1] === n.id)) {
        issues.push(makeIssue('assessment_missing', { indicator: n.path, expected: '得分（score）', expectedEn: 'a score' }, { path: ['assessments', n.id], indicator: n.path }));
      }
      if (n.scorer.needs === 'checklist' && !issues.some((i) => i.path[1] === n.id)) {
        for (const item of n.scorer.items ?? [])
          if (typeof a?.items?.[item] !== 'boolean')
            issues.push(makeIssue('checklist_item_missing', { indicator: n.path, item }, { path: ['assessments', n.id, 'items', item], indicator: n.path }));
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
      if (!decl.optional && needed.has(name)) issues.push(makeIssue('input_missing', { name, expected: `${expected}${decl.unit ? `（${decl.unit}）` : ''}`, expectedEn }, { path }));
      continue;
    }
    const r = parseDecimal(rawValue);
    if (!r.ok) {
      issues.push(makeIssue('invalid_number', { received: String(rawValue), reason: r.reason, ...numberHint(String(rawValue), r.reason) }, { path }));
      continue;
    }
    const v = r.value;
    if (decl.type === 'count' && !v.isInteger()) {
      issues.push(makeIssue('input_not_integer', { name, received: v.toFixed() }, { path }));
      continue;
    }
    if ((decl.min && v.lt(decl.min)) || (decl.max && v.gt(decl.max))) {
      issues.push(makeIssue('input_out_of_range', { name, received: v.toFixed(), range: fmtRange(decl.min, decl.max) }, { path }));
      continue;
    }
    values.set(name, v);
  }

  const vetoes = new Map<string, string>();
  const vetoIds = rubric.vetoes.map((v) => v.id);
  for (const [id, reason] of Object.entries(data.vetoes ?? {})) {
    if (!vetoIds.includes(id)) issues.push(makeIssue('veto_unknown', { id, hint: closest(id, vetoIds) }, { path: ['vetoes', id] }));
    else vetoes.set(id, reason);
  }
  if (issues.length) return { issues };
  return { input: { values, assessments, vetoes }, issues };
}
