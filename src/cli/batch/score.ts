/**
 * What `jixiao batch` does with each record, the same in the main thread and in a worker: score
 * it (exactly as `safeEvaluate` would, through evaluateRecord) and write its output line.
 */
import type { Issue, IndicatorResult, Rubric, ScoreResult, ScoreTotals } from '../../index.js';
import { evaluateRecord, scoreRecord, scoreRecordBytes, type BatchOutcome, type BatchTotalsOutcome } from '../../batch/many.js';
import { makeIssue } from '../../issues/issue.js';
import { placeIssues, rowInput, type ColumnPlan } from './columns.js';
import { placeRowIssues, type RowsPlace } from './rows.js';
import { formulaSafe } from '../../source/cells.js';

/** A record as read from the input: an NDJSON line, or a CSV row's cells. */
export interface RawRecord {
  /** The line of the input where it starts (1-based). */
  line: number;
  text?: string;
  /** The record's line as UTF-8 bytes, where it is not decoded yet (an NDJSON block's line). */
  bytes?: Uint8Array;
  cells?: string[];
  /** The last line of the file, without its line break. */
  unterminated?: boolean;
  /** A problem found while reading it (a line too long, a row of the wrong width). */
  issue?: Issue;
  /** More than one (the cells of a worksheet row that cannot be read). */
  issues?: Issue[];
  /** A project form's indicator rows, from the `--rows` table, and where they are in it. */
  rows?: Record<string, Record<string, string>[]>;
  rowsAt?: RowsPlace;
}

/** What the main thread keeps of a scored record: enough for the summary and the ranking. */
export interface RecordInfo {
  /** Total, or null for a record with issues. */
  total: string | null;
  grade: string | null;
  id: string | null;
  /** The `--rank-by` field's value. */
  group: string | null;
  /** The first issue, for the summary: code and message in both languages. */
  issue?: { code: string; message: string; messageEn: string };
}

export interface ScoreSetup {
  rubric: Rubric;
  file: string;
  format: 'ndjson' | 'csv';
  full: boolean;
  /** Meta fields that name a record; the first is its id. */
  idFields: string[];
  rankBy?: string;
  /** CSV input: how its columns map onto the input. */
  columns?: ColumnPlan;
}

/** The leaves of the output: every leaf indicator, and every section whose rows come with the evaluation. */
export function scoreColumns(rubric: Rubric): string[] {
  const out: string[] = [];
  const walk = (nodes: readonly { id: string; rows?: unknown; children: readonly unknown[] }[]) => {
    for (const n of nodes) {
      if (n.rows !== undefined || n.children.length === 0) out.push(n.id);
      else walk(n.children as typeof nodes);
    }
  };
  walk(rubric.indicators);
  return out;
}

/** The output's score columns, each with its place and its JSON key (`"id":`), worked out once per rubric. */
interface Columns {
  ids: string[];
  at: Map<string, number>;
  keys: string[];
}
const columnsOf = new WeakMap<Rubric, Columns>();
function outputColumns(rubric: Rubric): Columns {
  let c = columnsOf.get(rubric);
  if (!c) {
    const ids = scoreColumns(rubric);
    c = { ids, at: new Map(ids.map((id, k) => [id, k])), keys: ids.map((id) => `${JSON.stringify(id)}:`) };
    columnsOf.set(rubric, c);
  }
  return c;
}

/** Each output column's score, in column order (undefined where the result has none). */
function columnScores(r: ScoreResult | ScoreTotals, columns: Columns): (string | undefined)[] {
  const scores: (string | undefined)[] = new Array<string | undefined>(columns.ids.length);
  if ('scores' in r) for (let k = 0; k < columns.ids.length; k++) scores[k] = r.scores[columns.ids[k]!];
  else leafScores(r.indicators, columns.at, scores);
  return scores;
}

function leafScores(nodes: readonly IndicatorResult[], at: ReadonlyMap<string, number>, into: (string | undefined)[]): void {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    const k = at.get(n.id);
    if (k !== undefined) into[k] = n.score;
    else if (n.children) leafScores(n.children, at, into);
  }
}

