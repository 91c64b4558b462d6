import type { Exact } from '../../exact.js';
import type { Plan, PlanNode } from '../../rubric/types.js';
import type { Assessment, Outcome } from '../../rules/types.js';
import type { IndicatorResult, ScoreResult } from '../result.js';
import type { WalkState } from '../state.js';

/**
 * The sheet's total as the policies settle it, after every indicator is scored: the base part
 * (rescaled or not), the total and the figure the grade is taken on, and what each policy adds
 * to the result.
 */
export interface Totals {
  total: Exact;
  /** The figure the grade is taken on: the total, or under `exclude` the total on the full scale. */
  graded: Exact;
  /** The sheet's max as the result shows it. */
  max: string;
  /** The lowest grade a 一票否决 allows (an index into the grades, highest first), or −1. */
  gradeCap: number;
  /** A 一票否决 with `fail`: the evaluation's word, whatever the total. */
  verdict: string | undefined;
  /** What the result says of it (`rescaled`, `excluded`, `capped`, `vetoes`). */
  vetoes: ScoreResult['vetoes'];
  rescaled?: ScoreResult['rescaled'];
  excluded?: ScoreResult['excluded'];
  capped?: ScoreResult['capped'];
  /** An issue stopped the sheet (a veto's condition could not be computed): no result. */
  failed?: boolean;
}

/**
 * A scoring policy: what a rubric declares beyond its rules — 不适用, 可选项 pools, weighted blocks,
 * project rows, 加分/扣分 caps, 一票否决, 总分不超过. Each policy is one file with its tests, and one
 * line of the registry (./index.ts); the walk (../walk.ts) calls each hook in registry order at
 * its stage, and only the policies the rubric uses (`uses`, decided once per rubric).
 *
 * Stages, top to bottom: `mark` what the evaluation declares; `check` it before anything is
 * scored (refusing with issues); `allot` maxima once the metrics are known; score the tree, a
 * node by the policy that `owns` it (`visit`) or as a leaf or a sum, with `capLeaf` / `capGroup`
 * on 加分项 and 扣分项; then `settle` the total.
 */
export interface Policy {
  readonly name: string;
  /** Whether the rubric's plan uses this policy at all. */
  uses(plan: Plan): boolean;
  /** What the evaluation declares, before anything is checked (不适用 marks); false stops the evaluation. */
  mark?(w: WalkState): boolean | void;
  /** Checks before scoring; false stops the evaluation with the issues found so far. */
  check?(w: WalkState): boolean | void;
  /** Maxima moved once the metrics are computed, before the tree is scored. */
  allot?(w: WalkState): void;
  /** A node this policy scores as a whole (a pool, a weighted block, a rows section, a 不适用 subtree). */
  owns?(w: WalkState, n: PlanNode): boolean;
  visit?(w: WalkState, n: PlanNode, a: Assessment | undefined, into: IndicatorResult[] | undefined): Exact | undefined;
  /**
   * For a node it owns, each child's share of the node's max per point of the child's own max
   * (what the limit on 不适用 counts); undefined when a share could not be computed (reported).
   */
  scales?(w: WalkState, n: PlanNode): Exact[] | undefined;
  /** For a node it owns, worth its max in full under 不适用 `full`: how its children are shown. */
  showFull?(w: WalkState, n: PlanNode, children: IndicatorResult[]): void;
  /** A 加分项 or 扣分项 leaf with a cap: what it reached beyond is said, and not counted. */
  capLeaf?(w: WalkState, n: PlanNode, outcome: Outcome): void;
  /** A 加分项 or 扣分项 parent with a cap: its capped total, with what the cap did not count. */
  capGroup?(w: WalkState, n: PlanNode, total: Exact, deductions: IndicatorResult['deductions'], additions: IndicatorResult['deductions']): Exact;
  /** The total (the base part with 加分项 and 扣分项, not below 0, to begin with): rescaled, capped, vetoed. */
  settle?(w: WalkState, t: Totals): void;
}
