import { bundledRubricSource } from '../bundled.js';
import type { Issue } from '../issues/issue.js';
import { compileRubric } from '../rubric/compile.js';
import type { Rubric } from '../rubric/types.js';
import { resolveDocument, type RubricResolver } from '../rubric/resolve.js';
import type { Limits } from '../source/limits.js';
import { readOptions } from '../source/options.js';
import { decodeText, type SourceDocument } from '../source/document.js';
import { isText, readSource, stackSafe } from '../source/read.js';
import { markRubric } from '../rubric/brand.js';
import { bands } from './checks/bands.js';
import { cases } from './checks/cases.js';
import { draft } from './checks/draft.js';
import { bonusDeducts } from './checks/bonus-deducts.js';
import { constantScore } from './checks/constant-score.js';
import { duplicates } from './checks/duplicates.js';
import { grades } from './checks/grades.js';
import { maxima } from './checks/maxima.js';
import { perUnit } from './checks/per-unit.js';
import { proportionalText } from './checks/proportional-text.js';
import { references } from './checks/references.js';
import { standardText } from './checks/standard-text.js';
import { units } from './checks/units.js';
import { version } from './checks/version.js';
import { blockWeights } from './checks/block-weights.js';
import { capText } from './checks/cap-text.js';
import { maxTotal } from './checks/max-total.js';
import { notApplicableLimit } from './checks/not-applicable-limit.js';
import { poolWeights } from './checks/pool-weights.js';
import { createLintContext, type LintCheck } from './context.js';

export type { LintCheck, LintContext, LintNode } from './context.js';

/** Every lint check, in the order they run. Add a check: one file in checks/, one line here. */
export const lintChecks: readonly LintCheck[] = [version, draft, maxima, duplicates, references, bands, perUnit, constantScore, bonusDeducts, cases, grades, standardText, proportionalText, units, poolWeights, blockWeights, maxTotal, capText, notApplicableLimit];

export interface LintOptions {
  /** File name used in positions. */
  file?: string;
  /** Limits for untrusted documents. */
  limits?: Partial<Limits>;
  /** Finds the rubric a variant `extends` (bundled ids always resolve), as for `loadRubric`. */
  resolve?: RubricResolver;
  /** Run only these checks (by name); default all. */
  checks?: readonly string[];
}

/** What `lintRubric` found. */
export interface LintReport {
  file?: string;
  /** Every finding — the loader's issues and the checks' — in file order, each once. */
  issues: Issue[];
  errors: number;
  warnings: number;
  /** Info-level findings: what a check could not do (a 评分标准 it could not read). Never a failure. */
  infos: number;
  /** The compiled rubric, when the document loads. */
  rubric?: Rubric;
}

function report(issues: Issue[], file?: string, rubric?: Rubric): LintReport {
  const errors = issues.filter((i) => i.severity === 'error').length;
  const infos = issues.filter((i) => i.severity === 'info').length;
  return {
    ...(file !== undefined ? { file } : {}),
    issues,
    errors,
    warnings: issues.length - errors - infos,
    infos,
    ...(rubric ? { rubric } : {}),
  };
}

/** The linted file's issues first, then those found in the rubrics it extends; each file in line order. */
function inFileOrder(issues: Issue[], file: string | undefined): Issue[] {
  if (!issues.every((i) => i.source)) return issues;
  const rank = (i: Issue) => (i.source!.file === file ? '' : (i.source!.file ?? ''));
  return [...issues].sort((a, b) => {
    const fa = rank(a);
    const fb = rank(b);
    return fa < fb ? -1 : fa > fb ? 1 : a.source!.line - b.source!.line || a.source!.column - b.source!.column;
  });
}

const bundled: RubricResolver = (ref) => {
  const text = bundledRubricSource(ref);
  return text === undefined ? undefined : { source: text, file: `rubrics/${ref}.yaml` };
};

/**
 * Review a rubric as a careful reviewer would: everything the loader reports, plus the lint
 * checks (maxima that do not add up, band gaps/overlaps/unreachable bands, per-unit rules
 * against the declared range, unknown and unused names, duplicate ids and sibling names,
 * unreachable grades, 评分标准 text that disagrees with the rule). The checks run on the parsed
 * (and, for a variant, resolved) document, so a rubric that fails to compile — because its
 * maxima do not add up, say — is still reviewed in full. Every finding is an Issue with a code,
 * severity, path, indicator and line:column.
 * @param source YAML text, UTF-8 bytes, or an already-parsed object
 * @returns every finding; `errors` > 0 means the rubric should not be used as it is
 * @example
 * const r = lintRubric(readFileSync('rubric.yaml'), { file: 'rubric.yaml' });
 * if (r.errors) console.error(formatIssues(r.issues, { style: 'compiler' }));
 */
export function lintRubric(source: string | Uint8Array | object, opts: LintOptions = {}): LintReport {
  const o = readOptions(opts, { file: 'text', limits: 'limits', resolve: 'function', checks: 'text list' });
  if (!o.ok) return report(o.issues);
  const { limits } = o;
  const file = o.opts.file as string | undefined;
  const resolve = o.opts.resolve as RubricResolver | undefined;
  const checks = o.opts.checks as readonly string[] | undefined;
  // The loader's own reading: text parsed, an object copied into plain data (cycles, getters,
  // depth, __proto__), so the checks never see what the loader would refuse.
  const read = readSource(source, limits, file);
  if (!read.ok) return report(read.issues, file);
  // The text itself, for checks that read comments (# TODO).
  let text: string | undefined;
  if (isText(source)) {
    const decoded = decodeText(source, file);
    if ('text' in decoded) text = decoded.text;
  }
  const resolver: RubricResolver = (ref, from) => resolve?.(ref, from) ?? bundled(ref, from);
  const done = stackSafe(() => lintStages(read.value, read.doc, file, text, limits, resolver, checks), limits);
  return done.ok ? done.value : report(done.issues, file);
}

function lintStages(raw: unknown, sdoc: SourceDocument | undefined, file: string | undefined, text: string | undefined, limits: Limits, resolver: RubricResolver, checks: readonly string[] | undefined): LintReport {
  const resolved = resolveDocument(raw, sdoc, { ...(file !== undefined ? { file } : {}), limits, resolver });
  const found: Issue[] = [...resolved.issues];
  let rubric: Rubric | undefined;
  if (resolved.document) {
    const compiled = compileRubric(resolved.document, { maxFormulaLength: limits.maxFormulaLength });
    found.push(...compiled.issues);
    if (compiled.rubric) rubric = Object.freeze(markRubric(file !== undefined ? { ...compiled.rubric, file } : { ...compiled.rubric }));
    const ctx = createLintContext(resolved.document, rubric, { ...(text !== undefined ? { text } : {}), ...(file !== undefined ? { file } : {}) });
    const selected = checks ? lintChecks.filter((c) => checks.includes(c.name)) : lintChecks;
    for (const check of selected) found.push(...check.run(ctx));
  }
  const seen = new Set<string>();
  const unique = found.filter((i) => {
    const key = `${i.code}\u0000${i.path.join('\u0000')}\u0000${i.message}\u0000${i.source ? `${i.source.file}:${i.source.line}:${i.source.column}` : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const located = unique.map((i) => {
    if (i.source) return i;
    const p = resolved.locate(i.path);
    return p ? { ...i, source: p } : i;
  });
  return report(inFileOrder(located, file), file, rubric);
}
