import { safeEvaluate } from '../evaluate/evaluate.js';
import type { EvaluationInput } from '../evaluate/input.js';
import type { ScoreResult } from '../evaluate/result.js';
import type { Issue } from '../issues/issue.js';
import { checkRubric } from '../rubric/brand.js';
import type { Rubric } from '../rubric/compile.js';
import { locateIssues, readDocument } from '../source/document.js';
import { DEFAULT_LIMITS, type Limits } from '../source/limits.js';
import { isText } from '../source/read.js';

/** One record of a batch: an evaluation input, or its JSON/YAML text (or UTF-8 bytes). */
export type BatchRecord = EvaluationInput | string | Uint8Array;

/** What {@link evaluateMany} yields for each record, in input order. */
export type BatchOutcome =
  | { index: number; id: string | undefined; result: ScoreResult; warnings: Issue[] }
  | { index: number; id: string | undefined; issues: Issue[] };

export interface EvaluateManyOptions {
  /** The `meta` field that names a record (default `id`): its value, as text, is the outcome's `id`. */
  idField?: string;
  /** Stop after the first record that has issues (it is still yielded). Default false. */
  failFast?: boolean;
  /** File name for the positions of issues in records given as text. */
  file?: string;
  /** Limits for each record given as text (the size limit applies to one record). */
  limits?: Partial<Limits>;
}

/** The text of `meta[field]` when it is a string or a number, else undefined. */
function idOf(doc: unknown, field: string): string | undefined {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const meta = Object.prototype.hasOwnProperty.call(doc, 'meta') ? (doc as { meta?: unknown }).meta : undefined;
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta) || !Object.prototype.hasOwnProperty.call(meta, field)) return undefined;
  const v = (meta as Record<string, unknown>)[field];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** Characters outside what both document readers take as they are (src/source/json.ts, `printable`). */
const NOT_PLAIN = /[^\x20-\x7e\u00a0-\ud7ff\ue000-\ufefe\uff00-\ufffd]/;

/**
 * Number tokens of a JSON text: what follows a `:`, `,` or `[` (and any spaces) and starts like
 * a number. Inside strings this finds look-alikes too ("时间:1.50"), which only sends the record
 * the long way; no number token of the document escapes it.
 */
