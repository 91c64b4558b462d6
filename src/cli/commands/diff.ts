import { basename } from 'node:path';
import { compareResults, renderComparison, type Comparison } from '../../entries/report.js';
import { choice, shown, type Command } from '../context.js';
import { readResult } from './results.js';
import { emit, FORMATS, outputOf, rendered } from './score.js';

export const diff: Command = {
  name: 'diff',
  usage: 'jixiao diff <结果A.json> <结果B.json> [--labels 自评,财政评价] [--format table|json|md|html|csv|xlsx|docx] [--out 文件]',
  summary: '对照两份评分结果，标出差异 · compare two results side by side, differences marked',
  options: { format: 'value', out: 'value', output: 'value', labels: 'value' },
  run(ctx) {
    const format = choice(ctx, 'format', FORMATS, 'md')?.value;
    if (!format) return 2;
    const o = outputOf(ctx, format, ctx.args);
    if (!o.ok) return o.code;
    if (o.rest.length !== 2) {
      ctx.err(`用法 · usage: ${this.usage}\n`);
      return 2;
    }
    const a = readResult(ctx, o.rest[0]!);
    const b = readResult(ctx, o.rest[1]!);
    const issues = [a, b].flatMap((r) => (r.ok ? [] : r.issues));
    if (issues.length || !a.ok || !b.ok) {
      ctx.report(issues);
      return 1;
    }
    const given = ctx.flags.get('labels');
    const labels = typeof given === 'string' ? given.split(/[,，]/).map((s) => s.trim()) : [basename(a.file), basename(b.file)];
    if (labels.length !== 2 || labels.some((l) => !l)) {
      ctx.err('--labels 应为两个名称，用逗号分隔 · --labels must be two names separated by a comma\n');
      return 2;
    }
    const c: Comparison = compareResults(a.result, b.result, { labels: labels as [string, string] });
    for (const w of c.warnings) ctx.err(`⚠ ${shown(w)}\n`);
    switch (format) {
      case 'json':
        return emit(ctx, o.out, `${JSON.stringify(c, null, 2)}\n`);
      case 'table':
      case 'md':
        return emit(ctx, o.out, renderComparison(c));
      case 'html':
      case 'csv':
        return emit(ctx, o.out, renderComparison(c, { format }));
      case 'xlsx':
        return rendered(ctx, async () => (await import('../../entries/xlsx.js')).renderXlsx(c)).then((bytes) => (bytes ? emit(ctx, o.out, bytes) : 1));
      case 'docx':
        return rendered(ctx, async () => (await import('../../entries/docx.js')).renderDocx(c)).then((bytes) => (bytes ? emit(ctx, o.out, bytes) : 1));
    }
  },
};
