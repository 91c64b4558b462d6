import { toPlain } from '../decimal.js';
import { Exact } from '../exact.js';
import type { CompiledFormula } from '../formula/compile.js';
import type { Indicator, NotApplicablePolicy, Rubric } from '../rubric/compile.js';
import type { RuleKind } from '../rules/index.js';
import type { Scorer } from '../rules/types.js';
import type { RowsSection } from '../project/schema.js';

/**
 * The evaluation plan: a rubric compiled once, when it is loaded, into everything an evaluation
 * reads but never changes — each node's id, name, path and max as they are printed, its scorer
 * with its constants bound, the labels and units of what it reads, the input declarations with
 * their bounds as exact values, and the sums that hold when nothing is 不适用. `evaluate` is then
 * one walk over `roots` (src/evaluate/walk.ts) that only computes and fills in.
 *
 * Later kinds of nodes (rows supplied by the evaluation, per-node policies) are meant to be
 * compiled into `PlanNode` fields here, so that the walk stays one walk.
 */
export interface Plan {
  readonly roots: readonly PlanNode[];
  /** Every node by id (the first of an id), as in `rubric.byId`. */
  readonly byId: ReadonlyMap<string, PlanNode>;
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
  /** Checklist item ids, when the node is a checklist. */
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

/** Compile a rubric's evaluation plan (once, by `compileRubric`). */
export function compilePlan(rubric: Omit<Rubric, 'plan'>): Plan {
  // Where a name's figure comes from, for issues: breadth-first through metrics to the first input.
  const figurePaths = new Map<string, (string | number)[]>();
  const figurePathOf = (name: string | undefined): (string | number)[] => {
    if (name === undefined) return [];
    let p = figurePaths.get(name);
    if (p === undefined) {
      const first = firstInput(rubric, name);
      p = first === undefined ? [] : ['values', first];
      figurePaths.set(name, p);
    }
    return p;
  };

  const names = new Map<string, { label: string; unit: string }>();
  for (const [name, i] of rubric.inputs) names.set(name, { label: i.label, unit: i.unit });
  for (const [name, m] of rubric.metrics) if (!names.has(name)) names.set(name, { label: m.label, unit: m.unit });

  const labels = new Map<CompiledFormula, string>();
  for (const f of rubric.formulaUnits.keys()) {
    labels.set(f, f.bareName ? (rubric.inputs.get(f.bareName)?.label ?? rubric.metrics.get(f.bareName)?.label ?? f.bareName) : `“${f.text}”=`);
  }

  const byId = new Map<string, PlanNode>();
  const baseLeaves: PlanNode[] = [];
  const asked: PlanNode[] = [];
  const build = (n: Indicator, inPool: boolean): PlanNode => {
    const children = n.children.map((c) => build(c, n.pool !== undefined));
    const node: PlanNode = {
      indicator: n,
      id: n.id,
      name: n.name,
      path: n.path,
      maxText: n.maxText,
      maxExact: n.maxExact,
      role: n.role,
      kind: n.kind,
      standard: n.standard,
      children,
      leaf: n.children.length === 0,
      scorer: n.scorer,
      who: { id: n.id, name: n.name, path: n.path },
      refs: n.refs,
      refIsInput: n.refs.map((r) => rubric.inputs.has(r)),
      items: n.scorer?.needs === 'checklist' ? (n.scorer.items ?? []) : undefined,
      rows: n.rows,
      naPolicy: n.notApplicable,
      inPool,
      cap: n.cap === undefined ? undefined : Exact.fromDecimal(n.cap),
      capText: n.cap === undefined ? undefined : toPlain(n.cap),
      combine: n.combine,
      weight: n.weight === undefined ? undefined : 'formula' in n.weight ? n.weight.formula : Exact.fromDecimal(n.weight.value),
      pool: n.pool === undefined ? undefined : { pick: n.pool.pick, split: n.pool.split },
    };
    if (rubric.byId.get(n.id) === n) byId.set(n.id, node);
    return node;
  };
  const roots = rubric.indicators.map((n) => build(n, false));
  // Leaves in document order, as the old walk over byId met them.
  for (const n of byId.values()) {
    if (!n.leaf) continue;
    if (n.role === 'base') baseLeaves.push(n);
    if (n.scorer?.needs) asked.push(n);
  }

  const inputs: InputPlan[] = [...rubric.inputs.values()].map((i, index) => ({
    name: i.name,
    index,
    type: i.type,
    optional: i.optional,
    min: i.min === undefined ? undefined : Exact.fromDecimal(i.min),
    max: i.max === undefined ? undefined : Exact.fromDecimal(i.max),
  }));

  return {
    roots,
    byId,
    baseLeaves,
    asked,
    inputs,
    inputByName: new Map(inputs.map((i) => [i.name, i])),
    requiredInputs: inputs.filter((i) => !i.optional).length,
    metrics: [...rubric.metrics.values()].map((m) => ({ name: m.name, formula: m.formula })),
    figurePath: figurePathOf,
    labels,
    names,
    step: Exact.ratio(1n, 10n ** BigInt(rubric.precision)),
    maxExact: Exact.fromDecimal(rubric.max),
    maxText: toPlain(rubric.max),
    grades: rubric.grades.map((g) => ({ grade: g.grade, min: Exact.fromDecimal(g.min) })),
    rowSections: [...byId.values()].filter((n) => n.rows !== undefined),
    pools: [...byId.values()].filter((n) => n.pool !== undefined),
    naLimit: Exact.fromDecimal(rubric.notApplicableLimit),
    maxTotal: rubric.maxTotal === undefined ? undefined : Exact.fromDecimal(rubric.maxTotal),
  };
}

/** The first declared input a name reads: itself, or the first one reached through metrics. */
function firstInput(rubric: Omit<Rubric, 'plan'>, name: string): string | undefined {
  const seen = new Set<string>();
  const todo = [name];
  while (todo.length) {
    const n = todo.shift()!;
    if (rubric.inputs.has(n)) return n;
    if (seen.has(n)) continue;
    seen.add(n);
    todo.push(...(rubric.metrics.get(n)?.formula.refs ?? []));
  }
  return undefined;
}
