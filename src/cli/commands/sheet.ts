import { renderSheet } from '../../entries/report.js';
import { choice, loadRubricArg, type Command, type CommandContext } from '../context.js';
import type { Rubric } from '../../index.js';
import { readResult, warnNotBundled } from './results.js';
import { emit, FORMATS, outputOf, render, rendered } from './score.js';

export const sheet: Command = {
  name: 'sheet',
  usage: 'jixiao sheet <结果.json | 评分表.yaml | 内置id> [--format md|html|csv|xlsx|docx|table] [--out 文件]',
  summary: '把保存的评分结果画成评分表，或印出空白评分表 · render a stored result as the 评分表, or a rubric as the blank sheet',
  options: { format: 'value', out: 'value', output: 'value' },
  run(ctx) {
    const format = choice(ctx, 'format', FORMATS, 'md')?.value;
    if (!format) return 2;
    const o = outputOf(ctx, format, ctx.args);
    if (!o.ok) return o.code;
    if (o.rest.length !== 1) {
      ctx.err(`用法 · usage: ${this.usage}\n`);
      return 2;
    }
    // A rubric (a bundled id, a YAML file) gives the blank sheet; a result (.json, or stdin) the filled-in one.
    const arg = o.rest[0]!;
    if (arg !== '-' && !/\.json$/i.test(arg)) {
      const rubric = loadRubricArg(ctx, arg);
      if (!rubric.success) {
        ctx.report(rubric.issues);
        return 1;
      }
      const out = blank(ctx, rubric.value, format);
      if (typeof out === 'string') return emit(ctx, o.out, out);
      return out.then((bytes) => (bytes ? emit(ctx, o.out, bytes) : 1));
    }
    const r = readResult(ctx, arg);
    if (!r.ok) {
      ctx.report(r.issues);
      return 1;
    }
    warnNotBundled(ctx, r.result, r.file);
    // The audit trail (jixiao score --audit) carries the input: its meta heads the sheet.
    const out = render(ctx, r.result, format, undefined);
    if (typeof out === 'string') return emit(ctx, o.out, out);
    return out.then((bytes) => (bytes ? emit(ctx, o.out, bytes) : 1));
  },
};

/** The blank sheet of a rubric in one of the formats (`table` is the Markdown table). */
function blank(ctx: CommandContext, rubric: Rubric, format: (typeof FORMATS)[number]): string | Promise<Uint8Array | undefined> {
  switch (format) {
    case 'xlsx':
      return rendered(ctx, async () => (await import('../../entries/xlsx.js')).renderXlsx(rubric));
    case 'docx':
      return rendered(ctx, async () => (await import('../../entries/docx.js')).renderDocx(rubric));
    case 'html':
    case 'csv':
      return renderSheet(rubric, { format });
    default:
      return renderSheet(rubric, { format: 'markdown' });
  }
}
