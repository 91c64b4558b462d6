import { Decimal } from '../../decimal.js';
import type { Issue } from '../../issues/issue.js';
import { pts } from '../../rules/common.js';
import type { LintCheck, LintNode } from '../context.js';

/** A 可选项 pool or a weighted block: its children's maxima need not add up to its own. */
const onOwnScales = (n: LintNode) => n.doc.pool !== undefined || n.doc.combine === 'weighted';

/** What a node's leaves add up to (bonus items excluded), whatever the maxima in between say. */
function leafTotal(n: LintNode): Decimal {
  // A pool's or a weighted block's children are on their own scales: it is worth its max.
  if (!n.children.length || onOwnScales(n)) return n.max;
  return n.children.filter((c) => !c.doc.bonus).reduce((a, c) => a.plus(leafTotal(c)), new Decimal(0));
}

/**
 * 分值 add up: every parent's max equals the sum of its children's maxima
 * (`children_max_mismatch`, error), and the leaves add up to the sum of the top-level maxima
 * (`total_max_mismatch`, error; it names what each top-level indicator's leaves add up to).
 * A 可选项 pool and a weighted block are worth their own max: their children are on their own scales.
 * Runs on the document, so a rubric that does not load because it does not add up is still
 * reported in full — e.g. the Kunming sheet as printed: 部门管理 23 under 20, 部门绩效 44 under
 * 45, 102 in all.
 */
export const maxima: LintCheck = {
  name: 'maxima',
  summary: '下级指标分值之和等于本级分值，末级指标合计等于一级指标合计 · maxima add up',
  run(ctx) {
    const out: Issue[] = [];
    for (const n of ctx.nodes) {
      if (!n.children.length || onOwnScales(n)) continue;
      const sum = n.children.filter((c) => !c.doc.bonus).reduce((a, c) => a.plus(c.max), new Decimal(0));
      if (!sum.eq(n.max))
        out.push(ctx.issue('children_max_mismatch', { sum: pts(sum), max: pts(n.max) }, [...n.docPath, 'max'], { indicator: n.path, severity: 'error' }));
    }
    const roots = ctx.roots.filter((r) => !r.doc.bonus);
    const top = roots.reduce((a, r) => a.plus(r.max), new Decimal(0));
    const leaves = roots.reduce((a, r) => a.plus(leafTotal(r)), new Decimal(0));
    if (!leaves.eq(top)) {
      const detail = roots.map((r) => `${r.name} ${pts(leafTotal(r))}`).join(' / ');
      out.push(ctx.issue('total_max_mismatch', { sum: pts(leaves), max: pts(top), detail }, ['indicators'], { severity: 'error' }));
    }
    return out;
  },
};
