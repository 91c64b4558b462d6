import type * as z from 'zod';
import type { Decimal } from '../decimal.js';
import type { Exact } from '../exact.js';
import type { ValueType } from '../formula/ast.js';
import type { CompiledFormula } from '../formula/compile.js';
import type { IssueCode } from '../issues/issue.js';

export type Path = (string | number)[];

/** What the rubric says about a name a formula can read. */
export interface NameInfo {
  name: string;
  label: string;
  unit: string;
  source: 'input' | 'metric';
  type: 'number' | 'percent' | 'count';
}

/** What a rule may use while it is compiled (once per rubric). */
export interface RuleCompileContext {
  /** The indicator's max (分值). */
  readonly max: Decimal;
  /** An ordinary indicator, a 加分项 (bonus) or a 扣分项 (penalty). */
  readonly role: 'base' | 'bonus' | 'penalty';
  readonly indicator: { id: string; name: string; path: string };
  /** Compile a formula found at `at` (a path relative to the rule). */
  formula(text: string, at: Path, expect?: ValueType): CompiledFormula | undefined;
  /** Report a problem at `at` (relative to the rule). */
  issue(code: IssueCode, params: Record<string, string | number | undefined>, at?: Path, severity?: 'error' | 'warning'): void;
  /** Label, unit and type of an input or metric. */
  info(name: string): NameInfo | undefined;
  /** The unit a compiled formula's value is in: declared, or inferred; undefined when unknown. */
  unitOf(f: CompiledFormula): string | undefined;
}

/** What a person said about one indicator, from the evaluation input's `assessments`. */
export interface Assessment {
  score?: Exact;
  reason?: string;
  /** Checklist items: met or not; on a rated checklist (`scale`), the level each was given. */
  items?: Record<string, boolean | string>;
  /** The level chosen for a judgement with `levels` (相符 / 基本相符 / 调整较大). */
  level?: string;
  notApplicable?: boolean;
}

/** One lost part of an indicator's max, with its reason in Chinese. */
export interface Deduction {
  points: Exact;
  reason: string;
}

/**
 * A rule's verdict: the score (already rounded; within [0, max], or [−max, 0] in a 扣分项) and
 * what was lost (or, in a 加分项/扣分项, added or subtracted) and why.
 */
export interface Outcome {
  score: Exact;
  deductions: Deduction[];
  /** In a 加分项: how the points were earned (the reason for the addition). */
  note?: string;
  /** Something the evaluator should know that does not stop scoring (a warning issue). */
  warning?: { code: IssueCode; params: Record<string, string | number> };
}

/** What a rule may use while it scores one evaluation. */
export interface ScoreContext {
  readonly max: Exact;
  /** What the indicator is: an ordinary one, a 加分项 (bonus) or a 扣分项 (penalty). */
  readonly role: 'base' | 'bonus' | 'penalty';
  readonly indicator: { id: string; name: string; path: string };
  /** The evaluator's assessment of this indicator, if any. */
  readonly assessment: Assessment | undefined;
  /**
   * Whether reasons are wanted: false on the totals path (`score`), where an outcome needs its
   * score (and any warning) but no deduction's reason or note. What a reason reads and what an
   * issue says stay the same ({@link figure} reads and prints on both paths), so the same
   * problems stop the same indicators with the same words.
   */
  readonly detail: boolean;
  num(f: CompiledFormula): Exact;
  test(f: CompiledFormula): boolean;
  /** Printable name of what a formula computes (an input's or metric's label, else the formula). */
  label(f: CompiledFormula): string;
  /** Declared unit of a bare-name formula (`%` for percent), else ''. */
  unit(f: CompiledFormula): string;
  /**
   * A value a formula computed, as printed in a reason with its unit: "95%"; where the formula is
   * a metric the rubric rounds before use, both: "49.88%（按50%计）". `lines` are the edges of the
   * verdict the reason states (a standard, a target, the bands' edges): the figure is printed on
   * its own side of each, with more decimals where fewer would put it on or across one — 100.00333
   * beside a standard of 100 is "100.00333%", never "100%".
   */
  shown(f: CompiledFormula, v: Exact, unit: string, lines?: readonly Exact[]): string;
  /** A named input's or metric's figure, as a formula reads it (a missing one stops the indicator). */
  read(name: string): Exact;
  /** A named input or metric as printed in a reason: "资金结余0万元"; apart from `lines` as {@link shown}. */
  figure(name: string, lines?: readonly Exact[]): string;
  /** Round a score with the rubric's precision and rounding. */
  round(d: Exact): Exact;
  /** The smallest step of a score at the rubric's precision (0.01 at 2 decimals). */
  readonly step: Exact;
  /** Stop scoring this indicator with an issue (path relative to the input document). */
  fail(code: IssueCode, params: Record<string, string | number | undefined>, at?: Path): never;
}

export interface Scorer {
  /** What the evaluation input must provide for this indicator. */
  readonly needs?: 'judgement' | 'checklist';
  /** Checklist item ids, for input validation. */
  readonly items?: readonly string[];
  /** Level names: of a judgement with `levels`, or of a rated checklist (`scale`), for input validation. */
  readonly levels?: readonly string[];
  score(ctx: ScoreContext): Outcome;
}

/** One rule kind: its YAML schema, how it compiles, and its 评分标准 sentence. */
export interface RuleImpl<S extends z.ZodType = z.ZodType> {
  readonly kind: string;
  readonly schema: S;
  /** One line for documentation. */
  readonly summary: string;
  compile(rule: z.output<S>, ctx: RuleCompileContext): Scorer | undefined;
  /** The rule as a standard Chinese 评分标准 sentence. */
  describe(rule: z.output<S>, max: Decimal): string;
}
