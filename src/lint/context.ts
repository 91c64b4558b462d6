import { Decimal } from '../decimal.js';
import type { Expr } from '../formula/ast.js';
import { parseFormula } from '../formula/parse.js';
import { makeIssue, type Issue, type IssueCode } from '../issues/issue.js';
import type { Rubric } from '../rubric/types.js';
import type { ResolvedDocument } from '../rubric/resolve.js';
import type { IndicatorDocument } from '../rubric/schema.js';
import type { Rule, RuleKind } from '../rules/index.js';
import type { Interval } from '../rules/interval.js';
import { closedRange, EVERYTHING } from './interval-set.js';

export type Path = (string | number)[];

/** One indicator of the document, as the linter walks it (compiled or not). */
export interface LintNode {
  readonly doc: IndicatorDocument;
  readonly id: string;
  readonly name: string;
  /** Ids from the root joined with '.', as in compiled rubrics and issues. */
  readonly path: string;
  /** Where it stands in the rubric document. */
  readonly docPath: Path;
  readonly parent: LintNode | undefined;
  readonly children: readonly LintNode[];
  /** 1 for a top-level (一级) indicator. */
  readonly depth: number;
  readonly max: Decimal;
  readonly rule: Rule | undefined;
}

/** A declared input or metric, normalised. */
export interface NameDecl {
  readonly name: string;
  readonly source: 'input' | 'metric';
  readonly label: string;
  readonly unit: string;
  readonly type: 'number' | 'percent' | 'count';
  readonly min?: Decimal;
  readonly max?: Decimal;
  readonly optional: boolean;
  readonly description?: string;
  /** Metrics: the formula text. */
  readonly formula?: string;
  readonly path: Path;
}

/** The values a rule's figure can take, as far as the rubric declares them. */
export interface Domain {
  readonly iv: Interval;
  /** Only whole numbers (a `count` input). */
  readonly integer: boolean;
  /** False when nothing bounds the figure (a metric, a formula, an input without min/max). */
  readonly declared: boolean;
  readonly label: string;
  readonly unit: string;
}

/** What every lint check gets: the parsed document, whether or not it compiles. */
export interface LintContext {
  /** The document with any `extends` chain applied. */
  readonly doc: ResolvedDocument;
  /** The compiled rubric, when the document compiles. */
  readonly rubric: Rubric | undefined;
  /** The linted file's own YAML text, when it was given as text (not for an object). */
  readonly text: string | undefined;
  /** The linted file's name, for positions found in `text`. */
  readonly file: string | undefined;
  /** Top-level indicators. */
  readonly roots: readonly LintNode[];
  /** Every indicator, depth first. */
  readonly nodes: readonly LintNode[];
  /** The leaves scored by one rule kind, with their rules typed for that kind. */
  rulesOf<K extends RuleKind>(kind: K): { node: LintNode; rule: Extract<Rule, { kind: K }> }[];
  readonly names: ReadonlyMap<string, NameDecl>;
  /** Names a formula reads, or undefined when it does not parse. */
  refsOf(formula: string): string[] | undefined;
  /** The declared range of a formula that is a bare input name; otherwise everything. */
  domainOf(formula: string): Domain;
  /** How a formula's figure is printed: its label and unit. */
  labelOf(formula: string): string;
  unitOf(formula: string): string;
  /** Build a finding. */
  issue(code: IssueCode, params: Record<string, string | number | undefined>, path: Path, opts?: { indicator?: string; severity?: 'error' | 'warning' | 'info' }): Issue;
}

/** One check a careful reviewer makes. */
export interface LintCheck {
  readonly name: string;
  /** One line for documentation. */
  readonly summary: string;
  run(ctx: LintContext): Issue[];
}

function names(expr: Expr, out: string[]): string[] {
  switch (expr.type) {
    case 'name':
      if (!out.includes(expr.name)) out.push(expr.name);
      break;
    case 'unary':
      names(expr.arg, out);
      break;
    case 'binary':
      names(expr.left, out);
      names(expr.right, out);
      break;
    case 'call':
      for (const a of expr.args) names(a, out);
      break;
    case 'num':
      break;
  }
  return out;
}

/** Parse a formula and list the names it reads (undefined if it does not parse). */
export function formulaRefs(text: string): string[] | undefined {
  try {
    return names(parseFormula(text), []);
  } catch {
    return undefined;
  }
}