/** A CSV cell: quoted when it holds a separator, a quote, a line break or surrounding space. */
export function csvCell(v: string): string {
  return /[",\r\n\t]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * A CSV cell of text from a record or a rubric (an id, a grade, a column name, the issues): what a
 * spreadsheet would run as a formula is neutralised as in the CSV 评分表 ({@link formulaSafe}, which
 * leaves a plain number such as `-3` a number).
 */
export function csvText(v: string): string {
  return csvCell(formulaSafe(v));
}

/** An issue as an output line shows it: code, path, line and column in the input file, both messages. */
function compactIssue(i: Issue, file?: string): Record<string, unknown> {
  const o: Record<string, unknown> = { code: i.code, severity: i.severity, path: i.path };
  if (i.indicator !== undefined) o.indicator = i.indicator;
  if (i.source) {
    // Another file than the input (the --rows table) is named.
    if (file !== undefined && i.source.file !== undefined && i.source.file !== file) o.file = i.source.file;
    o.line = i.source.line;
    o.column = i.source.column;
  }
  o.message = i.message;
  o.messageEn = i.messageEn;
  return o;
}

/** The CSV header of the output. */
export function csvHeader(setup: ScoreSetup, rank: boolean): string {
  const fields = [...setup.idFields];
  if (setup.rankBy !== undefined && !fields.includes(setup.rankBy)) fields.push(setup.rankBy);
  const cols = ['index', ...(rank ? ['排名'] : []), 'line', ...fields, '总分', '满分', '等次', ...scoreColumns(setup.rubric), '问题'];
  return `${cols.map(csvText).join(',')}\n`;
}

/** Issues of an NDJSON record are placed in the input file: its line, the record's column. */
function shiftIssues(issues: Issue[], line: number, file: string): Issue[] {
  return issues.map((i) => (i.source ? { ...i, source: { file, line: i.source.line + line - 1, column: i.source.column } } : { ...i, source: { file, line, column: 1 } }));
}

/** Meta fields of a record: from the input object for CSV, read again from the text for NDJSON. */
function metaOf(input: unknown, fields: readonly string[]): (string | null)[] {
  const meta = input !== null && typeof input === 'object' ? (input as { meta?: unknown }).meta : undefined;
  return fields.map((f) => {
    if (meta === null || typeof meta !== 'object' || !Object.prototype.hasOwnProperty.call(meta, f)) return null;
    const v = (meta as Record<string, unknown>)[f];
    return typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : null;
  });
}

/**
 * Score records and write their output lines. `index` is the first record's index in the input.
 * The output depends on nothing but the setup and the records, so it is the same in any thread.
 */
export function scoreRecords(setup: ScoreSetup, records: readonly RawRecord[], index: number): { text: string; infos: RecordInfo[]; lengths: number[] } {
  const { rubric, file } = setup;
  const columns = outputColumns(rubric);
  const extra = setup.rankBy !== undefined && !setup.idFields.includes(setup.rankBy) ? [setup.rankBy] : [];
  const fields = [...setup.idFields, ...extra];
  let text = '';
  const infos: RecordInfo[] = [];
  const lengths: number[] = [];
  records.forEach((rec, k) => {
    const i = index + k;
    let outcome: BatchOutcome | BatchTotalsOutcome;
    // Without `--full` only the figures are written: the totals path scores them.
    const scoreIt = (input: Parameters<typeof evaluateRecord>[1], i: number) => (setup.full ? evaluateRecord : scoreRecord)(rubric, input, i, { idField: fields[0] ?? 'id' });
    let meta: (string | null)[] = fields.map(() => null);
    if (rec.issue) outcome = { index: i, id: undefined, issues: [rec.issue] };
    else if (rec.issues?.length) {
      outcome = { index: i, id: undefined, issues: rec.issues };
      // A row of the main table whose rows could not be given: its id fields are still known.
      if (rec.cells && setup.columns) {
        const row = rowInput(setup.columns, rec.cells, rec.line, file);
        if ('input' in row) meta = metaOf(row.input, fields);
      }
    }
    else if (rec.cells && setup.columns) {
      const row = rowInput(setup.columns, rec.cells, rec.line, file);
      if ('issues' in row) outcome = { index: i, id: undefined, issues: row.issues };
      else {
        meta = metaOf(row.input, fields);
        if (rec.rows) row.input.rows = rec.rows as NonNullable<typeof row.input.rows>;
        outcome = scoreIt(row.input, i);
        if ('issues' in outcome) {
          // An issue of a row is placed in the rows table; the others in this row of the main table.
          const plan = setup.columns;
          const issues = outcome.issues.map((x) => {
            const placed = rec.rowsAt ? placeRowIssues([x], rec.rowsAt)[0]! : x;
            return placed !== x ? placed : placeIssues(plan, [x], rec.line, file)[0]!;
          });
          outcome = { ...outcome, issues };
        }
      }
    } else {
      // A line still in bytes is scored from them where the compiled scorer reads it, else decoded.
      let text = rec.text;
      const fromBytes = rec.bytes !== undefined && !setup.full ? scoreRecordBytes(rubric, rec.bytes, i, { idField: fields[0] ?? 'id' }) : undefined;
      if (text === undefined && rec.bytes !== undefined && (fromBytes === undefined || fields.length > 1)) text = LINE_DECODER.decode(rec.bytes);
      outcome = fromBytes ?? scoreIt(text ?? '', i);
      if (fields.length > 1) meta = metaOf(safeMeta(text ?? ''), fields);
      meta[0] = outcome.id ?? null;
      if ('issues' in outcome) {
        let issues = shiftIssues(outcome.issues, rec.line, file);
        if (rec.unterminated && issues.some((x) => x.code === 'yaml_syntax'))
          issues = [makeIssue('record_truncated', { detail: issues[0]!.message, detailEn: issues[0]!.messageEn }, { source: { file, line: rec.line, column: 1 } }), ...issues];
        outcome = { ...outcome, issues };
      }
    }
    const before = text.length;
    const id = meta[0] ?? null;
    const group = setup.rankBy === undefined ? null : (meta[fields.indexOf(setup.rankBy)] ?? null);
    if (!('issues' in outcome)) {
      const r = 'result' in outcome ? outcome.result : outcome.totals;
      infos.push({ total: r.total, grade: r.grade, id, group });
      text += setup.format === 'csv' ? csvRow(i, rec.line, meta, r, columns) : ndjsonLine(setup, i, rec.line, meta, r, outcome.warnings, columns, rec.rowsAt);
    } else {
      const first = outcome.issues[0]!;
      infos.push({ total: null, grade: null, id, group, issue: { code: first.code, message: first.message, messageEn: first.messageEn } });
      text += setup.format === 'csv' ? csvIssueRow(i, rec.line, meta, outcome.issues, columns.ids, file) : ndjsonIssues(setup, i, rec.line, meta, outcome.issues);
    }
    lengths.push(text.length - before);
  });
  return { text, infos, lengths };
}

/** A line's bytes as the block reader decodes them (a BOM kept as U+FEFF). */
const LINE_DECODER = new TextDecoder('utf-8', { ignoreBOM: true });

function safeMeta(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function head(setup: ScoreSetup, index: number, line: number, meta: (string | null)[]): string {
  let s = `{"index":${index},"line":${line},"id":${JSON.stringify(meta[0] ?? null)}`;
  if (meta.length > 1) {
    const fields = [...setup.idFields, ...(setup.rankBy !== undefined && !setup.idFields.includes(setup.rankBy) ? [setup.rankBy] : [])];
    const o: Record<string, string | null> = {};
    fields.forEach((f, k) => (o[f] = meta[k] ?? null));
    s += `,"meta":${JSON.stringify(o)}`;
  }
  return s;
}

function ndjsonLine(setup: ScoreSetup, index: number, line: number, meta: (string | null)[], r: ScoreResult | ScoreTotals, warnings: Issue[], columns: Columns, rowsAt?: RowsPlace): string {
  let s = head(setup, index, line, meta);
  if (setup.full) s += `,"result":${JSON.stringify(r)}`;
  else {
    const scores = columnScores(r, columns);
    s += `,"total":${JSON.stringify(r.total)},"max":${JSON.stringify(r.max)},"grade":${JSON.stringify(r.grade)},"scores":{`;
    // A score is a plain decimal (Exact.toPlain: digits, `-`, `.`), a JSON string as it is quoted.
    for (let k = 0; k < columns.keys.length; k++) {
      const v = scores[k];
      s += `${k ? ',' : ''}${columns.keys[k]!}${v === undefined ? 'null' : `"${v}"`}`;
    }
    s += '}';
  }
  if (warnings.length) {
    // A warning about a row (row_over_target) is placed in the rows table, as its errors are.
    const shifted = shiftIssues(warnings, line, setup.file);
    s += `,"warnings":${JSON.stringify((rowsAt ? placeRowIssues(shifted, rowsAt) : shifted).map((x) => compactIssue(x, setup.file)))}`;
  }
  return `${s}}\n`;
}

function ndjsonIssues(setup: ScoreSetup, index: number, line: number, meta: (string | null)[], issues: Issue[]): string {
  return `${head(setup, index, line, meta)},"issues":${JSON.stringify(issues.map((x) => compactIssue(x, setup.file)))}}\n`;
}

function csvRow(index: number, line: number, meta: (string | null)[], r: ScoreResult | ScoreTotals, columns: Columns): string {
  const scores = columnScores(r, columns);
  const cells = [csvCell(String(index)), csvCell(String(line)), ...meta.map((m) => csvText(m ?? '')), csvCell(r.total), csvCell(r.max), csvText(r.grade ?? '')];
  for (let k = 0; k < scores.length; k++) cells.push(csvCell(scores[k] ?? ''));
  cells.push('');
  return `${cells.join(',')}\n`;
}

function csvIssueRow(index: number, line: number, meta: (string | null)[], issues: Issue[], columns: string[], file: string): string {
  const said = issues.map((i) => `${i.source ? `${i.source.file !== undefined && i.source.file !== file ? `${i.source.file}:` : ''}${i.source.line}:${i.source.column} ` : ''}${i.code} ${i.message}`).join('\n');
  const cells = [csvCell(String(index)), csvCell(String(line)), ...meta.map((m) => csvText(m ?? '')), '', '', '', ...columns.map(() => ''), csvText(said)];
  return `${cells.join(',')}\n`;
}
