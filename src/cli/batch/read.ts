/**
 * Reading the input of `jixiao batch` as a stream: NDJSON lines or CSV rows, a chunk of records
 * at a time, so that memory stays flat whatever the file's size. A BOM and CRLF line ends are
 * read as what they are; a byte that is not UTF-8 (a stray one, or a GBK file saved by Excel)
 * stops the reading with `encoding_invalid` at its line, column and offset in the file (or what the
 * bytes look like), after every record before it.
 *
 * The input is read as bytes: each chunk is checked to be UTF-8 by Node's own check (the
 * JavaScript scan of src/source/utf8.ts only finds where a byte that is not UTF-8 stands), a
 * character cut by a chunk's end waits for the next chunk, and lines are found as bytes. NDJSON
 * records can be handed on as they are read, whole lines of bytes ({@link RecordBlock}), to be
 * decoded where they are scored (a worker thread); CSV rows are decoded here.
 */
import { isUtf8 } from 'node:buffer';
import type { Issue } from '../../index.js';
import { csvSeparator, readCsvRows } from '../../import/table.js';
import { makeIssue } from '../../issues/issue.js';
import { notUtf8 } from '../../source/document.js';
import { codePointCount, cutSequence, leadBytes, scanUtf8 } from '../../source/utf8.js';
import { isBlankCell } from './columns.js';
import type { RawRecord } from './score.js';

export type InputFormat = 'ndjson' | 'csv';

export type ReadEvent = { kind: 'header'; cells: string[] } | { kind: 'records'; records: RawRecord[] } | { kind: 'fatal'; issue: Issue };

/**
 * NDJSON records as the bytes of their lines: valid UTF-8, whole lines from the first record's
 * to the last one's (blank lines between them included), each ended by a line break but the
 * file's last. {@link blockRecords} makes them the records {@link readRecords} gives.
 */
export interface RecordBlock {
  bytes: Uint8Array;
  /** The line of the file `bytes` begin with (1-based). */
  line: number;
  /** Each record's line in the file, in order: the lines of `bytes` that are not blank. */
  lines: number[];
}

/** What {@link readBlocks} yields: NDJSON records as blocks of bytes, or as records (a line too long). */
export type BlockEvent = ReadEvent | { kind: 'block'; block: RecordBlock };

/**
 * Records per chunk handed to scoring (and to a worker): at most this many… A chunk's output
 * lives until the chunk is done, so a smaller one leaves less for the collector to copy: 128
 * scored a million records 5–6% faster than 256 (46–48 s against 49–51 s), 1,024 slower still.
 */
export const CHUNK = 128;
/** …and about this many bytes (characters of CSV), so that a few huge records do not make a huge chunk. */
const CHUNK_SIZE = 1 << 20;
/**
 * Valid multibyte characters enough that the GBK guess (plausiblyGbk: bad sequences no more than
 * valid multibyte characters) cannot be swayed by more: the bytes kept when a bad one is found (a
 * block, a line of at most maxBytes, a chunk) hold far fewer bad sequences than this.
 */
const MULTIBYTE_ENOUGH = 1 << 26;

/**
 * Read `stream` (bytes) as records. The last event is `fatal` when the file cannot be read on
 * (not UTF-8, empty, a header only); otherwise every record is yielded in order. `eager`: the
 * records of each chunk of the stream are yielded as soon as it is read (a service answering a
 * stream as it arrives), not only by {@link CHUNK}.
 */
export function readRecords(stream: AsyncIterable<Uint8Array>, format: InputFormat, file: string, maxBytes: number, eager = false): AsyncGenerator<ReadEvent> {
  return read(stream, format, file, maxBytes, eager, false) as AsyncGenerator<ReadEvent>;
}

/**
 * Read NDJSON as {@link readRecords} does, its records as blocks of bytes, decoded where they are
 * scored ({@link blockRecords}); a record found wrong in reading (a line too long) comes as a record.
 */
