import { safeLoadBundledRubric } from '../bundled.js';
import type { ScoreResult } from '../evaluate/result.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import { safeLoadRubric } from '../rubric/load.js';
import { bundledRubricSource } from '../rubric/sources.js';
import type { Rubric } from '../rubric/types.js';

/**
 * A result (or its audit trail) names a bundled rubric by id, but the rubric it was scored with —
 * the one its fingerprint and any text it carries stand for — is not that bundled rubric: an
 * edited copy labelled with the bundled id, or another version of it.
 */
export interface BundledMismatch {
  /** The bundled id the result names. */
  id: string;
  /** The version the result records for it. */
  version?: string;
  /** The fingerprint of the rubric the result was scored with (and that any text it carries has). */
  fingerprint: string;
  /** The bundled rubric of that id in this jixiao: its version and fingerprint. */
  bundledVersion?: string;
  bundledFingerprint: string;
}

type RubricLabel = { id?: unknown; version?: unknown; fingerprint?: unknown };

/**
 * Each rubric label of a result — its `rubric`, its audit trail's `rubric` and, when given, the
 * rubric it was re-scored with — that names a bundled id with another fingerprint than that
 * bundled rubric's. Empty: the result is the bundled rubric's, or names none.
 * @example for (const m of bundledMismatches(stored)) console.warn(`${m.id}: ${m.fingerprint} ≠ ${m.bundledFingerprint}`);
 */
export function bundledMismatches(result: ScoreResult, used?: { id: string; version?: string; fingerprint: string }): BundledMismatch[] {
  const labels: RubricLabel[] = [result.rubric];
  const trail = (result as { audit?: { rubric?: RubricLabel } }).audit?.rubric;
  if (trail && typeof trail === 'object') labels.push(trail);
  if (used) labels.push(used);
  const out: BundledMismatch[] = [];
  const seen = new Set<string>();
  for (const l of labels) {
    if (typeof l.id !== 'string' || typeof l.fingerprint !== 'string' || bundledRubricSource(l.id) === undefined) continue;
    const key = `${l.id}\u0000${l.fingerprint}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const b = safeLoadBundledRubric(l.id);
    if (!b.success || b.value.fingerprint === l.fingerprint) continue;
    const m: BundledMismatch = { id: l.id, fingerprint: l.fingerprint, bundledFingerprint: b.value.fingerprint };
    if (typeof l.version === 'string') m.version = l.version;
    if (b.value.version !== undefined) m.bundledVersion = b.value.version;
    out.push(m);
  }
  return out;
}

/** The warning `rubric_not_bundled` of a mismatch, both fingerprints in its params. */
export function mismatchIssue(m: BundledMismatch): Issue {
  return makeIssue('rubric_not_bundled', { id: m.id, version: m.version, fingerprint: m.fingerprint, bundledVersion: m.bundledVersion, bundledFingerprint: m.bundledFingerprint }, { severity: 'warning', path: ['rubric'] });
}

/**
 * The line a sheet or an explanation prints about a mismatch; `subject` names the result (a
 * comparison names each by its label: `结果A标明…`).
 */
export function mismatchNote(m: BundledMismatch, subject = '注意：本结果'): string {
  return `${subject}标明的评分表为内置评分表“${m.id}”（${m.version ? `${m.version}版` : '未注明版本'}，指纹 ${m.fingerprint}），但与内置评分表“${m.id}”（${m.bundledVersion ? `${m.bundledVersion}版` : '未注明版本'}，指纹 ${m.bundledFingerprint}）不同，不是按内置评分表评出的`;
}

/**
 * The rubric that scored a result, where the result itself leads to it: the rubric text its audit
 * trail carries (jixiao score --audit), else the bundled rubric of its id — either only when its
 * fingerprint is the result's. Undefined when neither is that rubric.
 * @example const rubric = rubricOfResult(stored); // a leaf with no 评分标准 can print its rule's sentence
 */
export function rubricOfResult(result: ScoreResult): Rubric | undefined {
  const label = result.rubric as { id?: unknown; fingerprint?: unknown } | undefined;
  if (!label || typeof label.fingerprint !== 'string') return undefined;
  const carried = (result as { audit?: { rubric?: { source?: unknown } } }).audit?.rubric?.source;
  const candidates = [
    typeof carried === 'string' ? () => safeLoadRubric(carried) : undefined,
    typeof label.id === 'string' && bundledRubricSource(label.id) !== undefined ? () => safeLoadBundledRubric(label.id as string) : undefined,
  ];
  for (const load of candidates) {
    const loaded = load?.();
    if (loaded?.success && loaded.value.fingerprint === label.fingerprint) return loaded.value;
  }
  return undefined;
}
