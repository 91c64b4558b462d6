/**
 * The 项目支出绩效自评表 under the column names of the 预算管理一体化 performance tables, both
 * ways: the indicator rows (`PM_SELF_EVAL_INDICATOR`: LV1/2/3_PERF_IND_NAME, KPI_VAL, IND_COMP,
 * IND_WEIGHT, EVAL_SCORE, DEVI_ANALY) and the funds row (`PM_PERF_SELF_BGT`: CUR_AMT,
 * YEAR_EXE_AMT, EXE_AMT_RATE, EXE_SCORE), for the bundled national rubric
 * `project-self-evaluation` (its row sections 产出指标/效益指标/满意度指标 are named as their ids;
 * its funds inputs are 全年预算数 and 全年执行数, its rate metric and indicator 预算执行率).
 *
 * Cells are carried as they are (text or numbers; a database null is an empty cell); the scores
 * written back are jixiao's decimal strings, never binary floats.
 */
import { EvaluationError, type SafeResult } from '../issues/errors.js';
import { badArgument, thrown } from '../issues/guard.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import type { EvaluationInput } from '../evaluate/input.js';
import type { IndicatorResult, ScoreResult } from '../evaluate/result.js';
import { rowTargetText } from '../project/rows.js';
import { Decimal } from '../decimal.js';

/** A cell as a database driver hands it over: text, a number, or null for an empty cell. */
export type YitihuaCell = string | number | null | undefined;

/** One row of `PM_SELF_EVAL_INDICATOR` as read: the columns jixiao reads (others are ignored). */
export interface YitihuaIndicatorRowInput {
  /** 一级指标名称: the row section (产出指标, 效益指标, 满意度指标). */
  LV1_PERF_IND_NAME: YitihuaCell;
  /** 二级指标名称 (数量指标, 社会效益指标 …). */
  LV2_PERF_IND_NAME?: YitihuaCell;
  /** 三级指标名称. */
  LV3_PERF_IND_NAME: YitihuaCell;
  /** 指标值 (年度指标值). */
  KPI_VAL?: YitihuaCell;
  /** 完成情况: the actual value, or for a 定性 row its 档次 (达成 / 部分达成 / 未达成). */
  IND_COMP?: YitihuaCell;
  /** 权重 (the row's 分值). */
  IND_WEIGHT: YitihuaCell;
  /** 自评得分: read only for a 定性 row (the evaluator's score inside the 档); computed otherwise. */
  EVAL_SCORE?: YitihuaCell;
  /** 偏差分析及整改措施. */
  DEVI_ANALY?: YitihuaCell;
  [column: string]: unknown;
}

/** The funds row of `PM_PERF_SELF_BGT` as read. */
export interface YitihuaFundsRowInput {
  /** 变动后预算数 (全年预算数), 万元. */
  CUR_AMT?: YitihuaCell;
  /** 全年执行数, 万元. */
  YEAR_EXE_AMT?: YitihuaCell;
  [column: string]: unknown;
}

/** One row of `PM_SELF_EVAL_INDICATOR` as written: every figure a decimal string. */
export interface YitihuaIndicatorRow {
  LV1_PERF_IND_NAME: string;
  LV2_PERF_IND_NAME?: string;
  LV3_PERF_IND_NAME: string;
  KPI_VAL?: string;
  IND_COMP?: string;
  IND_WEIGHT: string;
  /** jixiao's score of the row, a decimal string at the rubric's precision (e.g. "4.86"). */
  EVAL_SCORE: string;
  DEVI_ANALY?: string;
}

/** The funds row as written. */
export interface YitihuaFundsRow {
  CUR_AMT?: string;
  YEAR_EXE_AMT?: string;
  /** 资金执行率 in percent (97.5 for 97.5%), jixiao's metric to at most 6 decimals. */
  EXE_AMT_RATE?: string;
  /** 资金执行得分 (the 预算执行率 indicator's score). */
  EXE_SCORE?: string;
}

/** Whether a filed cell is the number a result's decimal string says (20.0000 and 20 are). */
const sameNumber = (cell: string | number, figure: string): boolean => {
  try {
    return new Decimal(typeof cell === 'number' ? String(cell) : cell.trim()).eq(figure);
  } catch {
    return false;
  }
};

const LEVELS = new Set(['达成', '部分达成', '未达成']);
const INDICATOR_TABLE = 'PM_SELF_EVAL_INDICATOR';
const FUNDS_TABLE = 'PM_PERF_SELF_BGT';

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isCell = (v: unknown): v is YitihuaCell => v === null || v === undefined || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
const kind = (v: unknown): { zh: string; en: string } =>
  Array.isArray(v) ? { zh: '列表', en: 'a list' } : v === null ? { zh: 'null', en: 'null' } : typeof v === 'number' ? { zh: '非有限数值', en: 'a non-finite number' } : { zh: typeof v, en: typeof v };

