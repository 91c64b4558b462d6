import * as z from 'zod';
import { parseDecimal } from '../decimal.js';
import { Exact } from '../exact.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import { fromZod } from '../issues/zod.js';
import { maxOffGrid, onGrid, scoreOffGrid } from '../issues/grid.js';
import { readLevelWord, type Level } from './score.js';
import type { RowsSection } from './schema.js';
import { readProjectTarget, type ProjectTarget } from './target.js';

/**
 * Rows as data: a section of a rubric (产出指标, 效益指标, 满意度指标 of the 项目支出绩效自评表)
 * whose indicators come from the evaluation, each with its 年度指标值, 实际完成值 and 分值, as
 * they were set when the project's targets were approved.
 */

/** One row in an evaluation input. */
export const rowInputSchema = z.strictObject({
  group: z.string().optional().meta({ description: '二级指标，如 数量指标' }),
  name: z.string().min(1).meta({ description: '三级指标' }),
  target: z.union([z.string(), z.number()]).optional().meta({ description: '年度指标值，如 ≥50个、95%-100%、达成预期指标' }),
  nature: z.enum(['≥', '≤', '=', '>', '<', '定性']).optional().meta({ description: '指标性质（四川等表样单列）：与指标值合读，如 ≥ 与 95' }),
  unit: z.string().optional().meta({ description: '度量单位（单列时）：与指标值合读，如 %' }),
  actual: z.union([z.string(), z.number()]).optional().meta({ description: '实际完成值（定量指标）' }),
  weight: z.union([z.string(), z.number()]).meta({ description: '分值' }),
  level: z.enum(['达成', '部分达成', '未达成']).optional().meta({ description: '定性指标所选档次' }),
  score: z.union([z.string(), z.number()]).optional().meta({ description: '定性指标得分（须在所选档次内）' }),
  reason: z.string().optional().meta({ description: '偏差原因分析及改进措施' }),
});

const ROW_KEYS = Object.keys(rowInputSchema.shape);

export interface ValidRow {
  index: number;
  group: string | undefined;
  name: string;
  /** Undefined for a row whose 指标值 is empty where the rubric treats it as 不适用 (`emptyTarget`). */
  target: ProjectTarget | undefined;
  /** 定量 rows: the actual, in the target's unit. */
  actual: Exact | undefined;
  weight: Exact;
  level: Level | undefined;
  score: Exact | undefined;
  reason: string | undefined;
}

const ONE_FACTOR = Exact.int(1);
const PREFIXES: [string, Exact][] = [['百万', Exact.int(1_000_000)], ['亿', Exact.int(100_000_000)], ['万', Exact.int(10_000)], ['千', Exact.int(1000)]];
const split = (unit: string): [Exact, string] => {
  for (const [p, f] of PREFIXES) if (unit.startsWith(p) && unit.length > p.length) return [f, unit.slice(p.length)];
  return [ONE_FACTOR, unit];
};
/** The factor that turns a figure in `from` into one in `to` (万件 → 件: 10 000), when they are one unit with other prefixes. */
export function conversion(from: string, to: string): Exact | undefined {
  const [ff, fb] = split(from);
  const [tf, tb] = split(to);
  return fb === tb && fb !== '' ? ff.div(tf) : undefined;
}

/**
 * A row's 年度指标值 as one text. Forms with separate 指标性质 and 度量单位 columns: `≥` + `95` +
 * `%` is `≥95%`. Empty when no target is written.
 */
export function rowTargetText(target: string | number | undefined, unit: string | undefined, nature: string | undefined): string {
  let text = target === undefined ? '' : String(target).trim();
  if (text !== '' && unit !== undefined && /\d$/.test(text)) text += unit.trim();
  if (text !== '' && nature !== undefined && nature !== '定性' && !/^[≥≤=<>≧≦＞＜]/.test(text)) text = nature + text;
  return text;
}

/** A row's 二级指标 (`group`), without surrounding spaces; none when blank. */
export const rowGroup = (group: string | undefined): string | undefined => group?.trim() || undefined;