/** The formulas a rule reads, with their paths relative to the rule. */
export function ruleFormulas(rule: Rule): { text: string; at: Path }[] {
  switch (rule.kind) {
    case 'per_unit':
    case 'bands':
    case 'count':
    case 'target':
      return [{ text: rule.value, at: ['value'] }];
    case 'cases':
      return rule.cases.map((c, i) => ({ text: c.when, at: ['cases', i, 'when'] }));
    case 'formula':
      return [{ text: rule.score, at: ['score'] }];
    case 'checklist':
    case 'judgement':
      return [];
  }
}

/** Build the context the checks share. */
export function createLintContext(doc: ResolvedDocument, rubric?: Rubric, source: { text?: string; file?: string } = {}): LintContext {
  const decls = new Map<string, NameDecl>();
  for (const [name, d] of Object.entries(doc.inputs ?? {})) {
    let min = d.min;
    if (d.type === 'count' && (min === undefined || min.lt(0))) min = new Decimal(0);
    decls.set(name, {
      name,
      source: 'input',
      label: d.label ?? name,
      unit: d.type === 'percent' ? '%' : (d.unit ?? ''),
      type: d.type,
      ...(min !== undefined ? { min } : {}),
      ...(d.max !== undefined ? { max: d.max } : {}),
      optional: d.optional ?? false,
      ...(d.description !== undefined ? { description: d.description } : {}),
      path: ['inputs', name],
    });
  }
  for (const [name, m] of Object.entries(doc.metrics ?? {})) {
    if (decls.has(name)) continue;
    const o = typeof m === 'string' ? { formula: m } : m;
    const unit = o.unit === '％' ? '%' : (o.unit ?? '');
    decls.set(name, {
      name,
      source: 'metric',
      label: o.label ?? name,
      unit,
      type: unit === '%' ? 'percent' : 'number',
      optional: false,
      formula: o.formula,
      ...(o.description !== undefined ? { description: o.description } : {}),
      path: typeof m === 'string' ? ['metrics', name] : ['metrics', name, 'formula'],
    });
  }

  const nodes: LintNode[] = [];
  const build = (d: IndicatorDocument, docPath: Path, parent: LintNode | undefined): LintNode => {
    const id = d.id ?? d.name;
    const node: LintNode & { children: LintNode[] } = {
      doc: d,
      id,
      name: d.name,
      path: parent ? `${parent.path}.${id}` : id,
      docPath,
      parent,
      children: [],
      depth: parent ? parent.depth + 1 : 1,
      max: d.max,
      rule: d.rule,
    };
    nodes.push(node);
    (d.children ?? []).forEach((c, i) => node.children.push(build(c, [...docPath, 'children', i], node)));
    return node;
  };
  const roots = doc.indicators.map((d, i) => build(d, ['indicators', i], undefined));

  const bare = (formula: string): NameDecl | undefined => {
    const refs = formulaRefs(formula);
    if (!refs || refs.length !== 1) return undefined;
    const decl = decls.get(refs[0]!);
    // Only a formula that is the name itself (possibly in backquotes) is "the figure".
    return decl && formula.trim().replace(/^`|`$/g, '').trim() === decl.name ? decl : undefined;
  };

  return {
    doc,
    rubric,
    text: source.text,
    file: source.file,
    roots,
    nodes,
    rulesOf<K extends RuleKind>(kind: K) {
      return nodes.filter((n) => n.rule?.kind === kind).map((node) => ({ node, rule: node.rule as Extract<Rule, { kind: K }> }));
    },
    names: decls,
    refsOf: formulaRefs,
    domainOf(formula) {
      const d = bare(formula);
      const label = d?.label ?? formula;
      const unit = d?.unit ?? '';
      if (!d || d.source !== 'input') return { iv: EVERYTHING, integer: false, declared: false, label, unit };
      return { iv: closedRange(d.min, d.max), integer: d.type === 'count', declared: d.min !== undefined || d.max !== undefined, label, unit };
    },
    labelOf: (formula) => bare(formula)?.label ?? formula,
    unitOf: (formula) => bare(formula)?.unit ?? '',
    issue(code, params, path, opts = {}) {
      return makeIssue(code, params, { path, severity: opts.severity ?? 'warning', ...(opts.indicator !== undefined ? { indicator: opts.indicator } : {}) });
    },
  };
}
