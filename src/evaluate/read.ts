import { Exact } from '../exact.js';
import type { Plan, PlanNode, Rubric } from '../rubric/types.js';
import type { Assessment } from '../rules/types.js';
import type { Limits } from '../source/limits.js';
import { isPlainObject, snapshotPlainData } from '../source/plain.js';
import type { ValidInput } from './input.js';
import { InputValues } from './values.js';
import { inTargetUnit, rowGroup, rowLevel, rowTargetText, splitActual, type ValidRow } from '../project/rows.js';
import type { Level } from '../project/score.js';
import { readProjectTarget, type ProjectTarget } from '../project/target.js';
import { onGrid } from '../issues/grid.js';
import { isBlankReason } from '../rules/text.js';

/**
 * The compiled reader: reads an evaluation input that is entirely valid, each property once,
 * straight into what scoring needs — no deep copy, no schema run. It accepts only what it
 * understands completely: plain objects (no `__proto__` key, no class instances), figures as
 * JSON numbers or plain decimal strings, known names, known items, every required figure and
 * assessment present, and the rows of a project form each as `readRows` (src/project/rows.ts)
 * takes a valid one, through the same functions. Anything else — an unknown name, `" 95"`, `"95%"`, a missing score, a
 * proxy that throws — returns undefined, and `validateInput` (src/evaluate/input.ts) reads the
 * input again from the start and explains what is wrong. So on valid inputs the two agree
 * exactly (tests/plan.test.ts compares them), and on any other input only `validateInput` speaks.
 */
export function readInput(rubric: Rubric, raw: unknown, limits: Limits): ValidInput | undefined {
  try {
    return read(rubric, raw, limits);
  } catch {
    // A getter or a proxy trap that throws: validateInput reports it.
    return undefined;
  }
}

/**
 * Depth of the deepest value the reader accepts: root → assessments → id → items → item, and
 * root → rows → section → row → field.
 */
const DEEPEST = 4;
const EMPTY: ReadonlySet<string> = new Set<string>();
const NO_ROWS = new Map<string, ValidRow[]>();

