// The Excel writer and reader, loaded only when a workbook is saved or opened (src/office.ts).
import './buffer-global.js';
import * as ExcelJS from 'exceljs';

(globalThis as { __jixiaoLib?: Record<string, unknown> }).__jixiaoLib ??= {};
(globalThis as unknown as { __jixiaoLib: Record<string, unknown> }).__jixiaoLib.exceljs = (ExcelJS as { default?: unknown }).default ?? ExcelJS;
