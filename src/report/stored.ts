import { expect } from '../issues/zod.js';
import * as z from 'zod';
import { parseDecimal } from '../decimal.js';
import type { ScoreResult } from '../evaluate/result.js';
import { JixiaoError, type SafeResult } from '../issues/errors.js';
import { badArgument, neverThrows } from '../issues/guard.js';
import { at } from '../rubric/keys.js';
import { formatPath, makeIssue, type Issue, type SourcePosition } from '../issues/issue.js';

/**
 * A stored result (the JSON `jixiao score` writes, read back) is checked against this shape
 * before anything renders, explains, compares or re-scores it: every score, max, total, point
 * and metric a plain decimal, every text a text, every list a list. A stored result is data
 * someone can edit; what is drawn from it is never a formula, `NaN` or a crash.
 */

/**
 * A figure of a result as `evaluate` writes it: a plain decimal (`99`, `-1.47`, `91.176471`). Its
 * integer part is at most 60 digits (evaluate's figures stay below 10^40), so it is a finite
 * number in a spreadsheet; its decimals are as many as an exact figure has (a weight of 3 ÷ 2^70
 * has 70).
 */
export const RESULT_DECIMAL = /^-?\d{1,60}(\.\d+)?$/;

const decimal = z.string().regex(RESULT_DECIMAL, expect('十进制数字文本（如 12.5）', 'a plain decimal (such as 12.5)'));
const text = z.string();

const deduction = z.looseObject({ indicator: text, points: decimal, reason: text });

/** The figures a rule read: text (a target `≥95%`, a level `达成`); 预算执行率, drawn as a number, a decimal. */
const figures = z.object({ 预算执行率: decimal.optional() }).catchall(text);

type IndicatorShape = z.ZodType<unknown>;
const indicator: IndicatorShape = z.lazy(() =>
  z.looseObject({
    id: text,
    name: text,
    path: text,
    max: decimal,
    score: decimal,
    deductions: z.array(deduction),
    additions: z.array(deduction).optional(),
    kind: text.optional(),
    standard: text.optional(),
    figures: figures.optional(),
    remark: text.optional(),
    bonus: z.literal(true).optional(),
    penalty: z.literal(true).optional(),
    notApplicable: z.literal(true).optional(),
    weight: decimal.optional(),
    cap: decimal.optional(),
    scaledFrom: z.looseObject({ max: decimal, score: decimal }).optional(),
    children: z.array(indicator).optional(),
  }),
);

/** The funds figures a project form's sheet draws as numbers from the audit trail's input. */
export const FUNDS = ['年初预算数', '全年预算数', '全年执行数'] as const;
/** A figure of the input as evaluate reads it (`226.71`, `31`, `1.5e3`), or absent. */
const inputFigure = z.unknown().refine((v) => v === undefined || v === null || parseDecimal(v).ok).optional();

const audit = z.looseObject({
  input: z.looseObject({
    values: z.looseObject(Object.fromEntries(FUNDS.map((k) => [k, inputFigure]))).optional(),
    meta: z.record(z.string(), z.unknown()).optional(),
  }),
  rubric: z.looseObject({ id: text, name: text.optional(), version: text.optional(), fingerprint: text, source: text.optional() }),
});

/** The whole shape of a stored result (what `evaluate` returns, with `audit` when it has one). */
export const storedResultSchema = z.looseObject({
  rubric: z.looseObject({ id: text, name: text, version: text.optional(), fingerprint: text }),
  total: decimal,
  max: decimal,
  grade: text.nullable(),
  indicators: z.array(indicator),
  deductions: z.array(deduction),
  additions: z.array(deduction).optional(),
  metrics: z.record(z.string(), decimal),
  vetoes: z.array(z.looseObject({ id: text, name: text, grade: text.optional(), maxTotal: decimal.optional(), fail: text.optional(), reason: text.optional() })),
  failed: z.literal(true).optional(),
  capped: z.looseObject({ rawTotal: decimal, maxTotal: decimal, reason: text }).optional(),
  excluded: z.looseObject({ max: decimal, gradedOn: decimal }).optional(),
  rescaled: z.looseObject({ rawTotal: decimal, applicableMax: decimal }).optional(),
  layers: z
    .array(
      z.looseObject({
        name: text,
        by: text.optional(),
        total: decimal,
        sum: decimal.optional(),
        grade: text.nullable(),
        changes: z.array(z.looseObject({ indicator: text, name: text, from: decimal, to: decimal, reason: text })),
      }),
    )
    .optional(),
  audit: audit.optional(),
});

