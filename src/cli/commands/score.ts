import { DEFAULT_LIMITS, JixiaoError, renderTable, safeEvaluate, type Rubric, type ScoreResult } from '../../index.js';
import { makeIssue } from '../../issues/issue.js';
import { auditRecord, renderSheet, type SheetHeadings } from '../../entries/report.js';
import { readDocument } from '../../source/document.js';
import { choice, loadRubricArg, looksLikePath, rubricArg, type Command, type CommandContext } from '../context.js';
import { outputArg } from './import.js';
import { scoreMonitoring } from './monitor.js';

/** The formats of `score`, `diff` and `explain`; `xlsx` and `docx` are binary. */
export const FORMATS = ['table', 'json', 'md', 'html', 'csv', 'xlsx', 'docx'] as const;
export type OutputFormat = (typeof FORMATS)[number];
const BINARY = new Set<OutputFormat>(['xlsx', 'docx']);

/** The input's `meta` and `values`, read again for the sheet's header and the funds block. */
export function inputOf(bytes: Uint8Array, file: string): { meta?: Record<string, unknown>; values?: Record<string, unknown> } | undefined {
  const r = readDocument(bytes, DEFAULT_LIMITS, file);
  if (!r.ok || typeof r.doc.value !== 'object' || r.doc.value === null) return undefined;
  return r.doc.value as { meta?: Record<string, unknown>; values?: Record<string, unknown> };
}

/**
 * The `--out` file (or `-o`), and whether writing there is allowed: XLSX and DOCX are not written
 * to a terminal (exit 2).
 */
export function outputOf(ctx: CommandContext, format: OutputFormat, rest: string[]): { ok: true; rest: string[]; out?: string } | { ok: false; code: number } {
  const a = outputArg(rest, ctx.flags);
  if (!a) return { ok: false, code: 2 };
  const out = typeof ctx.flags.get('out') === 'string' ? (ctx.flags.get('out') as string) : a.output;
  if (BINARY.has(format) && (out === undefined || out === '-') && (ctx.stdoutIsTerminal || !ctx.outBytes)) {
    ctx.report([makeIssue('output_is_terminal', { format: format.toUpperCase() })]);
    return { ok: false, code: 2 };
  }
  return out === undefined ? { ok: true, rest: a.rest } : { ok: true, rest: a.rest, out };
}

/** Write text or bytes to `--out` or standard output. */
export function emit(ctx: CommandContext, out: string | undefined, data: string | Uint8Array): number {
  if (out !== undefined && out !== '-') return ctx.write(out, data) ? 0 : 1;
  if (typeof data === 'string') ctx.out(data);
  else ctx.outBytes!(data);
  return 0;
}

/** An optional dependency missing (or any typed error of a renderer): its issues, exit 1. */
export async function rendered(ctx: CommandContext, make: () => Promise<Uint8Array>): Promise<Uint8Array | undefined> {
  try {
    return await make();
  } catch (e) {
    if (e instanceof JixiaoError) {
      ctx.report(e.issues);
      return undefined;
    }
    throw e;
  }
}

/** A result in one of the formats: text now, or bytes (XLSX, DOCX) when the library has loaded. */
export function render(ctx: CommandContext, result: ScoreResult, format: OutputFormat, input: ReturnType<typeof inputOf>, headings?: SheetHeadings, rubric?: Rubric): string | Promise<Uint8Array | undefined> {
  const opts = { ...(input ? { input } : {}), ...(headings ? { headings } : {}), ...(rubric ? { rubric } : {}) };
  switch (format) {
    case 'table':
      return renderTable(result, { language: ctx.lang });
    case 'json':
      return `${JSON.stringify(result, null, 2)}\n`;
    case 'md':
      return renderSheet(result, { ...opts, format: 'markdown' });
    case 'html':
    case 'csv':
      return renderSheet(result, { ...opts, format });
    case 'xlsx':
      return rendered(ctx, async () => (await import('../../entries/xlsx.js')).renderXlsx(result, opts));
    case 'docx':
      return rendered(ctx, async () => (await import('../../entries/docx.js')).renderDocx(result, opts));
  }
}

export const score: Command = {
  name: 'score',
  usage: 'jixiao score <评分表.yaml|内置id> <评价数据.json|.yaml> [--format table|json|md|html|csv|xlsx|docx] [--out 文件] [--audit]',
  summary: '评分并输出结果或评分表 · score an evaluation (JSON, a table, or the 评分表 as Markdown, HTML, CSV, XLSX, Word)',
  options: { format: 'value', out: 'value', output: 'value', audit: 'flag', 'extends-root': 'value' },
  run(ctx) {
    const format = choice(ctx, 'format', FORMATS, 'json')?.value;
    if (!format) return 2;
    const o = outputOf(ctx, format, ctx.args);
    if (!o.ok) return o.code;
    if (o.rest.length !== 2 || o.rest.every((a) => a === '-')) {
      ctx.err(`用法 · usage: ${this.usage}\n`);
      return 2;
    }
    // A monitoring rubric (双监控) gives levels, not points: jixiao/monitor scores it.
    const monitored = scoreMonitoring(ctx, o.rest[0]!, o.rest[1]!, format);
    if (typeof monitored === 'number') return monitored;
    if (typeof monitored === 'string') return emit(ctx, o.out, monitored);
    if (monitored !== undefined) return monitored.then((bytes) => (bytes ? emit(ctx, o.out, bytes) : 1));
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
    const result = safeEvaluate(r.value, f.bytes, { file: f.file });
    if (!result.success) {
      ctx.report(result.issues);
      return 1;
    }
    // Warnings (a 加分项 formula below 0, …) go to stderr beside the score; they do not fail it.
    if (result.warnings.length) ctx.report(result.warnings);
    const input = format === 'json' || format === 'table' ? undefined : inputOf(f.bytes, f.file);
    let value: ScoreResult = result.value;
    // --audit: the input and the rubric (its text, unless bundled) travel with the result.
    if (ctx.flags.get('audit') === true) {
      const arg = o.rest[0]!;
      const src = looksLikePath(arg) && arg !== '-' ? rubricArg(ctx, arg) : undefined;
      const source = src?.ok ? (typeof src.source === 'string' ? src.source : new TextDecoder().decode(src.source)) : undefined;
      const a = auditRecord(value, f.bytes, source ? { rubricSource: source } : {});
      if (a.success) value = a.value;
    }
    // The rubric's own column headings (sheet.headings) head its sheet.
    const out = render(ctx, value, format, input, r.value.document.sheet?.headings, r.value);
    if (typeof out === 'string') return emit(ctx, o.out, out);
    return out.then((bytes) => (bytes ? emit(ctx, o.out, bytes) : 1));
  },
};
