import { Decimal } from '../../decimal.js';
import type { Issue } from '../../issues/issue.js';
import { pts } from '../../rules/common.js';
import type { LintCheck, LintNode } from '../context.js';

/** "最多加5分", "最高扣3分", "扣分不超过10分", "加分累计不超过5分", "加分上限为5分". */
const LIMIT = /(?:最多|最高|至多)(加|扣)(?:除)?\s*(\d+(?:\.\d+)?)\s*分|(加|扣)分(?:合计|总计|累计|总额)?(?:不超过|不得超过|不高于|最多|最高|上限为?)\s*(\d+(?:\.\d+)?)\s*分/;

function roleOf(n: LintNode): 'bonus' | 'penalty' | 'base' {
  for (let p: LintNode | undefined = n; p; p = p.parent) {
    if (p.doc.penalty) return 'penalty';
    if (p.doc.bonus) return 'bonus';
  }
  return 'base';
}

/**
 * A 加分项 or 扣分项 whose limit is not the one its 评分标准 states:
 * - `cap_mismatch` (warning): the standard says 最多加N分 / 扣分不超过N分 / 最多扣N分, and the most
 *   the item can add or take off (its `cap`, else its max) is not N — a section of three 3-point
 *   awards under "最多加5分" needs `cap: 5`;
 * - `cap_unstated` (warning): a `cap` below what the items can reach, while the standard (given)
 *   says nothing of a limit.
 */
export const capText: LintCheck = {
  name: 'cap-text',
  summary: '加分项、扣分项的上限与评分标准一致 · a bonus or penalty cap agrees with its standard',
  run(ctx) {
    const out: Issue[] = [];
    for (const n of ctx.nodes) {
      const role = roleOf(n);
      if (role === 'base') continue;
      const verb = role === 'bonus' ? '加' : '扣';
      const cap = n.doc.cap;
      const limit = cap ?? n.max;
      const text = n.doc.standard === undefined ? undefined : String(n.doc.standard);
      const m = text === undefined ? null : LIMIT.exec(text);
      if (m && (m[1] ?? m[3]) === verb) {
        const said = new Decimal(m[2] ?? m[4]!);
        if (!said.eq(limit))
          out.push(
            ctx.issue(
              'cap_mismatch',
              { phrase: m[0], verb, limit: pts(limit), how: cap !== undefined ? 'cap' : `分值，未设 cap`, howEn: cap !== undefined ? 'its cap' : 'its max; no cap' },
              [...n.docPath, cap !== undefined ? 'cap' : 'max'],
              { indicator: n.path },
            ),
          );
      } else if (cap !== undefined && text !== undefined && !m)
        out.push(ctx.issue('cap_unstated', { cap: pts(cap), max: pts(n.max), verb }, [...n.docPath, 'cap'], { indicator: n.path }));
    }
    return out;
  },
};