function read(rubric: Rubric, raw: unknown, limits: Limits): ValidInput | undefined {
  if (!isRecord(raw) || limits.maxDepth < DEEPEST) return undefined;
  const plan = rubric.plan;
  let nodes = 1;
  let valuesDoc: Record<string, unknown> | undefined;
  let assessmentsDoc: Record<string, unknown> | undefined;
  let vetoesDoc: Record<string, unknown> | undefined;
  let rowsDoc: Record<string, unknown> | undefined;
  let meta: unknown;
  let hasMeta = false;
  // for…in, not Object.keys: no array made. It also lists inherited enumerable keys, which only a
  // polluted Object.prototype has; an unknown key sends the input to validateInput.
  for (const key in raw) {
    if (key === '__proto__') return undefined;
    const v = raw[key];
    nodes++;
    if (key === 'values') {
      if (!isRecord(v)) return undefined;
      valuesDoc = v;
    } else if (key === 'assessments') {
      if (!isRecord(v)) return undefined;
      assessmentsDoc = v;
    } else if (key === 'vetoes') {
      if (!isRecord(v)) return undefined;
      vetoesDoc = v;
    } else if (key === 'rows') {
      if (!isRecord(v)) return undefined;
      rowsDoc = v;
    } else if (key === 'meta') {
      hasMeta = true;
      meta = v;
    } else if (key === '$schema') {
      if (typeof v !== 'string') return undefined;
    } else return undefined;
  }

  // Figures: known names, JSON numbers or plain decimal strings, within the declared range, each
  // at its declared index (so in the rubric's order, whatever order the input has them in).
  const inputs = plan.inputs;
  const at = new Array<Exact | undefined>(inputs.length).fill(undefined);
  let given = 0;
  let required = 0;
  if (valuesDoc) {
    let k = -1;
    for (const name in valuesDoc) {
      k++;
      nodes++;
      // Written in the rubric's order (as most systems write them): no lookup.
      const decl = name === '__proto__' ? undefined : inputs[k]?.name === name ? inputs[k]! : plan.inputByName.get(name);
      if (decl === undefined) return undefined;
      const rawValue = valuesDoc[name];
      // A figure left out (or null) is fine only where the rubric says so; otherwise validateInput decides.
      if (rawValue === undefined || rawValue === null) {
        if (!decl.optional) return undefined;
        continue;
      }
      const v = figure(rawValue);
      if (v === undefined) return undefined;
      if (decl.type === 'count' && !v.isInteger()) return undefined;
      if ((decl.min && v.lt(decl.min)) || (decl.max && v.gt(decl.max))) return undefined;
      if (!decl.optional) required++;
      if (at[decl.index] === undefined) given++;
      at[decl.index] = v;
    }
  }
  const values = new InputValues(plan, at, given);
  if (required !== plan.requiredInputs) return undefined;

  // Assessments: known indicators, the fields their rule reads, nothing else; also by the plan's
  // order of indicators, for the walk to take each without a lookup.
  const assessmentAt = new Array<Assessment | undefined>(plan.ids.length).fill(undefined);
  let anyNa = false;
  /** Checklists whose every item is answered. */
  let complete = 0;
  if (assessmentsDoc) {
    for (const id in assessmentsDoc) {
      const node = plan.byId.get(id);
      const doc = assessmentsDoc[id];
      nodes++;
      if (id === '__proto__' || !node || !isRecord(doc)) return undefined;
      const out: Assessment = {};
      let score: unknown;
      let items: Record<string, unknown> | undefined;
      let na = false;
      for (const field in doc) {
        if (field === '__proto__') return undefined;
        const v = doc[field];
        nodes++;
        if (field === 'score') {
          if (typeof v !== 'number' && typeof v !== 'string') return undefined;
          score = v;
        } else if (field === 'reason') {
          if (typeof v !== 'string') return undefined;
          out.reason = v;
        } else if (field === 'items') {
          if (!isRecord(v)) return undefined;
          items = v;
        } else if (field === 'notApplicable') {
          if (typeof v !== 'boolean') return undefined;
          na = v;
        } else return undefined;
      }
      if (na) {
        if ((node.naPolicy === 'forbidden' && !node.inPool) || score !== undefined || items !== undefined) return undefined;
        out.notApplicable = true;
        anyNa = true;
      }
      if (score !== undefined) {
        if (node.scorer?.needs !== 'judgement') return undefined;
        const s = figure(score);
        if (s === undefined) return undefined;
        out.score = s;
      }
      if (items !== undefined) {
        // Not a true/false checklist (a rated one, scale: 优/良/… per item, is read by the validator, which knows its levels).
        if (node.items === undefined) return undefined;
        // Copied first (each item read once, a `__proto__` key kept as an own key), then checked.
        const copy = { ...items } as Record<string, unknown>;
        const keys = Object.keys(copy);
        const known = node.items;
        for (let k = 0; k < keys.length; k++) {
          const item = keys[k]!;
          nodes++;
          if (typeof copy[item] !== 'boolean' || item === '__proto__' || (known[k] !== item && !known.includes(item))) return undefined;
        }
        out.items = copy as Record<string, boolean>;
        // Every item answered: the keys are known and distinct, so as many as the rubric has.
        if (keys.length === known.length) complete++;
      }
      assessmentAt[node.order] = out;
    }
  }
  // Every judgement and checklist that applies has the evaluator's word.
  const na = anyNa ? notApplicableIds(plan.roots, assessmentAt) : EMPTY;
  // Checklists answered in full, when none is 不适用, are counted: no need to look at each again.
  let checklists = 0;
  for (const n of plan.asked) {
    if (na.has(n.id)) continue;
    if (n.items === undefined) {
      if (assessmentAt[n.order]?.score === undefined) return undefined;
    } else if (anyNa || complete === 0) {
      const a = assessmentAt[n.order];
      for (const item of n.items) if (typeof a?.items?.[item] !== 'boolean') return undefined;
    } else checklists++;
  }
  if (!anyNa && checklists !== 0 && checklists !== complete) {
    // Some checklist is not answered in full (or an answered one is not asked): look at each.
    for (const n of plan.asked) {
      if (n.items === undefined) continue;
      const a = assessmentAt[n.order];
      for (const item of n.items) if (typeof a?.items?.[item] !== 'boolean') return undefined;
    }
  }

  let rows = NO_ROWS;
  if (rowsDoc || plan.rowSections.length) {
    const read = readSections(rubric, rowsDoc, na, limits.maxNodes - nodes);
    if (read === undefined) return undefined;
    rows = read.rows;
    nodes += read.nodes;
  }

  const vetoes = new Map<string, string>();
  if (vetoesDoc) {
    for (const id of Object.keys(vetoesDoc)) {
      const reason = vetoesDoc[id];
      nodes++;
      if (typeof reason !== 'string' || isBlankReason(reason) || id === '__proto__' || !rubric.vetoes.some((v) => v.id === id)) return undefined;
      vetoes.set(id, reason);
    }
  }

  // meta is free data: it must be plain and within the limits, and is otherwise not read.
  if (hasMeta) {
    if (!isRecord(meta)) return undefined;
    const flat = flatMetaNodes(meta);
    if (flat !== undefined) nodes += flat;
    else {
      const copy = snapshotPlainData(meta, { ...limits, maxDepth: limits.maxDepth - 1, maxNodes: limits.maxNodes - nodes + 1 });
      if (!copy.ok) return undefined;
    }
  }
  if (nodes > limits.maxNodes) return undefined;
  return new ReadInput(plan, values, at, assessmentAt, vetoes, rows, anyNa);
}