/**
 * The evaluation input of the bundled national project rubric from 一体化 rows, without throwing:
 * rows grouped by LV1_PERF_IND_NAME in their order, 完成情况 read as the 档次 of a 定性 row
 * (with EVAL_SCORE its score) or else as the actual value, the funds row as 全年预算数 and
 * 全年执行数. EXE_AMT_RATE, EXE_SCORE and the EVAL_SCORE of a 定量 row are what scoring computes:
 * not read (to check filed scores, see jixiao/review). A cell that is not text, a finite number or
 * null is `invalid_type` at its table, row and column; a missing name is `invalid_type` too.
 * @example const r = safeFromYitihua(rows, funds); if (r.success) evaluate(loadBundledRubric('project-self-evaluation'), r.value);
 */
export function safeFromYitihua(rows: readonly (YitihuaIndicatorRowInput | YitihuaIndicatorRow)[], funds: YitihuaFundsRowInput | YitihuaFundsRow): SafeResult<EvaluationInput> {
  // Whatever it is given (a revoked proxy throws even from Array.isArray): typed issues, never a throw.
  try {
    return fromRows(rows, funds);
  } catch {
    return thrown('safeFromYitihua');
  }
}

function fromRows(rows: readonly (YitihuaIndicatorRowInput | YitihuaIndicatorRow)[], funds: YitihuaFundsRowInput | YitihuaFundsRow): SafeResult<EvaluationInput> {
  if (!Array.isArray(rows)) return { success: false, issues: [badArgument('fromYitihua', 'rows', { zh: `${INDICATOR_TABLE} 的行（列表）`, en: `the rows of ${INDICATOR_TABLE} (a list)` }, rows)] };
  if (!isRecord(funds)) return { success: false, issues: [badArgument('fromYitihua', 'funds', { zh: `${FUNDS_TABLE} 的资金行（映射）`, en: `the funds row of ${FUNDS_TABLE} (a mapping)` }, funds)] };
  try {
    const issues: Issue[] = [];
    const cell = (row: Record<string, unknown>, path: (string | number)[], column: string, required: boolean): string | number | undefined => {
      const v = row[column];
      if (!isCell(v) || (required && (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')))) {
        const k = v === undefined ? { zh: '空', en: 'nothing' } : kind(v);
        issues.push(makeIssue('invalid_type', { expected: required ? '非空的文本' : '文本、数值或空', expectedEn: required ? 'non-empty text' : 'text, a number or null', received: k.zh, receivedEn: k.en }, { path: [...path, column] }));
        return undefined;
      }
      return v ?? undefined;
    };
    const values: Record<string, string | number> = {};
    for (const [column, input] of [['CUR_AMT', '全年预算数'], ['YEAR_EXE_AMT', '全年执行数']] as const) {
      const v = cell(funds, [FUNDS_TABLE], column, false);
      if (v !== undefined) values[input] = v;
    }
    const sections: Record<string, Record<string, string | number>[]> = {};
    rows.forEach((row, i) => {
      const path = [INDICATOR_TABLE, i];
      if (!isRecord(row)) {
        const k = kind(row);
        issues.push(makeIssue('invalid_type', { expected: '一行指标（映射）', expectedEn: 'a row (a mapping)', received: k.zh, receivedEn: k.en }, { path }));
        return;
      }
      const section = cell(row, path, 'LV1_PERF_IND_NAME', true);
      const name = cell(row, path, 'LV3_PERF_IND_NAME', true);
      const group = cell(row, path, 'LV2_PERF_IND_NAME', false);
      const target = cell(row, path, 'KPI_VAL', false);
      const done = cell(row, path, 'IND_COMP', false);
      const weight = cell(row, path, 'IND_WEIGHT', false);
      const score = cell(row, path, 'EVAL_SCORE', false);
      const reason = cell(row, path, 'DEVI_ANALY', false);
      if (section === undefined || name === undefined) return;
      const out: Record<string, string | number> = {};
      if (group !== undefined) out.group = String(group);
      out.name = String(name);
      if (target !== undefined) out.target = target;
      const level = typeof done === 'string' && LEVELS.has(done.trim()) ? done.trim() : undefined;
      if (level !== undefined) {
        out.level = level;
        if (score !== undefined) out.score = score;
      } else if (done !== undefined) out.actual = done;
      // A missing 权重 is left for the rubric's reader to name (rows.<section>.<n>.weight).
      if (weight !== undefined) out.weight = weight;
      if (reason !== undefined) out.reason = String(reason);
      (sections[String(section)] ??= []).push(out);
    });
    if (issues.length) return { success: false, issues };
    return { success: true, value: { values, rows: sections } as unknown as EvaluationInput, warnings: [] };
  } catch {
    return thrown('fromYitihua');
  }
}

/** {@link safeFromYitihua}, throwing an {@link EvaluationError} with the issues. */
export function fromYitihua(rows: readonly (YitihuaIndicatorRowInput | YitihuaIndicatorRow)[], funds: YitihuaFundsRowInput | YitihuaFundsRow): EvaluationInput {
  const r = safeFromYitihua(rows, funds);
  if (!r.success) throw new EvaluationError(r.issues);
  return r.value;
}

interface RowInput {
  group?: string;
  name: string;
  target?: string | number;
  nature?: string;
  unit?: string;
  actual?: string | number;
  weight: string | number;
  level?: string;
  score?: string | number;
  reason?: string;
}

/**
 * A result of the bundled national project rubric as 一体化 rows: one `PM_SELF_EVAL_INDICATOR`
 * row per indicator row, in each section's order, with EVAL_SCORE jixiao's score (a decimal
 * string at the rubric's precision, such as "4.86", not padded to the table's 6 decimals), and
 * the funds row with EXE_AMT_RATE (percent) and EXE_SCORE. IND_WEIGHT is the 分值 the row was
 * scored on: on a form without 满意度 rows the rubric moves those 10 points into 产出 and 效益, so
 * a row filed at 50 is written at 56.25 (and reading such rows back is `row_weights_mismatch`,
 * never a silent second scaling). With the input that was scored, the
 * cells are the input's as filed (指标性质 and 度量单位 written into KPI_VAL as `≥95%`) and
 * CUR_AMT/YEAR_EXE_AMT are filled; without it they are the result's own figures (the actual in
 * the target's unit, as the 评分表 shows it) and the amounts are left out.
 * @example const { rows, funds } = toYitihua(evaluate(rubric, input), input);
 */
export function toYitihua(result: ScoreResult, input?: EvaluationInput): { rows: YitihuaIndicatorRow[]; funds: YitihuaFundsRow } {
  const given = (input as { rows?: Record<string, RowInput[]>; values?: Record<string, unknown> } | undefined) ?? {};
  const rows: YitihuaIndicatorRow[] = [];
  for (const section of result.indicators) {
    const leaves: { group?: string; row: IndicatorResult; n: number }[] = [];
    const prefix = `${section.id}.`;
    const collect = (node: IndicatorResult, group: string | undefined) => {
      if (node.kind === 'row' && node.id.startsWith(prefix)) leaves.push({ group, row: node, n: Number(node.id.slice(prefix.length)) });
      else for (const c of node.children ?? []) collect(c, node === section ? undefined : node.name);
    };
    collect(section, undefined);
    leaves.sort((a, b) => a.n - b.n);
    for (const { group, row, n } of leaves) {
      const filed = given.rows?.[section.id]?.[n - 1];
      const out: YitihuaIndicatorRow = { LV1_PERF_IND_NAME: section.name, LV3_PERF_IND_NAME: row.name, IND_WEIGHT: row.max, EVAL_SCORE: row.score };
      if (filed) {
        if (filed.group !== undefined) out.LV2_PERF_IND_NAME = filed.group;
        if (filed.target !== undefined) out.KPI_VAL = rowTargetText(filed.target, filed.unit, filed.nature);
        const done = filed.level ?? filed.actual;
        if (done !== undefined) out.IND_COMP = String(done);
        // The 分值 as filed, unless the row was scored on another (满意度 without rows: its 10
        // points moved into 产出 and 效益): then the one it was scored on, so that EVAL_SCORE ≤ IND_WEIGHT.
        if (sameNumber(filed.weight, row.max)) out.IND_WEIGHT = String(filed.weight);
        if (filed.reason !== undefined) out.DEVI_ANALY = filed.reason;
      } else {
        if (group !== undefined) out.LV2_PERF_IND_NAME = group;
        const f = row.figures ?? {};
        if (f['年度指标值'] !== undefined) out.KPI_VAL = f['年度指标值'];
        const done = f['完成档次'] ?? f['实际完成值'];
        if (done !== undefined) out.IND_COMP = done;
        if (row.remark !== undefined) out.DEVI_ANALY = row.remark;
      }
      rows.push({
        LV1_PERF_IND_NAME: out.LV1_PERF_IND_NAME,
        ...(out.LV2_PERF_IND_NAME !== undefined ? { LV2_PERF_IND_NAME: out.LV2_PERF_IND_NAME } : {}),
        LV3_PERF_IND_NAME: out.LV3_PERF_IND_NAME,
        ...(out.KPI_VAL !== undefined ? { KPI_VAL: out.KPI_VAL } : {}),
        ...(out.IND_COMP !== undefined ? { IND_COMP: out.IND_COMP } : {}),
        IND_WEIGHT: out.IND_WEIGHT,
        EVAL_SCORE: out.EVAL_SCORE,
        ...(out.DEVI_ANALY !== undefined ? { DEVI_ANALY: out.DEVI_ANALY } : {}),
      });
    }
  }
  const funds: YitihuaFundsRow = {};
  const v = given.values ?? {};
  if (v['全年预算数'] !== undefined) funds.CUR_AMT = String(v['全年预算数']);
  if (v['全年执行数'] !== undefined) funds.YEAR_EXE_AMT = String(v['全年执行数']);
  if (result.metrics['预算执行率'] !== undefined) funds.EXE_AMT_RATE = result.metrics['预算执行率'];
  const exe = result.indicators.find((i) => i.id === '预算执行率');
  if (exe) funds.EXE_SCORE = exe.score;
  return { rows, funds };
}
