import { createReadStream, mkdtempSync, openSync, closeSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LIMITS, type Issue, type Rubric } from '../../index.js';
import { makeIssue } from '../../issues/issue.js';
import { choice, loadRubricArg, shown, STDIN, type Command, type CommandContext } from '../context.js';
import { planColumns } from '../batch/columns.js';
import { Pool, type Done, type WorkerInit } from '../batch/pool.js';
import { blockByteRecords, readBlocks, readRecords, type BlockEvent, type InputFormat, type ReadEvent } from '../batch/read.js';
import { csvHeader, scoreRecords, type RawRecord, type ScoreSetup } from '../batch/score.js';
import { progressLine, rankTotals, Summary } from '../batch/summary.js';
import { CHUNK } from '../batch/read.js';
import { readSheetRows, tableTooLarge } from '../batch/xlsx.js';
import { csvGrid, readRowsTable, type RecordRows } from '../batch/rows.js';
import { decodeTable } from '../../import/decode.js';
import { monitoringArg } from './monitor.js';
import { monitoringBatch } from './monitor-batch.js';

const USAGE =
  'jixiao batch <评分表.yaml|内置id> <记录.ndjson|.csv|.xlsx|-> [--sheet 工作表] [--rows 指标行.csv|.xlsx] [--out 文件] [--format ndjson|csv] [--full] [--summary text|json|none] [--rank [--rank-by 字段]] [--id 字段,…] [--workers N]';

/** Writes whole records to a file descriptor, synchronously: an interrupted batch leaves complete lines. */
class Sink {
  constructor(readonly fd: number) {}
  write(s: string | Uint8Array): void {
    if (s.length === 0) return;
    const b = typeof s === 'string' ? Buffer.from(s) : s;
    let off = 0;
    while (off < b.length) {
      try {
        off += writeSync(this.fd, b, off);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      }
    }
  }
}

/** Counts the bytes that pass, for the progress bar. */
async function* counted(stream: AsyncIterable<Buffer>, seen: { bytes: number }): AsyncGenerator<Buffer> {
  for await (const chunk of stream) {
    seen.bytes += chunk.length;
    yield chunk;
  }
}

/** The format of the input: by its extension, else by its first character (`{` is NDJSON). */
async function* sniffed(stream: AsyncIterable<Buffer>, decide: (first: Buffer) => void): AsyncGenerator<Buffer> {
  let first = true;
  for await (const chunk of stream) {
    if (first) decide(chunk);
    first = false;
    yield chunk;
  }
}

/** The script that worker threads run: this bundle (dist/cli-main.cjs), when it is one. */
function workerScript(): string | undefined {
  return typeof __filename === 'string' && /\.c?js$/.test(__filename) ? __filename : undefined;
}

