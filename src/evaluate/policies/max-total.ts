import { pts } from '../../rules/common.js';
import type { Policy } from './policy.js';

/** 总分不超过: the documented total, 加分项 included, is at most the rubric's cap; so is the figure graded on. */
export const maxTotal: Policy = {
  name: 'max-total',
  uses: (plan) => plan.maxTotal !== undefined,

  settle(w, t) {
    const cap = w.plan.maxTotal!;
    if (t.graded.gt(cap)) t.graded = cap;
    if (t.total.gt(cap)) {
      t.capped = { rawTotal: t.total.toPlain(), maxTotal: cap.toPlain(), reason: w.detail ? `总分${pts(t.total)}分，总分不超过${pts(cap)}分，计${pts(cap)}分` : '' };
      t.total = cap;
    }
  },
};
