import type { Decimal, RoundingName } from '../decimal.js';
import type { Exact } from '../exact.js';
import type { CompiledFormula } from '../formula/compile.js';
import type { InferredUnit } from '../formula/units.js';
import type { Issue } from '../issues/issue.js';
import type { rowMethods, RowsSection } from '../project/schema.js';
import type { Rule, RuleKind } from '../rules/index.js';
import type { Path, Scorer } from '../rules/types.js';
import type { ResolvedDocument } from './resolve.js';

/*
 * A compiled rubric (src/rubric/compile.ts) and the evaluation plan compiled with it
 * (src/rubric/plan.ts): what loading a rubric gives, and what every evaluation reads.
 */

/** How rows of a project form are scored: see src/project/score.ts. */
export type ProjectRowMethods = ReturnType<typeof rowMethods>;

/** A declared input, normalised. */
export interface InputInfo {
  name: string;
  type: 'number' | 'percent' | 'count';
  unit: string;
  label: string;
  min?: Decimal;
  max?: Decimal;
  optional: boolean;
  description?: string;
}

/** A derived metric, compiled. */
export interface MetricInfo {
  name: string;
  label: string;
  unit: string;
  formula: CompiledFormula;
  description?: string;
  /** Decimal places the value is rounded to (with the rubric's rounding) before anything reads it. */
  round?: number;
}

/** One indicator of a compiled rubric. */
export interface Indicator {
  readonly id: string;
  readonly name: string;
  /** Ids from the root, joined with '.'. */
  readonly path: string;
  readonly max: Decimal;
  /** @internal The max as an exact value and as the decimal string results print. */
  readonly maxExact: Exact;
  /** @internal */
  readonly maxText: string;
  /** True for a 加分项 and everything below one. */
  readonly bonus: boolean;
  /**
   * `base`: part of the sheet's max; `bonus` (加分项): earns up to its max on top of the total;
   * `penalty` (扣分项): takes up to its max off the total. Inherited by the children.
   */
  readonly role: 'base' | 'bonus' | 'penalty';
  readonly standard?: string;
  readonly description?: string;
  readonly rule?: Rule;
  readonly kind?: RuleKind;
  /** Inputs and metrics the rule reads directly. */
  readonly refs: readonly string[];
  readonly children: readonly Indicator[];
  /** A section whose leaves are the evaluation's rows (项目支出绩效自评表): how they are weighed. */
  readonly rows?: RowsSection;
  /** What marking it 不适用 does: its own policy, else its parent's, else the rubric's. */
  readonly notApplicable: NotApplicablePolicy;
  /** 加分项/扣分项: the most it adds or takes off (最多加5分), below what its items can reach. */
  readonly cap?: Decimal;
  /** `sum` (default): the children's scores add up; `weighted`: each child on its own scale, weighted into the max. */
  readonly combine: 'sum' | 'weighted';
  /** Under a `weighted` parent: the weight, a number or a formula over the inputs (资金额度). */
  readonly weight?: { readonly value: Decimal } | { readonly formula: CompiledFormula };
  /** 可选项: the children the evaluation does not mark 不适用 share the max. */
  readonly pool?: { readonly pick?: number; readonly split: 'weights' | 'equal' };
  /** Where it stands in the rubric document. */
  readonly docPath: Path;
  /** @internal */
  readonly scorer?: Scorer;
}

/** A loaded, validated and compiled rubric: evaluate it as often as you like. */
export type NotApplicablePolicy = 'forbidden' | 'full' | 'rescale' | 'exclude';

/** 一票否决: what triggers it (a condition on the inputs, or the evaluation's word) and its one effect. */
export interface VetoInfo {
  id: string;
  name: string;
  /** Triggered by the inputs when this holds; without it, by the evaluation's `vetoes`. */
  when?: CompiledFormula;
  /** The grade is at most this. */
  grade?: string;
  /** The total is at most this (0: the total is 0). */
  maxTotal?: Decimal;
  /** The evaluation is 不合格 (this word), whatever its total. */
  fail?: string;
}

export interface Rubric {
  readonly id: string;
  readonly name: string;
  readonly version?: string;
  readonly description?: string;
  readonly source?: string;
  readonly precision: number;
  readonly rounding: RoundingName;
  readonly notApplicable: NotApplicablePolicy;
  /** The most base max one evaluation may remove as 不适用 (`rescale` and `exclude`). */
  readonly notApplicableLimit: Decimal;
  /** 总分不超过: the total, 加分项 included, is at most this. */
  readonly maxTotal?: Decimal;
  /** How rows of a project form are scored (the national rules unless the rubric says otherwise). */
  readonly project: ProjectRowMethods;
  /** The sheet's max: the sum of the top-level maxima (bonus items excluded). */
  readonly max: Decimal;
  readonly grades: readonly { grade: string; min: Decimal }[];
  readonly inputs: ReadonlyMap<string, InputInfo>;
  /** Metrics in an order where each comes after those it reads. */
  readonly metrics: ReadonlyMap<string, MetricInfo>;
  readonly vetoes: readonly VetoInfo[];
  readonly indicators: readonly Indicator[];
  readonly byId: ReadonlyMap<string, Indicator>;
  /** Problems that do not stop scoring (e.g. checklist items over-filling the max). */
  readonly warnings: readonly Issue[];
  /** `sha256:…` of the resolved document: changes whenever the rubric's meaning changes. */
  readonly fingerprint: string;
  /** The parsed document, with any `extends` chain applied. */
  readonly document: ResolvedDocument;
  readonly file?: string;
  /**
   * @internal The unit each compiled formula's value is in, as declared or inferred
   * (`undefined`: unknown).
   */
  readonly formulaUnits: ReadonlyMap<CompiledFormula, InferredUnit>;
  /** @internal The evaluation plan, compiled once with the rubric (src/rubric/plan.ts). */
  readonly plan: Plan;
}

