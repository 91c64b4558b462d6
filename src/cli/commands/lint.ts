import { formatIssues } from '../../index.js';
import { lintRubric, type LintReport } from '../../authoring.js';
import { choice, fileResolver, rubricArg, shown, type Command, type CommandContext } from '../context.js';

/** Lint one command-line argument: a file path or a bundled id. */
function lintArg(ctx: CommandContext, arg: string): LintReport {
  const r = rubricArg(ctx, arg);
  if (!r.ok) return { file: arg, issues: [r.issue], errors: 1, warnings: 0 };
  const files = fileResolver(ctx);
  if (!files.ok) return { file: arg, issues: [files.issue], errors: 1, warnings: 0 };
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
    if (format === 'json') {
      const files = reports.map((r) => ({ file: r.file ?? null, errors: r.errors, warnings: r.warnings, issues: r.issues }));
      ctx.out(`${JSON.stringify({ errors, warnings, files }, null, 2)}\n`);
    } else {
      for (const r of reports) {
        if (r.issues.length) ctx.out(`${formatIssues(r.issues, { style: 'compiler', language: ctx.lang })}\n`);
        const zh = r.issues.length ? `${r.errors} 个错误，${r.warnings} 个警告` : '没有发现问题';
        const en = r.issues.length ? `${r.errors} error${r.errors === 1 ? '' : 's'}, ${r.warnings} warning${r.warnings === 1 ? '' : 's'}` : 'no problems';
        ctx.out(`${r.errors ? '✖' : r.warnings ? '⚠' : '✔'} ${shown(r.file ?? '')}: ${ctx.say(zh, en)}\n`);
      }
    }
    return errors ? 1 : 0;
  },
};
