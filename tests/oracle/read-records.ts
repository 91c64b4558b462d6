/**
 * The oracle for the batch reader (src/cli/batch/read.ts): the reader as it was written first,
 * simple and slow — every byte checked by the JavaScript scan of src/source/utf8.ts, the text
 * decoded a chunk at a time and cut into lines as strings. The byte reader must give the same
 * events' records, issues and positions for any bytes cut into any chunks.
 */
import type { Issue } from '../../src/index.js';
import { csvSeparator, readCsvRows } from '../../src/import/table.js';
import { makeIssue } from '../../src/issues/issue.js';
import { notUtf8 } from '../../src/source/document.js';
import { scanUtf8 } from '../../src/source/utf8.js';
import { isBlankCell } from '../../src/cli/batch/columns.js';
import type { RawRecord } from '../../src/cli/batch/score.js';

type InputFormat = 'ndjson' | 'csv';
type ReadEvent = { kind: 'header'; cells: string[] } | { kind: 'records'; records: RawRecord[] } | { kind: 'fatal'; issue: Issue };

/**
 * Records per chunk handed to scoring (and to a worker): at most this many… A chunk's output
 * lives until the chunk is done, so a smaller one leaves less for the collector to copy: 128
 * scored a million records 5–6% faster than 256 (46–48 s against 49–51 s), 1,024 slower still.
 */
const CHUNK = 128;
/** …and about this many characters, so that a few huge records do not make a huge chunk. */
const CHUNK_CHARS = 1 << 20;

/**
 * Read `stream` (bytes) as records. The last event is `fatal` when the file cannot be read on
 * (not UTF-8, empty, a header only); otherwise every record is yielded in order. `eager`: the
 * records of each chunk of the stream are yielded as soon as it is read (a service answering a
 * stream as it arrives), not only by {@link CHUNK}.
 */
export async function* oracleReadRecords(stream: AsyncIterable<Uint8Array | string>, format: InputFormat, file: string, maxBytes: number, eager = false): AsyncGenerator<ReadEvent> {
  // Only bytes checked to be UTF-8 are decoded; a sequence cut by a chunk's end waits for the next.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let carry: Uint8Array | undefined;
  let offset = 0; // bytes decoded so far
  let multibyte = 0; // valid UTF-8 characters of more than one byte read so far
  let first = true;
  let pending = '';
  let dropped = 0; // characters of the line being read that were not kept (a line over maxBytes)
  let line = 0; // lines read so far
  let records: RawRecord[] = [];
  let count = 0;
  let header: string[] | undefined;
  let sep: ',' | '\t' = ',';
  // CSV: the physical lines of the row being read, its first line, and whether a quote is open.
  let row: string[] = [];
  let rowLine = 0;
  let open = false;
  let tooLong = false;
  let chars = 0;

  const tooLarge = (at: number) => makeIssue('file_too_large', { size: `>${maxBytes}`, limit: maxBytes }, { source: { file, line: at, column: 1 } });

  function* take(text: string, last: boolean): Generator<ReadEvent> {
    line++;
    const t = text.endsWith('\r') ? text.slice(0, -1) : text;
    chars += t.length;
    if (format === 'ndjson') {
      if (tooLong) {
        tooLong = false;
        records.push({ line, issue: tooLarge(line) });
      } else if (t.trim() !== '') records.push(last ? { line, text: t, unterminated: true } : { line, text: t });
    } else {
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
    }
    if (records.length >= CHUNK || (chars >= CHUNK_CHARS && records.length)) {
      count += records.length;
      yield { kind: 'records', records };
      records = [];
      chars = 0;
    }
  }

  const codePoints = (t: string) => {
    let n = 0;
    for (let i = 0; i < t.length; i++) if ((t.charCodeAt(i) & 0xfc00) !== 0xdc00) n++;
    return n;
  };
  /** The records read so far, then `encoding_invalid` at the byte that is not UTF-8: its line, its column, its offset in the file. */
  function* notUtf8At(bytes: Uint8Array, at: number): Generator<ReadEvent> {
    if (records.length) {
      count += records.length;
      yield { kind: 'records', records };
      records = [];
    }
    const issue = notUtf8(bytes, file, { line: line + 1, column: dropped + codePoints(pending) + 1, offset: at, multibyte });
    yield { kind: 'fatal', issue };
  }

  for await (const chunk of stream) {
    let text: string;
    let bad: { bytes: Uint8Array; at: number } | undefined;
    if (typeof chunk === 'string') text = chunk;
    else {
      let bytes: Uint8Array = chunk;
      if (carry) {
        bytes = new Uint8Array(carry.length + chunk.length);
        bytes.set(carry);
        bytes.set(chunk, carry.length);
        carry = undefined;
      }
      const scan = scanUtf8(bytes, { final: false, stopAtFirst: true });
      const good = scan.firstInvalid >= 0 ? scan.firstInvalid : scan.end;
      multibyte += scan.multibyte;
      text = decoder.decode(bytes.subarray(0, good));
      if (scan.firstInvalid >= 0) bad = { bytes: bytes.subarray(good), at: offset + good };
      else if (good < bytes.length) carry = bytes.slice(good);
      offset += good;
    }
    if (first && text !== '') {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const piece = pending + text.slice(start, nl);
      pending = '';
      dropped = 0;
      yield* take(piece, false);
      start = nl + 1;
    }
    if (!tooLong) pending += text.slice(start);
    else dropped += codePoints(text.slice(start));
    if (format === 'ndjson' && pending.length > maxBytes) {
      // A line longer than a record may be: not kept in memory; its record is file_too_large.
      tooLong = true;
      dropped += codePoints(pending);
      pending = '';
    }
    if (bad) {
      yield* notUtf8At(bad.bytes, bad.at);
      return;
    }
    if (eager && records.length) {
      count += records.length;
      yield { kind: 'records', records };
      records = [];
      chars = 0;
    }
  }
  // A sequence cut off by the end of the file.
  if (carry) {
    yield* notUtf8At(carry, offset);
    return;
  }
  const tail = pending;
  if (tail !== '' || tooLong || open) yield* take(tail, true);
  if (records.length) {
    count += records.length;
    yield { kind: 'records', records };
  }
  if (count === 0) yield { kind: 'fatal', issue: makeIssue('batch_empty', { file, reason: header ? 'header_only' : 'empty' }, { source: { file, line: 1, column: 1 } }) };
}