export function readBlocks(stream: AsyncIterable<Uint8Array>, file: string, maxBytes: number): AsyncGenerator<BlockEvent> {
  return read(stream, 'ndjson', file, maxBytes, false, true);
}

/**
 * The records of a block, as {@link readRecords} gives them: each line's text without its line
 * end (a CR before it is part of the line end), the file's last line, with no line break after
 * it, `unterminated`.
 */
export function blockRecords(block: RecordBlock, decoder: InstanceType<typeof TextDecoder> = new TextDecoder('utf-8', { ignoreBOM: true })): RawRecord[] {
  const text = decoder.decode(block.bytes);
  const out: RawRecord[] = [];
  let at = 0;
  let line = block.line;
  for (let k = 0; k < block.lines.length; k++) {
    const want = block.lines[k]!;
    for (; line < want; line++) at = text.indexOf('\n', at) + 1;
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    const t = end > at && text.charCodeAt(end - 1) === 13 ? text.slice(at, end - 1) : text.slice(at, end);
    out.push(nl < 0 ? { line: want, text: t, unterminated: true } : { line: want, text: t });
  }
  return out;
}

/**
 * The records of a block as {@link blockRecords} gives them, each still as its line's bytes (a CR
 * before the line break left out): decoded only where it is not scored from its bytes
 * (scoreRecords, compiledTotalsBytes).
 */
export function blockByteRecords(block: RecordBlock): RawRecord[] {
  const b = block.bytes;
  const out: RawRecord[] = [];
  let at = 0;
  let line = block.line;
  for (let k = 0; k < block.lines.length; k++) {
    const want = block.lines[k]!;
    for (; line < want; line++) at = b.indexOf(10, at) + 1;
    const nl = b.indexOf(10, at);
    const end = nl < 0 ? b.length : nl;
    const bytes = b.subarray(at, end > at && b[end - 1] === 13 ? end - 1 : end);
    out.push(nl < 0 ? { line: want, bytes, unterminated: true } : { line: want, bytes });
  }
  return out;
}

const EMPTY = Buffer.alloc(0);

