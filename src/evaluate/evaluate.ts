import { fractionWarnings } from './fraction.js';
import { thrown } from '../issues/guard.js';
import { EvaluationError, type SafeResult } from '../issues/errors.js';
import type { Issue } from '../issues/issue.js';
import { likelyCauseFirst } from '../issues/order.js';
import type { Rubric } from '../rubric/types.js';
import { locateIssues, readDocument, type SourceDocument } from '../source/document.js';
import { DEFAULT_LIMITS, type Limits } from '../source/limits.js';
import { readOptions } from '../source/options.js';
import { isText } from '../source/read.js';
import { checkRubric } from '../rubric/brand.js';
import { validateInput, type EvaluationInput } from './input.js';
import { readInput } from './read.js';
import type { ScoreResult, ScoreTotals } from './result.js';
import { walk, walkTotals } from './walk.js';
import { compiledTotals } from './compiled.js';
import { scoresRecordOf } from './record.js';
import type { ValidInput } from './input.js';

export interface EvaluateOptions {
  /** File name for positions when the input is text. */
  file?: string;
  /** Limits for an input given as text. */
  limits?: Partial<Limits>;
}

/**
 * Score an evaluation without throwing.
 * @param rubric a rubric from {@link loadRubric}
 * @param input the evaluation: an object, or its JSON/YAML text (then errors carry line and column)
 * @returns `{ success: true, value: result }` or `{ success: false, issues }`
 * @example
 * const r = safeEvaluate(rubric, { values: { 在职人数: 31, 编制人数: 34 } });
 * if (r.success) console.log(r.value.total, r.value.grade);
 */
export function safeEvaluate(rubric: Rubric, input: EvaluationInput | string | Uint8Array, opts: EvaluateOptions = NO_OPTIONS): SafeResult<ScoreResult> {
  try {
    return scoreSafely(rubric, input, opts, full);
  } catch {
    return thrown('safeEvaluate');
  }
}

/**
 * The totals of an evaluation without throwing: the total, the max, the grade and each
 * indicator's score, exactly as {@link safeEvaluate} gives them, with the same issues and
 * warnings, but no reasons, no deductions and no result tree — the path for a caller who scores a
 * province at once and keeps only the figures.
 * @example
 * const r = safeScore(rubric, { values: { 在职人数: 31, 编制人数: 34 } });
 * if (r.success) console.log(r.value.total, r.value.grade, r.value.scores['预算执行率']);
 */
export function safeScore(rubric: Rubric, input: EvaluationInput | string | Uint8Array, opts: EvaluateOptions = NO_OPTIONS): SafeResult<ScoreTotals> {
  try {
    // Without options, an input object goes straight to the compiled totals scorer.
    if (opts === NO_OPTIONS && !isText(input) && checkRubric(rubric) === undefined) {
      const warnings: Issue[] = [];
      const value = compiledTotals(rubric, input, DEFAULT_LIMITS, warnings);
      if (value !== undefined) return { success: true, value, warnings };
    }
    return scoreSafely(rubric, input, opts, totals);
  } catch {
    return thrown('safeScore');
  }
}

/** The options of a call that gives none, and what reading them gives. */
const NO_OPTIONS: EvaluateOptions = Object.freeze({});
const NONE_READ = { ok: true, opts: {} as Partial<Record<'file' | 'limits', unknown>>, limits: DEFAULT_LIMITS } as const;

/** Scoring a valid input, one way or the other: the full result, or the totals. */
type Scorer<T> = (rubric: Rubric, valid: ValidInput) => { value?: T; issues: Issue[]; warnings: Issue[] };

const full: Scorer<ScoreResult> = (rubric, valid) => {
  const out = walk(rubric, valid);
  return { value: out.result, issues: out.issues, warnings: out.warnings };
};

const totals: Scorer<ScoreTotals> = (rubric, valid) => {
  const out = walkTotals(rubric, valid);
  if (!out.totals) return { issues: out.issues, warnings: out.warnings };
  const t = out.totals;
  // Every indicator is scored when the evaluation is: the object takes the rubric's ids in order.
  const scores = scoresRecordOf(rubric)();
  const ids = rubric.plan.ids;
  for (let k = 0; k < ids.length; k++) scores[ids[k]!] = t.scores[k]!.toPlain();
  const header: ScoreTotals['rubric'] = rubric.version !== undefined
    ? { id: rubric.id, name: rubric.name, version: rubric.version, fingerprint: rubric.fingerprint }
    : { id: rubric.id, name: rubric.name, fingerprint: rubric.fingerprint };
  const value: ScoreTotals = { rubric: header, total: t.total.toPlain(), max: t.max, grade: t.grade, scores };
  if (t.failed) value.failed = true;
  return { value, issues: out.issues, warnings: out.warnings };
};