export const batch: Command = {
  name: 'batch',
  usage: USAGE,
  summary: '批量评分：逐条读取 NDJSON、CSV 或 Excel 记录，输出每条的得分、汇总和排名 · score many records (NDJSON, CSV or Excel)',
  options: { sheet: 'value', rows: 'value', out: 'value', format: 'value', full: 'flag', summary: 'value', rank: 'flag', 'rank-by': 'value', id: 'value', workers: 'value', 'extends-root': 'value' },
  run(ctx) {
    if (ctx.args.length !== 2 || ctx.args.every((a) => a === '-')) {
      ctx.err(`用法 · usage: ${USAGE}\n`);
      return 2;
    }
    const format = choice(ctx, 'format', ['ndjson', 'csv'] as const, 'ndjson')?.value;
    const summary = choice(ctx, 'summary', ['text', 'json', 'none'] as const, 'text')?.value;
    if (!format || !summary) return 2;
    const input = ctx.args[1]!;
    if (/\.(xls|xlsb|xlsm|et)$/i.test(input)) {
      ctx.err(ctx.say('不支持旧版 Excel（.xls）等二进制格式：请在 Excel 中另存为 .xlsx 工作簿或 CSV（UTF-8）', 'old binary Excel files (.xls) are not read: save the sheet as an .xlsx workbook or as CSV (UTF-8)') + '\n');
      return 2;
    }
    const xlsx = /\.xlsx$/i.test(input);
    const sheetFlag = ctx.flags.get('sheet');
    if (sheetFlag !== undefined && (!xlsx || typeof sheetFlag !== 'string')) {
      ctx.err(ctx.say('--sheet 只用于 .xlsx 输入，并须给出工作表名称', '--sheet is for .xlsx input only, and names a worksheet') + '\n');
      return 2;
    }
    const w = ctx.flags.get('workers');
    let workers = Math.max(1, typeof availableParallelism === 'function' ? availableParallelism() : 1);
    // A small file is scored sooner than threads start: by default, threads only from 4 MiB.
    if (w === undefined && input !== '-') {
      try {
        if (statSync(input).size < 4 << 20) workers = 0;
      } catch {
        // reported when the file is opened
      }
    }
    if (w !== undefined) {
      if (typeof w !== 'string' || !/^\d{1,3}$/.test(w)) {
        ctx.err('--workers 应为 0 到 999 的整数（0：不用工作线程）· --workers must be a whole number from 0 to 999 (0: no worker threads)\n');
        return 2;
      }
      workers = Number(w);
    }
    const str = (k: string) => (typeof ctx.flags.get(k) === 'string' ? (ctx.flags.get(k) as string) : undefined);
    // A field may be written as the CSV column is, `meta.主管部门`.
    const field = (s: string) => s.trim().replace(/^meta\./, '');
    const idFields = (str('id') ?? 'id').split(',').map(field).filter((s) => s !== '');
    if (idFields.length === 0) {
      ctx.err('--id 应为 meta 中的字段名，多个用逗号分隔 · --id names meta fields, separated by commas\n');
      return 2;
    }
    const rankBy = str('rank-by') === undefined ? undefined : field(str('rank-by')!);
    const rank = ctx.flags.has('rank') || rankBy !== undefined;
    // A monitoring rubric (双监控): one project per NDJSON line, levels and the summary by department.
    const monitoring = monitoringArg(ctx, ctx.args[0]!);
    if (typeof monitoring === 'number') return monitoring;
    if (monitoring) return monitoringBatch(ctx, monitoring, input, { summary, ...(str('out') !== undefined ? { out: str('out')! } : {}) });
    const r = loadRubricArg(ctx, ctx.args[0]!);
    if (!r.success) {
      ctx.report(r.issues);
      return 1;
    }
    const rowsFlag = ctx.flags.get('rows');
    if (rowsFlag !== undefined) {
      if (typeof rowsFlag !== 'string' || rowsFlag === '' || rowsFlag === '-' || /\.(xls|xlsb|xlsm|et)$/i.test(rowsFlag)) {
        ctx.err(ctx.say('--rows 应为指标行表格文件（.csv 或 .xlsx）', '--rows names the table of indicator rows (.csv or .xlsx)') + '\n');
        return 2;
      }
      if (!r.value.plan.rowSections.length) {
        ctx.err(ctx.say(`评分表“${shown(r.value.id)}”没有逐行填写的指标（rows），--rows 无处可用`, `rubric "${shown(r.value.id)}" has no row sections: --rows has nothing to fill`) + '\n');
        return 2;
      }
    }
    return runBatch(ctx, r.value, { input, xlsx, ...(typeof rowsFlag === 'string' ? { rows: rowsFlag } : {}), ...(typeof sheetFlag === 'string' ? { sheet: sheetFlag } : {}), format, summary, full: ctx.flags.has('full'), rank, idFields, workers, ...(rankBy !== undefined ? { rankBy } : {}), ...(str('out') !== undefined ? { out: str('out')! } : {}) });
  },
};

