/**
 * The monitoring endpoints of `jixiao serve` (绩效运行监控, 双监控): a project (or a department's
 * projects) monitored in the middle of the year on a monitoring rubric, answered as the library's
 * `MonitoringResult` or as the 监控表 in any sheet format; and many projects summed up (levels
 * counted by department, every red row). Monitoring comes from the jixiao/monitor entry, so the
 * scoring core never loads it.
 */
import { bundledRubricIds, JixiaoError, type Issue, type SafeResult } from '../index.js';
import {
  isMonitoringDocument,
  renderMonitoringDocx,
  renderMonitoringSheet,
  renderMonitoringXlsx,
  safeLoadMonitoringRubric,
  safeMonitor,
  summarizeMonitoring,
  type DepartmentMonitoringResult,
  type MonitoringResult,
  type MonitoringRubric,
  type MonitoringSummary,
} from '../entries/monitor.js';
import { fromZod } from '../issues/zod.js';
import { locateIssues, readDocument, type SourceDocument } from '../source/document.js';
import { DEFAULT_LIMITS } from '../source/limits.js';
import { anyMonitoringResultSchema } from './monitor-schema.js';
import { bad, BODY, failed, formatOf, idOf, missing, readEnvelope, SHEET_FORMATS, wrongEndpoint, wrongType, type Reply, type RubricCatalogue } from './routes.js';

/** The formats of `/v1/monitor` and `/v1/monitor/summary`: the JSON value, or the 监控表 / 汇总表. */
export const MONITOR_FORMATS = ['json', 'markdown', 'html', 'csv', 'xlsx', 'docx'] as const;
type MonitorFormat = (typeof MONITOR_FORMATS)[number];

type Monitored = MonitoringResult | DepartmentMonitoringResult;

const RUBRIC_EXPECTED = { zh: '监控规则 id、监控规则文本或监控规则（映射）', en: 'a monitoring rubric id, its text or the rubric (a mapping)' };

/**
 * The monitoring rubric a body names: an id (registered or bundled), its YAML or JSON text
 * (positions in that text, `<rubric>`), or the document (positions in the body). A scoring rubric
 * is `rubric_wrong_endpoint`, naming /v1/score.
 */
