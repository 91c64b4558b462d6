import { renderSheet, type SheetHeadings } from '../../entries/report.js';
import { choice, loadRubricArg, type Command, type CommandContext } from '../context.js';
import { JixiaoError, type Rubric } from '../../index.js';
import { rubricOfResult } from '../../report/provenance.js';
import { readResult, warnNotBundled } from './results.js';
import { emit, FORMATS, outputOf, render, rendered } from './score.js';

export const sheet: Command = {
  name: 'sheet',
  usage: 'jixiao sheet <结果.json | 评分表.yaml | 内置id> [--format md|html|csv|xlsx|docx|table] [--scores 自评得分,复核得分] [--reason 扣分原因] [--out 文件]',
  summary: '把保存的评分结果画成评分表，或印出空白评分表 · render a stored result as the 评分表, or a rubric as the blank sheet',
  options: { format: 'value', out: 'value', output: 'value', scores: 'value', reason: 'value' },
  run(ctx) {
    const format = choice(ctx, 'format', FORMATS, 'md')?.value;
    if (!format) return 2;
    const o = outputOf(ctx, format, ctx.args);
    if (!o.ok) return o.code;
    if (o.rest.length !== 1) {
      ctx.err(`用法 · usage: ${this.usage}\n`);
      return 2;
    }
    const named = headingsArg(ctx);
    if (!named.ok) return 2;
    // A rubric (a bundled id, a YAML file) gives the blank sheet; a result (.json, or stdin) the filled-in one.
    const arg = o.rest[0]!;
    if (arg !== '-' && !/\.json$/i.test(arg)) {
      const rubric = loadRubricArg(ctx, arg);
      if (!rubric.success) {
        ctx.report(rubric.issues);
        return 1;
      }
      const out = guarded(ctx, () => blank(ctx, rubric.value, format, named.headings));
      if (out === undefined) return 2;
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
    // The rubric that scored the result — the text its audit trail carries, or the bundled one of
    // its id — draws it when its fingerprint is the result's: a leaf with no hand-written 评分标准
    // then prints its rule's sentence, as on the blank sheet.
    const rubric = rubricOfResult(r.result);
    const out = guarded(ctx, () => render(ctx, r.result, format, undefined, named.headings, rubric));
    if (out === undefined) return 2;
    if (typeof out === 'string') return emit(ctx, o.out, out);
    return out.then((bytes) => (bytes ? emit(ctx, o.out, bytes) : 1));
  },
};

/** A sheet, or undefined when the headings named are refused (invalid_option, reported). */
function guarded<T>(ctx: CommandContext, make: () => T): T | undefined {
  try {
    return make();
  } catch (e) {
    if (e instanceof JixiaoError && e.issues.every((i) => i.code === 'invalid_option')) {
      ctx.report(e.issues);
      return undefined;
    }
    throw e;
  }
}

/** The blank sheet of a rubric in one of the formats (`table` is the Markdown table). */
function blank(ctx: CommandContext, rubric: Rubric, format: (typeof FORMATS)[number], headings: SheetHeadings | undefined): string | Promise<Uint8Array | undefined> {
  const opts = headings ? { headings } : {};
  switch (format) {
    case 'xlsx':
      return rendered(ctx, async () => (await import('../../entries/xlsx.js')).renderXlsx(rubric, opts));
    case 'docx':
      return rendered(ctx, async () => (await import('../../entries/docx.js')).renderDocx(rubric, opts));
    case 'html':
    case 'csv':
      return renderSheet(rubric, { ...opts, format });
    default:
      return renderSheet(rubric, { ...opts, format: 'markdown' });
  }
}

/** `--scores 自评得分,复核得分` and `--reason 扣分原因`: the headings of the score and note columns. */
function headingsArg(ctx: CommandContext): { ok: true; headings?: SheetHeadings } | { ok: false } {
  const scores = ctx.flags.get('scores');
  const reason = ctx.flags.get('reason');
  const headings: { scores?: string[]; reason?: string } = {};
  if (typeof scores === 'string') {
    const list = scores.split(/[,，]/).map((t) => t.trim());
    if (list.some((t) => !t)) {
      ctx.err('--scores 须为逗号分隔的表头，如 自评得分,复核得分 · --scores takes headings separated by commas\n');
      return { ok: false };
    }
    headings.scores = list;
  }
  if (typeof reason === 'string') {
    if (!reason.trim()) {
      ctx.err('--reason 须为表头文字，如 扣分原因 · --reason takes a heading\n');
      return { ok: false };
    }
    headings.reason = reason.trim();
  }
  return headings.scores || headings.reason !== undefined ? { ok: true, headings } : { ok: true };
}
