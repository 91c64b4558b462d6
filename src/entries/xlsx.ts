/**
 * jixiao/xlsx — a result as an Excel workbook, with merged cells, widths, number formats and a
 * print setup, and a worksheet read back as a table for `jixiao import`. Needs the optional dependency exceljs (`npm i exceljs`); nothing else in jixiao
 * loads it.
 */
export { renderXlsx, numberFormat } from '../report/xlsx.js';
export type { XlsxOptions } from '../report/xlsx.js';
export { readXlsxTable } from '../import/xlsx.js';
export type { XlsxTable } from '../import/xlsx.js';
