import { createReadStream, statSync } from 'node:fs';
import { DEFAULT_LIMITS, type Issue } from '../../index.js';
import { renderMonitoringSheet, safeMonitor, summarizeMonitoring, type MonitoringResult, type MonitoringRubric } from '../../entries/monitor.js';
import { makeIssue } from '../../issues/issue.js';
import { STDIN, type CommandContext } from '../context.js';
import { readRecords } from '../batch/read.js';

/**
 * `jixiao batch` with a monitoring rubric: one project's monitoring input per NDJSON line. Each
 * line gives one output line — the project, its 主管部门, its level and rows by level, or its
 * issues — and the summary (stderr; `--summary json`, or `none`) counts the projects by level per
 * department and lists every red row with its reason.
 */
export async function monitoringBatch(ctx: CommandContext, rubric: MonitoringRubric, input: string, o: { out?: string; summary: 'text' | 'json' | 'none' }): Promise<number> {
  if (!/\.(ndjson|jsonl|json)$/i.test(input) && input !== '-') {
    ctx.err(ctx.say('绩效运行监控的批量数据按 NDJSON 逐行给出（每行一个项目）', 'monitoring records come as NDJSON, one project per line') + '\n');
    return 2;
  }
  const file = input === '-' ? STDIN : input;
  if (input !== '-') {
    try {
      if (statSync(input).isDirectory()) {
        ctx.report([makeIssue('file_is_directory', { file: input })]);
        return 1;
      }
    } catch {
      ctx.report([makeIssue('file_not_found', { file: input })]);
      return 1;
    }
  }
  const stream = input === '-' ? process.stdin : createReadStream(input, { highWaterMark: 1 << 20 });
  const results: MonitoringResult[] = [];
  const lines: string[] = [];
  let errors = 0;
  const at = (i: Issue, line: number): Issue => ({ ...i, source: { file, line: line + (i.source?.line ?? 1) - 1, column: i.source?.column ?? 1 } });
  for await (const ev of readRecords(stream as AsyncIterable<Uint8Array>, 'ndjson', file, DEFAULT_LIMITS.maxBytes)) {
    if (ev.kind === 'fatal') {
      ctx.report([ev.issue]);
      return 1;
    }
    if (ev.kind !== 'records') continue;
    for (const rec of ev.records) {
      const problems = rec.issue ? [rec.issue] : (rec.issues ?? []);
      const r = problems.length || rec.text === undefined ? undefined : safeMonitor(rubric, rec.text);
      if (!r || !r.success) {
        const issues = (r && !r.success ? r.issues : problems).map((i) => at(i, rec.line));
        errors++;
        ctx.report(issues);
        lines.push(JSON.stringify({ line: rec.line, issues }));
        continue;
      }
      if (r.value.kind !== 'monitoring') continue;
      if (r.warnings.length) ctx.report(r.warnings.map((i) => at(i, rec.line)));
      results.push(r.value);
      const p = r.value;
      lines.push(JSON.stringify({ line: rec.line, project: p.meta['项目名称'] ?? null, department: p.meta['主管部门'] ?? p.meta['部门'] ?? null, level: p.level, levelName: p.levelName, counts: p.counts, budget: p.funds?.level ?? null }));
    }
  }
  const text = lines.length ? `${lines.join('\n')}\n` : '';
  if (o.out !== undefined && o.out !== '-') {
    if (!ctx.write(o.out, text)) return 1;
  } else ctx.out(text);
  if (o.summary !== 'none' && results.length) {
    const s = summarizeMonitoring(results);
    ctx.err(o.summary === 'json' ? `${JSON.stringify(s, null, 2)}\n` : renderMonitoringSheet(s, { format: 'markdown' }));
  }
  return errors ? 1 : 0;
}
