import { Exact } from '../../exact.js';
import { comparedEdges } from '../../rules/common.js';
import { AlreadyReported, Stop } from '../state.js';
import type { Policy } from './policy.js';

/**
 * 一票否决: declared by the evaluation, or triggered by a condition on the inputs. Each caps the
 * grade (`grade`), the total (`maxTotal`; 0: the total is 0) or fails the evaluation (`fail`), with
 * its reason: the evaluation's, or the figures that met the condition.
 */
export const veto: Policy = {
  name: 'veto',
  uses: () => true,

  settle(w, t) {
    const { rubric, input } = w;
    for (const v of rubric.vetoes) {
      let reason = input.vetoes.get(v.id);
      if (reason === undefined && v.when) {
        try {
          if (w.compute(v.when, `一票否决“${v.name}”`) as boolean) {
            // Each figure on its side of the edges the condition compares it with: "59.999" beside "< 60".
            const edges = comparedEdges(v.when);
            reason = `${v.when.refs.map((r) => w.figure(r, edges.get(r))).join('、')}，符合“${v.when.text}”`;
          }
        } catch (e) {
          t.failed = true;
          if (e instanceof AlreadyReported) return;
          if (!(e instanceof Stop)) throw e;
          w.issues.push({ ...e.issue, path: e.issue.path.length ? e.issue.path : ['vetoes', v.id] });
          return;
        }
      }
      if (reason === undefined) continue;
      const entry: (typeof t.vetoes)[number] = { id: v.id, name: v.name };
      if (v.grade !== undefined) {
        entry.grade = v.grade;
        const cap = rubric.grades.findIndex((g) => g.grade === v.grade);
        if (t.gradeCap < cap) t.gradeCap = cap;
      }
      if (v.maxTotal !== undefined) {
        const cap = Exact.fromDecimal(v.maxTotal);
        entry.maxTotal = cap.toPlain();
        if (t.total.gt(cap)) t.total = cap;
        if (t.graded.gt(cap)) t.graded = cap;
      }
      if (v.fail !== undefined) {
        entry.fail = v.fail;
        t.verdict ??= v.fail;
      }
      entry.reason = reason;
      t.vetoes.push(entry);
    }
  },
};