/** A received value as a message shows it: JSON, control characters escaped, at most 40 characters. */
function received(v: unknown): string {
  let s: string;
  try {
    s = v === undefined ? 'undefined' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : (JSON.stringify(v) ?? String(v));
  } catch {
    s = typeof v;
  }
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

const KIND_ZH: Record<string, string> = { string: '文本', number: '数字', boolean: '布尔值', object: '映射', array: '列表', null: '空值' };
const KIND_EN: Record<string, string> = { string: 'a text', number: 'a number', boolean: 'a boolean', object: 'a mapping', array: 'a list', null: 'null' };

/** What is wrong at one path, in both languages. */
function whatsWrong(i: z.core.$ZodIssue, root: unknown): { zh: string; en: string } {
  const path = i.path as PropertyKey[];
  const v = at(root, path);
  const missing = v === undefined;
  const where = formatPath(path.map((p) => (typeof p === 'number' ? p : String(p)))) || '（根）';
  const whereEn = formatPath(path.map((p) => (typeof p === 'number' ? p : String(p)))) || '(root)';
  if (missing) return { zh: `${where} 缺少`, en: `${whereEn} is missing` };
  if (i.code === 'invalid_format' || i.code === 'custom' || (i.code === 'invalid_type' && i.expected === 'string' && typeof v !== 'string' && path.length && /^(max|score|total|points|weight|cap|rawTotal|maxTotal|gradedOn|applicableMax|预算执行率)$/.test(String(path.at(-1))))) {
    return { zh: `${where} 应为十进制数（如 "3.5"），实际为 ${received(v)}`, en: `${whereEn} must be a decimal (such as "3.5"), not ${received(v)}` };
  }
  if (i.code === 'invalid_type') return { zh: `${where} 应为${KIND_ZH[i.expected] ?? i.expected}，实际为 ${received(v)}`, en: `${whereEn} must be ${KIND_EN[i.expected] ?? i.expected}, not ${received(v)}` };
  if (i.code === 'invalid_value') return { zh: `${where} 的值 ${received(v)} 无效`, en: `${whereEn}: ${received(v)} is not allowed` };
  return { zh: `${where} 无效（${received(v)}）`, en: `${whereEn} is not valid (${received(v)})` };
}

/** At most this many bad fields are named (the first ones, in document order). */
const MAX_NAMED = 10;

/**
 * Check a stored result's whole shape: `{ success: true, value }` (the same object), or one
 * `result_invalid` issue for each bad field (the first ten), each with its path and what is
 * wrong. `file` names the result in messages (`<result>` for an object); `locate` gives a
 * path's line and column in the file, when it was read from text.
 * @example const r = safeParseStoredResult(JSON.parse(text), 'result.json'); if (!r.success) console.error(formatIssues(r.issues));
 */
export function safeParseStoredResult(data: unknown, file = '<result>', locate?: (path: (string | number)[]) => SourcePosition | undefined): SafeResult<ScoreResult> {
  if (typeof file !== 'string') return { success: false, issues: [badArgument('safeParseStoredResult', 'file', { zh: '文件名文本', en: 'a file name' }, file)] };
  if (locate !== undefined && typeof locate !== 'function') return { success: false, issues: [badArgument('safeParseStoredResult', 'locate', { zh: '函数', en: 'a function' }, locate)] };
  return neverThrows('safeParseStoredResult', () => parseStored(data, file, locate));
}

function parseStored(data: unknown, file: string, locate: ((path: (string | number)[]) => SourcePosition | undefined) | undefined): SafeResult<ScoreResult> {
  const parsed = storedResultSchema.safeParse(data);
  if (parsed.success) return { success: true, value: data as ScoreResult, warnings: [] };
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const i of parsed.error.issues) {
    const path = (i.path as PropertyKey[]).map((p) => (typeof p === 'number' ? p : String(p)));
    const key = path.join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    const w = whatsWrong(i, data);
    const source = locate?.(path);
    issues.push(makeIssue('result_invalid', { file, detail: w.zh, detailEn: w.en }, source ? { path, source } : { path }));
    if (issues.length >= MAX_NAMED) break;
  }
  return { success: false, issues };
}

/**
 * A stored result checked before a renderer draws it; throws a {@link JixiaoError} of
 * `result_invalid` issues when a field is not what `evaluate` writes.
 */
export function checkedResult<T extends ScoreResult>(result: T): T {
  const r = safeParseStoredResult(result);
  if (!r.success) throw new JixiaoError(r.issues);
  return result;
}
