import { type Issue, type ScoreResult } from '../../index.js';
import { makeIssue } from '../../issues/issue.js';
import { isScoreResult } from '../../report.js';
import { decodeText } from '../../source/document.js';
import type { CommandContext } from '../context.js';

/** A stored result (`jixiao score` JSON) named on the command line, or the issue why not. */
export function readResult(ctx: CommandContext, arg: string): { ok: true; result: ScoreResult; file: string; data: Record<string, unknown> } | { ok: false; issue: Issue } {
  const f = ctx.read(arg);
  if (!f.ok) return f;
  const text = decodeText(f.bytes, f.file);
  if ('issue' in text) return { ok: false, issue: text.issue };
  let data: unknown;
  try {
    data = JSON.parse(text.text);
  } catch (e) {
    return { ok: false, issue: makeIssue('result_invalid', { file: f.file, detail: '不是有效的 JSON', detailEn: `not valid JSON (${e instanceof Error ? e.message : String(e)})` }, { source: { file: f.file, line: 1, column: 1 } }) };
  }
  if (!isScoreResult(data)) return { ok: false, issue: makeIssue('result_invalid', { file: f.file, detail: '缺少 rubric、total 或 indicators', detailEn: 'rubric, total or indicators missing' }, { source: { file: f.file, line: 1, column: 1 } }) };
  return { ok: true, result: data, file: f.file, data: data as unknown as Record<string, unknown> };
}
