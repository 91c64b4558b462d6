import { Exact } from '../exact.js';
import type { PlanNode, Rubric } from '../rubric/types.js';
import type { Assessment } from '../rules/types.js';
import type { Limits } from '../source/limits.js';
import { isPlainObject, snapshotPlainData } from '../source/plain.js';
import type { ValidInput } from './input.js';
import type { ValidRow } from '../project/rows.js';
import { isBlankReason } from '../rules/text.js';

/**
 * The compiled reader: reads an evaluation input that is entirely valid, each property once,
 * straight into what scoring needs — no deep copy, no schema run. It accepts only what it
 * understands completely: plain objects (no `__proto__` key, no class instances), figures as
 * JSON numbers or plain decimal strings, known names, known items, every required figure and
 * assessment present. Anything else — an unknown name, `" 95"`, `"95%"`, a missing score, a
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

/** Depth of the deepest value the reader accepts: root → assessments → id → items → item. */
const DEEPEST = 4;
const EMPTY: ReadonlySet<string> = new Set<string>();
const NO_ROWS = new Map<string, ValidRow[]>();

function read(rubric: Rubric, raw: unknown, limits: Limits): ValidInput | undefined {
  if (!isRecord(raw) || limits.maxDepth < DEEPEST) return undefined;
  const plan = rubric.plan;
  // Rows of a project form are read, row by row, by validateInput.
  if (plan.rowSections.length) return undefined;
  let nodes = 1;
  let valuesDoc: Record<string, unknown> | undefined;
  let assessmentsDoc: Record<string, unknown> | undefined;
  let vetoesDoc: Record<string, unknown> | undefined;
  let meta: unknown;
  let hasMeta = false;
  for (const key of Object.keys(raw)) {
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
    } else if (key === 'meta') {
      hasMeta = true;
      meta = v;
    } else if (key === '$schema') {
      if (typeof v !== 'string') return undefined;
    } else return undefined;
  }

  // Figures: known names, JSON numbers or plain decimal strings, within the declared range.
  // Map order is the rubric's declaration order, whatever order the input has them in.
  const values = new Map<string, Exact>();
  let required = 0;
  if (valuesDoc) {
    const read: (Exact | undefined)[] = new Array<Exact | undefined>(plan.inputs.length).fill(undefined);
    for (const name of Object.keys(valuesDoc)) {
      nodes++;
      const decl = name === '__proto__' ? undefined : plan.inputByName.get(name);
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
      read[decl.index] = v;
    }
    for (const decl of plan.inputs) {
      const v = read[decl.index];
      if (v !== undefined) values.set(decl.name, v);
    }
  }
  if (required !== plan.requiredInputs) return undefined;

  // Assessments: known indicators, the fields their rule reads, nothing else.
  const assessments = new Map<string, Assessment>();
  let anyNa = false;
  if (assessmentsDoc) {
    for (const id of Object.keys(assessmentsDoc)) {
      const node = plan.byId.get(id);
      const doc = assessmentsDoc[id];
      nodes++;
      if (id === '__proto__' || !node || !isRecord(doc)) return undefined;
      const out: Assessment = {};
      let score: unknown;
      let items: Record<string, unknown> | undefined;
      let na = false;
      for (const field of Object.keys(doc)) {
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
        for (const item of Object.keys(copy)) {
          nodes++;
          if (typeof copy[item] !== 'boolean' || item === '__proto__' || !node.items.includes(item)) return undefined;
        }
        out.items = copy as Record<string, boolean>;
      }
      assessments.set(id, out);
    }
  }
  // Every judgement and checklist that applies has the evaluator's word.
  const na = anyNa ? notApplicableIds(plan.roots, assessments) : EMPTY;
  for (const n of plan.asked) {
    if (na.has(n.id)) continue;
    const a = assessments.get(n.id);
    if (n.items === undefined) {
      if (a?.score === undefined) return undefined;
    } else {
      for (const item of n.items) if (typeof a?.items?.[item] !== 'boolean') return undefined;
    }
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
  return { values, assessments, vetoes, badValues: EMPTY as Set<string>, badAssessments: EMPTY as Set<string>, rows: NO_ROWS, badRows: EMPTY as Set<string> };
}

/**
 * The values in a meta object whose every value is a string, a number, a boolean or null (the
 * usual `{ id, 单位, 主管部门 }`): plain data at once, counted without a copy. Anything else
 * (a nested value, a `__proto__` key): undefined, and snapshotPlainData looks at it.
 */
function flatMetaNodes(meta: Record<string, unknown>): number | undefined {
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
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && isPlainObject(v);
}

/**
 * Digits as `parseDecimal` reads them without doubt: `-12.5`, `0.25`, `31`. Leading zeros,
 * exponents, spaces, `+`, more than 15 integer digits or 24 decimals are left to validateInput.
 */
const PLAIN = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,24})?$/;

/** A figure's exact value, or undefined when validateInput must look at it. */
function figure(raw: unknown): Exact | undefined {
  let text: string;
  if (typeof raw === 'number') {
    // An integer below 10^15 is what its text would be: read it as it is.
    if (Number.isInteger(raw) && raw < 1e15 && raw > -1e15) return Exact.int(raw);
    if (!Number.isFinite(raw)) return undefined;
    text = String(raw);
  } else if (typeof raw === 'string') text = raw;
  else return undefined;
  if (!PLAIN.test(text)) return undefined;
  return Exact.plainDecimal(text);
}

function notApplicableIds(nodes: readonly PlanNode[], assessments: ReadonlyMap<string, Assessment>): Set<string> {
  const out = new Set<string>();
  const mark = (list: readonly PlanNode[], above: boolean) => {
    for (const n of list) {
      const na = above || assessments.get(n.id)?.notApplicable === true;
      if (na) out.add(n.id);
      mark(n.children, na);
    }
  };
  mark(nodes, false);
  return out;
}