/**
 * What the compiled reader read. The walk takes each assessment by the plan's order
 * (`assessmentAt`); the map by id is made only if something asks for it (a policy that looks an
 * indicator up by id), since most evaluations never do.
 */
class ReadInput implements ValidInput {
  readonly badValues = EMPTY as Set<string>;
  readonly badAssessments = EMPTY as Set<string>;
  readonly badRows = EMPTY as Set<string>;
  private byId: Map<string, Assessment> | undefined;

  constructor(
    private readonly plan: Plan,
    readonly values: ReadonlyMap<string, Exact>,
    readonly valueAt: readonly (Exact | undefined)[],
    readonly assessmentAt: readonly (Assessment | undefined)[],
    readonly vetoes: Map<string, string>,
    readonly rows: Map<string, ValidRow[]>,
    readonly someNotApplicable: boolean,
  ) {}

  /** The assessments by indicator id, in the order of the plan. */
  get assessments(): Map<string, Assessment> {
    if (this.byId === undefined) {
      const byId = new Map<string, Assessment>();
      const ids = this.plan.ids;
      for (let k = 0; k < ids.length; k++) {
        const a = this.assessmentAt[k];
        if (a !== undefined) byId.set(ids[k]!, a);
      }
      this.byId = byId;
    }
    return this.byId;
  }
}

/**
 * The rows of a project form, by section in the input's order, as validateInput reads valid ones
 * (readAllRows in input.ts): known sections only, each a list of rows; a section left without
 * rows only where the rubric allows it, and 分值 adding up to the section's max where it says
 * `weights: exact` (a section marked 不适用 is not held to either). Undefined at the first thing
 * that is not so, or once more than `room` values have been read.
 */
function readSections(rubric: Rubric, doc: Record<string, unknown> | undefined, na: ReadonlySet<string>, room: number): { rows: Map<string, ValidRow[]>; nodes: number } | undefined {
  const plan = rubric.plan;
  const rows = new Map<string, ValidRow[]>();
  let nodes = 0;
  if (doc) {
    let targets = targetsOf.get(rubric);
    if (targets === undefined) targetsOf.set(rubric, (targets = new Map()));
    for (const id of Object.keys(doc)) {
      const node = id === '__proto__' ? undefined : plan.byId.get(id);
      const list = doc[id];
      nodes++;
      if (node?.rows === undefined || !Array.isArray(list)) return undefined;
      const n = list.length;
      const out: ValidRow[] = [];
      for (let index = 0; index < n; index++) {
        const r = list[index];
        if (!isRecord(r)) return undefined;
        const keys = Object.keys(r);
        nodes += 1 + keys.length;
        if (nodes > room) return undefined;
        const row = readRow(r, keys, index, node.rows.emptyTarget, rubric.precision, targets);
        if (row === undefined) return undefined;
        out.push(row);
      }
      rows.set(id, out);
    }
  }
  for (const s of plan.rowSections) {
    if (na.has(s.id)) continue;
    const list = rows.get(s.id);
    if (list === undefined || list.length === 0) {
      if (s.rows!.empty === 'forbidden') return undefined;
      continue;
    }
    if (s.rows!.weights === 'exact') {
      let sum = Exact.int(0);
      for (const r of list) sum = sum.plus(r.weight);
      if (!sum.eq(s.maxExact)) return undefined;
    }
  }
  return { rows, nodes };
}

/**
 * The 年度指标值 each rubric's forms write, read once: a sheet's forms write the same few targets
 * (`≥95%`, `100%`, `达成预期指标`) row after row, form after form, and reading one again is most of
 * the cost of a row (bench/rows.mjs: 2.8 µs a row without this, 1.8 µs with it). Null for a text
 * readProjectTarget does not read. Kept with the rubric, at most MAX_TARGETS texts of at most
 * LONGEST_TARGET characters (then started again). Rows of many inputs share a target: the walk
 * and the result only read it.
 */
