import { renderTable, safeEvaluate } from '../../index.js';
import { choice, loadRubricArg, type Command } from '../context.js';

export const score: Command = {
  name: 'score',
  usage: 'jixiao score <评分表.yaml|内置id> <评价数据.json|.yaml> [--format json|table]',
  summary: '评分并输出结果 · score an evaluation',
  options: { format: 'value', 'extends-root': 'value' },
  run(ctx) {
    if (ctx.args.length !== 2 || ctx.args.every((a) => a === '-')) {
      ctx.err(`用法 · usage: ${this.usage}\n`);
      return 2;
    }
    const format = choice(ctx, 'format', ['json', 'table'] as const, 'json')?.value;
    if (!format) return 2;
    const r = loadRubricArg(ctx, ctx.args[0]!);
    if (!r.success) {
      ctx.report(r.issues);
      return 1;
    }
    const f = ctx.read(ctx.args[1]!);
    if (!f.ok) {
      ctx.report([f.issue]);
      return 1;
    }
    const result = safeEvaluate(r.value, f.bytes, { file: f.file });
    if (!result.success) {
      ctx.report(result.issues);
      return 1;
    }
    // Warnings (a 加分项 formula below 0, …) go to stderr beside the score; they do not fail it.
    if (result.warnings.length) ctx.report(result.warnings);
    ctx.out(format === 'table' ? renderTable(result.value, { language: ctx.lang }) : `${JSON.stringify(result.value, null, 2)}\n`);
    return 0;
  },
};
