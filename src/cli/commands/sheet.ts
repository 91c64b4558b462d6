import { choice, type Command } from '../context.js';
import { readResult, warnNotBundled } from './results.js';
import { emit, FORMATS, outputOf, render } from './score.js';

export const sheet: Command = {
  name: 'sheet',
  usage: 'jixiao sheet <结果.json> [--format md|html|csv|xlsx|docx|table] [--out 文件]',
  summary: '把保存的评分结果画成评分表 · render a stored result as the 评分表',
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
    const r = readResult(ctx, o.rest[0]!);
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
