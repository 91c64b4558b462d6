/**
 * The JSON endpoints of `jixiao serve`: each reads its request body as the library reads a
 * document (positions kept, the same limits and issue codes), calls the library, and answers in
 * the library's shape — `{ success: true, value, warnings }` or `{ success: false, issues }`.
 */
import {
  bundledRubricIds,
  bundledRubricSource,
  DEFAULT_LIMITS,
  JixiaoError,
  safeEvaluate,
  safeLoadBundledRubric,
  safeLoadRubric,
  safeScore,
  type Issue,
  type Limits,
  type Rubric,
  type SafeResult,
  type ScoreResult,
} from '../index.js';
import { lintRubric, type LintReport } from '../entries/authoring.js';
import { bundledMonitoringIds, bundledMonitoringSource, isMonitoringDocument, lintMonitoringRubric, safeLoadBundledMonitoring, type MonitoringRubric } from '../entries/monitor.js';
import { explain, renderExplanation, renderSheet, safeParseStoredResult } from '../entries/report.js';
import { safeReview } from '../entries/review.js';
import { makeIssue } from '../issues/issue.js';
import { locateIssues, readDocument, type SourceDocument } from '../source/document.js';

/** What a handler answers: a status, a JSON value or a text/bytes body with its type. */
export type Reply = { status: number; json: unknown } | { status: number; body: string | Uint8Array; type: string };

/** A rubric registered when the server starts (`jixiao serve --rubric FILE`): compiled, with its text for `lint`. */
export interface RegisteredRubric {
  rubric: Rubric;
  source: string | Uint8Array;
  file: string;
}

/** A monitoring rubric (双监控) registered when the server starts (`jixiao serve --rubric FILE` of a file with `monitoring`). */
export interface RegisteredMonitoring {
  rubric: MonitoringRubric;
  source: string | Uint8Array;
  file: string;
}

/** An id as an issue shows it: at most 60 characters. */
const shownId = (id: string) => (id.length > 60 ? `${id.slice(0, 60)}…` : id);

/** The issue of a rubric given to the endpoint of the other kind: which endpoint takes it. */
export function wrongEndpoint(id: string, kind: 'monitoring' | 'scoring', path: (string | number)[] = [], source?: Issue['source']): Issue {
  return makeIssue('rubric_wrong_endpoint', { id: shownId(id), kind, endpoint: kind === 'monitoring' ? '/v1/monitor' : '/v1/score' }, { path, ...(source ? { source } : {}) });
}

/**
 * The rubrics a server knows by id: those registered at start, then the bundled ones (compiled once,
 * kept) — the scoring rubrics and, apart, the monitoring rubrics (双监控), which give levels, not points.
 */
export class RubricCatalogue {
  private readonly compiled = new Map<string, Rubric>();
  private readonly compiledMonitoring = new Map<string, MonitoringRubric>();
  constructor(
    private readonly registered: ReadonlyMap<string, RegisteredRubric> = new Map(),
    private readonly monitoring: ReadonlyMap<string, RegisteredMonitoring> = new Map(),
  ) {}

  /** Whether an id names a monitoring rubric (registered or bundled) and no scoring one. */
  private isMonitoringId(id: string): boolean {
    return !this.registered.has(id) && (this.monitoring.has(id) || bundledMonitoringSource(id) !== undefined);
  }

  /** A scoring rubric by id: registered, else bundled (compiled on first use); a monitoring id is `rubric_wrong_endpoint`, else `unknown_bundled_rubric`. */
  byId(id: string): SafeResult<Rubric> {
    const mine = this.registered.get(id)?.rubric ?? this.compiled.get(id);
    if (mine) return { success: true, value: mine, warnings: [] };
    if (this.isMonitoringId(id)) return { success: false, issues: [wrongEndpoint(id, 'monitoring')] };
    const r = safeLoadBundledRubric(id);
    if (r.success) this.compiled.set(id, r.value);
    else if (this.registered.size && r.issues[0]?.code === 'unknown_bundled_rubric')
      return { success: false, issues: [makeIssue('unknown_bundled_rubric', { id: shownId(id), ids: [...this.registered.keys(), ...bundledRubricIds].join('、') })] };
    return r;
  }

