import { DEFAULT_LIMITS } from '../../index.js';
import { bundledMonitoringSource, isMonitoringDocument, renderMonitoringDocx, renderMonitoringSheet, renderMonitoringTable, renderMonitoringXlsx, safeLoadMonitoringRubric, safeMonitor, type MonitoringRubric } from '../../entries/monitor.js';
import { makeIssue } from '../../issues/issue.js';
import { readDocument } from '../../source/document.js';
import { looksLikePath, type CommandContext } from '../context.js';
import { JixiaoError } from '../../issues/errors.js';

type OutputFormat = 'table' | 'json' | 'md' | 'html' | 'csv' | 'xlsx' | 'docx';

/**
 * `jixiao score` with a monitoring rubric (a bundled one such as project-monitoring, or a file with a
 * `monitoring` section): each row's level and reason, the 预算执行 level and the project's level,
 * in any of score's formats: the text, the bytes (XLSX, DOCX; undefined when a typed error was
 * reported), or an exit code when it failed. Undefined when `arg` names no monitoring rubric: score
 * goes on as usual.
 */
export function scoreMonitoring(ctx: CommandContext, arg: string, inputArg: string, format: OutputFormat): number | string | Promise<Uint8Array | undefined> | undefined {
  const loaded = monitoringArg(ctx, arg);
  if (loaded === undefined || typeof loaded === 'number') return loaded;
  if (ctx.flags.get('audit') === true) {
    ctx.report([makeIssue('invalid_value', { expected: '评分表的评价（--audit 记录得分的来源；监控规则给出级别，不记审计记录）', expectedEn: 'a scored rubric (--audit records a score; monitoring gives levels)', received: '--audit' })]);
    return 2;
  }
  const rubric = { value: loaded };
  const f = ctx.read(inputArg);
  if (!f.ok) {
    ctx.report([f.issue]);
    return 1;
  }
  const result = safeMonitor(rubric.value, f.bytes, { file: f.file });
  if (!result.success) {
    ctx.report(result.issues);
    return 1;
  }
  if (result.warnings.length) ctx.report(result.warnings);
  const r = result.value;
  switch (format) {
    case 'table':
      return renderMonitoringTable(r);
    case 'json':
      return `${JSON.stringify(r, null, 2)}\n`;
    case 'md':
      return renderMonitoringSheet(r, { format: 'markdown' });
    case 'html':
    case 'csv':
      return renderMonitoringSheet(r, { format });
    case 'xlsx':
    case 'docx':
      return (format === 'xlsx' ? renderMonitoringXlsx(r) : renderMonitoringDocx(r)).catch((e: unknown) => {
        // An optional dependency missing: its issue, as score reports it.
        if (e instanceof JixiaoError) {
          ctx.report(e.issues);
          return undefined;
        }
        throw e;
      });
  }
}

/**
 * The monitoring rubric a command-line argument names (a bundled id, or a file with a `monitoring`
 * section, or extending a bundled one), loaded; 1 when it does not load (reported); undefined when
 * the argument names no monitoring rubric.
 */
export function monitoringArg(ctx: CommandContext, arg: string): MonitoringRubric | number | undefined {
  let source: string | Uint8Array | undefined = looksLikePath(arg) ? undefined : bundledMonitoringSource(arg);
  let file = `rubrics/${arg}.yaml`;
  if (source === undefined) {
    if (!looksLikePath(arg) || arg === '-') return undefined;
    const f = ctx.read(arg);
    if (!f.ok) return undefined;
    const doc = readDocument(f.bytes, DEFAULT_LIMITS, f.file);
    if (!doc.ok || !isMonitoringDocument(doc.doc.value)) return undefined;
    source = f.bytes;
    file = f.file;
  }
  const rubric = safeLoadMonitoringRubric(source, { file });
  if (!rubric.success) {
    ctx.report(rubric.issues);
    return 1;
  }
  return rubric.value;
}
