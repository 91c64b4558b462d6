import { safeLoadBundledRubric } from '../bundled.js';
import { safeEvaluate } from '../evaluate/evaluate.js';
import type { EvaluationInput } from '../evaluate/input.js';
import type { ScoreResult } from '../evaluate/result.js';
import type { SafeResult } from '../issues/errors.js';
import { badArgument, badOptions, neverThrows } from '../issues/guard.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import { checkRubric } from '../rubric/brand.js';
import type { Rubric } from '../rubric/types.js';
import { safeLoadRubric } from '../rubric/load.js';
import { DEFAULT_LIMITS } from '../source/limits.js';
import { readSource } from '../source/read.js';
import { applyLayers, type LayerName } from '../review/layers.js';
import { bundledMismatches, mismatchIssue, type BundledMismatch } from './provenance.js';
import { safeParseStoredResult } from './stored.js';

/** What a result was computed from, kept beside it (opt-in: the default result has no `audit`). */
export interface AuditTrail {
  /** The evaluation input as it was given: values, assessments, rows, vetoes, meta (figures as written). */
  input: EvaluationInput & { meta?: Record<string, unknown> };
  /** The rubric: id, version, fingerprint and, when given, its text (so the result can be re-scored anywhere). */
  rubric: ScoreResult['rubric'] & { source?: string };
}

/** A result that carries its audit trail. */
export type AuditedResult = ScoreResult & { audit: AuditTrail };

/**
 * A result with what it was computed from: the input (as given) and the rubric's id, version and
 * fingerprint — and its text, when `rubricSource` is passed — so that the stored result can be
 * rendered, explained, compared and re-scored on its own ({@link rescore}). The result's own
 * fields are unchanged; `audit` is added last, a copy, never shared with the input.
 * @example writeFileSync('result.json', JSON.stringify(auditRecord(result, input), null, 2));
 */
export function auditRecord(result: ScoreResult, input: EvaluationInput | string | Uint8Array, opts: { rubricSource?: string } = {}): SafeResult<AuditedResult> {
  return neverThrows('auditRecord', () => {
    const fail = (issue: Issue): SafeResult<AuditedResult> => ({ success: false, issues: [issue] });
    if (!isResult(result)) return fail(badArgument('auditRecord', 'result', { zh: 'evaluate 的评分结果', en: 'a result returned by evaluate' }, result));
    const bad = badOptions('auditRecord', opts);
    if (bad) return fail(bad);
    const source = opts?.rubricSource;
    if (source !== undefined && typeof source !== 'string') return fail(badArgument('auditRecord', 'rubricSource', { zh: '评分表原文（文本）', en: 'the rubric text (a string)' }, source));
    const read = readSource(input, DEFAULT_LIMITS);
    if (!read.ok) return { success: false, issues: read.issues };
    const data = JSON.parse(JSON.stringify(read.value)) as AuditTrail['input'];
    const rubric: AuditTrail['rubric'] = { ...result.rubric };
    if (source !== undefined) rubric.source = source;
    return { success: true, value: { ...result, audit: { input: data, rubric } }, warnings: [] };
  });
}

/** A score result's shape, enough to keep its trail: an object with a rubric object. */
function isResult(v: unknown): v is ScoreResult {
  try {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const rubric = (v as { rubric?: unknown }).rubric;
    return typeof rubric === 'object' && rubric !== null && !Array.isArray(rubric);
  } catch {
    // A revoked proxy, or a getter that throws: not a result.
    return false;
  }
}

/** The result without its audit trail: what `evaluate` returned. */
export function withoutAudit(r: ScoreResult | AuditedResult): ScoreResult {
  if (!('audit' in r)) return r;
  const { audit: _audit, ...rest } = r;
  return rest;
}

/** What {@link rescore} found. */
export interface Rescored {
  /** The input scored again with the rubric. */
  result: ScoreResult;
  /**
   * The stored result is what the rubric of record gives: re-scoring reproduced it byte for byte,
   * and, when it names a bundled rubric (by id), it was scored with that bundled rubric — the same
   * fingerprint as the bundled one of that id in this jixiao. A record whose carried rubric text is
   * an edited copy of a bundled rubric is never `same`, even when its own text reproduces it.
   */
  same: boolean;
  /**
   * Each place the record names a bundled rubric whose content is not that bundled rubric's (both
   * fingerprints, both versions); empty when there is none. Each is also a `rubric_not_bundled`
   * warning.
   */
  notBundled: BundledMismatch[];
}