const targetsOf = new WeakMap<Rubric, Map<string, ProjectTarget | null>>();
const MAX_TARGETS = 1024;
const LONGEST_TARGET = 64;

function targetOf(targets: Map<string, ProjectTarget | null>, text: string): ProjectTarget | null {
  let t = targets.get(text);
  if (t === undefined) {
    t = readProjectTarget(text) ?? null;
    if (text.length <= LONGEST_TARGET) {
      if (targets.size >= MAX_TARGETS) targets.clear();
      targets.set(text, t);
    }
  }
  return t;
}

const NATURES: ReadonlySet<unknown> = new Set(['≥', '≤', '=', '>', '<', '定性']);
const LEVELS: ReadonlySet<unknown> = new Set(['达成', '部分达成', '未达成']);
/** Text or a finite number (the schema's `z.union([z.string(), z.number()])`), or left out. */
const textOrNumber = (v: unknown) => v === undefined || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/**
 * One row as `readRows` takes a valid one, each field read once: the same ValidRow, field for
 * field; undefined for anything `readRows` would say something about, or that it reads in a way
 * this reader does not (an actual or a 分值 with spaces, in exponent form, with a leading zero).
 */
function readRow(r: Record<string, unknown>, keys: string[], index: number, emptyTarget: 'forbidden' | 'not_applicable', places: number, targets: Map<string, ProjectTarget | null>): ValidRow | undefined {
  let group: string | undefined;
  let name: unknown;
  let target: string | number | undefined;
  let nature: string | undefined;
  let unit: string | undefined;
  let actual: string | number | undefined;
  let weight: unknown;
  let level: Level | undefined;
  let score: string | number | undefined;
  let reason: string | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const v = r[key];
    switch (key) {
      case 'name':
        name = v;
        break;
      case 'weight':
        weight = v;
        break;
      case 'target':
        if (!textOrNumber(v)) return undefined;
        target = v as string | number | undefined;
        break;
      case 'actual':
        if (!textOrNumber(v)) return undefined;
        actual = v as string | number | undefined;
        break;
      case 'score':
        if (!textOrNumber(v)) return undefined;
        score = v as string | number | undefined;
        break;
      case 'group':
      case 'unit':
      case 'reason':
        if (v !== undefined && typeof v !== 'string') return undefined;
        if (key === 'group') group = v;
        else if (key === 'unit') unit = v;
        else reason = v;
        break;
      case 'level':
        if (v !== undefined && !LEVELS.has(v)) return undefined;
        level = v as Level | undefined;
        break;
      case 'nature':
        if (v !== undefined && !NATURES.has(v)) return undefined;
        nature = v as string | undefined;
        break;
      default:
        // An unknown key, `__proto__` among them.
        return undefined;
    }
  }
  if (typeof name !== 'string' || name === '') return undefined;
  const w = figure(weight);
  if (w === undefined || w.isNegative() || !onGrid(w, places)) return undefined;
  const text = rowTargetText(target, unit, nature);
  if (text === '') {
    // 不适用 where the rubric says so: nothing else of the row is read.
    if (emptyTarget !== 'not_applicable') return undefined;
    return { index, group: rowGroup(group), name, target: undefined, actual: undefined, weight: w, level: undefined, score: undefined, reason };
  }
  const t = targetOf(targets, text);
  if (t === null) return undefined;
  if (t.kind === 'number' || t.kind === 'range') {
    if (level !== undefined || score !== undefined || actual === undefined) return undefined;
    const written = String(actual);
    if (written === '' || written.trim() !== written) return undefined;
    const split = splitActual(written, t.unit);
    if (split.problem !== undefined || !PLAIN.test(split.digits)) return undefined;
    const a = inTargetUnit(Exact.plainDecimal(split.digits), split.factor);
    return { index, group: rowGroup(group), name, target: t, actual: a, weight: w, level: undefined, score: undefined, reason };
  }
  const chosen = rowLevel(level, actual);
  if (chosen === undefined || chosen === 'disagree') return undefined;
  const s = figure(score);
  if (s === undefined || s.isNegative() || !onGrid(s, places)) return undefined;
  return { index, group: rowGroup(group), name, target: t, actual: undefined, weight: w, level: chosen, score: s, reason };
}