/**
 * The evaluation plan: a rubric compiled once, when it is loaded, into everything an evaluation
 * reads but never changes — each node's id, name, path and max as they are printed, its scorer
 * with its constants bound, the labels and units of what it reads, the input declarations with
 * their bounds as exact values, and the sums that hold when nothing is 不适用. `evaluate` is then
 * one walk over `roots` (src/evaluate/walk.ts) that only computes and fills in.
 *
 * Later kinds of nodes (rows supplied by the evaluation, per-node policies) are meant to be
 * compiled into `PlanNode` fields (src/rubric/plan.ts), so that the walk stays one walk.
 */
export interface Plan {
  readonly roots: readonly PlanNode[];
  /** Every node by id (the first of an id), as in `rubric.byId`. */
  readonly byId: ReadonlyMap<string, PlanNode>;
  /** Every indicator's id, in the rubric's order: `PlanNode.order` is a place in it. */
  readonly ids: readonly string[];
  /** The base (not 加分/扣分) leaves: when all are 不适用, nothing was assessed. */
  readonly baseLeaves: readonly PlanNode[];
  /** Leaves that need the evaluator's word: a judgement score or checklist items. */
  readonly asked: readonly PlanNode[];
  readonly inputs: readonly InputPlan[];
  readonly inputByName: ReadonlyMap<string, InputPlan>;
  /** How many inputs are not optional: a valid input gives each of them a figure. */
  readonly requiredInputs: number;
  /** Metrics in dependency order. */
  readonly metrics: readonly MetricPlan[];
  /**
   * Where in the input a name's figure comes from: its own entry, or the first input a metric
   * reads. Found when an issue needs it, and remembered.
   */
  figurePath(name: string | undefined): (string | number)[];
  /** What a bare-name formula prints as: the input's or metric's label; else `“formula”=`. */
  readonly labels: ReadonlyMap<CompiledFormula, string>;
  /** Printable label and unit of every input and metric. */
  readonly names: ReadonlyMap<string, { label: string; unit: string }>;
  /** The smallest step of a score (0.01 at precision 2). */
  readonly step: Exact;
  readonly maxExact: Exact;
  readonly maxText: string;
  /** The sheet's grades, highest first, with their lower edges as exact values. */
  readonly grades: readonly { grade: string; min: Exact }[];
  /** Sections whose leaves are the evaluation's rows, in sheet order. */
  readonly rowSections: readonly PlanNode[];
  /** 可选项 pools, whose choice is checked on every evaluation. */
  readonly pools: readonly PlanNode[];
  /** The most base max one evaluation may remove as 不适用. */
  readonly naLimit: Exact;
  /** 总分不超过. */
  readonly maxTotal: Exact | undefined;
}

/** One indicator, as every result for it begins. */
export interface PlanNode {
  readonly indicator: Indicator;
  readonly id: string;
  /** Its place in {@link Plan.ids}: where the totals path keeps its score. */
  readonly order: number;
  readonly name: string;
  readonly path: string;
  readonly maxText: string;
  readonly maxExact: Exact;
  readonly role: 'base' | 'bonus' | 'penalty';
  readonly kind: RuleKind | undefined;
  readonly standard: string | undefined;
  readonly children: readonly PlanNode[];
  readonly leaf: boolean;
  readonly scorer: Scorer | undefined;
  /** `ScoreContext.indicator` for this node, built once. */
  readonly who: { id: string; name: string; path: string };
  /** Inputs and metrics the rule reads, with whether each is an input. */
  readonly refs: readonly string[];
  readonly refIsInput: readonly boolean[];
  /**
   * Item ids of a checklist marked true or false item by item; undefined for any other node, a
   * checklist rated item by item (scale: 优/良/… per item) included, whose levels the validator reads.
   */
  readonly items: readonly string[] | undefined;
  /** A section whose leaves are the evaluation's rows (项目支出绩效自评表), and how they are weighed. */
  readonly rows: RowsSection | undefined;
  /** What marking it 不适用 does (its own, its parent's or the rubric's policy). */
  readonly naPolicy: NotApplicablePolicy;
  /** A child of a 可选项 pool: marking it 不适用 means it was not chosen. */
  readonly inPool: boolean;
  /** 加分项/扣分项: the most it adds or takes off. */
  readonly cap: Exact | undefined;
  readonly capText: string | undefined;
  readonly combine: 'sum' | 'weighted';
  /** Under a weighted parent: its weight, constant or computed from the inputs. */
  readonly weight: Exact | CompiledFormula | undefined;
  readonly pool: { readonly pick: number | undefined; readonly split: 'weights' | 'equal' } | undefined;
}

/** A declared input with its checks compiled. */
export interface InputPlan {
  readonly name: string;
  /** Position in {@link Plan.inputs}. */
  readonly index: number;
  readonly type: 'number' | 'percent' | 'count';
  readonly optional: boolean;
  readonly min: Exact | undefined;
  readonly max: Exact | undefined;
}

export interface MetricPlan {
  readonly name: string;
  readonly formula: CompiledFormula;
}
