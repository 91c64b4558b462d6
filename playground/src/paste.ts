/**
 * A table pasted from Word or Excel, read from the clipboard's HTML (text/html) rather than its
 * plain text: Word's plain text cannot tell a line break inside a cell from the end of a row, its
 * HTML can. The table becomes tab-separated text as the importer reads it: a cell with a line
 * break, a tab or a quote in quotes, a merged cell's text in its first cell and the cells it covers
 * left empty (the importer reads an empty level cell as the one above).
 */
export function tableFromHtml(html: string): string | undefined {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  // The largest table: Word wraps a pasted table in others for layout now and then.
  const tables = [...doc.querySelectorAll('table')];
  const table = tables.sort((a, b) => b.rows.length - a.rows.length)[0];
  if (!table || table.rows.length === 0) return undefined;
  const grid: string[][] = [];
  const covered: boolean[][] = [];
  [...table.rows].forEach((tr, r) => {
    grid[r] ??= [];
    covered[r] ??= [];
    let c = 0;
    for (const cell of [...tr.cells]) {
      while (covered[r]![c]) c++;
      const rows = Math.max(1, Math.min(cell.rowSpan || 1, 1000));
      const cols = Math.max(1, Math.min(cell.colSpan || 1, 100));
      for (let dr = 0; dr < rows; dr++)
        for (let dc = 0; dc < cols; dc++) {
          (grid[r + dr] ??= [])[c + dc] = dr === 0 && dc === 0 ? cellText(cell) : '';
          (covered[r + dr] ??= [])[c + dc] = true;
        }
      c += cols;
    }
  });
  const width = Math.max(...grid.map((row) => row.length));
  return grid
    .map((row) => Array.from({ length: width }, (_, k) => quote(row[k] ?? '')).join('\t'))
    .join('\r\n');
}

/** A cell's text as the person sees it: its paragraphs and line breaks as line breaks, spaces tidied. */
function cellText(cell: HTMLTableCellElement): string {
  const lines: string[] = [];
  let line = '';
  const walk = (n: Node) => {
    if (n.nodeType === Node.TEXT_NODE) line += (n.textContent ?? '').replace(/[\s\u00a0]+/g, ' ');
    else if (n instanceof HTMLBRElement) (lines.push(line), (line = ''));
    else if (n instanceof HTMLElement) {
      const block = /^(P|DIV|LI|H[1-6])$/.test(n.tagName);
      if (block && line.trim()) (lines.push(line), (line = ''));
      n.childNodes.forEach(walk);
      if (block) (lines.push(line), (line = ''));
    }
  };
  cell.childNodes.forEach(walk);
  lines.push(line);
  return lines.map((l) => l.trim()).filter((l) => l).join('\n');
}

const quote = (s: string) => (/[\t\r\n"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
