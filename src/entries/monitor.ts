/**
 * jixiao/monitor — 绩效运行监控 (双监控): a project monitored in the middle of the year, each
 * indicator row given a level (红 / 黄 / 绿 / 蓝, or the rubric's own 预警 levels) with its reason,
 * the 预算执行 level, the project's level (worst-of), the form's fields (全年预计完成, 完成目标可能性,
 * 偏差原因, 整改措施) and its 监控表 in every sheet format. Scoring does not need it, so
 * `import { loadRubric, evaluate } from 'jixiao'` loads none of this code.
 */
export { bundledMonitoringIds, bundledMonitoringSource, isMonitoringDocument, loadBundledMonitoring, loadMonitoringRubric, safeLoadBundledMonitoring, safeLoadMonitoringRubric } from '../monitor/rubric.js';
export type { CompiledLevelRule, LevelBand, MonitoringLoadOptions, MonitoringRubric } from '../monitor/rubric.js';
export { combine, monitor, safeMonitor } from '../monitor/monitor.js';
export type { DepartmentMonitoringResult, MonitoredFunds, MonitoredRow, MonitoringResult, MonitorOptions } from '../monitor/monitor.js';
export { CAUSES, LIKELIHOODS, monitoringRubricSchema, monitorProjectSchema, monitorRowSchema } from '../monitor/schema.js';
export { monitoringSheetModel, renderMonitoringSheet, renderMonitoringTable, summarizeMonitoring } from '../monitor/sheet.js';
export type { MonitoringSheetFormat, MonitoringSummary } from '../monitor/sheet.js';
export { renderMonitoringDocx, renderMonitoringXlsx } from '../monitor/office.js';
export { carryToSelfEvaluation, safeCarryToSelfEvaluation } from '../monitor/carry.js';
export { lintMonitoringRubric } from '../lint/monitoring.js';
export { monitoringInputJsonSchema, monitoringJsonSchema } from '../monitor/json-schema.js';
