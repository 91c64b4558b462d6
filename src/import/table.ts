/**
 * Read a score sheet table from CSV (or TSV) or a Markdown pipe table into rows of cells.
 * Cells keep their line breaks; nothing else is interpreted here, but for the ' before a
 * formula-like text in a CSV 评分表 ({@link readSheetCsvRows}).
 */
import { unguardFormula } from '../source/cells.js';

export type TableFormat = 'csv' | 'md';

/** Guess the format: a line starting with `|` is Markdown, anything else CSV. */
export function detectFormat(text: string, file?: string): TableFormat {
  if (file && /\.(md|markdown)$/i.test(file)) return 'md';
  if (file && /\.(csv|tsv|txt)$/i.test(file)) return 'csv';
  return /^\s*\|/m.test(text) ? 'md' : 'csv';
}

/** A table row and the source line it starts on (1-based). */
export interface TableRow {
  cells: string[];
  line: number;
}

/** RFC 4180 CSV: quoted cells may hold commas, quotes ("") and line breaks. Tab-separated when the header has tabs and no commas. */
export function readCsv(text: string): string[][] {
  return readCsvRows(text).map((r) => r.cells);
}

/**
 * The rows of a CSV 评分表 or 自评表: each cell without the ' that guards a text a spreadsheet
 * would run as a formula (`unguardFormula`, the inverse of what jixiao's CSV sheets add), so a
 * sheet jixiao wrote reads back as the text it holds.
 */
export function readSheetCsvRows(text: string): TableRow[] {
  return readCsvRows(text).map((r) => ({ cells: r.cells.map(unguardFormula), line: r.line }));
}

/** The separator of a CSV table from its first line: tab when it has tabs and no commas. */
export function csvSeparator(firstLine: string): ',' | '\t' {
  return firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
}

/** {@link readCsv} with the line each row starts on; `sep` given, it is not guessed from the first line. */
export function readCsvRows(text: string, sep?: ',' | '\t'): TableRow[] {
  const s = text.replace(/^\uFEFF/, '');
  sep ??= csvSeparator(s.split(/\r?\n/, 1)[0] ?? '');
  const rows: TableRow[] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\n') line++;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
      continue;
    }
    if (c === '"' && cell === '') quoted = true;
    else if (c === sep) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') {
        i++;
        line++;
      } else if (c === '\r') line++;
      row.push(cell);
      rows.push({ cells: row, line: start });
      start = line;
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push({ cells: row, line: start });
  }
  return rows.map((r) => ({ cells: r.cells.map((c) => c.replace(/\r\n?/g, '\n')), line: r.line }));
}

/** Split one Markdown table line into cells, honouring `\|`. */
function splitPipes(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  const body = line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && (body[i + 1] === '|' || body[i + 1] === '\\')) {
      cell += body[i + 1];
      i++;
    } else if (c === '|') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  // A bold cell (**投入（15分）**, a parent as jixiao's sheets print it) is its text.
  return cells.map((c) => c.trim().replace(/<br\s*\/?>/gi, '\n').replace(/^\*\*([^*\n]+)\*\*(?=\n|$)/, '$1'));
}

/** The first Markdown pipe table in the text (header, `|---|` line, rows). */
export function readMarkdown(text: string): { rows: TableRow[]; title?: string } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const start = lines.findIndex((l, i) => /^\s*\|/.test(l) && /^\s*\|?\s*:?-{3,}/.test(lines[i + 1] ?? ''));
  if (start < 0) return { rows: [] };
  const title = lines
    .slice(0, start)
    .reverse()
    .map((l) => /^\s*#+\s*(.+?)\s*#*\s*$/.exec(l)?.[1])
    .find((t) => t);
  // Every table from the first on (a project sheet's funds table comes before its indicators), a
  // blank row between them; a line of text between or after them (a note, `> 逐行计分：…`) is a row of one cell.
  const rows: TableRow[] = [];
  for (let i = start; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^\s*\|/.test(l)) {
      if (/^\s*\|?\s*:?-{3,}/.test(l) && rows.length && /^\s*\|/.test(lines[i - 1] ?? '')) continue; // the |---| line under a header
      rows.push({ cells: splitPipes(l), line: i + 1 });
    } else if (l.trim()) rows.push({ cells: [l.replace(/^\s*>\s?/, '').trim()], line: i + 1 });
    else if (rows.length && rows[rows.length - 1]!.cells.some((c) => c.trim())) rows.push({ cells: [], line: i + 1 });
  }
  return title ? { rows, title } : { rows };
}
