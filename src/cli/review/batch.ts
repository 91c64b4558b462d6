/**
 * `jixiao review` over a batch of filed forms: NDJSON (one filed form a line), or a CSV / XLSX main
 * table with the indicator rows in a second table (`--rows`, the same tables `jixiao batch` reads,
 * each row's 得分 its filed score). One line of findings per form, then a summary; with `--sample`,
 * a seeded sample stratified by a meta field (抽查) is reviewed instead of every form.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { DEFAULT_LIMITS, JixiaoError, type Issue, type Rubric } from '../../index.js';
import { safeReview } from '../../entries/review.js';
import { makeIssue } from '../../issues/issue.js';
import { Exact } from '../../exact.js';
import { formatReviewSummary, sampleForms, summarizeReviews, type ReviewedForm } from '../../review/summary.js';
import { planColumns, rowInput } from '../batch/columns.js';
import { readRecords, type ReadEvent } from '../batch/read.js';
import type { RawRecord } from '../batch/score.js';
import { placeRowIssues, type RecordRows } from '../batch/rows.js';
import { readSheetRows, tableTooLarge } from '../batch/xlsx.js';
import { renderSummarySheet } from './summary-sheet.js';
import { loadRowsTable } from '../commands/batch.js';
import type { CommandContext } from '../context.js';

export interface ReviewBatchOptions {
  input: string;
  rows?: string;
  sheet?: string;
  idField: string;
  group: string;
  sample?: string;
  seed?: string;
  summary: 'text' | 'json' | 'none';
  out?: string;
  /** The summary as a sheet: .md, .html, .csv or .xlsx. */
  summaryOut?: string;
}

/** Whether a file argument is a batch of forms rather than one form. */
export const isBatchFile = (f: string): boolean => /\.(ndjson|jsonl|csv|tsv|xlsx)$/i.test(f);

/** The filed figures of a main table's columns: `filed.total` (填报总分), `filed.grade` (填报等次), `filed.scores.<id>`, `filed.metrics.<name>`. */
function filedColumn(h: string): ((f: Record<string, unknown>, v: string) => void) | undefined {
  const t = h.trim();
  if (['filed.total', '填报总分', '自评总分'].includes(t)) return (f, v) => void (f.total = v);
  if (['filed.grade', '填报等次', '自评等次'].includes(t)) return (f, v) => void (f.grade = v);
  if (['filed.deviation', '偏差原因'].includes(t)) return (f, v) => void (f.deviation = v);
  const m = /^filed\.(scores|metrics)\.(.+)$/.exec(t);
  if (m) {
    return (f, v) => {
      const part = (f[m[1]!] ??= {}) as Record<string, string>;
      part[m[2]!] = v;
    };
  }
  return undefined;
}

interface Form {
  id: string;
  group: string;
  line: number;
  /** The filed form (an object), or its text (an NDJSON line). */
  form?: unknown;
  text?: string;
  issues?: Issue[];
  rowsAt?: RecordRows['place'];
}

