import { safeEvaluate, safeScore, type EvaluateOptions } from '../evaluate/evaluate.js';
import { compiledTotalsBytes, compiledTotalsText } from '../evaluate/compiled.js';
import type { EvaluationInput } from '../evaluate/input.js';
import type { ScoreResult, ScoreTotals } from '../evaluate/result.js';
import type { SafeResult } from '../issues/errors.js';
import type { Issue } from '../issues/issue.js';
import { checkRubric } from '../rubric/brand.js';
import type { Rubric } from '../rubric/types.js';
import { locateIssues, readDocument } from '../source/document.js';
import { DEFAULT_LIMITS, type Limits } from '../source/limits.js';
import { isText } from '../source/read.js';

/** One record of a batch: an evaluation input, or its JSON/YAML text (or UTF-8 bytes). */
export type BatchRecord = EvaluationInput | string | Uint8Array;

/** What {@link evaluateMany} yields for each record, in input order. */
export type BatchOutcome =
  | { index: number; id: string | undefined; result: ScoreResult; warnings: Issue[] }
  | { index: number; id: string | undefined; issues: Issue[] };

/** What {@link evaluateMany} yields for each record with `totals: true`: the totals path's figures (see `score`). */
export type BatchTotalsOutcome =
  | { index: number; id: string | undefined; totals: ScoreTotals; warnings: Issue[] }
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
  /**
   * Only the figures: each record's total, max, grade and indicator scores (`score`), without
   * reasons or the result tree — the same numbers and issues, several times faster. Default false.
   */
  totals?: boolean;
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

/**
 * A character the document readers take as it is, in a string (src/source/json.ts, `printable`):
 * not a control character, not a surrogate (a character beyond the BMP goes the long way), not
 * U+FEFF, U+FFFE or U+FFFF.
 */
function printable(c: number): boolean {
  return c >= 0x20 && (c <= 0x7e || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfefe) || (c >= 0xff00 && c <= 0xfffd));
}

/**
 * One pass over a record's JSON text, which says whether `JSON.parse` reads it as the document
 * reader does, and how many keys it has. It is plain when, outside strings, there are only
 * structure, spaces, `true`/`false`/`null` and numbers written as `String(number)` writes them
 * back (no exponent, no trailing fraction zero, not `-0`, not below 10⁻⁶, at most 15 digits, so
 * the double prints as the same text the reader keeps), and strings hold printable characters
 * and no backslash (so no escape, and no quote: every `:` outside strings follows a key).
 * Nesting and the number of values stay within the limits. Returns the number of keys, or -1.
 */
function scanPlain(text: string, maxDepth: number, maxNodes: number): number {
  let keys = 0;
  let depth = 0;
  let values = 1;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c === 34) {
      // A string: printable characters up to the closing quote, no backslash.
      for (i++; i < n; i++) {
        c = text.charCodeAt(i);
        if (c === 34) break;
        if (c === 92 || !printable(c)) return -1;
      }
      if (i === n) return -1;
    } else if (c === 58) {
      keys++;
      values++;
    } else if (c === 44) values++;
    else if (c === 123 || c === 91) {
      if (++depth > maxDepth) return -1;
      values++;
    } else if (c === 125 || c === 93) depth--;
    else if (c === 45 || (c >= 48 && c <= 57)) {
      // A number: -?(0|[1-9]\d*)(\.\d*[1-9])?, at most 15 digits, not -0, not 0.000000…
      let j = c === 45 ? i + 1 : i;
      const first = j;
      c = text.charCodeAt(j);
      if (c === 48) j++;
      else if (c >= 49 && c <= 57) while (j < n && (c = text.charCodeAt(j)) >= 48 && c <= 57) j++;
      else return -1;
      const whole = j - first;
      let digits = whole;
      if (j < n && text.charCodeAt(j) === 46) {
        const from = ++j;
        while (j < n && (c = text.charCodeAt(j)) >= 48 && c <= 57) j++;
        if (j === from || text.charCodeAt(j - 1) === 48) return -1;
        if (whole === 1 && text.charCodeAt(first) === 48 && text.startsWith('000000', from)) return -1;
        digits += j - from;
      } else if (whole === 1 && first > i && text.charCodeAt(first) === 48) return -1; // -0
      if (digits > 15) return -1;
      // Then the number ends: an exponent (9e1) or anything else after it is not plain.
      if (j < n && (c = text.charCodeAt(j)) !== 44 && c !== 125 && c !== 93 && c !== 32) return -1;
      i = j - 1;
    } else if (c !== 32 && !(c >= 97 && c <= 122)) return -1;
  }
  return values > maxNodes ? -1 : keys;
}

