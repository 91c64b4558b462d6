import { EvaluationError, type SafeResult } from '../issues/errors.js';
import { neverThrows } from '../issues/guard.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import { fromZod } from '../issues/zod.js';
import { locateIssues, readDocument, type SourceDocument } from '../source/document.js';
import { DEFAULT_LIMITS } from '../source/limits.js';
import { snapshotPlainData } from '../source/plain.js';
import type { EvaluationInput } from '../evaluate/input.js';
import type { MonitoringResult } from './monitor.js';
import { monitorProjectSchema, monitorRowSchema } from './schema.js';

/**
 * Monitoring, then evaluation: a project's monitoring input becomes its year-end 自评 input
 * (项目支出绩效自评表, rubric project-self-evaluation) without re-entering a row. Each row keeps its
 * 二级指标, 三级指标, 年度指标值 and 分值 as monitored; 年初预算数 becomes 全年预算数.
 *
 * - Without a result: the year-end form to fill in — every row without its 实际完成值, and no
 *   全年执行数.
 * - With the monitoring result: the projected 自评 — each 实际完成值 is the row's 全年预计完成值, the
 *   全年执行数 the 全年预计执行数, a 定性 row's 档次 its projected 达成 / 部分达成 / 未达成 (达成 at its
 *   full 分值 unless `projectedScore` says otherwise; the other 档次 need `projectedScore`), and the
 *   偏差原因 the monitoring's. Scored with the 自评 rubric, it is the projection `compareResults` sets
 *   beside the year-end result.
 * @example const yearEnd = safeCarryToSelfEvaluation(monitoringInput); // fill in the actuals
 */
export function safeCarryToSelfEvaluation(input: unknown, opts: { result?: MonitoringResult } = {}): SafeResult<EvaluationInput> {
  return neverThrows('safeCarryToSelfEvaluation', () => {
    let doc: SourceDocument | undefined;
    let value: unknown;
    if (typeof input === 'string' || input instanceof Uint8Array) {
      const read = readDocument(input, DEFAULT_LIMITS);
      if (!read.ok) return { success: false, issues: read.issues };
      doc = read.doc;
      value = doc.value;
    } else {
      const snap = snapshotPlainData(input, DEFAULT_LIMITS);
      if (!snap.ok) return { success: false, issues: snap.issues };
      value = snap.value;
    }
    const issues: Issue[] = [];
    const parsed = monitorProjectSchema.safeParse(value);
    if (!parsed.success) return { success: false, issues: fromZod(parsed.error.issues, value) };
    const p = parsed.data;
    const projected = opts.result;
    const rows: Record<string, Record<string, unknown>[]> = {};
    for (const [section, list] of Object.entries(p.rows)) {
      rows[section] = [];
      list.forEach((raw, i) => {
        const r = monitorRowSchema.safeParse(raw);
        if (!r.success) {
          issues.push(...fromZod(r.error.issues, raw, ['rows', section, i]));
          return;
        }
        const { monitor: m, ...row } = r.data;
        const out: Record<string, unknown> = { ...row };
        if (projected) {
          const mr = projected.rows.find((x) => x.section === section && x.index === i);
          if (!mr) {
            issues.push(makeIssue('invalid_value', { expected: '与监控结果相同的指标行', expectedEn: 'the rows the monitoring result has', received: `${section}[${i}]` }, { path: ['rows', section, i] }));
            return;
          }
          if (mr.unit !== '' || /^-?\d/.test(mr.projected)) out.actual = mr.projected;
          else {
            out.level = mr.projected;
            if (m.projectedScore !== undefined) out.score = String(m.projectedScore);
            else if (mr.projected === '达成') out.score = String(row.weight);
            else {
              issues.push(makeIssue('monitor_value_missing', { row: `${section}第${i + 1}行“${row.name}”`, what: `全年预计${mr.projected}时的得分（projectedScore）`, whatEn: 'the projected score (projectedScore)' }, { path: ['rows', section, i, 'monitor', 'projectedScore'] }));
              return;
            }
          }
          const why = [[...(m.causes ?? [])].join('、'), m.reason?.trim(), m.measure?.trim() ? `措施：${m.measure.trim()}` : ''].filter(Boolean).join('；');
          if (why) out.reason = why;
        }
        rows[section]!.push(out);
      });
    }
    if (issues.length) return { success: false, issues: doc ? locateIssues(issues, doc) : issues };
    const values: Record<string, string> = {};
    if (p.monitor.budget !== undefined) values['全年预算数'] = String(p.monitor.budget);
    if (projected?.funds) values['全年执行数'] = projected.funds.projectedSpend;
    const meta: Record<string, unknown> = { ...p.meta };
    if (projected) meta['推算说明'] = `按${projected.period.unit === '月' ? `1–${projected.period.through}月` : `第1–${projected.period.through}${projected.period.unit}`}绩效运行监控的全年预计完成值推算`;
    return { success: true, value: { meta, values, rows } as EvaluationInput, warnings: [] };
  });
}

/** As {@link safeCarryToSelfEvaluation}, throwing {@link EvaluationError}. */
export function carryToSelfEvaluation(input: unknown, opts: { result?: MonitoringResult } = {}): EvaluationInput {
  const r = safeCarryToSelfEvaluation(input, opts);
  if (!r.success) throw new EvaluationError(r.issues);
  return r.value;
}