  /** A monitoring rubric by id: registered, else bundled; a scoring id is `rubric_wrong_endpoint`, else `unknown_bundled_rubric` naming the monitoring ids. */
  monitoringById(id: string): SafeResult<MonitoringRubric> {
    const mine = this.monitoring.get(id)?.rubric ?? this.compiledMonitoring.get(id);
    if (mine) return { success: true, value: mine, warnings: [] };
    if (bundledMonitoringSource(id) !== undefined) {
      const r = safeLoadBundledMonitoring(id);
      if (r.success) this.compiledMonitoring.set(id, r.value);
      return r;
    }
    if (this.registered.has(id) || bundledRubricIds.includes(id)) return { success: false, issues: [wrongEndpoint(id, 'scoring')] };
    return { success: false, issues: [makeIssue('unknown_bundled_rubric', { id: shownId(id), ids: [...this.monitoring.keys(), ...bundledMonitoringIds].join('、') })] };
  }

  /** The text of a rubric known by id, and the file name its positions carry. */
  sourceOf(id: string): { source: string | Uint8Array; file: string } | undefined {
    const mine = this.registered.get(id);
    if (mine) return { source: mine.source, file: mine.file };
    const text = bundledRubricSource(id);
    return text === undefined ? undefined : { source: text, file: `rubrics/${id}.yaml` };
  }

  /** The text of a monitoring rubric known by id, and the file name its positions carry. */
  monitoringSourceOf(id: string): { source: string | Uint8Array; file: string } | undefined {
    if (this.registered.has(id)) return undefined;
    const mine = this.monitoring.get(id);
    if (mine) return { source: mine.source, file: mine.file };
    const text = bundledMonitoringSource(id);
    return text === undefined ? undefined : { source: text, file: `rubrics/${id}.yaml` };
  }

  /** Every rubric by id, with its name, version and kind (`scoring`: points, `/v1/score`; `monitoring`: levels, `/v1/monitor`): registered ones first. */
  list(): RubricListing[] {
    const out: RubricListing[] = [];
    for (const [id, r] of this.registered) out.push({ id, name: r.rubric.name, version: r.rubric.version ?? null, bundled: false, kind: 'scoring' });
    for (const id of bundledRubricIds) {
      if (this.registered.has(id)) continue;
      const r = this.byId(id);
      if (r.success) out.push({ id, name: r.value.name, version: r.value.version ?? null, bundled: true, kind: 'scoring' });
    }
    for (const [id, r] of this.monitoring) if (!this.registered.has(id)) out.push({ id, name: r.rubric.name, version: r.rubric.version ?? null, bundled: false, kind: 'monitoring' });
    for (const id of bundledMonitoringIds) {
      if (this.registered.has(id) || this.monitoring.has(id)) continue;
      const r = this.monitoringById(id);
      if (r.success) out.push({ id, name: r.value.name, version: r.value.version ?? null, bundled: true, kind: 'monitoring' });
    }
    return out;
  }
}

/** One line of `GET /v1/rubrics`. */
export interface RubricListing {
  id: string;
  name: string;
  version: string | null;
  bundled: boolean;
  kind: 'scoring' | 'monitoring';
}

/** The file name positions in a request body carry. */
export const BODY = '<body>';

/** The limits a request body is read within: a document's, with room for a rubric and an input side by side. */
export function envelopeLimits(maxBody: number): Limits {
  return { ...DEFAULT_LIMITS, maxBytes: maxBody, maxDepth: DEFAULT_LIMITS.maxDepth + 2, maxNodes: DEFAULT_LIMITS.maxNodes * 2 };
}

const at = (doc: SourceDocument, path: (string | number)[]) => {
  const p = doc.positionOf(path);
  return p ? { source: p } : {};
};

export const failed = (issues: Issue[]): Reply => ({ status: 422, json: { success: false, issues } });
export const bad = (issues: Issue[]): Reply => ({ status: 400, json: { success: false, issues } });

/**
 * A JSON (or YAML) request body as a mapping of the given keys: the document, or the issues (a
 * syntax error at its line and column, a key that is not one of `keys`, a body that is not a mapping).
 */