/** The keys of the objects in a value from JSON.parse: fewer than the text's when a key came twice. */
function keysOf(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  let keys = 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) keys += keysOf(v[i]);
    return keys;
  }
  const own = Object.keys(v);
  keys = own.length;
  for (let i = 0; i < own.length; i++) keys += keysOf((v as Record<string, unknown>)[own[i]!]);
  return keys;
}

/**
 * A record's JSON text as `JSON.parse` reads it, when that is sure to be what the document reader
 * makes of it (numbers aside, which the reader keeps as their text, and which here are the
 * doubles whose text that is): an object, plain as {@link scanPlain} says, with no `__proto__`
 * and no key twice (the keys `JSON.parse` kept are all the keys of the text), well within the
 * size, depth and node limits. Anything else: undefined, and the record is read as text.
 * (tests/batch-plain-json.test.ts checks this against readDocument.)
 * @internal
 */
export function plainJson(text: string, limits: Limits): unknown {
  if (text.charCodeAt(0) !== 123 || text.length * 3 > limits.maxBytes || text.includes('__proto__')) return undefined;
  const keys = scanPlain(text, limits.maxDepth / 2, limits.maxNodes / 4);
  if (keys < 0) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return keysOf(value) === keys ? value : undefined;
}

/**
 * Score one record as {@link evaluateMany} does: the outcome is exactly `safeEvaluate(rubric,
 * record)`'s (the same result, issues and warnings, byte for byte), with the record's id.
 * A record given as text is read once; only a record with issues (or warnings) is read again, so
 * that they carry the positions `safeEvaluate` gives them.
 */
export function evaluateRecord(rubric: Rubric, record: BatchRecord, index: number, options: EvaluateManyOptions = {}): BatchOutcome {
  const o = scoreOne(rubric, record, options, safeEvaluate);
  return o.success ? { index, id: o.id, result: o.value, warnings: o.warnings } : { index, id: o.id, issues: o.issues };
}

/**
 * One record's totals (the totals path, `safeScore`), read as {@link evaluateRecord} reads it:
 * the same issues and warnings, the figures of its result.
 */
export function scoreRecord(rubric: Rubric, record: BatchRecord, index: number, options: EvaluateManyOptions = {}): BatchTotalsOutcome {
  const o = scoreOne(rubric, record, options, safeScore);
  return o.success ? { index, id: o.id, totals: o.value, warnings: o.warnings } : { index, id: o.id, issues: o.issues };
}

/**
 * What {@link scoreRecord} gives for a record's JSON text, from the text's UTF-8 bytes (a line of an
 * NDJSON file as read), where the compiled totals scorer reads them without decoding; undefined
 * where it does not (decode the bytes and call scoreRecord).
 */
export function scoreRecordBytes(rubric: Rubric, bytes: Uint8Array, index: number, options: EvaluateManyOptions = {}): BatchTotalsOutcome | undefined {
  const t = readsDirectly(rubric, options) ? compiledTotalsBytes(rubric, bytes, DEFAULT_LIMITS, options.idField ?? 'id', options.file) : undefined;
  return t && { index, id: t.id, totals: t.totals, warnings: t.warnings };
}

/**
 * Whether a record's text (or bytes) is read without the document reader: the default limits, a
 * rubric that is one, no rows of a project form (the document reader keeps their numbers as written).
 */
function readsDirectly(rubric: Rubric, options: EvaluateManyOptions): boolean {
  return !options.limits && checkRubric(rubric) === undefined && rubric.plan.rowSections.length === 0;
}

type Safe<T> = (rubric: Rubric, input: EvaluationInput | string | Uint8Array, opts?: EvaluateOptions) => SafeResult<T>;