/**
 * A 定量 row's 实际完成值 (trimmed) taken apart against its target's unit: the digits, and the
 * factor to the target's unit. `45个` against `≥50个`: the same unit may be written; `67888件`
 * against `≥6万件` is converted (10 000 件 to the 万件); another unit is an error (`unit`), and so
 * is text that is no figure or holds a comparison (`invalid`). The digits are still to be read.
 */
export function splitActual(text: string, unit: string): { problem?: undefined; digits: string; factor: Exact } | { problem: 'invalid' } | { problem: 'unit'; written: string } {
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(.*)$/.exec(text);
  if (!m || /[≥≤<>=≧≦]/.test(text)) return { problem: 'invalid' };
  const written = m[2] === '％' || m[2] === '百分比' ? '%' : m[2]!;
  const factor = written === '' || written === unit ? ONE_FACTOR : conversion(written, unit);
  if (!factor) return { problem: 'unit', written };
  return { digits: m[1]!, factor };
}

/** An actual read from its digits, in the target's unit (`factor` from {@link splitActual}). */
export const inTargetUnit = (value: Exact, factor: Exact): Exact => (factor === ONE_FACTOR ? value : value.times(factor));

/**
 * The 档 of a 定性 or 时效 row: the `level` given, or the 档 the actual column writes (forms ask
 * for it there: “定性指标实际完成值请填写‘达成’，‘部分达成’，‘未达成’三项中的一个”); `disagree`
 * when both are written and differ.
 */
export function rowLevel(level: Level | undefined, actual: string | number | undefined): Level | undefined | 'disagree' {
  const word = actual === undefined ? undefined : readLevelWord(String(actual));
  if (word === undefined) return level;
  if (level === undefined) return word;
  return word === level ? level : 'disagree';
}

const decimal = (raw: string | number): Exact | undefined => {
  const r = parseDecimal(typeof raw === 'number' ? raw : raw.trim());
  return r.ok ? Exact.fromDecimal(r.value) : undefined;
};

/**
 * Read the rows given for one section: each problem is an issue naming the row and the field
 * (`rows.产出指标[2].actual`). Rows with a problem are left out of scoring.
 */
