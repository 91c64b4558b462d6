import { toPlain } from '../decimal.js';
import { Exact } from '../exact.js';
import type { CompiledFormula } from '../formula/compile.js';
import type { Indicator, InputPlan, Plan, PlanNode, Rubric } from './types.js';

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
  const ids = [...rubric.byId.keys()];
  const orderOf = new Map(ids.map((id, k) => [id, k]));
  const baseLeaves: PlanNode[] = [];
  const asked: PlanNode[] = [];
  const build = (n: Indicator, inPool: boolean): PlanNode => {
    const children = n.children.map((c) => build(c, n.pool !== undefined));
    const node: PlanNode = {
      indicator: n,
      id: n.id,
      order: orderOf.get(n.id)!,
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
      items: n.scorer?.needs === 'checklist' && n.scorer.levels === undefined ? (n.scorer.items ?? []) : undefined,
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
    ids,
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