/**
 * Score an audited result's input again with its rubric — `opts.rubric`, else the text it
 * carries, else the bundled rubric of that id — after checking the stored result's shape
 * (`result_invalid`) and that the rubric's fingerprint is the one recorded. Returns the new
 * result and whether the stored one is what the rubric of record gives ({@link Rescored.same}):
 * a record that names a bundled rubric but carries other rubric text is said to
 * (`notBundled`, `rubric_not_bundled`) and is not `same`.
 * @example const r = rescore(JSON.parse(readFileSync('result.json', 'utf8'))); if (r.success && !r.value.same) …
 */
export function rescore(stored: AuditedResult, opts: { rubric?: Rubric } = {}): SafeResult<Rescored> {
  return neverThrows('rescore', () => rescoreSafely(stored, opts));
}

function rescoreSafely(stored: AuditedResult, opts: { rubric?: Rubric }): SafeResult<Rescored> {
  const fail = (detail: string, detailEn: string): SafeResult<Rescored> => ({ success: false, issues: [makeIssue('result_invalid', { file: '<result>', detail, detailEn })] });
  if (!isResult(stored)) return { success: false, issues: [badArgument('rescore', 'stored', { zh: '带审计记录的评分结果（auditRecord 的结果）', en: 'an audited result (from auditRecord)' }, stored)] };
  const bad = badOptions('rescore', opts);
  if (bad) return { success: false, issues: [bad] };
  if (opts?.rubric !== undefined) {
    const notRubric = checkRubric(opts.rubric);
    if (notRubric) return { success: false, issues: [notRubric] };
  }
  const checked = safeParseStoredResult(stored);
  if (!checked.success) return { success: false, issues: checked.issues };
  const trail = stored.audit;
  if (!trail || typeof trail !== 'object' || !trail.input || typeof trail.rubric !== 'object' || trail.rubric === null) return fail('没有审计记录（audit），无法重新评分', 'no audit trail to re-score from');
  if (typeof trail.rubric.id !== 'string' || typeof trail.rubric.fingerprint !== 'string' || (trail.rubric.source !== undefined && typeof trail.rubric.source !== 'string')) return fail('审计记录的评分表（id、fingerprint、source）不是文本', "the audit trail's rubric (id, fingerprint, source) is not text");
  let rubric = opts?.rubric;
  if (!rubric && trail.rubric.source !== undefined) {
    const r = safeLoadRubric(trail.rubric.source);
    if (!r.success) return { success: false, issues: r.issues };
    rubric = r.value;
  }
  if (!rubric) {
    const r = safeLoadBundledRubric(trail.rubric.id);
    if (!r.success) return fail(`审计记录没有评分表原文，也没有 id 为“${trail.rubric.id}”的内置评分表`, `the audit trail has no rubric text and there is no bundled rubric "${trail.rubric.id}"`);
    rubric = r.value;
  }
  if (rubric.fingerprint !== trail.rubric.fingerprint) return fail(`评分表指纹不一致：记录为 ${trail.rubric.fingerprint}，现有评分表为 ${rubric.fingerprint}`, `rubric fingerprint differs: recorded ${trail.rubric.fingerprint}, rubric at hand ${rubric.fingerprint}`);
  const again = safeEvaluate(rubric, trail.input);
  if (!again.success) return { success: false, issues: again.issues };
  // A result with review layers: each layer's changes are put on the result scored again.
  // The first layer is put on again too when it is not the result as scored (a filed 自评: its own
  // scores, and the total it printed).
  const layers = stored.layers;
  const own = layers?.[0] !== undefined && (layers[0].changes.length > 0 || layers[0].sum !== undefined);
  if (layers && (layers.length > 1 || own)) {
    const redo = applyLayers(
      rubric,
      again.value,
      (own ? layers : layers.slice(1)).map((l) => ({
        name: l.name as LayerName,
        ...(l.by !== undefined ? { by: l.by } : {}),
        overrides: l.changes.map((c) => ({ indicator: c.indicator, score: c.to, reason: c.reason })),
        ...(l.sum !== undefined ? { total: l.total } : {}),
      })),
      { base: layers[0]!.name as LayerName },
    );
    if (!redo.success) return { success: false, issues: redo.issues };
    again.value = redo.value;
  }
  const used = rubric.version !== undefined ? { id: rubric.id, version: rubric.version, fingerprint: rubric.fingerprint } : { id: rubric.id, fingerprint: rubric.fingerprint };
  const notBundled = bundledMismatches(stored, used);
  const same = notBundled.length === 0 && JSON.stringify(again.value) === JSON.stringify(withoutAudit(stored));
  return { success: true, value: { result: again.value, same, notBundled }, warnings: [...notBundled.map(mismatchIssue), ...again.warnings] };
}