function scoreOne<T>(rubric: Rubric, record: BatchRecord, options: EvaluateManyOptions, safe: Safe<T>): SafeResult<T> & { id: string | undefined } {
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
    return { ...safe(rubric, record, opts), id };
  }
  const limits: Limits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
  // Compact JSON lines, as finance systems write them, are read by JSON.parse when that is sure
  // to give the same document; a record it scores without a warning is the text's outcome.
  // (Rows of a project form are left to the document reader, which keeps numbers as written.)
  // A record as UTF-8 bytes, on the totals path: read from its bytes where the compiled scorer can.
  if (record instanceof Uint8Array && safe === (safeScore as unknown)) {
    const o = scoreRecordBytes(rubric, record, 0, options);
    if (o !== undefined && 'totals' in o) return { success: true, value: o.totals as T, warnings: o.warnings, id: o.id };
  }
  if (typeof record === 'string' && readsDirectly(rubric, options)) {
    // On the totals path, a record the compiled scorer reads from its text needs no JSON.parse.
    if (safe === (safeScore as unknown)) {
      const t = compiledTotalsText(rubric, record, limits, field, file);
      if (t !== undefined) return { success: true, value: t.totals as T, warnings: t.warnings, id: t.id };
    }
    const value = plainJson(record, limits);
    if (value !== undefined) {
      const r = safe(rubric, value as EvaluationInput);
      if (r.success && r.warnings.length === 0) return { ...r, id: idOf(value, field) };
    }
  }
  const read = options.limits ? undefined : readDocument(record, limits, file);
  if (!read || !read.ok) return { ...safe(rubric, record, opts), id: undefined };
  const id = idOf(read.doc.value, field);
  // The same reading safeEvaluate does for text: its compiled reader on the document's value.
  const r = safe(rubric, read.doc.value as EvaluationInput);
  if (r.success) return { success: true, value: r.value, warnings: locateIssues(r.warnings, read.doc), id };
  return { ...safe(rubric, record, opts), id };
}

/**
 * Score many evaluations, one at a time, with constant memory: records are taken from
 * `records` (an iterable or an async iterable) as the outcomes are consumed.
 * @param rubric a rubric from {@link loadRubric}
 * @param records evaluation inputs, or their JSON/YAML texts (NDJSON lines, say)
 * @param options `idField` (the `meta` field naming a record, default `id`), `failFast`, `file`, `limits`,
 *   `totals` (only the figures, through the totals path)
 * @returns an async iterable of `{ index, id, result, warnings }` (with `totals`: `{ index, id, totals,
 *   warnings }`) or `{ index, id, issues }`, in input order; a record's issues do not stop the batch
 *   unless `failFast` is set
 * @example
 * for await (const o of evaluateMany(rubric, lines)) {
 *   if ('result' in o) console.log(o.id, o.result.total, o.result.grade);
 *   else console.log(o.id, formatIssues(o.issues));
 * }
 */
export function evaluateMany(
  rubric: Rubric,
  records: Iterable<BatchRecord> | AsyncIterable<BatchRecord>,
  options: EvaluateManyOptions & { totals: true },
): AsyncGenerator<BatchTotalsOutcome, void, undefined>;
export function evaluateMany(
  rubric: Rubric,
  records: Iterable<BatchRecord> | AsyncIterable<BatchRecord>,
  options?: EvaluateManyOptions & { totals?: false },
): AsyncGenerator<BatchOutcome, void, undefined>;
export function evaluateMany(
  rubric: Rubric,
  records: Iterable<BatchRecord> | AsyncIterable<BatchRecord>,
  options?: EvaluateManyOptions,
): AsyncGenerator<BatchOutcome | BatchTotalsOutcome, void, undefined>;
export async function* evaluateMany(
  rubric: Rubric,
  records: Iterable<BatchRecord> | AsyncIterable<BatchRecord>,
  options: EvaluateManyOptions = {},
): AsyncGenerator<BatchOutcome | BatchTotalsOutcome, void, undefined> {
  let index = 0;
  for await (const record of records) {
    const outcome = options.totals ? scoreRecord(rubric, record, index++, options) : evaluateRecord(rubric, record, index++, options);
    yield outcome;
    if (options.failFast && 'issues' in outcome) return;
  }
}