interface BatchOptions {
  input: string;
  /** An .xlsx workbook: read whole, one worksheet (`sheet`, or the first). */
  xlsx: boolean;
  sheet?: string;
  /** The table of a project form's indicator rows, keyed by record id. */
  rows?: string;
  out?: string;
  format: 'ndjson' | 'csv';
  summary: 'text' | 'json' | 'none';
  full: boolean;
  rank: boolean;
  rankBy?: string;
  idFields: string[];
  workers: number;
}

async function runBatch(ctx: CommandContext, rubric: Rubric, o: BatchOptions): Promise<number> {
  const file = o.input === '-' ? STDIN : o.input;
  // The input: its size (for the progress bar) and format.
  let size: number | undefined;
  if (o.input !== '-') {
    try {
      const st = statSync(o.input);
      if (st.isDirectory()) {
        ctx.report([makeIssue('file_is_directory', { file: o.input })]);
        return 1;
      }
      if (st.isFile()) size = st.size;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      ctx.report([code === 'ENOENT' || code === 'ENOTDIR' ? makeIssue('file_not_found', { file: o.input }) : makeIssue('file_unreadable', { file: o.input, detail: String(code) })]);
      return 1;
    }
  }
  let sheetEvents: AsyncGenerator<ReadEvent> | undefined;
  let inputFormat: InputFormat | undefined = o.xlsx || /\.(csv|tsv)$/i.test(o.input) ? 'csv' : /\.(ndjson|jsonl|json)$/i.test(o.input) ? 'ndjson' : undefined;
  const raw = (o.xlsx ? (async function* () {})() : o.input === '-' ? process.stdin : createReadStream(o.input, { highWaterMark: 1 << 20 })) as AsyncIterable<Buffer>;
  const seen = { bytes: 0 };
  let source = counted(raw, seen);
  if (!inputFormat) {
    let guessed: InputFormat = 'ndjson';
    let zip = false;
    source = sniffed(source, (first) => {
      guessed = /^(\uFEFF)?\s*\{/.test(first.toString('utf8', 0, Math.min(first.length, 256))) ? 'ndjson' : 'csv';
      zip = first[0] === 0x50 && first[1] === 0x4b && first[2] === 3 && first[3] === 4;
    });
    // The first chunk decides; the reader is made after it is seen.
    const it = source[Symbol.asyncIterator]();
    const head = await it.next();
    if (zip) {
      ctx.err(ctx.say('输入是 Excel 工作簿（zip）：请以 .xlsx 结尾的文件名给出（工作簿不能从标准输入读取）', 'the input is an Excel workbook (a zip): give it as a file named .xlsx (a workbook is not read from standard input)') + '\n');
      return 2;
    }
    inputFormat = guessed;
    source = (async function* () {
      if (!head.done) yield head.value;
      for (;;) {
        const n = await it.next();
        if (n.done) return;
        yield n.value;
      }
    })();
  }
  if (inputFormat === 'csv' && rubric.plan.rowSections.length && o.rows === undefined) {
    ctx.err(ctx.say('这张评分表的指标行（项目支出绩效自评表）随每条记录给出：请用 --rows 指标行.csv 给出按记录编号排列的指标行表，或用 NDJSON，把 rows 嵌在每条记录中', "this rubric's indicator rows (the project form) come with each record: give them in a second table keyed by record id (--rows rows.csv), or use NDJSON with rows nested in each record") + '\n');
    return 2;
  }
  if (inputFormat === 'ndjson' && o.rows !== undefined) {
    ctx.err(ctx.say('--rows 用于 CSV 或 Excel 主表；NDJSON 记录的指标行嵌在每条记录的 rows 中', '--rows goes with a CSV or Excel main table; NDJSON records carry their rows nested') + '\n');
    return 2;
  }
  // A workbook is read whole (exceljs has no streaming reader for a sheet's cells), within a limit.
  if (o.xlsx) {
    const big = size !== undefined ? tableTooLarge(size, file) : undefined;
    if (big) {
      ctx.report([big]);
      return 1;
    }
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(o.input);
    } catch (e) {
      ctx.report([makeIssue('file_unreadable', { file: o.input, detail: String((e as NodeJS.ErrnoException).code) })]);
      return 1;
    }
    const t = await readSheetRows(bytes, file, o.sheet);
    if ('issues' in t) {
      ctx.report(t.issues);
      return 1;
    }
    if (t.sheets.length > 1 && o.sheet === undefined) ctx.err(ctx.say(`已读取工作表“${shown(t.sheet)}”（共 ${t.sheets.length} 个，--sheet 可选其他）\n`, `read worksheet "${shown(t.sheet)}" (of ${t.sheets.length}; --sheet picks another)\n`));
    sheetEvents = sheetRecords(t, file);
    size = undefined;
  }
  // The rows table is read whole before the main table streams: each record takes its rows by id.
  let rowsById: Map<string, RecordRows> | undefined;
  if (o.rows !== undefined) {
    const t = await loadRowsTable(ctx, rubric, o.rows, o.idFields[0]!);
    if (!t) return 1;
    rowsById = t;
  }
  const unmatched: Issue[] = [];

  // Output: the file or standard output; with --rank, a scratch file first, ranked after.
  let outFd: number;
  try {
    outFd = o.out === undefined || o.out === '-' ? 1 : openSync(o.out, 'w');
  } catch (e) {
    ctx.report([makeIssue('output_unwritable', { file: o.out!, detail: String((e as NodeJS.ErrnoException).code) })]);
    return 1;
  }
  const scratchDir = o.rank ? mkdtempSync(join(tmpdir(), 'jixiao-batch-')) : undefined;
  const scratch = scratchDir ? join(scratchDir, 'unranked') : undefined;
  const sink = new Sink(scratch ? openSync(scratch, 'w') : outFd);
  const lengths: number[] = [];
  const totals: (string | null)[] = [];
  const groups: (string | null)[] = [];

  const setup: ScoreSetup = { rubric, file, format: o.format, full: o.full, idFields: o.idFields };
  if (o.rankBy !== undefined) setup.rankBy = o.rankBy;
  const summary = new Summary(file, rubric.grades.map((g) => g.grade), rubric.precision + 2);
  const tty = process.stderr.isTTY === true && o.summary !== 'json';
  const started = Date.now();
  let shownAt = 0;
  const progress = (final = false) => {
    if (!tty) return;
    const now = Date.now();
    if (!final && now - shownAt < 200) return;
    shownAt = now;
    process.stderr.write(final ? '\r\x1b[K' : `\r${progressLine(summary.records, summary.errors, (now - started) / 1000, size ? seen.bytes / size : undefined)}\x1b[K`);
  };

  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
    // A reader waiting for more input (a pipe) stops waiting.
    (raw as unknown as { destroy?: () => void }).destroy?.();
  };
  process.on('SIGINT', onSigint);
  let pool: Pool | undefined;
  const queue: { promise: Promise<Done>; done?: Done }[] = [];
  let seq = 0;
  let next = 0;
  let fatal = false;
  /** The line of a byte that is not UTF-8, where reading stopped: what came before it is written. */
  let stoppedAt: number | undefined;
  let broken = false;
  const chunkLines = new Map<number, number[]>();

  const emit = (index: number, d: Pick<Done, 'text' | 'infos' | 'lengths'>, recLines: number[]) => {
    if (broken) return;
    const infos = d.infos;
    try {
      // Record lengths, to put 排名 into each record afterwards.
      if (scratch) for (const n of d.lengths) lengths.push(n);
      sink.write(d.text);
    } catch (e) {
      broken = true;
      // A closed pipe (`| head`) stops the batch quietly; a full disk is said.
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EPIPE') {
        ctx.report([makeIssue('output_unwritable', { file: o.out ?? '<stdout>', detail: String(code) })]);
        fatal = true;
      }
      return;
    }
    infos.forEach((info, k) => {
      summary.add(index + k, recLines[k]!, info);
      if (o.rank) {
        totals.push(info.total);
        groups.push(info.group);
      }
    });
    progress();
  };

  /** Write the chunks that are scored, in order, as far as they are done. */
  const drain = () => {
    while (queue.length && queue[0]!.done && !interrupted && !broken) {
      const d = queue.shift()!.done!;
      const recLines = chunkLines.get(d.seq)!;
      chunkLines.delete(d.seq);
      emit(next, d, recLines);
      next += d.infos.length;
    }
  };
  /** Drain; wait for the oldest chunk while more than `limit` are out. */
  const flush = async (limit: number) => {
    drain();
    while (queue.length > limit && !interrupted && !broken) {
      await queue[0]!.promise;
      drain();
    }
  };

  let exit = 0;
  try {
    if (o.format === 'csv' && !scratch) sink.write(csvHeader(setup, false));
    const script = workerScript();
    const useWorkers = o.workers > 0 && script !== undefined;
    let header: string[] | undefined;
    let idColumn: number | undefined;
    let index = 0;
    // NDJSON comes as blocks of lines' bytes, which the worker that scores them reads (decoding only
    // the lines it does not score from their bytes).
    const events = (sheetEvents ?? (inputFormat === 'ndjson' ? readBlocks(source, file, DEFAULT_LIMITS.maxBytes) : readRecords(source, inputFormat, file, DEFAULT_LIMITS.maxBytes)))[Symbol.asyncIterator]();
    for (;;) {
      let step: IteratorResult<BlockEvent>;
      try {
        step = await events.next();
      } catch (e) {
        // The input closed under us by Ctrl-C.
        if (interrupted) break;
        throw e;
      }
      if (step.done) break;
      const ev = step.value;
      if (interrupted || broken) break;
      if (ev.kind === 'fatal') {
        ctx.report([ev.issue]);
        if (ev.issue.code === 'encoding_invalid') stoppedAt = ev.issue.source?.line;
        fatal = true;
        break;
      }
      if (ev.kind === 'header') {
        header = ev.cells;
        const p = planColumns(rubric, header, [...o.idFields, ...(o.rankBy !== undefined ? [o.rankBy] : [])], file);
        if ('issues' in p) {
          ctx.report(p.issues);
          fatal = true;
          break;
        }
        setup.columns = p.plan;
        if (rowsById) {
          idColumn = p.plan.columnOf.get(`meta\0${o.idFields[0]!}`);
          if (idColumn === undefined) {
            ctx.report([makeIssue('column_missing', { column: o.idFields[0]!, what: '记录编号，与指标行表的记录编号列对应', whatEn: 'the record id, which the rows table is keyed by' }, { source: { file, line: 1, column: 1 } })]);
            fatal = true;
            break;
          }
        }
        continue;
      }
      const block = ev.kind === 'block' ? ev.block : undefined;
      const records: RawRecord[] = ev.kind === 'records' ? ev.records : [];
      if (rowsById && idColumn !== undefined) for (const rec of records) if (rec.cells && !rec.issue && !rec.issues) takeRows(rec, rowsById, idColumn, file, o.rows!);
      const count = block ? block.lines.length : records.length;
      if (useWorkers) {
        if (!pool) {
          const init: WorkerInit = { jixiaoBatch: true, rubricArg: ctx.args[0]!, flags: [...ctx.flags].filter(([k]) => k === 'extends-root'), file, format: o.format, full: o.full, idFields: o.idFields };
          if (o.rankBy !== undefined) init.rankBy = o.rankBy;
          if (header) init.header = header;
          pool = new Pool(script, o.workers, init, { fallback: (at, recs) => scoreRecords(setup, recs, at) });
        }
        chunkLines.set(seq, block ? block.lines : records.map((x) => x.line));
        const item: (typeof queue)[number] = { promise: pool.run(seq++, index, block ?? records) };
        item.promise.then(
          (d) => {
            item.done = d;
            drain();
          },
          () => {},
        );
        queue.push(item);
        index += count;
        // Two chunks a worker in flight: one scored, one waiting.
        await flush(o.workers * 2);
      } else {
        const d = scoreRecords(setup, block ? blockByteRecords(block) : records, index);
        emit(index, d, block ? block.lines : records.map((x) => x.line));
        index += count;
        next = index;
        // Let a Ctrl-C be seen between chunks.
        await new Promise<void>((res) => setImmediate(res));
      }
    }
    // What was read before a file-level problem (bytes that are not UTF-8, say) is still written.
    await flush(0);
    progress(true);
    if (stoppedAt !== undefined && stoppedAt > 1 && !interrupted && !broken) {
      const n = summary.records;
      ctx.err(
        scratch
          ? ctx.say(`读到第 ${stoppedAt} 行停止：--rank 须读完全部记录才能排名，没有写出任何记录\n`, `stopped at line ${stoppedAt}: --rank needs every record to rank them, so no record was written\n`)
          : ctx.say(`读到第 ${stoppedAt} 行停止：已写出此前的 ${n} 条记录，第 ${stoppedAt} 行及其后未读取\n`, `stopped at line ${stoppedAt}: the ${n} records before it were written; line ${stoppedAt} and after were not read\n`),
      );
    }
    // Rows of the rows table that no record took.
    if (rowsById && !interrupted && !fatal && !broken) {
      for (const [id, r] of rowsById) if (r.used === undefined) unmatched.push(makeIssue('rows_unmatched', { record: id, file }, { source: { file: o.rows!, line: r.line, column: 1 } }));
      if (unmatched.length) ctx.report(unmatched);
    }
    summary.interrupted = interrupted;
    if (interrupted) exit = 130;
    else if (fatal || summary.errors || unmatched.length) exit = 1;

    // 排名: every total known, the scratch file is copied to the output with each record's rank.
    if (scratch && !interrupted && !fatal && !broken) {
      closeSync(sink.fd);
      const ranks = rankTotals(totals, o.rankBy !== undefined ? groups : undefined);
      const out = new Sink(outFd);
      if (o.format === 'csv') out.write(csvHeader(setup, true));
      const decoder = new TextDecoder();
      let pending = '';
      let k = 0;
      let buf = '';
      for await (const chunk of createReadStream(scratch, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
        if (interrupted) break;
        pending += decoder.decode(chunk, { stream: true });
        let from = 0;
        while (k < lengths.length && pending.length - from >= lengths[k]!) {
          const rec = pending.slice(from, from + lengths[k]!);
          from += lengths[k]!;
          const comma = rec.indexOf(',') + 1;
          const rk = ranks[k]! > 0 ? String(ranks[k]) : o.format === 'csv' ? '' : 'null';
          buf += o.format === 'csv' ? `${rec.slice(0, comma)}${rk},${rec.slice(comma)}` : `${rec.slice(0, comma)}"排名":${rk},${rec.slice(comma)}`;
          k++;
          if (buf.length > 1 << 16) {
            out.write(buf);
            buf = '';
          }
        }
        pending = pending.slice(from);
      }
      out.write(buf);
      if (interrupted) exit = 130;
      summary.interrupted = interrupted;
    } else if (scratch) {
      closeSync(sink.fd);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') broken = true;
    else throw e;
  } finally {
    process.removeListener('SIGINT', onSigint);
    if (pool) await pool.close();
    if (outFd !== 1) closeSync(outFd);
    if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
  }
  if (!fatal && o.summary !== 'none') {
    if (o.summary === 'json') ctx.err(`${JSON.stringify(summary.json(), null, 2)}\n`);
    else ctx.err(summary.text((zh, en) => ctx.say(zh, en)).replace(/^(\S+ )(.*)$/m, (_, m: string, rest: string) => `${m}${shown(rest)}`));
  }
  return exit;
}

/** A worksheet's rows as the reader's events: the header, the records a chunk at a time, `batch_empty` for none. */
async function* sheetRecords(t: { header: string[]; headerRow: number; rows: { row: number; cells: string[]; issues: Issue[] }[] }, file: string): AsyncGenerator<ReadEvent> {
  if (t.header.length) yield { kind: 'header', cells: t.header };
  for (let k = 0; k < t.rows.length; k += CHUNK) {
    yield { kind: 'records', records: t.rows.slice(k, k + CHUNK).map((r): RawRecord => (r.issues.length ? { line: r.row, issues: r.issues } : { line: r.row, cells: r.cells })) };
  }
  if (!t.rows.length) yield { kind: 'fatal', issue: makeIssue('batch_empty', { file, reason: t.header.length ? 'header_only' : 'empty' }, { source: { file, line: t.headerRow || 1, column: 1 } }) };
}

/** Read the `--rows` table (CSV or .xlsx) whole, into each record's rows by id; undefined when it cannot be read (said). */
export async function loadRowsTable(ctx: CommandContext, rubric: Rubric, path: string, idField: string, opts: { filed?: boolean } = {}): Promise<Map<string, RecordRows> | undefined> {
  let bytes: Uint8Array;
  try {
    const st = statSync(path);
    if (st.isDirectory()) {
      ctx.report([makeIssue('file_is_directory', { file: path })]);
      return undefined;
    }
    const big = tableTooLarge(st.size, path);
    if (big) {
      ctx.report([big]);
      return undefined;
    }
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    ctx.report([code === 'ENOENT' || code === 'ENOTDIR' ? makeIssue('file_not_found', { file: path }) : makeIssue('file_unreadable', { file: path, detail: String(code) })]);
    return undefined;
  }
  let grid: { cells: string[]; line: number }[];
  if (/\.xlsx$/i.test(path)) {
    const t = await readSheetRows(bytes, path, undefined, { merged: 'master' });
    if ('issues' in t) {
      ctx.report(t.issues);
      return undefined;
    }
    const bad = t.rows.flatMap((r) => r.issues);
    if (bad.length) {
      ctx.report(bad);
      return undefined;
    }
    grid = t.header.length ? [{ cells: t.header, line: t.headerRow }, ...t.rows.map((r) => ({ cells: r.cells, line: r.row }))] : [];
  } else {
    const d = decodeTable(bytes, path);
    if ('issue' in d) {
      ctx.report([d.issue]);
      return undefined;
    }
    if (d.encoding === 'GBK') ctx.err(ctx.say(`“${shown(path)}”不是 UTF-8，已按 GBK（GB18030）解码\n`, `"${shown(path)}" is not UTF-8: decoded as GBK (GB18030)\n`));
    grid = csvGrid(d.text);
  }
  const r = readRowsTable(rubric, grid, idField, path, opts);
  if ('table' in r) {
    ctx.report(r.table);
    return undefined;
  }
  return r.byId;
}

/** Give a record of the main table its rows by its id, or the issue that it has none or shares its id. */
function takeRows(rec: RawRecord, byId: Map<string, RecordRows>, idColumn: number, file: string, rowsFile: string): void {
  const id = (rec.cells![idColumn - 1] ?? '').trim();
  const at = { source: { file, line: rec.line, column: idColumn } };
  const r = byId.get(id);
  if (!r) rec.issues = [makeIssue('rows_none', { record: id, file: rowsFile }, at)];
  else if (r.used !== undefined) rec.issues = [makeIssue('record_duplicate', { record: id, first: r.used }, at)];
  else {
    r.used = rec.line;
    if (r.issues.length) rec.issues = r.issues;
    else {
      rec.rows = r.rows;
      rec.rowsAt = r.place;
    }
  }
}