export function readEnvelope(bytes: Uint8Array, maxBody: number, keys: readonly string[]): { ok: true; doc: SourceDocument; value: Record<string, unknown> } | { ok: false; reply: Reply } {
  const r = readDocument(bytes, envelopeLimits(maxBody), BODY);
  if (!r.ok) return { ok: false, reply: bad(r.issues) };
  const v = r.doc.value;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    return { ok: false, reply: bad([makeIssue('invalid_type', { expected: `映射（${keys.join('、')}）`, expectedEn: `a mapping (${keys.join(', ')})`, received: Array.isArray(v) ? '列表' : String(v), receivedEn: Array.isArray(v) ? 'a list' : String(v) }, { source: { file: BODY, line: 1, column: 1 } })]) };
  }
  const unknown = Object.keys(v).filter((k) => !keys.includes(k));
  if (unknown.length) return { ok: false, reply: bad(unknown.map((k) => makeIssue('unknown_key', { key: k }, { path: [k], ...at(r.doc, [k]) }))) };
  return { ok: true, doc: r.doc, value: v as Record<string, unknown> };
}

/** A value of the body that must be of one kind: the issue, placed, when it is not. */
export function wrongType(doc: SourceDocument, key: string, expected: { zh: string; en: string }, v: unknown): Issue {
  const received = Array.isArray(v) ? { zh: '列表', en: 'a list' } : v === null ? { zh: 'null', en: 'null' } : typeof v === 'object' ? { zh: '映射', en: 'a mapping' } : typeof v === 'string' ? { zh: '文本', en: 'text' } : { zh: String(v), en: String(v) };
  return makeIssue('invalid_type', { expected: expected.zh, expectedEn: expected.en, received: received.zh, receivedEn: received.en }, { path: [key], ...at(doc, [key]) });
}

export const missing = (key: string) => makeIssue('missing_key', { key }, { path: [], source: { file: BODY, line: 1, column: 1 } });

/** `true`, `false` or absent; anything else is `invalid_type` at its place. */
function flagOf(doc: SourceDocument, value: Record<string, unknown>, key: string): boolean | Issue {
  const v = value[key];
  if (v === undefined || v === false || v === 'false') return false;
  if (v === true || v === 'true') return true;
  return wrongType(doc, key, { zh: 'true 或 false', en: 'true or false' }, v);
}

/** The id a rubric document gives itself, for an issue (`<rubric>` when it has none). */
export const idOf = (v: unknown): string => {
  const id = (v as { id?: unknown }).id;
  return typeof id === 'string' ? id : '<rubric>';
};

/**
 * The rubric a body names: an id (registered or bundled), a rubric's YAML or JSON text (its
 * positions in that text, file `<rubric>`), or a rubric document (its positions in the body).
 */