async function* read(stream: AsyncIterable<Uint8Array>, format: InputFormat, file: string, maxBytes: number, eager: boolean, blocks: boolean): AsyncGenerator<BlockEvent> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  // The bytes kept from the chunks read: the block being made (NDJSON), then the line being read
  // from `lineAt` on (of a line too long: only a character cut by the chunk's end). The first
  // `checked` of them are UTF-8, the others a character cut by the chunk's end.
  let rest: Buffer = EMPTY;
  let lineAt = 0;
  let checked = 0;
  let base = 0; // the offset of rest[0] in the file
  let multibyte = 0; // valid UTF-8 characters of more than one byte read so far
  let start = true; // the file's first bytes (a BOM?) are still to be read
  let line = 0; // lines read so far
  let tooLong = false;
  let dropped = 0; // characters of the line being read that were not kept (a line too long)
  let records: RawRecord[] = [];
  let size = 0;
  let count = 0;
  // NDJSON: the lines of the records of the block being made, where it begins in the chunk, and its first line.
  let lines: number[] = [];
  let blockAt = 0;
  let blockLine = 0;
  // CSV: the header, the separator, the physical lines of the row being read, its first line, and whether a quote is open.
  let header: string[] | undefined;
  let sep: ',' | '\t' = ',';
  let row: string[] = [];
  let rowLine = 0;
  let open = false;

  const tooLarge = (at: number) => makeIssue('file_too_large', { size: `>${maxBytes}`, limit: maxBytes }, { source: { file, line: at, column: 1 } });

  function* flush(): Generator<BlockEvent> {
    if (!records.length) return;
    count += records.length;
    yield { kind: 'records', records };
    records = [];
    size = 0;
  }
  function* full(): Generator<BlockEvent> {
    if (records.length >= CHUNK || size >= CHUNK_SIZE) yield* flush();
  }

  /** A line of NDJSON (bytes `from` to `to` of `buf`) is a record unless it is blank (as `trim` says). */
  const isRecord = (buf: Uint8Array, from: number, to: number): boolean => {
    const b = buf[from]!;
    return from < to && ((b > 0x20 && b < 0x7f) || decoder.decode(buf.subarray(from, to)).trim() !== '');
  };
  /** The records of the block being made, which ends at byte `to` of `buf`. */
  function* block(buf: Buffer, to: number): Generator<BlockEvent> {
    if (!lines.length) return;
    if (blocks) {
      yield* flush();
      count += lines.length;
      // A copy of its own, which the worker it is sent to takes whole.
      yield { kind: 'block', block: { bytes: new Uint8Array(buf.subarray(blockAt, to)), line: blockLine, lines } };
    } else {
      for (const r of blockRecords({ bytes: buf.subarray(blockAt, to), line: blockLine, lines }, decoder)) records.push(r);
      size += to - blockAt;
      yield* full();
    }
    lines = [];
  }

  /** A line of CSV (without its line break): a row, or part of one when a quote is open. */
  function* csvLine(text: string, last: boolean): Generator<BlockEvent> {
    const t = text.endsWith('\r') ? text.slice(0, -1) : text;
    size += t.length;
    if (!open && row.length === 0) rowLine = line;
    row.push(t);
    let quotes = 0;
    for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) === 34) quotes++;
    if (quotes % 2 === 1) open = !open;
    if (open && !last) return;
    const rowText = row.join('\n');
    row = [];
    if (open) {
      open = false;
      records.push({ line: rowLine, issue: makeIssue('record_truncated', { detail: '引号未闭合', detailEn: 'a quote is not closed' }, { source: { file, line: rowLine, column: 1 } }) });
    } else if (header === undefined) {
      if (rowText.trim() === '') return;
      sep = csvSeparator(rowText);
      header = readCsvRows(rowText, sep)[0]?.cells ?? [];
      yield { kind: 'header', cells: header };
      return;
    } else {
      const cells = readCsvRows(rowText, sep)[0]?.cells ?? [];
      if (cells.every(isBlankCell)) return;
      while (cells.length > header.length && isBlankCell(cells[cells.length - 1]!)) cells.pop();
      if (cells.length !== header.length)
        records.push({
          line: rowLine,
          issue: makeIssue(
            'cell_invalid',
            { value: rowText.length > 40 ? `${rowText.slice(0, 40)}…` : rowText, detail: `这一行有 ${cells.length} 个单元格，表头有 ${header.length} 列`, detailEn: `the row has ${cells.length} cells, the header ${header.length} columns` },
            { source: { file, line: rowLine, column: 1 } },
          ),
        });
      else records.push({ line: rowLine, cells });
    }
    yield* full();
  }

  // What is kept and the next chunk are put together in one of two buffers: the chunk after what
  // is kept when there is room, else both at the start of the other buffer. So no new memory for
  // each chunk, and the block being made is not copied again for each small chunk (a pipe's).
  // Nothing read stays in them after the chunk is read (records are decoded, a block is copied).
  const joined = [EMPTY, EMPTY];
  let turn = 0;

  for await (const chunk of stream) {
    let buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    if (rest.length) {
      const n = rest.length + buf.length;
      let into = joined[turn]!;
      let at = rest.byteOffset - into.byteOffset;
      if (rest.buffer === into.buffer && at + n <= into.length) buf.copy(into, at + rest.length);
      else {
        turn ^= 1;
        if (joined[turn]!.length < n) joined[turn] = Buffer.allocUnsafeSlow(2 * n);
        into = joined[turn]!;
        at = 0;
        rest.copy(into, 0);
        buf.copy(into, rest.length);
      }
      buf = into.subarray(at, at + n);
    }
    // The bytes not checked yet are checked, up to a character cut by the chunk's end; only
    // when they are not UTF-8 is the first byte that is not found by reading them one by one.
    let end = checked + cutSequence(buf.subarray(checked));
    let bad = -1;
    if (!isUtf8(buf.subarray(checked, end))) {
      const scan = scanUtf8(buf.subarray(checked), { final: false, stopAtFirst: true });
      if (scan.firstInvalid >= 0) end = bad = checked + scan.firstInvalid;
    }
    // Counted only as far as it can matter: the GBK guess weighs it against the bad sequences of
    // the bytes kept (never near MULTIBYTE_ENOUGH of them), so a long Chinese file stops counting.
    if (multibyte < MULTIBYTE_ENOUGH) multibyte += leadBytes(buf.subarray(checked, end));
    let from = lineAt;
    if (start && end > 0) {
      start = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) from = 3;
    }
    if (format === 'ndjson') {
      for (;;) {
        const nl = buf.indexOf(0x0a, from);
        if (nl < 0 || nl >= end) break;
        line++;
        if (tooLong) {
          // A line longer than a record may be: its bytes were not kept; its record is file_too_large.
          tooLong = false;
          yield* block(buf, from);
          records.push({ line, issue: tooLarge(line) });
          yield* full();
        } else if (isRecord(buf, from, nl)) {
          if (!lines.length) {
            blockAt = from;
            blockLine = line;
          }
          lines.push(line);
          if (lines.length >= CHUNK || nl + 1 - blockAt >= CHUNK_SIZE) yield* block(buf, nl + 1);
        }
        dropped = 0;
        from = nl + 1;
      }
    } else {
      const nl = end > 0 ? buf.lastIndexOf(0x0a, end - 1) : -1;
      if (nl >= from) {
        const text = decoder.decode(buf.subarray(from, nl));
        for (let at = 0; ; ) {
          const next = text.indexOf('\n', at);
          line++;
          yield* csvLine(next < 0 ? text.slice(at) : text.slice(at, next), false);
          if (next < 0) break;
          at = next + 1;
        }
        from = nl + 1;
      }
    }
    if (bad >= 0) {
      // The records before the byte that is not UTF-8, then where it is: its line, its column, its offset in the file.
      yield* block(buf, from);
      yield* flush();
      const column = dropped + codePointCount(buf.subarray(from, bad)) + 1;
      yield { kind: 'fatal', issue: notUtf8(buf.subarray(bad), file, { line: line + 1, column, offset: base + bad, multibyte }) };
      return;
    }
    // The line being read: a line longer than a record may be (when a chunk ends) is not kept in memory.
    if (format === 'ndjson' && (tooLong || (end - from > maxBytes && decoder.decode(buf.subarray(from, end)).length > maxBytes))) {
      yield* block(buf, from);
      tooLong = true;
      dropped += codePointCount(buf.subarray(from, end));
      from = end;
    }
    if (eager) {
      yield* block(buf, from);
      yield* flush();
    }
    // A block of fewer than CHUNK records is kept, to be made whole with the next chunk's lines.
    const keep = lines.length ? blockAt : from;
    rest = buf.subarray(keep);
    lineAt = from - keep;
    checked = end - keep;
    blockAt -= keep;
    base += keep;
  }
  if (checked < rest.length) {
    // A character cut off by the end of the file.
    yield* block(rest, lineAt);
    yield* flush();
    const column = dropped + codePointCount(rest.subarray(lineAt, checked)) + 1;
    yield { kind: 'fatal', issue: notUtf8(rest.subarray(checked), file, { line: line + 1, column, offset: base + checked, multibyte }) };
    return;
  }
  // The last line, with no line break after it.
  if (rest.length > lineAt || tooLong || open) {
    line++;
    if (format === 'csv') yield* csvLine(decoder.decode(rest.subarray(lineAt)), true);
    else if (tooLong) {
      yield* block(rest, lineAt);
      records.push({ line, issue: tooLarge(line) });
    } else if (isRecord(rest, lineAt, rest.length)) {
      if (!lines.length) {
        blockAt = lineAt;
        blockLine = line;
      }
      lines.push(line);
    }
  }
  yield* block(rest, rest.length);
  yield* flush();
  if (count === 0) yield { kind: 'fatal', issue: makeIssue('batch_empty', { file, reason: header ? 'header_only' : 'empty' }, { source: { file, line: 1, column: 1 } }) };
}