/**
 * The values in a meta object whose every value is a string, a number, a boolean or null (the
 * usual `{ id, 单位, 主管部门 }`): plain data at once, counted without a copy. Anything else
 * (a nested value, a `__proto__` key): undefined, and snapshotPlainData looks at it.
 */
export function flatMetaNodes(meta: Record<string, unknown>): number | undefined {
  const keys = Object.keys(meta);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k === '__proto__') return undefined;
    const v = meta[k];
    if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return undefined;
  }
  return keys.length;
}

/**
 * A plain object (not an array, a class instance or null). Its keys are then read with
 * `Object.keys`, and a `__proto__` own key among them sends the input to validateInput.
 */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && isPlainObject(v);
}

/**
 * Digits as `parseDecimal` reads them without doubt: `-12.5`, `0.25`, `31`. Leading zeros,
 * exponents, spaces, `+`, more than 15 integer digits or 24 decimals are left to validateInput.
 */
const PLAIN = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,24})?$/;

/**
 * The decimals (1 to 6) of a JSON number that is a decimal of at most 6 decimals and 15 digits
 * (95.3, 0.25, 12345.67), read without printing it; 0 when it is none. m ÷ 10^k is correctly
 * rounded, so when it gives back the double, the decimal m·10^−k rounds to it; decimals of at most
 * 15 significant digits round to distinct doubles, so it is the one `String(raw)` prints, and the
 * first k that works leaves no trailing zero: `Math.round(raw × 10^k)` over 10^k is the text, exactly.
 */
export function shortDecimalPlaces(raw: number): number {
  const a = raw < 0 ? -raw : raw;
  if (!(a >= 1e-6 && a < 1e9)) return 0;
  for (let k = 1, p = 10; k <= 6; k++, p *= 10) if (Math.round(raw * p) / p === raw) return k;
  return 0;
}

/** A figure's exact value, or undefined when validateInput must look at it. */
function figure(raw: unknown): Exact | undefined {
  let text: string;
  if (typeof raw === 'number') {
    // An integer below 10^15 is what its text would be: read it as it is.
    if (Number.isInteger(raw) && raw < 1e15 && raw > -1e15) return Exact.int(raw);
    if (!Number.isFinite(raw)) return undefined;
    const k = shortDecimalPlaces(raw);
    if (k > 0) return Exact.scaledInteger(Math.round(raw * 10 ** k), k);
    text = String(raw);
  } else if (typeof raw === 'string') {
    const v = plainDigits(raw);
    if (v === v) return Exact.scaledInteger(v, plainPlaces);
    text = raw;
  } else return undefined;
  if (!PLAIN.test(text)) return undefined;
  return Exact.plainDecimal(text);
}

/** The places (digits after the point) of the text {@link plainDigits} last read. */
export let plainPlaces = 0;

/**
 * A plain decimal text of at most 15 digits in all (`-12.5`, `0.25`, `31`: `-?(0|[1-9]\d*)(\.\d+)?`),
 * read in one pass: its digits as a safe integer with the sign (−0 for `-0`), its places in
 * {@link plainPlaces}; NaN for anything else. What `PLAIN` and `Exact.plainDecimal` make of such a
 * text, and what the compiled totals scorer reads a figure's text as.
 */
export function plainDigits(text: string): number {
  const len = text.length;
  let i = 0;
  const neg = len > 0 && text.charCodeAt(0) === 45;
  if (neg) i++;
  const start = i;
  let v = 0;
  let digits = 0;
  for (; i < len; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    digits++;
  }
  // No digit, or a leading zero before another digit (07): not plain.
  if (digits === 0 || (digits > 1 && text.charCodeAt(start) === 48)) return NaN;
  let k = 0;
  if (i < len) {
    if (text.charCodeAt(i) !== 46) return NaN;
    for (i++; i < len; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return NaN;
      v = v * 10 + c;
      k++;
    }
    if (k === 0) return NaN;
  }
  if (digits + k > 15) return NaN;
  plainPlaces = k;
  return neg ? -v : v;
}

function notApplicableIds(nodes: readonly PlanNode[], assessmentAt: readonly (Assessment | undefined)[]): Set<string> {
  const out = new Set<string>();
  const mark = (list: readonly PlanNode[], above: boolean) => {
    for (const n of list) {
      const na = above || assessmentAt[n.order]?.notApplicable === true;
      if (na) out.add(n.id);
      mark(n.children, na);
    }
  };
  mark(nodes, false);
  return out;
}