const NUMBER_TOKEN = /[:,[] *(-?\d[\d.eE+-]*)/g;

/**
 * A number token that `JSON.parse` and the document reader read alike: written the way
 * `String(number)` writes it back (no exponent, no trailing fraction zero, not `-0`, not below
 * 10⁻⁶), with at most 15 digits, so that the double it becomes prints as the same text.
 */
const CANONICAL_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

function canonicalNumber(t: string): boolean {
  if (!CANONICAL_NUMBER.test(t) || t === '-0') return false;
  const digits = t.length - (t.charCodeAt(0) === 45 ? 1 : 0) - (t.includes('.') ? 1 : 0);
  return digits <= 15 && !/^-?0\.000000/.test(t);
}

/**
 * Keys in a JSON text with no backslash: each key is a string followed by `:` (spaces between
 * them allowed), and nothing else is, as a string cannot hold a quote without a backslash.
 */
function keysInText(text: string): number {
  let n = 0;
  for (let i = text.indexOf('":'); i >= 0; i = text.indexOf('":', i + 2)) n++;
  if (text.includes('" ')) n += text.match(/" +:/g)?.length ?? 0;
  return n;
}

/**
 * A record's JSON text as `JSON.parse` reads it, when that is sure to be what the document reader
 * makes of it (numbers aside, which the reader keeps as their text, and which here are the
 * doubles whose text that is): one line of compact JSON with printable characters only, no
 * backslash (so no escape, and every `":` ends a key), no `__proto__`, every number written as
 * `String(number)` writes it back, no key twice (the keys `JSON.parse` kept are all the keys of
 * the text), well within the size, depth and node limits. Anything else: undefined, and the
 * record is read as text. (tests/batch-plain-json.test.ts checks this against readDocument.)
 * @internal
 */
export function plainJson(text: string, limits: Limits): unknown {
  if (text.charCodeAt(0) !== 123 || text.length * 3 > limits.maxBytes || NOT_PLAIN.test(text) || text.includes('\\') || text.includes('__proto__')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  NUMBER_TOKEN.lastIndex = 0;
  for (let m = NUMBER_TOKEN.exec(text); m !== null; m = NUMBER_TOKEN.exec(text)) if (!canonicalNumber(m[1]!)) return undefined;
  let keys = 0;
  let nodes = 0;
  const maxNodes = limits.maxNodes / 4;
  const maxDepth = limits.maxDepth / 2;
  const walk = (v: unknown, depth: number): boolean => {
    if (++nodes > maxNodes) return false;
    if (v === null || typeof v !== 'object') return true;
    if (depth >= maxDepth) return false;
    if (Array.isArray(v)) {
      for (const x of v) if (!walk(x, depth + 1)) return false;
      return true;
    }
    const own = Object.keys(v);
    keys += own.length;
    for (let i = 0; i < own.length; i++) if (!walk((v as Record<string, unknown>)[own[i]!], depth + 1)) return false;
    return true;
  };
  if (!walk(value, 0) || keys !== keysInText(text)) return undefined;
  return value;
}

/**
 * Score one record as {@link evaluateMany} does: the outcome is exactly `safeEvaluate(rubric,
 * record)`'s (the same result, issues and warnings, byte for byte), with the record's id.
 * A record given as text is read once; only a record with issues (or warnings) is read again, so
 * that they carry the positions `safeEvaluate` gives them.
 */
export function evaluateRecord(rubric: Rubric, record: BatchRecord, index: number, options: EvaluateManyOptions = {}): BatchOutcome {
  const field = options.idField ?? 'id';
  const file = options.file;
  const opts = file === undefined ? (options.limits ? { limits: options.limits } : {}) : options.limits ? { file, limits: options.limits } : { file };
  if (!isText(record)) {
    let id: string | undefined;
    try {
      id = idOf(record, field);
    } catch {
      id = undefined; // a hostile object: safeEvaluate says what is wrong with it
    }
    const r = safeEvaluate(rubric, record, opts);
    return r.success ? { index, id, result: r.value, warnings: r.warnings } : { index, id, issues: r.issues };
  }
  const limits: Limits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
  // Compact JSON lines, as finance systems write them, are read by JSON.parse when that is sure
  // to give the same document; a record it scores without a warning is the text's outcome.
  // (Rows of a project form are left to the document reader, which keeps numbers as written.)
  if (typeof record === 'string' && !options.limits && checkRubric(rubric) === undefined && rubric.plan.rowSections.length === 0) {
    const value = plainJson(record, limits);
    if (value !== undefined) {
      const r = safeEvaluate(rubric, value as EvaluationInput);
      if (r.success && r.warnings.length === 0) return { index, id: idOf(value, field), result: r.value, warnings: [] };
    }
  }
  const read = options.limits ? undefined : readDocument(record, limits, file);
  if (!read || !read.ok) {
    const r = safeEvaluate(rubric, record, opts);
    return r.success ? { index, id: undefined, result: r.value, warnings: r.warnings } : { index, id: undefined, issues: r.issues };
  }
  const id = idOf(read.doc.value, field);
  // The same reading safeEvaluate does for text: its compiled reader on the document's value.
  const r = safeEvaluate(rubric, read.doc.value as EvaluationInput);
  if (r.success) return { index, id, result: r.value, warnings: locateIssues(r.warnings, read.doc) };
  const again = safeEvaluate(rubric, record, opts);
  return again.success ? { index, id, result: again.value, warnings: again.warnings } : { index, id, issues: again.issues };
}

/**
 * Score many evaluations, one at a time, with constant memory: records are taken from
 * `records` (an iterable or an async iterable) as the outcomes are consumed.
 * @param rubric a rubric from {@link loadRubric}
 * @param records evaluation inputs, or their JSON/YAML texts (NDJSON lines, say)
 * @param options `idField` (the `meta` field naming a record, default `id`), `failFast`, `file`, `limits`
 * @returns an async iterable of `{ index, id, result, warnings }` or `{ index, id, issues }`, in input order;
 *   a record's issues do not stop the batch unless `failFast` is set
 * @example
 * for await (const o of evaluateMany(rubric, lines)) {
 *   if ('result' in o) console.log(o.id, o.result.total, o.result.grade);
 *   else console.log(o.id, formatIssues(o.issues));
 * }
 */
export async function* evaluateMany(
  rubric: Rubric,
  records: Iterable<BatchRecord> | AsyncIterable<BatchRecord>,
  options: EvaluateManyOptions = {},
): AsyncGenerator<BatchOutcome, void, undefined> {
  let index = 0;
  for await (const record of records) {
    const outcome = evaluateRecord(rubric, record, index++, options);
    yield outcome;
    if (options.failFast && 'issues' in outcome) return;
  }
}
