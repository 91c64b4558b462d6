import { DEFAULT_LIMITS, formatIssues } from '../../index.js';
import { bundledMonitoringSource, isMonitoringDocument, lintMonitoringRubric } from '../../entries/monitor.js';
import { readDocument } from '../../source/document.js';
import { lintRubric, type LintReport } from '../../entries/authoring.js';
import { choice, fileResolver, looksLikePath, rubricArg, shown, type Command, type CommandContext } from '../context.js';

/** Lint one command-line argument: a file path or a bundled id. */
function lintArg(ctx: CommandContext, arg: string): LintReport {
  // A monitoring rubric (双监控): its levels, rules and the cover of its level bands.
  const monitoring = looksLikePath(arg) ? undefined : bundledMonitoringSource(arg);
  if (monitoring !== undefined) return lintMonitoringRubric(monitoring, { file: `rubrics/${arg}.yaml` });
  const r = rubricArg(ctx, arg);
  if (!r.ok) return { file: arg, issues: [r.issue], errors: 1, warnings: 0, infos: 0 };
  const doc = readDocument(r.source, DEFAULT_LIMITS, r.file);
  if (doc.ok && isMonitoringDocument(doc.doc.value)) return lintMonitoringRubric(r.source, { file: r.file });
  const files = fileResolver(ctx);
  if (!files.ok) return { file: arg, issues: [files.issue], errors: 1, warnings: 0, infos: 0 };
  return lintRubric(r.source, { file: r.file, resolve: files.resolve });
}

export const lint: Command = {
  name: 'lint',
  usage: 'jixiao lint <评分表.yaml|内置id> [...] [--format text|json]',
  summary: '审查评分表：分值合计、分档、扣分规则、未用数据、评分标准与规则是否一致 · review rubrics',
  options: { format: 'value', 'extends-root': 'value' },
  run(ctx) {
    if (ctx.args.length === 0) {
      ctx.err(`用法 · usage: ${this.usage}\n`);
      return 2;
    }
    const format = choice(ctx, 'format', ['text', 'json'] as const, 'text')?.value;
    if (!format) return 2;
    const reports = ctx.args.map((arg) => lintArg(ctx, arg));
    const errors = reports.reduce((a, r) => a + r.errors, 0);
    const warnings = reports.reduce((a, r) => a + r.warnings, 0);
    const infos = reports.reduce((a, r) => a + r.infos, 0);
    if (format === 'json') {
      const files = reports.map((r) => ({ file: r.file ?? null, errors: r.errors, warnings: r.warnings, infos: r.infos, issues: r.issues }));
      ctx.out(`${JSON.stringify({ errors, warnings, infos, files }, null, 2)}\n`);
    } else {
      for (const r of reports) {
        // Errors and warnings in full; what could not be checked (info) on the summary line, so
        // "no problems" says what it covers. `--format json` gives each unread sentence in full.
        const problems = r.issues.filter((i) => i.severity !== 'info');
        const unread = r.issues.filter((i) => i.severity === 'info').map((i) => shown((i.indicator ?? '').split('.').pop() ?? ''));
        if (problems.length) ctx.out(`${formatIssues(problems, { style: 'compiler', language: ctx.lang })}\n`);
        const zh = problems.length ? `${r.errors} 个错误，${r.warnings} 个警告` : '没有发现问题';
        const en = problems.length ? `${r.errors} error${r.errors === 1 ? '' : 's'}, ${r.warnings} warning${r.warnings === 1 ? '' : 's'}` : 'no problems';
        const some = unread.slice(0, 3).join('、') + (unread.length > 3 ? ' 等' : '');
        const someEn = unread.slice(0, 3).join(', ') + (unread.length > 3 ? ', …' : '');
        const zhInfo = unread.length ? `；${unread.length} 条评分标准未能读取，未与规则比对（${some}）` : '';
        const enInfo = unread.length ? `; ${unread.length} ${unread.length === 1 ? 'standard' : 'standards'} not read, not compared with the rule (${someEn})` : '';
        ctx.out(`${r.errors ? '✖' : r.warnings ? '⚠' : '✔'} ${shown(r.file ?? '')}: ${ctx.say(zh + zhInfo, en + enInfo)}\n`);
      }
    }
    return errors ? 1 : 0;
  },
};
