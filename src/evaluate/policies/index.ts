import type { Plan } from '../../rubric/types.js';
import { caps } from './caps.js';
import { maxTotal } from './max-total.js';
import { notApplicable } from './not-applicable.js';
import type { Policy } from './policy.js';
import { pool } from './pool.js';
import { rows } from './rows.js';
import { veto } from './veto.js';
import { weighted } from './weighted.js';

/**
 * Every scoring policy, in the order the walk calls them at each stage: 不适用 marks and refuses
 * after the rows and pools have said what they remove and whether the choice is right; a
 * 不适用 subtree is scored by 不适用 before any other policy looks at it; the total is rescaled
 * (不适用), then capped (总分不超过), then vetoed (一票否决). A new policy is one file, its tests
 * and one line here.
 */
export const policies = [rows, pool, notApplicable, weighted, caps, maxTotal, veto] as const satisfies readonly Policy[];

/** The order nodes are claimed in: a 不适用 subtree first, whatever else it is. */
const CLAIM_ORDER: readonly Policy[] = [notApplicable, rows, pool, weighted];

/** The policies one rubric uses, each stage's in order; decided once per rubric. */
export interface ActivePolicies {
  readonly mark: readonly Policy[];
  readonly check: readonly Policy[];
  readonly allot: readonly Policy[];
  /** Policies that score whole nodes, in the order they claim them. */
  readonly nodes: readonly Policy[];
  readonly caps: Policy | undefined;
  readonly settle: readonly Policy[];
}

const active = new WeakMap<Plan, ActivePolicies>();

export function policiesFor(plan: Plan): ActivePolicies {
  let a = active.get(plan);
  if (!a) {
    const used = policies.filter((p: Policy) => p.uses(plan));
    a = {
      mark: used.filter((p: Policy) => p.mark),
      check: used.filter((p: Policy) => p.check),
      allot: used.filter((p: Policy) => p.allot),
      nodes: CLAIM_ORDER.filter((p) => used.includes(p as (typeof policies)[number])),
      caps: used.find((p: Policy) => p.capLeaf) as Policy | undefined,
      settle: used.filter((p: Policy) => p.settle),
    };
    active.set(plan, a);
  }
  return a;
}

export type { Policy, Totals } from './policy.js';
