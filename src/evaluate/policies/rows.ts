import { Exact, ONE, ZERO } from '../../exact.js';
import { makeIssue } from '../../issues/issue.js';
import type { ValidRow } from '../../project/rows.js';
import { apportion, scoreLevelRow, scoreNumberRow, scoreTimesActual, timesActualApplies } from '../../project/score.js';
import type { PlanNode } from '../../rubric/types.js';
import { pts } from '../../rules/common.js';
import { visibleText } from '../../rules/text.js';
import type { DeductionResult, IndicatorResult } from '../result.js';
import type { WalkState } from '../state.js';
import type { Policy } from './policy.js';

/**
 * Project rows (项目支出绩效自评表): a section whose leaves are the evaluation's own rows, each
 * scored by its 年度指标值 and 实际完成值 (or its 定性 档), grouped by 二级指标. Rows with an empty
 * 指标值 may be 不适用 (their weight goes to the rest), and a section with no rows may give its
 * max to the others (`empty: redistribute`).
 */
export const rows: Policy = {
  name: 'rows',
  uses: (plan) => plan.rowSections.length > 0,

  check(w) {
    w.rowLoss = rowsRemoved(w);
  },

  allot: sectionMaxima,

  owns: (_w, n) => n.rows !== undefined,

  visit(w, n, a, into) {
    if (w.input.badRows.has(n.id)) return undefined;
    const list = w.input.rows.get(n.id) ?? [];
    const max = w.sectionMax.get(n.id) ?? n.maxExact;
    const detail = into !== undefined;
    const shown = (x: Exact) => w.round(x).toPlain();
    const children: IndicatorResult[] = [];
    const deductions: DeductionResult[] = [];
    let total = ZERO;
    let failed = false;
    if (list.length === 0) {
      // `empty: zero`: the section scores nothing; `redistribute`: its weight went to the others.
      if (detail && max.isPositive()) deductions.push({ indicator: n.path, points: shown(max), reason: `未填写${n.name}的指标行，扣${shown(max)}分` });
    } else {
      // Rows 不适用 (an empty 指标值 where the rubric says so) leave; their weight goes to the rest.
      const scored = list.some((r) => r.target === undefined) ? list.filter((r) => r.target !== undefined) : list;
      if (scored.length === 0) {
        w.issues.push(makeIssue('rows_all_not_applicable', { indicator: n.path }, { path: ['rows', n.id], indicator: n.path }));
        return undefined;
      }
      const sum = scored.reduce((s, r) => s.plus(r.weight), ZERO);
      if (sum.isZero()) {
        w.issues.push(makeIssue('row_weights_mismatch', { indicator: n.path, sum: '0', max: shown(max) }, { path: ['rows', n.id], indicator: n.path }));
        return undefined;
      }
      // Weights as given when they add up to the max; otherwise (`weights: scaled`, a
      // redistributed max, or rows 不适用) scaled to it, on the sheet's grid, adding up to it exactly.
      const scale = sum.eq(max) ? undefined : max.div(sum);
      const scaled = scale ? apportion(max, scored.map((r) => r.weight), w.step) : undefined;
      const methods = w.rubric.project;
      // 二级 groups, with their sums kept exact until they are printed.
      const groups = new Map<string, { node: IndicatorResult; max: Exact; score: Exact }>();
      const place = (row: ValidRow, leaf: IndicatorResult, weight: Exact, score: Exact, own: DeductionResult[]) => {
        if (row.group === undefined) return void children.push(leaf);
        let g = groups.get(row.group);
        if (!g) {
          const node: IndicatorResult = { id: `${n.id}.${row.group}`, name: row.group, path: `${n.path}.${row.group}`, max: '0', score: '0', deductions: [], children: [] };
          g = { node, max: ZERO, score: ZERO };
          groups.set(row.group, g);
          children.push(node);
        }
        g.max = g.max.plus(weight);
        g.score = g.score.plus(score);
        for (const d of own) g.node.deductions.push(d);
        g.node.children!.push(leaf);
      };
      const pathOf = (row: ValidRow) => (row.group === undefined ? `${n.path}.${row.index + 1}` : `${n.path}.${row.group}.${row.index + 1}`);
      let k = -1;
      for (const row of list) {
        if (row.target === undefined) {
          if (!detail) continue;
          const note = `未设定年度指标值，按不适用处理，原分值${pts(row.weight)}分按比例并入本指标其余各行`;
          const leaf: IndicatorResult = { id: `${n.id}.${row.index + 1}`, name: row.name, path: pathOf(row), max: '0', score: '0', deductions: [], kind: 'row', remark: row.reason === undefined ? note : `${note}；${row.reason}`, notApplicable: true };
          place(row, leaf, ZERO, ZERO, []);
          continue;
        }
        k++;
        const weight = scaled ? scaled[k]! : row.weight;
        const where = `第${row.index + 1}行“${row.name}”`;
        const at = (field: string) => ({ path: ['rows', n.id, row.index, field], indicator: n.path });
        let outcome;
        if (row.target.kind === 'number' || row.target.kind === 'range') {
          outcome = scoreNumberRow(row.target, row.actual!, weight, row.target.unit, methods);
          // `method: times_actual`: a 正向 percentage scored as w × B%, met or not; 偏差原因 as the
          // target says. Any other row keeps the score by its target, computed once.
          if (n.rows!.method === 'times_actual' && timesActualApplies(row.target)) {
            const short = outcome.short;
            outcome = scoreTimesActual(row.target, row.actual!, weight, methods);
            outcome.short = short;
          }
        } else {
          const r = scoreLevelRow(row.level, row.score, row.weight, methods, scale && !row.weight.isZero() ? weight.div(row.weight) : scale);
          if ('code' in r) {
            failed = true;
            if (r.code === 'level_score_out_of_range') {
              const range = r.level === '达成' ? `[${shown(r.lo)}, ${shown(r.hi)}]` : `[${shown(r.lo)}, ${shown(r.hi)})`;
              w.issues.push(makeIssue('row_level_out_of_range', { row: where, level: r.level, score: row.score!.toPlain(), range }, at('score')));
            } else w.issues.push(makeIssue('row_level_missing', { row: where }, at('level')));
            continue;
          }
          outcome = r;
        }
        if (outcome.short && methods.reasonRequired && visibleText(row.reason) === undefined) {
          failed = true;
          w.issues.push(makeIssue('row_reason_required', { row: where, score: pts(outcome.score), max: shown(weight) }, at('reason')));
          continue;
        }
        if (outcome.warning) w.warnings.push(makeIssue('row_over_target', { row: where, detail: outcome.warning }, { ...at('actual'), severity: 'warning' }));
        total = total.plus(outcome.score);
        w.sumBase = w.sumBase.plus(outcome.score);
        if (!detail) continue;
        // Under its 二级指标 when it has one: 效益指标.社会效益指标.1.
        const path = pathOf(row);
        const lost = w.round(weight).minus(outcome.score);
        const own: DeductionResult[] = lost.isPositive() && outcome.reason ? [{ indicator: path, points: lost.toPlain(), reason: outcome.reason }] : [];
        const leaf: IndicatorResult = { id: `${n.id}.${row.index + 1}`, name: row.name, path, max: shown(weight), score: outcome.score.toPlain(), deductions: own };
        leaf.kind = 'row';
        leaf.standard = row.target.text;
        leaf.figures = row.actual !== undefined ? { 年度指标值: row.target.text, 实际完成值: `${row.actual.toPlain()}${row.target.kind === 'number' || row.target.kind === 'range' ? row.target.unit : ''}` } : { 年度指标值: row.target.text, 完成档次: row.level! };
        if (row.reason !== undefined) leaf.remark = row.reason;
        place(row, leaf, w.round(weight), outcome.score, own);
      }
      for (const g of groups.values()) {
        g.node.max = g.max.toPlain();
        g.node.score = g.score.toPlain();
      }
    }
    if (failed) return undefined;
    w.keep(n, total);
    if (!into) return total;
    // What the section lost: its children's deductions, in sheet order.
    for (const c of children) for (const d of c.deductions) deductions.push(d);
    const result: IndicatorResult = { id: n.id, name: n.name, path: n.path, max: shown(max), score: total.toPlain(), deductions };
    if (a?.reason !== undefined) result.remark = a.reason;
    result.children = children;
    into.push(result);
    return total;
  },
};