function monitoringRubricOf(catalogue: RubricCatalogue, doc: SourceDocument, given: unknown): SafeResult<MonitoringRubric> {
  if (given === undefined) return { success: false, issues: [missing('rubric')] };
  if (typeof given === 'string') {
    if (!/[\n:{]/.test(given)) return catalogue.monitoringById(given.trim());
    const read = readDocument(given, DEFAULT_LIMITS, '<rubric>');
    if (read.ok && !isMonitoringDocument(read.doc.value) && isScoringDocument(read.doc.value)) return { success: false, issues: [wrongEndpoint(idOf(read.doc.value), 'scoring', [], { file: '<rubric>', line: 1, column: 1 })] };
    return safeLoadMonitoringRubric(given, { file: '<rubric>' });
  }
  if (given !== null && typeof given === 'object' && !Array.isArray(given)) {
    if (!isMonitoringDocument(given) && isScoringDocument(given)) return { success: false, issues: [wrongEndpoint(idOf(given), 'scoring', ['rubric'], doc.positionOf(['rubric']))] };
    // The loader reads text: the document goes back to JSON, its issues placed in the body by path.
    const r = safeLoadMonitoringRubric(JSON.stringify(given));
    return r.success ? r : { success: false, issues: locateIssues(r.issues.map(({ source: _s, ...i }) => i), doc, ['rubric']) };
  }
  return { success: false, issues: [wrongType(doc, 'rubric', RUBRIC_EXPECTED, given)] };
}

/** A document that reads as a scoring rubric: it has `indicators`, or extends a bundled scoring rubric. */
function isScoringDocument(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const extended = (v as { extends?: unknown }).extends;
  return 'indicators' in v || (typeof extended === 'string' && bundledRubricIds.includes(extended));
}

/**
 * Monitor one input (a document in the body at `at`, or its text: positions in that text,
 * `textFile`); issues' paths within the input, or from the body's root with `prefixed`.
 */
function monitorOne(rubric: MonitoringRubric, doc: SourceDocument, input: unknown, at: (string | number)[], textFile: string, prefixed = false): SafeResult<Monitored> {
  const r = typeof input === 'string' ? safeMonitor(rubric, input, { file: textFile }) : safeMonitor(rubric, input);
  const place = (list: Issue[]) => {
    const located = typeof input === 'string' ? list : locateIssues(list, doc, at);
    return prefixed ? located.map((i) => ({ ...i, path: [...at, ...i.path] })) : located;
  };
  return r.success ? { success: true, value: r.value, warnings: place(r.warnings) } : { success: false, issues: place(r.issues) };
}

/** The answer in `format`: the value as JSON, or its sheet. */
async function answer(value: Monitored | MonitoringSummary, warnings: Issue[], format: MonitorFormat): Promise<Reply> {
  if (format === 'json') return { status: 200, json: { success: true, value, warnings } };
  try {
    if (format === 'xlsx') return { status: 200, type: SHEET_FORMATS.xlsx, body: await renderMonitoringXlsx(value) };
    if (format === 'docx') return { status: 200, type: SHEET_FORMATS.docx, body: await renderMonitoringDocx(value) };
    return { status: 200, type: SHEET_FORMATS[format], body: renderMonitoringSheet(value, { format }) };
  } catch (err) {
    if (err instanceof JixiaoError) return { status: err.issues[0]?.code === 'dependency_missing' ? 501 : 422, json: { success: false, issues: err.issues } };
    throw err;
  }
}

const formatIn = (doc: SourceDocument, value: Record<string, unknown>, url: URL) => formatOf(doc, value, url, MONITOR_FORMATS, 'json');

/**
 * `POST /v1/monitor`: `{ rubric, input, format? }` — a project (or a department's projects, as the
 * rubric says) monitored; or with `?rubric=<id>` the body is the input itself (JSON or YAML, its
 * issues at their line and column in the body), `?format=` the format.
 */
export async function monitorRoute(catalogue: RubricCatalogue, bytes: Uint8Array, url: URL, maxBody: number): Promise<Reply> {
  const id = url.searchParams.get('rubric');
  if (id !== null) {
    const format = formatOf(emptyDocument(), {}, url, MONITOR_FORMATS, 'json');
    if (typeof format !== 'string') return bad([format]);
    const rubric = catalogue.monitoringById(id);
    if (!rubric.success) return failed(rubric.issues);
    const r = safeMonitor(rubric.value, bytes, { file: BODY });
    return r.success ? answer(r.value, r.warnings, format) : failed(r.issues);
  }
  const e = readEnvelope(bytes, maxBody, ['rubric', 'input', 'format']);
  if (!e.ok) return e.reply;
  const format = formatIn(e.doc, e.value, url);
  if (typeof format !== 'string') return bad([format]);
  const rubric = monitoringRubricOf(catalogue, e.doc, e.value.rubric);
  if (!rubric.success) return rubric.issues[0]?.code === 'missing_key' || rubric.issues[0]?.code === 'invalid_type' ? bad(rubric.issues) : failed(rubric.issues);
  const input = e.value.input;
  if (input === undefined) return bad([missing('input')]);
  if (typeof input !== 'string' && (input === null || typeof input !== 'object' || Array.isArray(input))) return bad([wrongType(e.doc, 'input', { zh: '监控数据（映射）或其文本', en: 'a monitoring input (a mapping) or its text' }, input)]);
  const r = monitorOne(rubric.value, e.doc, input, ['input'], '<input>');
  return r.success ? answer(r.value, r.warnings, format) : failed(r.issues);
}

/**
 * `POST /v1/monitor/summary` (绩效运行监控汇总): `{ rubric, inputs, format? }` — each input monitored,
 * then summed up — or `{ results, format? }`, results `/v1/monitor` answered (their shape checked):
 * projects counted by level per department (主管部门), and every row at the most severe level.
 */
export async function monitorSummaryRoute(catalogue: RubricCatalogue, bytes: Uint8Array, url: URL, maxBody: number): Promise<Reply> {
  const e = readEnvelope(bytes, maxBody, ['rubric', 'inputs', 'results', 'format']);
  if (!e.ok) return e.reply;
  const format = formatIn(e.doc, e.value, url);
  if (typeof format !== 'string') return bad([format]);
  const { inputs, results } = e.value;
  const list = (key: string, v: unknown): Issue | undefined => (Array.isArray(v) && v.length > 0 ? undefined : wrongType(e.doc, key, { zh: '非空列表', en: 'a non-empty list' }, v));
  if (results !== undefined) {
    if (inputs !== undefined || e.value.rubric !== undefined) {
      const key = inputs !== undefined ? 'inputs' : 'rubric';
      return bad([wrongType(e.doc, key, { zh: '不与 results 同给（results 已是监控结果）', en: 'absent beside results (results are already monitored)' }, e.value[key])]);
    }
    const shape = list('results', results);
    if (shape) return bad([shape]);
    const checked: Monitored[] = [];
    const issues: Issue[] = [];
    (results as unknown[]).forEach((r, k) => {
      const p = anyMonitoringResultSchema.safeParse(r);
      if (p.success) checked.push(p.data as Monitored);
      else issues.push(...locateIssues(fromZod(p.error.issues, r, ['results', k]), e.doc));
    });
    if (issues.length) return failed(issues);
    return answer(summarizeMonitoring(checked), [], format);
  }
  if (inputs === undefined) return bad([missing('inputs')]);
  const shape = list('inputs', inputs);
  if (shape) return bad([shape]);
  const rubric = monitoringRubricOf(catalogue, e.doc, e.value.rubric);
  if (!rubric.success) return rubric.issues[0]?.code === 'missing_key' || rubric.issues[0]?.code === 'invalid_type' ? bad(rubric.issues) : failed(rubric.issues);
  const monitored: Monitored[] = [];
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  (inputs as unknown[]).forEach((input, k) => {
    if (typeof input !== 'string' && (input === null || typeof input !== 'object' || Array.isArray(input))) {
      const i = wrongType(e.doc, 'inputs', { zh: '监控数据（映射）或其文本', en: 'a monitoring input (a mapping) or its text' }, input);
      const source = e.doc.positionOf(['inputs', k]);
      issues.push({ ...i, path: ['inputs', k], ...(source ? { source } : {}) });
      return;
    }
    const r = monitorOne(rubric.value, e.doc, input, ['inputs', k], `<inputs[${k}]>`, true);
    if (r.success) {
      monitored.push(r.value);
      warnings.push(...r.warnings);
    } else issues.push(...r.issues);
  });
  if (issues.length) return failed(issues);
  return answer(summarizeMonitoring(monitored, rubric.value.levels), warnings, format);
}

/** An empty document, for a format named only in the query (the body is the input). */
function emptyDocument(): SourceDocument {
  return (readDocument('{}', DEFAULT_LIMITS, BODY) as { ok: true; doc: SourceDocument }).doc;
}
