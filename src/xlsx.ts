/**
 * jixiao/xlsx — a result as an Excel workbook, with merged cells, widths, number formats and a
 * print setup. Needs the optional dependency exceljs (`npm i exceljs`); nothing else in jixiao
 * loads it.
 */
export { renderXlsx, numberFormat } from './report/xlsx.js';
export type { XlsxOptions } from './report/xlsx.js';