function scoreSafely<T>(rubric: Rubric, input: EvaluationInput | string | Uint8Array, opts: EvaluateOptions, scorer: Scorer<T>): SafeResult<T> {
  // Never throws, whatever it is given: options, rubric and input are checked first.
  const o = opts === NO_OPTIONS ? NONE_READ : readOptions(opts, { file: 'text', limits: 'limits' });
  if (!o.ok) return { success: false, issues: o.issues };
  const notRubric = checkRubric(rubric);
  if (notRubric) return { success: false, issues: [notRubric] };
  let raw: unknown = input;
  let doc: SourceDocument | undefined;
  if (isText(input)) {
    const read = readDocument(input, o.limits, o.opts.file as string | undefined);
    if (!read.ok) return { success: false, issues: read.issues };
    doc = read.doc;
    raw = doc.value;
  }
  // The totals path, compiled per rubric, scores what it can score exactly and with nothing to
  // report; anything else is scored by the walk below.
  if (scorer === totals) {
    const warnings: Issue[] = [];
    const value = compiledTotals(rubric, raw, o.limits, doc === undefined ? warnings : undefined) as T | undefined;
    if (value !== undefined) return { success: true, value, warnings };
  }
  // The compiled reader takes a valid input as it is; anything else is read again, and explained,
  // by validateInput.
  const fast = readInput(rubric, raw, o.limits);
  let issues: Issue[] = [];
  let valid = fast;
  if (!valid) {
    ({ input: valid, issues } = validateInput(rubric, raw, o.limits));
    // The document could not be read (a cycle, a proxy that throws): it is not walked again; the
    // issues are ordered by their positions in the text, if any, and by cause.
    if (!valid) return { success: false, issues: inDocumentOrder(locateIssues(issues, doc), undefined) };
  }
  // Scoring goes on over what is valid, so every problem of the input is reported at once.
  const out = scorer(rubric, valid);
  const all = issues.length === 0 ? out.issues : [...issues, ...out.issues];
  if (all.length || out.value === undefined) return { success: false, issues: inDocumentOrder(locateIssues(all, doc), raw) };
  const fraction = fractionWarnings(rubric, valid);
  return { success: true, value: out.value, warnings: locateIssues(fraction.length ? [...fraction, ...out.warnings] : out.warnings, doc) };
}

/**
 * Score an evaluation; throws {@link EvaluationError} listing every problem.
 * @example
 * const result = evaluate(rubric, input);
 * result.total // "99"
 * result.grade // "优秀"
 */
export function evaluate(rubric: Rubric, input: EvaluationInput | string | Uint8Array, opts: EvaluateOptions = NO_OPTIONS): ScoreResult {
  const r = safeEvaluate(rubric, input, opts);
  if (!r.success) throw new EvaluationError(r.issues);
  return r.value;
}

/**
 * The totals of an evaluation (see {@link safeScore}); throws {@link EvaluationError} listing every problem.
 * @example
 * const t = score(rubric, input);
 * t.total // "99"
 * t.scores // { 预算执行率: "5", … }
 */
export function score(rubric: Rubric, input: EvaluationInput | string | Uint8Array, opts: EvaluateOptions = NO_OPTIONS): ScoreTotals {
  const r = safeScore(rubric, input, opts);
  if (!r.success) throw new EvaluationError(r.issues);
  return r.value;
}

/**
 * Issues with the likely cause first (an unknown name near a declared one, before what is
 * missing: see {@link likelyCauseFirst}), and within that by where they stand: by line and column
 * when the input was text, else by the order of the entries they name in the input document (an
 * entry that is not there, such as a missing figure, after the entries of its section). Stable,
 * so issues of one entry keep their order.
 */
function inDocumentOrder(issues: Issue[], raw: unknown): Issue[] {
  const order = new Map<string, number>();
  const walk = (v: unknown, key: string) => {
    order.set(key, order.size);
    if (v !== null && typeof v === 'object' && order.size < 100_000) {
      for (const k of Object.keys(v as object)) walk((v as Record<string, unknown>)[k], `${key}\u0000${k}`);
    }
  };
  walk(raw, '');
  const rank = (i: Issue): number[] => {
    if (i.source) return [0, i.source.line, i.source.column];
    let key = '';
    let best = 0;
    for (const p of i.path) {
      key = `${key}\u0000${String(p)}`;
      const r = order.get(key);
      if (r === undefined) return [1, best + 0.5, 0];
      best = r;
    }
    return [1, best, 0];
  };
  return likelyCauseFirst(issues, rank);
}
