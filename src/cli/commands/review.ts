import { applyLayers, filedLayer, safeReview, type LayerInput } from '../../entries/review.js';
import { DEFAULT_LIMITS, renderTable } from '../../index.js';
import { makeIssue, type Issue } from '../../issues/issue.js';
import { auditRecord } from '../../entries/report.js';
import { formatReview } from '../../review/format.js';
import { isLevelRow } from '../../review/review.js';
import { locateIssues, readDocument } from '../../source/document.js';
import { choice, loadRubricArg, type Command } from '../context.js';
import { isBatchFile, runReviewBatch } from '../review/batch.js';
import { emit, outputOf } from './score.js';

const FORMATS = ['text', 'json'] as const;
const BATCH_ONLY = ['rows', 'sheet', 'id', 'group', 'sample', 'seed', 'summary', 'summary-out'];

export const reviewCommand: Command = {
  name: 'review',
  usage:
    'jixiao review <评分表.yaml|内置id> <填报表.json|.yaml> [--layers 复核层级.yaml] [--format text|json] [--out 文件] · 批量：<填报表.ndjson|.csv|.xlsx> [--rows 指标行.csv|.xlsx] [--sheet 工作表] [--id 字段] [--group 字段] [--sample 10% --seed 种子] [--summary text|json|none] [--summary-out 汇总.md|.html|.csv|.xlsx] [--out 文件]',
  summary: '复核填报的自评表：按规则评分，列出每处偏离；批量时逐份输出并汇总、可分层抽查 · review filed forms against their rules (one, or a batch with a summary and a seeded sample)',
  options: { layers: 'value', format: 'value', out: 'value', output: 'value', 'extends-root': 'value', rows: 'value', sheet: 'value', id: 'value', group: 'value', sample: 'value', seed: 'value', summary: 'value', 'summary-out': 'value' },
  run(ctx) {
    const o = outputOf(ctx, 'json', ctx.args);
    if (!o.ok) return o.code;
    if (o.rest.length !== 2 || o.rest.every((a) => a === '-')) {
      ctx.err(`用法 · usage: ${this.usage}\n`);
      return 2;
    }
    const batch = isBatchFile(o.rest[1]!);
    const misplaced = batch ? ['format', 'layers'].filter((k) => ctx.flags.has(k)) : BATCH_ONLY.filter((k) => ctx.flags.has(k));
    if (misplaced.length) {
      ctx.err(batch ? '批量复核逐份输出 NDJSON，汇总用 --summary text|json · a batch review writes NDJSON; --summary chooses the summary\n' : `--${misplaced[0]} 只用于批量复核（.ndjson、.csv、.xlsx）· --${misplaced[0]} is for a batch (.ndjson, .csv, .xlsx)\n`);
      return 2;
    }
    const format = choice(ctx, 'format', FORMATS, 'text')?.value;
    const summary = choice(ctx, 'summary', ['text', 'json', 'none'] as const, 'text')?.value;
    if (!format || !summary) return 2;
    const r = loadRubricArg(ctx, o.rest[0]!);
    if (!r.success) {
      ctx.report(r.issues);
      return 1;
    }
    if (batch) {
      const str = (k: string) => (typeof ctx.flags.get(k) === 'string' ? (ctx.flags.get(k) as string) : undefined);
      const sheet = str('summary-out');
      if (sheet !== undefined && !/\.(md|html?|csv|xlsx)$/i.test(sheet)) {
        ctx.err('--summary-out 应以 .md、.html、.csv 或 .xlsx 结尾 · --summary-out must end in .md, .html, .csv or .xlsx\n');
        return 2;
      }
      return runReviewBatch(ctx, r.value, {
        input: o.rest[1]!,
        idField: (str('id') ?? 'id').replace(/^meta\./, ''),
        group: (str('group') ?? '主管部门').replace(/^meta\./, ''),
        summary,
        ...(str('rows') !== undefined ? { rows: str('rows')! } : {}),
        ...(str('sheet') !== undefined ? { sheet: str('sheet')! } : {}),
        ...(str('sample') !== undefined ? { sample: str('sample')! } : {}),
        ...(str('seed') !== undefined ? { seed: str('seed')! } : {}),
        ...(str('summary-out') !== undefined ? { summaryOut: str('summary-out')! } : {}),
        ...(o.out !== undefined ? { out: o.out } : {}),
      });
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
    const layersArg = ctx.flags.get('layers');
    if (typeof layersArg === 'string') {
      // The filed form is the 自评 layer; the layers in the file come after it.
      const lf = ctx.read(layersArg);
      if (!lf.ok) {
        ctx.report([lf.issue]);
        return 1;
      }
      const read = readDocument(lf.bytes, DEFAULT_LIMITS, lf.file);
      if (!read.ok) {
        ctx.report(read.issues);
        return 1;
      }
      const list = read.doc.value;
      if (!Array.isArray(list)) {
        const got = list === null ? 'null' : typeof list;
        ctx.report([makeIssue('invalid_type', { expected: '复核层级的列表（[{ name, by?, overrides: [{ indicator, score, reason }] }]）', expectedEn: 'a list of review layers', received: got, receivedEn: got }, { source: { file: lf.file, line: 1, column: 1 } })]);
        return 1;
      }
      const layered = applyLayers(r.value, reviewed.value.result, [filedLayer(reviewed.value), ...(list as LayerInput[])]);
      if (!layered.success) {
        // Layer 0 is the filed form's; the file's layers are 1 on.
        const shifted: Issue[] = layered.issues.map((i) => (typeof i.path[0] === 'number' && i.path[0] > 0 ? { ...i, path: [i.path[0] - 1, ...i.path.slice(1)] } : { ...i, path: ['自评', ...i.path] }));
        ctx.report(locateIssues(shifted.filter((i) => i.path[0] !== '自评'), read.doc).concat(shifted.filter((i) => i.path[0] === '自评')));
        return 1;
      }
      // Stored with its audit trail (the evaluation the form was filed from), so that jixiao sheet
      // draws it with its funds and meta, and rescore scores it again.
      const filedDoc = readDocument(f.bytes, DEFAULT_LIMITS, f.file);
      const audited = filedDoc.ok ? auditRecord(layered.value, evaluationOf(filedDoc.doc.value)) : undefined;
      const stored = audited?.success ? audited.value : layered.value;
      const text = format === 'json' ? `${JSON.stringify(stored, null, 2)}\n` : `${formatReview(reviewed.value, { language: ctx.lang })}\n${renderTable(layered.value, { language: ctx.lang })}`;
      return emit(ctx, o.out, text);
    }
    const text = format === 'json' ? `${JSON.stringify(reviewed.value, null, 2)}\n` : formatReview(reviewed.value, { language: ctx.lang });
    return emit(ctx, o.out, text);
  },
};

/**
 * A filed form without what was filed: the evaluation it was filed from (no `filed`, no row's
 * `filed`; a 定性 row's filed score is its score, as review reads it).
 */
function evaluationOf(form: unknown): Record<string, unknown> {
  if (form === null || typeof form !== 'object' || Array.isArray(form)) return {};
  const { filed: _f, rows, ...rest } = form as Record<string, unknown>;
  if (rows === null || typeof rows !== 'object' || Array.isArray(rows)) return rows === undefined ? rest : { ...rest, rows };
  const plain = Object.fromEntries(
    Object.entries(rows as Record<string, unknown>).map(([k, list]) => [k, Array.isArray(list) ? list.map((r) => {
        if (r === null || typeof r !== 'object' || Array.isArray(r)) return r;
        const { filed, ...row } = r as Record<string, unknown>;
        if (filed !== undefined && row.score === undefined && isLevelRow(row)) row.score = filed;
        return row;
      }) : list]),
  );
  return { ...rest, rows: plain };
}