/**
 * What 不适用 takes out of each rows section, as a part of the section's own max: 1 for a section
 * with no rows whose max goes to the other sections (`empty: redistribute`); for rows with an
 * empty 指标值 under `emptyTarget: not_applicable`, their 分值 over the 分值 of all the section's
 * rows. Either way the rows that were assessed stand for less of the sheet than their maxima say,
 * as a plain indicator's siblings do under `rescale`. A section marked 不适用, or left empty under
 * `zero` (it scores nothing: a loss, not a removal), is not here.
 */
function rowsRemoved(w: WalkState): Map<string, Exact> {
  const out = new Map<string, Exact>();
  const sections = w.plan.rowSections.filter((s) => s.role === 'base' && !w.notApplicable.has(s.id));
  // Redistributed only where some section receives it (else `rows_missing`, reported by sectionMaxima).
  const receives = sections.some((s) => given(w, s) && s.maxExact.isPositive());
  for (const s of sections) {
    if (!s.maxExact.isPositive() || w.input.badRows.has(s.id)) continue;
    const list = w.input.rows.get(s.id) ?? [];
    if (list.length === 0) {
      if (s.rows!.empty === 'redistribute' && receives) out.set(s.id, ONE);
      continue;
    }
    // Every row 不适用: refused on its own (`rows_all_not_applicable`), not also over the limit.
    if (list.every((r) => r.target === undefined)) continue;
    let gone = ZERO;
    let all = ZERO;
    for (const r of list) {
      all = all.plus(r.weight);
      if (r.target === undefined) gone = gone.plus(r.weight);
    }
    if (gone.isPositive()) out.set(s.id, gone.div(all));
  }
  return out;
}

