import { DEFAULT_LIMITS, type Issue, type ScoreResult } from '../../index.js';
import { makeIssue } from '../../issues/issue.js';
import { isScoreResult } from '../../entries/report.js';
import { bundledMismatches, mismatchIssue } from '../../report/provenance.js';
import { safeParseStoredResult } from '../../report/stored.js';
import { decodeText, readDocument } from '../../source/document.js';
import type { CommandContext } from '../context.js';

/**
 * A stored result (`jixiao score` JSON) named on the command line, its whole shape checked
 * (every figure a decimal, every text a text: `result_invalid` at the line of the bad field),
 * or the issues why not. `sheet`, `explain` and `diff` read results only through it.
 */
export function readResult(ctx: CommandContext, arg: string): { ok: true; result: ScoreResult; file: string; data: Record<string, unknown> } | { ok: false; issues: Issue[] } {
  const f = ctx.read(arg);
  if (!f.ok) return { ok: false, issues: [f.issue] };
  const text = decodeText(f.bytes, f.file);
  if ('issue' in text) return { ok: false, issues: [text.issue] };
  let data: unknown;
  try {
    data = JSON.parse(text.text);
  } catch (e) {
    return { ok: false, issues: [makeIssue('result_invalid', { file: f.file, detail: '不是有效的 JSON', detailEn: `not valid JSON (${e instanceof Error ? e.message : String(e)})` }, { source: { file: f.file, line: 1, column: 1 } })] };
  }
  if (!isScoreResult(data)) return { ok: false, issues: [makeIssue('result_invalid', { file: f.file, detail: '缺少 rubric、total 或 indicators', detailEn: 'rubric, total or indicators missing' }, { source: { file: f.file, line: 1, column: 1 } })] };
  // Only when a field is bad is the file read again, once, for the line and column of each.
  let doc: ReturnType<typeof readDocument> | undefined;
  const checked = safeParseStoredResult(data, f.file, (path) => {
    doc ??= readDocument(f.bytes, DEFAULT_LIMITS, f.file);
    return (doc.ok ? doc.doc.positionOf(path) : undefined) ?? { file: f.file, line: 1, column: 1 };
  });
  if (!checked.success) return { ok: false, issues: checked.issues };
  return { ok: true, result: checked.value, file: f.file, data: data as unknown as Record<string, unknown> };
}

/**
 * Say, as a warning line, that a stored result names a bundled rubric it was not scored with
 * (`rubric_not_bundled`, both fingerprints): `sheet` and `explain` print it before the output.
 */
export function warnNotBundled(ctx: CommandContext, result: ScoreResult, file: string): void {
  const m = bundledMismatches(result);
  if (m.length) ctx.report(m.map((x) => ({ ...mismatchIssue(x), source: { file, line: 1, column: 1 } })));
}
