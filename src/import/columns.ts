import type { TableRow } from './table.js';

/**
 * Header cells as sheets write them, brought to the names the importers read: the common aliases
 * (评价内容/评价指标/指标名称 for the indicator levels, also written 评价指标(分值) when the names
 * carry the maxima; 年初目标值(A) for 年度指标值, 全年实际值(B) for 实际完成值 …) and a mapping of the user's own
 * (`--columns "考核项目=一级指标,标准分=分值"`).
 */

/** A header mapping: the sheet's header text (spaces ignored) → the column it is. */
export type ColumnMap = Record<string, string>;

const squash = (s: string) => s.replace(/[\s\u3000]+/gu, '');

/** Parse `原表头=列名,原表头=列名` (commas or semicolons, full-width too). */
export function parseColumns(text: string): { ok: true; columns: ColumnMap } | { ok: false; bad: string } {
  const columns: ColumnMap = Object.create(null) as ColumnMap;
  for (const part of text.split(/[,，;；]/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(.+?)\s*[=＝:：]\s*(.+)$/.exec(part);
    if (!m) return { ok: false, bad: part };
    columns[squash(m[1]!)] = squash(m[2]!);
  }
  return { ok: true, columns };
}

/** Aliases of single columns: a header cell equal to the key (spaces ignored) is read as the value. */
const ALIASES: Record<string, string> = {
  年初目标值: '年度指标值',
  '年初目标值(A)': '年度指标值',
  '年初目标值（A）': '年度指标值',
  '年度指标值(A)': '年度指标值',
  '全年实际值(B)': '实际完成值',
  '全年实际值（B）': '实际完成值',
  '实际完成值(B)': '实际完成值',
  全年实际值: '实际完成值',
};

/** Indicator names in sheets without `一级指标`…: these, left to right, are the levels. */
const LEVEL_ALIASES = ['评价内容', '评价指标', '指标名称', '评价要素'];
/** `评价指标(分值)`, `指标名称及分值`: the names carry their maxima (`预算执行率(10分)`). */
const WITH_MAX = /^(.+?)(?:[(（](?:分值|分数|权重|标准分)[)）]|及(?:分值|分数|权重))$/;
/** The level alias a header cell is, with or without a `(分值)` after it. */
const levelAlias = (s: string) => LEVEL_ALIASES.includes(s) || LEVEL_ALIASES.includes(WITH_MAX.exec(s)?.[1] ?? '');
const LEVEL = /^([一二三四五六七八九])级指标$/;
const DIGITS = '一二三四五六七八九';

/**
 * Rename header cells in every row: the user's mapping first, then the aliases. In a row with
 * no `N级指标` cell, 评价内容 / 评价指标 / 指标名称 become 一级, 二级, 三级指标 in the order they
 * stand; in a row that has some, 指标名称 becomes the level below the deepest.
 */
export function canonicalHeaders(rows: readonly TableRow[], columns: ColumnMap = {}, opts: { levels?: boolean } = {}): TableRow[] {
  return rows.map((r) => {
    let cells = r.cells.map((c) => {
      const s = squash(c);
      return Object.hasOwn(columns, s) ? String(columns[s]) : Object.hasOwn(ALIASES, s) ? ALIASES[s]! : c;
    });
    if (opts.levels !== false) {
      const squashed = cells.map(squash);
      const deepest = Math.max(-1, ...squashed.map((s) => (LEVEL.exec(s) ? DIGITS.indexOf(LEVEL.exec(s)![1]!) : -1)));
      const aliased = squashed.map((s, i) => (levelAlias(s) ? i : -1)).filter((i) => i >= 0);
      if (aliased.length && aliased.length + deepest + 1 <= DIGITS.length) {
        cells = [...cells];
        aliased.forEach((i, k) => (cells[i] = `${DIGITS[deepest + 1 + k]}级指标`));
      }
    }
    return cells.every((c, i) => c === r.cells[i]) ? r : { cells, line: r.line };
  });
}
