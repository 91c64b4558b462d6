import { safeReview } from '../../index.js';
import { formatReview } from '../../review/format.js';
import { choice, loadRubricArg, type Command } from '../context.js';
import { emit, outputOf } from './score.js';

const FORMATS = ['text', 'json'] as const;

export const reviewCommand: Command = {
  name: 'review',
  usage: 'jixiao review <评分表.yaml|内置id> <填报表.json|.yaml> [--format text|json] [--out 文件]',
  summary: '复核填报的自评表：按规则评分，列出每处偏离 · review a filed form against its rules and list every departure',
  options: { format: 'value', out: 'value', output: 'value', 'extends-root': 'value' },
  run(ctx) {
    const format = choice(ctx, 'format', FORMATS, 'text')?.value;
    if (!format) return 2;
    const o = outputOf(ctx, 'json', ctx.args);
    if (!o.ok) return o.code;
    if (o.rest.length !== 2 || o.rest.every((a) => a === '-')) {
      ctx.err(`用法 · usage: ${this.usage}\n`);
      return 2;
    }
    const r = loadRubricArg(ctx, o.rest[0]!);
    if (!r.success) {
      ctx.report(r.issues);
      return 1;
    }
    const f = ctx.read(o.rest[1]!);
    if (!f.ok) {
      ctx.report([f.issue]);
      return 1;
    }
    const reviewed = safeReview(r.value, f.bytes, { file: f.file });
    if (!reviewed.success) {
      ctx.report(reviewed.issues);
      return 1;
    }
    if (reviewed.warnings.length) ctx.report(reviewed.warnings);
    const text = format === 'json' ? `${JSON.stringify(reviewed.value, null, 2)}\n` : formatReview(reviewed.value, { language: ctx.lang });
    return emit(ctx, o.out, text);
  },
};
