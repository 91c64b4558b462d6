import { loadDocx, sheetDocument } from '../report/docx.js';
import { fillWorksheet, loadExcel } from '../report/xlsx.js';
import { xmlModel } from '../report/xml.js';
import type { DepartmentMonitoringResult, MonitoringResult } from './monitor.js';
import { monitoringSheetModel, type MonitoringSummary } from './sheet.js';

/**
 * A 监控表 (or a summary) as an Excel workbook: the same model as the text formats, with merged
 * cells, widths and a print setup. Needs the optional dependency `exceljs`.
 * @example writeFileSync('监控表.xlsx', await renderMonitoringXlsx(result));
 */
export async function renderMonitoringXlsx(x: MonitoringResult | DepartmentMonitoringResult | MonitoringSummary): Promise<Uint8Array> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  wb.creator = 'jixiao';
  fillWorksheet(wb, xmlModel(monitoringSheetModel(x)), '监控表');
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * A 监控表 (or a summary) as a Word document, A4 landscape. Needs the optional dependency `docx`.
 * @example writeFileSync('监控表.docx', await renderMonitoringDocx(result));
 */
export async function renderMonitoringDocx(x: MonitoringResult | DepartmentMonitoringResult | MonitoringSummary): Promise<Uint8Array> {
  const d = await loadDocx();
  return new Uint8Array(await d.Packer.toBuffer(sheetDocument(d, xmlModel(monitoringSheetModel(x)))));
}