export function readRows(sectionId: string, indicatorPath: string, raw: unknown[], emptyTarget: RowsSection['emptyTarget'] = 'forbidden', places = 2): { rows: ValidRow[]; issues: Issue[]; bad: boolean } {
  const issues: Issue[] = [];
  const rows: ValidRow[] = [];
  raw.forEach((r, index) => {
    const path = ['rows', sectionId, index];
    const at = (field: string) => ({ path: [...path, field], indicator: indicatorPath });
    const parsed = rowInputSchema.safeParse(r);
    if (!parsed.success) {
      if (r === null || typeof r !== 'object' || Array.isArray(r)) {
        issues.push(makeIssue('invalid_type', { expected: '一行指标（映射）', expectedEn: 'a row (a mapping)', received: Array.isArray(r) ? '列表' : typeof r, receivedEn: Array.isArray(r) ? 'a list' : typeof r }, { path, indicator: indicatorPath }));
        return;
      }
      // Each field said as every other part of an input is (fromZod): a key that is not there is
      // missing, a value of another type (`reason: 5`) is of the wrong type, an unknown key is
      // named with the nearest known one.
      for (const issue of fromZod(parsed.error.issues, r, path, () => ROW_KEYS)) {
        issue.indicator = indicatorPath;
        issues.push(issue);
      }
      return;
    }
    const d = parsed.data;
    const name = d.name;
    const where = `第${index + 1}行“${name}”`;
    let ok = true;
    const weight = decimal(d.weight);
    if (!weight || weight.isNegative()) {
      issues.push(makeIssue('invalid_number', { received: String(d.weight) }, at('weight')));
      ok = false;
    } else if (!onGrid(weight, places)) {
      // A 分值 the sheet cannot write (33.335 at two decimals) would let rows of a section add up
      // past its max once scored: refused as an indicator's max is.
      issues.push(makeIssue('invalid_value', maxOffGrid(places, weight.toPlain()), at('weight')));
      ok = false;
    }
    const targetText = rowTargetText(d.target, d.unit, d.nature);
    if (targetText === '') {
      if (emptyTarget !== 'not_applicable') {
        issues.push(makeIssue('row_target_missing', { row: where }, at('target')));
        return;
      }
      // 不适用 as the rubric declares: nothing else of the row is scored, so nothing else is read.
      if (ok) rows.push({ index, group: rowGroup(d.group), name, target: undefined, actual: undefined, weight: weight!, level: undefined, score: undefined, reason: d.reason });
      return;
    }
    const target = readProjectTarget(targetText);
    if (!target) {
      issues.push(makeIssue('row_target_invalid', { row: where, target: targetText }, at('target')));
      return;
    }
    let actual: Exact | undefined;
    let level: Level | undefined = d.level;
    let score: Exact | undefined;
    if (target.kind === 'number' || target.kind === 'range') {
      if (d.level !== undefined || d.score !== undefined) {
        issues.push(makeIssue('row_invalid', { row: where, detail: '定量指标按完成值计分，不填写档次和得分', detailEn: 'a quantitative row is scored from its actual; no level or score' }, at(d.level !== undefined ? 'level' : 'score')));
        ok = false;
      }
      if (d.actual === undefined || String(d.actual).trim() === '') {
        issues.push(makeIssue('row_actual_missing', { row: where, target: targetText }, at('actual')));
        return;
      }
      const text = String(d.actual).trim();
      const unit = target.unit;
      const split = splitActual(text, unit);
      if (split.problem === 'invalid') {
        issues.push(makeIssue('row_actual_invalid', { row: where, actual: text }, at('actual')));
        return;
      }
      if (split.problem === 'unit') {
        issues.push(makeIssue('row_unit_mismatch', { row: where, unit: split.written, expected: unit || '无单位' }, at('actual')));
        return;
      }
      const read = parseDecimal(split.digits);
      if (!read.ok) {
        // 1e400, a figure of 41 digits: as every other figure, refused with the reason.
        issues.push(makeIssue('invalid_number', { received: text, reason: read.reason }, at('actual')));
        return;
      }
      actual = inTargetUnit(Exact.fromDecimal(read.value), split.factor);
    } else {
      // 定性 and 时效: the evaluator's 档 (given, or written in the actual column) and a score inside it.
      const chosen = rowLevel(d.level, d.actual);
      if (chosen === 'disagree') {
        issues.push(makeIssue('row_invalid', { row: where, detail: `档次“${d.level}”与实际完成值“${String(d.actual)}”不一致`, detailEn: `the level "${d.level}" and the actual "${String(d.actual)}" disagree` }, at('level')));
        return;
      }
      d.level = chosen;
      if (d.level === undefined) {
        issues.push(makeIssue('row_level_missing', { row: where }, at('level')));
        return;
      }
      if (d.score === undefined) {
        issues.push(makeIssue('missing_key', { key: 'score' }, at('score')));
        return;
      }
      score = decimal(d.score);
      if (!score || score.isNegative()) {
        issues.push(makeIssue('invalid_number', { received: String(d.score) }, at('score')));
        return;
      }
      // 7.995 in 部分达成 [6, 8) would print as 8, the 达成 floor: refused as a judgement's score is.
      if (!onGrid(score, places)) {
        issues.push(makeIssue('assessment_invalid', { indicator: indicatorPath, ...scoreOffGrid(score.toPlain(), places, where) }, at('score')));
        return;
      }
      level = d.level;
    }
    if (!ok) return;
    rows.push({ index, group: rowGroup(d.group), name, target, actual, weight: weight!, level, score, reason: d.reason });
  });
  return { rows, issues, bad: issues.length > 0 };
}