/** Whether the evaluation gave a section rows (or rows that could not be read). */
function given(w: WalkState, s: PlanNode): boolean {
  return (w.input.rows.get(s.id) ?? []).length > 0 || w.input.badRows.has(s.id);
}

/**
 * The max each rows section scores out of: its own, or, where a section with no rows gives its
 * weight away (`empty: redistribute`, e.g. 满意度指标 with no row), its own plus a share of that
 * weight in proportion to its max.
 */
function sectionMaxima(w: WalkState): void {
  const sections = w.plan.rowSections.filter((s) => !w.notApplicable.has(s.id));
  const away = sections.filter((s) => !given(w, s) && s.rows!.empty === 'redistribute');
  const receivers = sections.filter((s) => given(w, s));
  const moved = away.reduce((a, s) => a.plus(s.maxExact), ZERO);
  if (moved.isZero()) return;
  const base = receivers.reduce((a, s) => a.plus(s.maxExact), ZERO);
  if (base.isZero()) {
    for (const s of away) w.issues.push(makeIssue('rows_missing', { indicator: s.path }, { path: ['rows', s.id], indicator: s.path }));
    return;
  }
  for (const s of away) w.moveSectionMax(s.id, ZERO);
  // The receivers' new maxima, on the sheet's grid and adding up to what they had and received.
  const shares = apportion(base.plus(moved), receivers.map((s) => s.maxExact), w.plan.step);
  receivers.forEach((s, i) => w.moveSectionMax(s.id, shares[i]!));
}
