import { safeEvaluate, type Rubric, type ScoreResult } from '../../index.js';
import { auditRecord, explain, renderExplanation } from '../../entries/report.js';
import { choice, loadRubricArg, type Command } from '../context.js';
import { readResult, warnNotBundled } from './results.js';
import { emit, outputOf } from './score.js';

export const explainCommand: Command = {
  name: 'explain',
  usage: 'jixiao explain <结果.json> [--rubric 评分表] | jixiao explain <评分表|内置id> <评价数据.json> [--format text|md|json] [--out 文件]',
  summary: '逐项说明得分如何得出、差多少可得满分 · say how every score was reached and what would earn the max',
  options: { format: 'value', out: 'value', output: 'value', rubric: 'value', 'extends-root': 'value' },
  run(ctx) {
    const format = choice(ctx, 'format', ['text', 'md', 'json'] as const, 'text')?.value;
    if (!format) return 2;
    const o = outputOf(ctx, 'md', ctx.args);
    if (!o.ok) return o.code;
    let result: ScoreResult;
    let rubric: Rubric | undefined;
    const given = ctx.flags.get('rubric');
    if (typeof given === 'string') {
      const r = loadRubricArg(ctx, given);
      if (!r.success) {
        ctx.report(r.issues);
        return 1;
      }
      rubric = r.value;
    }
    if (o.rest.length === 1) {
      const r = readResult(ctx, o.rest[0]!);
      if (!r.ok) {
        ctx.report(r.issues);
        return 1;
      }
      result = r.result;
      warnNotBundled(ctx, result, r.file);
    } else if (o.rest.length === 2) {
      const r = loadRubricArg(ctx, o.rest[0]!);
      if (!r.success) {
        ctx.report(r.issues);
        return 1;
      }
      rubric = r.value;
      const f = ctx.read(o.rest[1]!);
      if (!f.ok) {
        ctx.report([f.issue]);
        return 1;
      }
      const s = safeEvaluate(rubric, f.bytes, { file: f.file });
      if (!s.success) {
        ctx.report(s.issues);
        return 1;
      }
      const audited = auditRecord(s.value, f.bytes);
      result = audited.success ? audited.value : s.value;
    } else {
      ctx.err(`用法 · usage: ${this.usage}\n`);
      return 2;
    }
    const list = explain(result, rubric ? { rubric } : {});
    if (format === 'json') return emit(ctx, o.out, `${JSON.stringify(list, null, 2)}\n`);
    return emit(ctx, o.out, renderExplanation(list, result, { format: format === 'md' ? 'markdown' : 'text' }));
  },
};
