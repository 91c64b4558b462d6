/**
 * Reading the input of `jixiao batch` as a stream: NDJSON lines or CSV rows, a chunk of records
 * at a time, so that memory stays flat whatever the file's size. A BOM and CRLF line ends are
 * read as what they are; bytes that are not UTF-8 (a GBK file saved by Excel, say) stop the
 * batch with `encoding_invalid` and what the bytes look like.
 */
import type { Issue } from '../../index.js';
import { csvSeparator, readCsvRows } from '../../import/table.js';
import { makeIssue } from '../../issues/issue.js';
import { decodeText } from '../../source/document.js';
import type { RawRecord } from './score.js';

export type InputFormat = 'ndjson' | 'csv';

export type ReadEvent = { kind: 'header'; cells: string[] } | { kind: 'records'; records: RawRecord[] } | { kind: 'fatal'; issue: Issue };

/**
 * Records per chunk handed to scoring (and to a worker): at most this many… A chunk's output
 * lives until the chunk is done, so a smaller one leaves less for the collector to copy: 128
 * scored a million records 5–6% faster than 256 (46–48 s against 49–51 s), 1,024 slower still.
 */
export const CHUNK = 128;
/** …and about this many characters, so that a few huge records do not make a huge chunk. */
const CHUNK_CHARS = 1 << 20;

/**
 * Read `stream` (bytes) as records. The last event is `fatal` when the file cannot be read on
 * (not UTF-8, empty, a header only); otherwise every record is yielded in order.
 */
export async function* readRecords(stream: AsyncIterable<Uint8Array | string>, format: InputFormat, file: string, maxBytes: number): AsyncGenerator<ReadEvent> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
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
        if (cells.every((c) => c.trim() === '')) return;
        while (cells.length > header.length && cells[cells.length - 1]!.trim() === '') cells.pop();
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

  for await (const chunk of stream) {
    let text: string;
    try {
      text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    } catch {
      const bad = decodeText(chunk as Uint8Array, file);
      const issue = 'issue' in bad ? bad.issue : makeIssue('encoding_invalid', {});
      yield { kind: 'fatal', issue: { ...issue, source: { file, line: line + 1, column: 1 } } };
      return;
    }
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const piece = pending + text.slice(start, nl);
      pending = '';
      yield* take(piece, false);
      start = nl + 1;
    }
    if (!tooLong) pending += text.slice(start);
    if (format === 'ndjson' && pending.length > maxBytes) {
      // A line longer than a record may be: not kept in memory; its record is file_too_large.
      tooLong = true;
      pending = '';
    }
  }
  let tail: string;
  try {
    tail = pending + decoder.decode();
  } catch {
    yield { kind: 'fatal', issue: makeIssue('encoding_invalid', {}, { source: { file, line: line + 1, column: 1 } }) };
    return;
  }
  if (tail !== '' || tooLong || open) yield* take(tail, true);
  if (records.length) {
    count += records.length;
    yield { kind: 'records', records };
  }
  if (count === 0) yield { kind: 'fatal', issue: makeIssue('batch_empty', { file, reason: header ? 'header_only' : 'empty' }, { source: { file, line: 1, column: 1 } }) };
}