export async function runReviewBatch(ctx: CommandContext, rubric: Rubric, o: ReviewBatchOptions): Promise<number> {
  const file = o.input;
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) {
      ctx.report([makeIssue('file_is_directory', { file })]);
      return 1;
    }
    size = st.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    ctx.report([code === 'ENOENT' || code === 'ENOTDIR' ? makeIssue('file_not_found', { file }) : makeIssue('file_unreadable', { file, detail: String(code) })]);
    return 1;
  }
  const xlsx = /\.xlsx$/i.test(file);
  const ndjson = /\.(ndjson|jsonl)$/i.test(file);
  if (ndjson && o.rows !== undefined) {
    ctx.err(ctx.say('--rows 用于 CSV 或 Excel 主表；NDJSON 的每行是一份完整的填报表', '--rows goes with a CSV or Excel main table; an NDJSON line is a whole filed form') + '\n');
    return 2;
  }
  if (!ndjson && rubric.plan.rowSections.length && o.rows === undefined) {
    ctx.err(ctx.say('这张评分表的指标行随每份填报表给出：请用 --rows 指标行.csv 给出按记录编号排列的指标行表（得分列为填报得分）', "this rubric's indicator rows come with each form: give them in a second table keyed by record id (--rows rows.csv; its 得分 column is the filed score)") + '\n');
    return 2;
  }
  let rowsById: Map<string, RecordRows> | undefined;
  if (o.rows !== undefined) {
    rowsById = await loadRowsTable(ctx, rubric, o.rows, o.idField, { filed: true });
    if (!rowsById) return 1;
  }

  // Every form is read first: the sample is drawn from all of them.
  let events: AsyncIterable<ReadEvent>;
  if (xlsx) {
    const big = tableTooLarge(size, file);
    if (big) {
      ctx.report([big]);
      return 1;
    }
    const t = await readSheetRows(readFileSync(file), file, o.sheet);
    if ('issues' in t) {
      ctx.report(t.issues);
      return 1;
    }
    events = (async function* () {
      yield { kind: 'header', cells: t.header } as ReadEvent;
      yield { kind: 'records', records: t.rows.map((r): RawRecord => (r.issues.length ? { line: r.row, issues: r.issues } : { line: r.row, cells: r.cells })) } as ReadEvent;
    })();
  } else events = readRecords(createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>, ndjson ? 'ndjson' : 'csv', file, DEFAULT_LIMITS.maxBytes);

  const forms: Form[] = [];
  let setters: (((f: Record<string, unknown>, v: string) => void) | undefined)[] = [];
  let plan: Extract<ReturnType<typeof planColumns>, { plan: unknown }>['plan'] | undefined;
  let idColumn = -1;
  let groupColumn = -1;
  for await (const ev of events) {
    if (ev.kind === 'fatal') {
      ctx.report([ev.issue]);
      return 1;
    }
    if (ev.kind === 'header') {
      setters = ev.cells.map(filedColumn);
      const rest = ev.cells.filter((_, i) => !setters[i]);
      const p = planColumns(rubric, rest, [o.idField, o.group], file);
      if ('issues' in p) {
        ctx.report(p.issues);
        return 1;
      }
      plan = p.plan;
      const find = (f: string) => ev.cells.findIndex((h) => h.trim() === f || h.trim() === `meta.${f}`);
      idColumn = find(o.idField);
      groupColumn = find(o.group);
      continue;
    }
    for (const rec of ev.records) {
      if (rec.text !== undefined) {
        let meta: Record<string, unknown> = {};
        try {
          const v = JSON.parse(rec.text) as { meta?: Record<string, unknown> };
          if (v && typeof v.meta === 'object' && v.meta !== null) meta = v.meta;
        } catch {
          // said by the review, with its position
        }
        const id = meta[o.idField] !== undefined ? String(meta[o.idField]) : `第${rec.line}行`;
        forms.push({ id, group: meta[o.group] !== undefined ? String(meta[o.group]) : '', line: rec.line, text: rec.text });
        continue;
      }
      const cells = rec.cells ?? [];
      const id = idColumn >= 0 ? (cells[idColumn] ?? '').trim() : `第${rec.line}行`;
      const group = groupColumn >= 0 ? (cells[groupColumn] ?? '').trim() : '';
      const issues = [...(rec.issue ? [rec.issue] : []), ...(rec.issues ?? [])];
      if (issues.length || !plan) {
        forms.push({ id, group, line: rec.line, issues });
        continue;
      }
      const filed: Record<string, unknown> = {};
      cells.forEach((c, i) => {
        if (setters[i] && c.trim() !== '') setters[i]!(filed, c.trim());
      });
      const made = rowInput(plan, cells.filter((_, i) => !setters[i]), rec.line, file);
      if ('issues' in made) {
        forms.push({ id, group, line: rec.line, issues: made.issues });
        continue;
      }
      const form: Form = { id, group, line: rec.line, form: { ...made.input, filed } };
      if (rowsById) {
        const r = rowsById.get(id);
        if (!r) form.issues = [makeIssue('rows_none', { record: id, file: o.rows! }, { source: { file, line: rec.line, column: idColumn + 1 } })];
        else if (r.issues.length) form.issues = r.issues;
        else {
          (form.form as Record<string, unknown>).rows = r.rows;
          form.rowsAt = r.place;
        }
      }
      forms.push(form);
    }
  }

  // 抽查: a seeded sample, stratified by the group field.
  let chosen = forms;
  if (o.sample !== undefined) {
    const pct = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(o.sample);
    if (!pct || Exact.parse(pct[1]!).isZero() || Exact.parse(pct[1]!).gt(Exact.int(100))) {
      ctx.err('--sample 应为 0 到 100 之间的百分比，如 10% · --sample is a percentage above 0 and at most 100, such as 10%\n');
      return 2;
    }
    const picked = sampleForms(forms.map((f) => ({ id: `${f.id}\u0000${f.line}`, stratum: f.group })), { percent: pct[1]!, seed: o.seed ?? '0' });
    const keep = new Set(picked.map((p) => p.id));
    chosen = forms.filter((f) => keep.has(`${f.id}\u0000${f.line}`));
  }

  const reviewed: ReviewedForm[] = [];
  const lines: string[] = [];
  for (const f of chosen) {
    const entry: ReviewedForm = f.group ? { id: f.id, group: f.group } : { id: f.id };
    let issues = f.issues;
    if (!issues) {
      const r = f.text !== undefined ? safeReview(rubric, f.text, { file }) : safeReview(rubric, f.form as never);
      if (r.success) entry.review = r.value;
      else {
        // An NDJSON line's positions are in the file; a table's rows in the rows table.
        issues = f.text !== undefined ? r.issues.map((i) => (i.source ? { ...i, source: { ...i.source, line: i.source.line + f.line - 1 } } : { ...i, source: { file, line: f.line, column: 1 } })) : f.rowsAt ? placeRowIssues(r.issues, f.rowsAt) : r.issues;
      }
    }
    if (issues) entry.issues = issues;
    reviewed.push(entry);
    const line: Record<string, unknown> = { id: f.id, line: f.line };
    if (f.group) line.group = f.group;
    if (entry.review) {
      const rv = entry.review;
      line.clean = rv.clean;
      line.total = rv.result.total;
      line.grade = rv.result.grade;
      if (rv.filed.total !== undefined) line.filedTotal = rv.filed.total;
      line.findings = rv.findings.map((x) => ({ class: x.class, severity: x.severity, indicator: x.indicator, ...(x.filed !== undefined ? { filed: x.filed } : {}), ...(x.expected !== undefined ? { expected: x.expected } : {}), ...(x.difference !== undefined ? { difference: x.difference } : {}), message: x.message, ...(x.explanation ? { explanation: x.explanation.zh } : {}) }));
    } else line.issues = (issues ?? []).map((i) => ({ code: i.code, path: i.path, message: i.message, ...(i.source ? { line: i.source.line, column: i.source.column } : {}) }));
    lines.push(JSON.stringify(line));
  }
  const text = lines.length ? `${lines.join('\n')}\n` : '';
  if (o.out !== undefined && o.out !== '-') {
    if (!ctx.write(o.out, text)) return 1;
  } else ctx.out(text);
  const s = summarizeReviews(reviewed);
  if (o.summaryOut !== undefined) {
    const drawn = o.sample !== undefined ? `${o.sample}（种子 ${o.seed ?? '0'}，按“${o.group}”分层，${forms.length} 份中 ${chosen.length} 份）` : undefined;
    let sheet: string | Uint8Array | undefined;
    try {
      sheet = await renderSummarySheet(s, rubric, file, o.summaryOut, drawn);
    } catch (e) {
      if (e instanceof JixiaoError) {
        ctx.report(e.issues);
        return 1;
      }
      throw e;
    }
    if (sheet === undefined) {
      ctx.err('--summary-out 应以 .md、.html、.csv 或 .xlsx 结尾 · --summary-out must end in .md, .html, .csv or .xlsx\n');
      return 2;
    }
    if (!ctx.write(o.summaryOut, sheet)) return 1;
  }
  if (o.summary === 'json') ctx.err(`${JSON.stringify({ ...s, ...(o.sample !== undefined ? { sample: { percent: o.sample, seed: o.seed ?? '0', of: forms.length } } : {}) })}\n`);
  else if (o.summary === 'text') {
    const head = o.sample !== undefined ? ctx.say(`抽查：${forms.length} 份中按“${o.group}”分层抽取 ${o.sample}（种子 ${o.seed ?? '0'}），共 ${chosen.length} 份\n`, `sample: ${o.sample} of each "${o.group}" (seed ${o.seed ?? '0'}) from ${forms.length} forms: ${chosen.length}\n`) : '';
    ctx.err(head + formatReviewSummary(s, { language: ctx.lang === 'en' ? 'en' : 'zh' }));
  }
  return 0;
}