export function rubricOf(catalogue: RubricCatalogue, doc: SourceDocument, value: Record<string, unknown>, fromQuery?: string): SafeResult<Rubric> {
  const given = value.rubric ?? fromQuery;
  if (given === undefined) return { success: false, issues: [missing('rubric')] };
  if (typeof given === 'string') {
    if (!/[\n:{]/.test(given)) return catalogue.byId(given.trim());
    const r = safeLoadRubric(given, { file: '<rubric>' });
    if (r.success) return r;
    const read = readDocument(given, DEFAULT_LIMITS, '<rubric>');
    return read.ok && isMonitoringDocument(read.doc.value) ? { success: false, issues: [wrongEndpoint(idOf(read.doc.value), 'monitoring', [], { file: '<rubric>', line: 1, column: 1 })] } : r;
  }
  if (given !== null && typeof given === 'object' && !Array.isArray(given)) {
    const r = safeLoadRubric(given);
    if (r.success) return r;
    if (isMonitoringDocument(given)) return { success: false, issues: [wrongEndpoint(idOf(given), 'monitoring', ['rubric'], doc.positionOf(['rubric']))] };
    return { success: false, issues: locateIssues(r.issues, doc, ['rubric']) };
  }
  return { success: false, issues: [wrongType(doc, 'rubric', { zh: '评分表 id、评分表文本或评分表（映射）', en: 'a rubric id, a rubric text or a rubric (a mapping)' }, given)] };
}

/**
 * Score the body's `input` on `rubric`: an input document (positions in the body) or its text
 * (positions in that text, file `<input>`); with `totals`, through the totals path.
 */
function scoreInput(rubric: Rubric, doc: SourceDocument, value: Record<string, unknown>, totals: boolean): SafeResult<unknown> | { success: false; issues: Issue[]; malformed: true } {
  const input = value.input;
  if (input === undefined) return { success: false, issues: [missing('input')], malformed: true };
  const run = totals ? safeScore : safeEvaluate;
  if (typeof input === 'string') return run(rubric, input, { file: '<input>' });
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { success: false, issues: [wrongType(doc, 'input', { zh: '评价数据（映射）或其文本', en: 'an evaluation input (a mapping) or its text' }, input)], malformed: true };
  const r = run(rubric, input as Parameters<typeof safeEvaluate>[1]);
  return r.success ? { success: true, value: r.value, warnings: locateIssues(r.warnings, doc, ['input']) } : { success: false, issues: locateIssues(r.issues, doc, ['input']) };
}

/** The safe result as a reply: 200 with the value, or 422 with the issues (400 when the request itself is malformed). */
function replyOf(r: SafeResult<unknown> | { success: false; issues: Issue[]; malformed: true }): Reply {
  if (r.success) return { status: 200, json: { success: true, value: r.value, warnings: r.warnings } };
  return 'malformed' in r ? bad(r.issues) : failed(r.issues);
}

/**
 * `POST /v1/score`: `{ rubric, input, totals? }`, or with `?rubric=<id>` the body is the input
 * itself (JSON or YAML, its issues at their line and column in the body).
 */
export function scoreRoute(catalogue: RubricCatalogue, bytes: Uint8Array, url: URL, maxBody: number): Reply {
  const id = url.searchParams.get('rubric');
  const totalsQuery = url.searchParams.get('totals');
  const totals = totalsQuery === 'true' || totalsQuery === '1' || totalsQuery === '';
  if (id !== null) {
    const r = catalogue.byId(id);
    if (!r.success) return failed(r.issues);
    return replyOf((totals ? safeScore : safeEvaluate)(r.value, bytes, { file: BODY, limits: { maxBytes: maxBody } }));
  }
  const e = readEnvelope(bytes, maxBody, ['rubric', 'input', 'totals']);
  if (!e.ok) return e.reply;
  const t = flagOf(e.doc, e.value, 'totals');
  if (typeof t !== 'boolean') return bad([t]);
  const rubric = rubricOf(catalogue, e.doc, e.value);
  if (!rubric.success) return failed(rubric.issues);
  return replyOf(scoreInput(rubric.value, e.doc, e.value, t || totals));
}

/**
 * A result for `sheet` and `explain`: scored from `{ rubric, input }`, or a stored result
 * (`{ result }`, what `/v1/score` answered as `value`, its shape checked as `jixiao sheet` checks it).
 */
function resultOf(catalogue: RubricCatalogue, doc: SourceDocument, value: Record<string, unknown>): { ok: true; result: ScoreResult; rubric?: Rubric; input?: { meta?: Record<string, unknown>; values?: Record<string, unknown> } } | { ok: false; reply: Reply } {
  if (value.result !== undefined) {
    if (value.input !== undefined) return { ok: false, reply: bad([makeIssue('unknown_key', { key: 'input' }, { path: ['input'], ...at(doc, ['input']) })]) };
    const checked = safeParseStoredResult(value.result, BODY, (path) => doc.positionOf(['result', ...path]) ?? { file: BODY, line: 1, column: 1 });
    if (!checked.success) return { ok: false, reply: failed(checked.issues) };
    if (value.rubric === undefined) return { ok: true, result: checked.value };
    const rubric = rubricOf(catalogue, doc, value);
    return rubric.success ? { ok: true, result: checked.value, rubric: rubric.value } : { ok: false, reply: failed(rubric.issues) };
  }
  const rubric = rubricOf(catalogue, doc, value);
  if (!rubric.success) return { ok: false, reply: failed(rubric.issues) };
  const s = scoreInput(rubric.value, doc, value, false);
  if (!s.success) return { ok: false, reply: replyOf(s) };
  let input: { meta?: Record<string, unknown>; values?: Record<string, unknown> } | undefined;
  if (typeof value.input === 'string') {
    const d = readDocument(value.input, DEFAULT_LIMITS, '<input>');
    if (d.ok && typeof d.doc.value === 'object' && d.doc.value !== null) input = d.doc.value as typeof input;
  } else input = value.input as typeof input;
  return { ok: true, result: s.value as ScoreResult, rubric: rubric.value, ...(input ? { input } : {}) };
}

/** The 评分表 formats and their media types. */
export const SHEET_FORMATS = { markdown: 'text/markdown; charset=utf-8', html: 'text/html; charset=utf-8', csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } as const;
export type SheetFormatName = keyof typeof SHEET_FORMATS;

/** A format named in the body or the query (`md` is `markdown`), or the issue that it is none of them. */
export function formatOf<T extends string>(doc: SourceDocument, value: Record<string, unknown>, url: URL, choices: readonly T[], fallback: T): T | Issue {
  const v = value.format ?? url.searchParams.get('format') ?? fallback;
  const name = v === 'md' ? 'markdown' : v;
  if (typeof name === 'string' && (choices as readonly string[]).includes(name)) return name as T;
  return makeIssue('invalid_value', { expected: choices.join('、'), expectedEn: choices.join(', '), received: typeof v === 'string' ? v : JSON.stringify(v) ?? String(v) }, { path: ['format'], ...at(doc, ['format']) });
}

/** `POST /v1/sheet`: the 评分表 of `{ rubric, input }` or of `{ result }`, in `format` (markdown, html, csv, xlsx, docx). */
export async function sheetRoute(catalogue: RubricCatalogue, bytes: Uint8Array, url: URL, maxBody: number): Promise<Reply> {
  const e = readEnvelope(bytes, maxBody, ['rubric', 'input', 'result', 'format']);
  if (!e.ok) return e.reply;
  const format = formatOf(e.doc, e.value, url, Object.keys(SHEET_FORMATS) as SheetFormatName[], 'markdown');
  if (typeof format !== 'string') return bad([format]);
  const r = resultOf(catalogue, e.doc, e.value);
  if (!r.ok) return r.reply;
  const opts = r.input ? { input: r.input } : {};
  try {
    if (format === 'xlsx') return { status: 200, type: SHEET_FORMATS.xlsx, body: await (await import('../entries/xlsx.js')).renderXlsx(r.result, opts) };
    if (format === 'docx') return { status: 200, type: SHEET_FORMATS.docx, body: await (await import('../entries/docx.js')).renderDocx(r.result, opts) };
    return { status: 200, type: SHEET_FORMATS[format], body: renderSheet(r.result, { ...opts, format }) };
  } catch (err) {
    if (err instanceof JixiaoError) return { status: err.issues[0]?.code === 'dependency_missing' ? 501 : 422, json: { success: false, issues: err.issues } };
    throw err;
  }
}

/**
 * `POST /v1/review` (复核): `{ rubric, filed }`, a filed 自评表 (an object, or its JSON/YAML text:
 * positions in that text, file `<filed>`) reviewed against its rules; or with `?rubric=<id>` the
 * body is the filed form itself (positions in the body). The review's findings are its value: a
 * form that departs from its rules is a success with findings, not a failure.
 */
export function reviewRoute(catalogue: RubricCatalogue, bytes: Uint8Array, url: URL, maxBody: number): Reply {
  const id = url.searchParams.get('rubric');
  if (id !== null) {
    const r = catalogue.byId(id);
    if (!r.success) return failed(r.issues);
    return replyOf(safeReview(r.value, bytes, { file: BODY, limits: { maxBytes: maxBody } }));
  }
  const e = readEnvelope(bytes, maxBody, ['rubric', 'filed']);
  if (!e.ok) return e.reply;
  const rubric = rubricOf(catalogue, e.doc, e.value);
  if (!rubric.success) return failed(rubric.issues);
  const filed = e.value.filed;
  if (filed === undefined) return bad([missing('filed')]);
  if (typeof filed === 'string') return replyOf(safeReview(rubric.value, filed, { file: '<filed>' }));
  if (filed === null || typeof filed !== 'object' || Array.isArray(filed)) return bad([wrongType(e.doc, 'filed', { zh: '填报的自评表（映射）或其文本', en: 'a filed form (a mapping) or its text' }, filed)]);
  const r = safeReview(rubric.value, filed as Parameters<typeof safeReview>[1]);
  return r.success ? replyOf({ success: true, value: r.value, warnings: locateIssues(r.warnings, e.doc, ['filed']) }) : failed(locateIssues(r.issues, e.doc, ['filed']));
}

/** `POST /v1/explain`: how every score was reached and what would earn the max, as JSON (or `format` text, markdown). */
export function explainRoute(catalogue: RubricCatalogue, bytes: Uint8Array, url: URL, maxBody: number): Reply {
  const e = readEnvelope(bytes, maxBody, ['rubric', 'input', 'result', 'format']);
  if (!e.ok) return e.reply;
  const format = formatOf(e.doc, e.value, url, ['json', 'text', 'markdown'] as const, 'json');
  if (typeof format !== 'string') return bad([format]);
  const r = resultOf(catalogue, e.doc, e.value);
  if (!r.ok) return r.reply;
  const list = explain(r.result, r.rubric ? { rubric: r.rubric } : {});
  if (format === 'json') return { status: 200, json: { success: true, value: list, warnings: [] } };
  return { status: 200, type: format === 'text' ? 'text/plain; charset=utf-8' : SHEET_FORMATS.markdown, body: renderExplanation(list, r.result, { format }) };
}

/**
 * `POST /v1/lint`: review a rubric, `{ rubric }` (an id, a text or a document), `?rubric=<id>`, or
 * a YAML body (`content-type: application/yaml`), its issues at their lines in the body.
 */
export function lintRoute(catalogue: RubricCatalogue, bytes: Uint8Array, url: URL, maxBody: number, contentType: string | undefined): Reply {
  const byId = (id: string): Reply | LintReport => {
    const known = catalogue.sourceOf(id);
    if (known) return lintRubric(known.source, { file: known.file });
    // A monitoring rubric (双监控): its levels, rules and the cover of its bands, as `jixiao lint` reviews it.
    const monitoring = catalogue.monitoringSourceOf(id);
    return monitoring ? lintMonitoringRubric(monitoring.source, { file: monitoring.file }) : failed((catalogue.byId(id) as { issues: Issue[] }).issues);
  };
  /** A rubric's text: a monitoring rubric's lint when it reads as one, else a scoring rubric's. */
  const lintText = (text: string | Uint8Array, file: string): LintReport => {
    const read = readDocument(text, envelopeLimits(maxBody), file);
    return read.ok && isMonitoringDocument(read.doc.value) ? lintMonitoringRubric(text, { file }) : lintRubric(text, { file, limits: { maxBytes: maxBody } });
  };
  let report: Reply | LintReport;
  const id = url.searchParams.get('rubric');
  if (id !== null) report = byId(id);
  else if (/yaml|text\/plain/i.test(contentType ?? '')) report = lintText(bytes, BODY);
  else {
    const e = readEnvelope(bytes, maxBody, ['rubric']);
    if (!e.ok) return e.reply;
    const given = e.value.rubric;
    if (given === undefined) return bad([missing('rubric')]);
    if (typeof given === 'string' && !/[\n:{]/.test(given)) report = byId(given.trim());
    else if (typeof given === 'string') report = lintText(given, '<rubric>');
    else if (given !== null && typeof given === 'object' && !Array.isArray(given)) {
      // The monitoring loader reads text: the document goes back to JSON, its issues placed in the body by path.
      const r = isMonitoringDocument(given) ? lintMonitoringRubric(JSON.stringify(given)) : lintRubric(given);
      if (isMonitoringDocument(given)) r.issues = r.issues.map(({ source: _s, ...i }) => i);
      report = { ...r, issues: locateIssues(r.issues, e.doc, ['rubric']) };
    } else return bad([wrongType(e.doc, 'rubric', { zh: '评分表 id、评分表文本或评分表（映射）', en: 'a rubric id, a rubric text or a rubric (a mapping)' }, given)]);
  }
  if ('status' in report) return report;
  return { status: 200, json: { success: report.errors === 0, errors: report.errors, warnings: report.warnings, infos: report.infos, issues: report.issues } };
}
