import { parseDecimal } from '../decimal.js';
import { safeEvaluate } from '../evaluate/evaluate.js';
import type { EvaluationInput } from '../evaluate/input.js';
import type { IndicatorResult, ScoreResult } from '../evaluate/result.js';
import { Exact, ZERO } from '../exact.js';
import { evalNumber } from '../formula/compile.js';
import { EvaluationError, type SafeResult } from '../issues/errors.js';
import { thrown } from '../issues/guard.js';
import { closest } from '../issues/hint.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import { fromZod } from '../issues/zod.js';
import { levelRange, readLevelWord, type Level } from '../project/score.js';
import { readProjectTarget } from '../project/target.js';
import { checkRubric } from '../rubric/brand.js';
import type { Indicator, Rubric } from '../rubric/types.js';
import { isBlankReason } from '../rules/text.js';
import { locateIssues, readDocument, type SourceDocument } from '../source/document.js';
import type { Limits } from '../source/limits.js';
import { readOptions } from '../source/options.js';
import { snapshotPlainData } from '../source/plain.js';
import { isText } from '../source/read.js';
import { asWritten, type Finding, type Review } from './finding.js';
import { reach, type FreeItem, type Run } from './freedom.js';
import { filedFiguresSchema, type FiledFigures, type FiledForm } from './schema.js';

export interface ReviewOptions {
  /** File name for positions when the filed form is text. */
  file?: string;
  /** Limits for a filed form given as text. */
  limits?: Partial<Limits>;
}

/**
 * The reason written into the evaluation for a row the form gives none, so the rules can score
 * it; the review reports the missing reason as a finding of its own (`reason`).
 */
export const NO_REASON = '（填报表未写偏差原因）';

type Path = (string | number)[];
type Row = Record<string, unknown>;

/** A figure as written, read exactly, with the decimal places it was written with. */
interface Figure {
  value: Exact;
  /** The figure as messages print it (41.5). */
  text: string;
  /** As the form wrote it, where that is plain digits (41.50); else {@link text}. */
  written: string;
  /** The decimals the form wrote it with (2 for 41.50). */
  places: number;
  path: Path;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function readFigure(raw: unknown, path: Path, issues: Issue[]): Figure | undefined {
  const r = parseDecimal(typeof raw === 'string' ? raw.trim() : raw);
  if (!r.ok) {
    // As the evaluation input says it: a figure is written as a number, with the hint how.
    const t = typeof raw === 'string' ? raw.trim() : '';
    const hint = /[%％]$/.test(t)
      ? { hint: '百分比请填写百分点数值，如 99 表示 99%', hintEn: 'write a percentage in percentage points: 99 for 99%' }
      : /分$/.test(t)
        ? { hint: '得分请只填写数字，如 13', hintEn: 'write the score as a number only: 13' }
        : /[０-９．]/.test(t)
          ? { hint: '请使用半角数字', hintEn: 'use ASCII digits' }
          : {};
    issues.push(makeIssue('invalid_number', { received: String(raw), reason: r.reason, ...hint }, { path }));
    return undefined;
  }
  const text = String(raw).trim();
  const dot = /\.(\d*)/.exec(text.replace(/e.*$/i, ''));
  const value = Exact.fromDecimal(r.value);
  const plain = value.toPlain();
  return { value, text: plain, written: asWritten(text, value), places: dot ? dot[1]!.length : 0, path };
}

/** A 定性 (or 时效) row: scored by the 档 the evaluator chose and a score inside it. */
export function isLevelRow(row: Row): boolean {
  if (row.level !== undefined) return true;
  if (row.nature === '定性') return true;
  if (typeof row.actual === 'string' && readLevelWord(row.actual) !== undefined) return true;
  const t = row.target;
  if (typeof t !== 'string' && typeof t !== 'number') return false;
  const kind = readProjectTarget(String(t))?.kind;
  return kind === 'qualitative' || kind === 'deadline';
}

/** The 档 of a 定性 row, as the evaluation reads it. */
function levelOf(row: Row): Level | undefined {
  if (typeof row.level === 'string') return row.level as Level;
  return typeof row.actual === 'string' ? readLevelWord(row.actual) : undefined;
}

/** One row of the form, as filed, and where it is. */
interface FiledRow {
  section: string;
  index: number;
  row: Row;
  filed?: Figure;
  /** The figure was filed as the row's 得分 (`filed`), not read from a 定性 row's `score`. */
  printed?: true;
  /** The row's own 偏差原因, as filed (before any placeholder). */
  reason: string | undefined;
  /** A 定性 score outside its 档 (or above the 分值): the band, and the score the rules take. */
  outOfBand?: { level: Level; lo: Exact; hi: Exact; hiIncluded: boolean };
}

/**
 * Review a filed form without throwing: score its evaluation by the rubric's rules and set every
 * figure the form filed beside what the rules (or the form's own figures) give.
 * @param rubric a rubric from {@link loadRubric}
 * @param filed the filed form: an object, or its JSON/YAML text (then findings and issues carry
 *   line and column)
 * @returns `{ success: true, value: review }`, or `{ success: false, issues }` when the form cannot
 *   be read or scored (a missing figure, an unknown indicator): typed issues with paths
 * @example
 * const r = safeReview(rubric, filedText, { file: 'filed.json' });
 * if (r.success) for (const f of r.value.findings) console.log(f.message);
 */
export function safeReview(rubric: Rubric, filed: FiledForm | string | Uint8Array, opts: ReviewOptions = {}): SafeResult<Review> {
  try {
    return reviewSafely(rubric, filed, opts);
  } catch {
    return thrown('safeReview');
  }
}

/**
 * Review a filed form; throws {@link EvaluationError} when it cannot be read or scored.
 * @example
 * const { clean, findings, result, filed } = review(loadBundledRubric('project-self-evaluation'), form);
 * // filed.total "94", result.total "99.77", findings: 算术 总分, 偏离规则 预算执行率, …
 */
export function review(rubric: Rubric, filed: FiledForm | string | Uint8Array, opts: ReviewOptions = {}): Review {
  const r = safeReview(rubric, filed, opts);
  if (!r.success) throw new EvaluationError(r.issues);
  return r.value;
}

function reviewSafely(rubric: Rubric, filed: unknown, opts: ReviewOptions): SafeResult<Review> {
  const o = readOptions(opts, { file: 'text', limits: 'limits' });
  if (!o.ok) return { success: false, issues: o.issues };
  const notRubric = checkRubric(rubric);
  if (notRubric) return { success: false, issues: [notRubric] };
  let raw: unknown = filed;
  let doc: SourceDocument | undefined;
  if (isText(filed)) {
    const read = readDocument(filed, o.limits, o.opts.file as string | undefined);
    if (!read.ok) return { success: false, issues: read.issues };
    doc = read.doc;
    raw = doc.value;
  }
  const snap = snapshotPlainData(raw, o.limits);
  if (!snap.ok) return { success: false, issues: locateIssues(snap.issues, doc) };
  raw = snap.value;
  const fail = (issues: Issue[]): SafeResult<Review> => ({ success: false, issues: locateIssues(issues, doc) });
  if (!isRecord(raw)) {
    return fail([makeIssue('invalid_type', { expected: '填报的自评表（映射）', expectedEn: 'a filed form (a mapping)', received: Array.isArray(raw) ? '列表' : typeof raw, receivedEn: Array.isArray(raw) ? 'a list' : typeof raw })]);
  }

  // Split the form: what was filed, and the evaluation it was filed from.
  const { filed: figuresRaw, rows: rowsRaw, ...rest } = raw;
  const issues: Issue[] = [];
  const figures = readFigures(rubric, figuresRaw, issues);
  const rows: FiledRow[] = [];
  const input: Record<string, unknown> = { ...rest };
  if (rowsRaw !== undefined) {
    if (isRecord(rowsRaw)) {
      const copy: Record<string, unknown> = {};
      for (const [section, list] of Object.entries(rowsRaw)) {
        if (!Array.isArray(list)) {
          copy[section] = list;
          continue;
        }
        copy[section] = list.map((r, index) => {
          if (!isRecord(r)) return r;
          const { filed: f, ...row } = r;
          const where = `第${index + 1}行“${String(row.name ?? '')}”`;
          const entry: FiledRow = { section, index, row, reason: typeof row.reason === 'string' ? row.reason : undefined };
          if (f !== undefined) {
            const fig = readFigure(f, ['rows', section, index, 'filed'], issues);
            if (fig) entry.filed = fig;
            entry.printed = true;
          }
          // A 定性 row's `score` is what was filed for it when the row has no `filed`.
          if (!entry.filed && f === undefined && row.score !== undefined && isLevelRow(row)) {
            const fig = readFigure(row.score, ['rows', section, index, 'score'], []);
            if (fig) entry.filed = fig;
          }
          if (entry.filed && f !== undefined && isLevelRow(row)) {
            // A 定性 row's filed score is the evaluator's score.
            if (row.score === undefined) row.score = entry.filed.text;
            else {
              const given = readFigure(row.score, ['rows', section, index, 'score'], []);
              if (given && !given.value.eq(entry.filed.value)) {
                issues.push(makeIssue('filed_score_conflict', { row: where, score: given.text, filed: entry.filed.text }, { path: ['rows', section, index, 'filed'] }));
              }
            }
          }
          rows.push(entry);
          return row;
        });
      }
      input.rows = copy;
    } else input.rows = rowsRaw;
  }

  // A judgement leaf (评价人评分) scores what the evaluator gave: its filed score, unless the
  // evaluation gives one of its own.
  const byPath = new Map([...rubric.byId.values()].map((n) => [n.path, n]));
  for (const [key, fig] of figures.scores) {
    const named = [...rubric.byId.values()].filter((x) => x.name === key);
    const n = rubric.byId.get(key) ?? byPath.get(key) ?? (named.length === 1 ? named[0] : undefined);
    if (!n || n.kind !== 'judgement') continue;
    const assessments = (input.assessments = isRecord(input.assessments) ? { ...input.assessments } : {});
    const a = isRecord(assessments[n.id]) ? (assessments[n.id] as Record<string, unknown>) : undefined;
    if (a?.score === undefined && a?.level === undefined && a?.notApplicable === undefined) assessments[n.id] = { ...a, score: fig.text };
  }

  // Score by the rules. What the rules refuse but a review reports (a 定性 score outside its 档,
  // a deduction without a reason) is set aside as a finding, and the evaluation scored without it.
  const find = (section: unknown, index: unknown) => rows.find((r) => r.section === section && r.index === index);
  const step = Exact.ratio(1n, 10n ** BigInt(rubric.precision));
  const assessmentsWithoutReason = new Set<string>();
  const judgementsAboveMax = new Map<string, string>();
  let result: ScoreResult | undefined;
  let warnings: Issue[] = [];
  for (let pass = 0; pass < 4 && !result; pass++) {
    const r = safeEvaluate(rubric, input as EvaluationInput, { limits: o.limits });
    if (r.success) {
      result = r.value;
      warnings = locateIssues(r.warnings, doc);
      break;
    }
    const left: Issue[] = [];
    let fixed = false;
    for (const i of r.issues) {
      const [top, a, b, field] = i.path;
      const row = top === 'rows' ? find(a, b) : undefined;
      if (i.code === 'row_reason_required' && row && field === 'reason') {
        row.row.reason = NO_REASON;
        fixed = true;
      } else if (i.code === 'row_level_out_of_range' && row && field === 'score' && row.filed) {
        const level = levelOf(row.row);
        const w = readFigure(row.row.weight, [], []);
        if (!level || !w) {
          left.push(i);
          continue;
        }
        const [lo, hi, hiIncluded] = levelRange(level, w.value, rubric.project);
        row.outOfBand = { level, lo, hi, hiIncluded };
        const given = row.filed.value;
        row.row.score = (given.lt(lo) ? lo : hiIncluded ? hi : hi.minus(step)).toPlain();
        fixed = true;
      } else if (i.code === 'judgement_out_of_range' && top === 'assessments' && typeof a === 'string' && rubric.byId.get(a) && Exact.parse(String(i.params.score)).gt(rubric.byId.get(a)!.maxExact)) {
        // A judgement filed above its max: a finding (max); the rules take the max.
        const assessments = (input.assessments = { ...(input.assessments as Record<string, unknown>) });
        assessments[a] = { ...(assessments[a] as Record<string, unknown>), score: rubric.byId.get(a)!.maxExact.toPlain() };
        judgementsAboveMax.set(a, String(i.params.score));
        fixed = true;
      } else if (i.code === 'judgement_reason_required' && top === 'assessments' && typeof a === 'string') {
        const assessments = (input.assessments = { ...(input.assessments as Record<string, unknown>) });
        assessments[a] = { ...(assessments[a] as Record<string, unknown>), reason: NO_REASON };
        assessmentsWithoutReason.add(a);
        fixed = true;
      } else left.push(i);
    }
    if (left.length || !fixed) return fail([...issues, ...(left.length ? left : r.issues)]);
  }
  if (!result) return fail(issues);
  const checked = checkFigureNames(result, figures, rubric);
  if (issues.length || checked.length) return fail([...issues, ...checked]);

  const findings = reviewFigures(rubric, result, figures, rows, assessmentsWithoutReason, input, judgementsAboveMax);
  for (const f of findings) {
    const at = doc?.positionOf(f.path);
    if (at) f.source = at;
  }
  const out: Review = { result, filed: {}, clean: findings.every((f) => f.severity !== 'error'), findings };
  if (figures.total) out.filed.total = figures.total.written;
  if (figures.grade !== undefined) out.filed.grade = figures.grade;
  return { success: true, value: out, warnings };
}

interface Figures {
  scores: Map<string, Figure>;
  metrics: Map<string, Figure>;
  total?: Figure;
  grade?: string | null;
  deviation?: string;
}

function readFigures(rubric: Rubric, raw: unknown, issues: Issue[]): Figures {
  const out: Figures = { scores: new Map(), metrics: new Map() };
  if (raw === undefined) {
    issues.push(makeIssue('missing_key', { key: 'filed' }, { path: ['filed'] }));
    return out;
  }
  const parsed = filedFiguresSchema.safeParse(raw);
  let d: FiledFigures;
  if (parsed.success) d = parsed.data;
  else {
    issues.push(...fromZod(parsed.error.issues, raw, ['filed'], (p) => (p.length === 0 ? Object.keys(filedFiguresSchema.shape) : undefined)));
    // What can still be read is read, so every problem of the figures is reported at once.
    if (!isRecord(raw)) return out;
    const part = (k: keyof FiledFigures) => filedFiguresSchema.shape[k].safeParse(raw[k]);
    d = {};
    for (const k of ['scores', 'metrics', 'total', 'grade', 'deviation'] as const) {
      const p = part(k);
      if (p.success && p.data !== undefined) (d as Record<string, unknown>)[k] = p.data;
    }
  }
  for (const [k, v] of Object.entries(d.scores ?? {})) {
    const f = readFigure(v, ['filed', 'scores', k], issues);
    if (f) out.scores.set(k, f);
  }
  const metricNames = [...rubric.metrics.keys()];
  for (const [k, v] of Object.entries(d.metrics ?? {})) {
    if (!rubric.metrics.has(k)) {
      issues.push(makeIssue('filed_unknown_metric', { name: k, hint: closest(k, metricNames) }, { path: ['filed', 'metrics', k] }));
      continue;
    }
    const f = readFigure(v, ['filed', 'metrics', k], issues);
    if (f) out.metrics.set(k, f);
  }
  if (d.total !== undefined) {
    const f = readFigure(d.total, ['filed', 'total'], issues);
    if (f) out.total = f;
  }
  if (d.grade !== undefined) out.grade = d.grade;
  if (d.deviation !== undefined) out.deviation = d.deviation;
  return out;
}

/** Every node of a result, depth first, in sheet order. */
function nodes(result: ScoreResult): IndicatorResult[] {
  const out: IndicatorResult[] = [];
  const visit = (ns: IndicatorResult[]) => {
    for (const n of ns) {
      out.push(n);
      if (n.children) visit(n.children);
    }
  };
  visit(result.indicators);
  return out;
}

/** The node a key of `filed.scores` names: by id, else by dotted path, else by its name when one node has it. */
function nodeFor(result: ScoreResult, key: string): IndicatorResult | undefined {
  const all = nodes(result);
  const named = all.filter((n) => n.name === key);
  return all.find((n) => n.id === key) ?? all.find((n) => n.path === key) ?? (named.length === 1 ? named[0] : undefined);
}

function checkFigureNames(result: ScoreResult, figures: Figures, _rubric: Rubric): Issue[] {
  const issues: Issue[] = [];
  const names = nodes(result)
    .filter((n) => n.kind !== 'row')
    .map((n) => n.id);
  for (const key of figures.scores.keys()) {
    const n = nodeFor(result, key);
    if (!n) issues.push(makeIssue('filed_unknown_indicator', { id: key, hint: closest(key, names) }, { path: ['filed', 'scores', key] }));
    else if (n.kind === 'row') issues.push(makeIssue('filed_row_score', { id: key }, { path: ['filed', 'scores', key] }));
  }
  return issues;
}

// ── the findings ────────────────────────────────────────────────────────────────────────────

const pts = (x: Exact) => x.toPlain();
/** A row's name as the finding says it: without the form's own numbering (指标1:). */
const shortName = (name: string) => name.replace(/^指标\s*\d+\s*[:：]\s*/, '') || name;

/** A grade word as forms write it: 优秀 and 优, 良好 and 良, 中等 and 中, 较差 and 差 are one grade. */
const GRADE_WORDS: Record<string, string> = { 优秀: '优', 良好: '良', 中等: '中', 较差: '差' };
const sameGrade = (a: string | null, b: string) => a !== null && (GRADE_WORDS[a.trim()] ?? a.trim()) === (GRADE_WORDS[b.trim()] ?? b.trim());

function gradeOf(rubric: Rubric, total: Exact): string | null {
  for (const g of rubric.grades) if (total.gte(Exact.fromDecimal(g.min))) return g.grade;
  return null;
}

/** A leaf's figures as a finding cites them: 指标值8755，完成值8676 / 预算执行率99.1%. */
function figuresText(rubric: Rubric, n: IndicatorResult): { zh: string; en: string } {
  const f = n.figures ?? {};
  if (f['年度指标值'] !== undefined) {
    const level = f['完成档次'];
    if (level !== undefined) return { zh: `指标值${f['年度指标值']}，${level}`, en: `target ${f['年度指标值']}, ${level}` };
    return { zh: `指标值${f['年度指标值']}，完成值${f['实际完成值']}`, en: `target ${f['年度指标值']}, actual ${f['实际完成值']}` };
  }
  const parts = Object.entries(f).map(([k, v]) => {
    const unit = rubric.metrics.get(k)?.unit ?? rubric.inputs.get(k)?.unit ?? '';
    const x = Exact.parse(v);
    const shown = x.decimalPlaces() > 2 ? x.round(2).toPlain() : v;
    return `${k}${shown}${unit}`;
  });
  return { zh: parts.join('，'), en: parts.join(', ') };
}

function reviewFigures(rubric: Rubric, result: ScoreResult, figures: Figures, rows: FiledRow[], noReason: Set<string>, input: Record<string, unknown>, aboveMax: Map<string, string>): Finding[] {
  const out: Finding[] = [];
  const accept = new Set(rubric.document.review?.accept ?? []);
  const rowById = new Map(rows.map((r) => [`${r.section}.${r.index + 1}`, r]));
  /** The filed figure of each node: its own, or, for a parent, the sum of its children's when all have one. */
  const figureOf = new Map<IndicatorResult, Exact>();
  const explicit = new Map<IndicatorResult, Figure>();
  for (const [key, f] of figures.scores) explicit.set(nodeFor(result, key)!, f);
  const departures: { node: IndicatorResult; filed: Exact; rule: Exact }[] = [];

  const visit = (n: IndicatorResult): Exact | undefined => {
    const name = n.kind === 'row' ? shortName(n.name) : n.name;
    const max = Exact.parse(n.max);
    const rule = Exact.parse(n.score);
    if (!n.children) {
      const row = n.kind === 'row' ? rowById.get(n.id) : undefined;
      const over = aboveMax.get(n.id);
      const fig = row ? row.filed : (explicit.get(n) ?? (over !== undefined ? { value: Exact.parse(over), text: over, written: over, places: 0, path: ['assessments', n.id, 'score'] } : undefined));
      // A 定性 row, or a judgement the evaluator scored: no rule score to depart from, only a band or a max.
      const level = n.figures?.['完成档次'] ?? (n.kind === 'judgement' && aboveMax.has(n.id) ? 'judgement' : undefined);
      if (fig) {
        const filed = fig.value;
        figureOf.set(n, filed);
        const above = filed.gt(max);
        if (row?.outOfBand && !above) {
          const b = row.outOfBand;
          const band = `[${pts(b.lo)}, ${pts(b.hi)}${b.hiIncluded ? ']' : ')'}`;
          out.push({
            class: 'level', severity: 'error', indicator: n.path, name, path: fig.path, filed: fig.text, expected: band,
            message: `${name}：${b.level}档得分应在${band}之间，填报${fig.text}分`,
            messageEn: `${name}: ${b.level} takes a score in ${band}, filed ${fig.text}`,
          });
        } else if (level === undefined && !filed.eq(rule)) {
          const d = filed.minus(rule);
          const below = d.isNegative();
          const reason = row ? row.reason : undefined;
          const written = (reason !== undefined && !isBlankReason(reason)) || (figures.deviation !== undefined && !isBlankReason(figures.deviation));
          const accepted = below && written && row !== undefined && (accept.has('docked_with_reason') || (accept.has('met_docked_with_reason') && rule.eq(max)));
          const ft = figuresText(rubric, n);
          const diff = `${below ? '少' : '多'}${pts(d.abs())}分`;
          // 预算执行率99.1%：… when the indicator's one figure is its own name; else 名称：figures，…
          const own = ft.zh.startsWith(name) && !ft.zh.includes('，');
          const head = own ? `${ft.zh}：` : `${name}：${ft.zh ? `${ft.zh}，` : ''}`;
          const headEn = own ? `${ft.en}: ` : `${name}: ${ft.en ? `${ft.en}; ` : ''}`;
          out.push({
            class: 'rule', severity: accepted ? 'accepted' : 'error', indicator: n.path, name, path: fig.path, filed: fig.text, expected: pts(rule), difference: pts(d), direction: below ? 'below' : 'above',
            message: `${head}按规则应得${pts(rule)}分，填报${fig.text}分，${diff}${accepted ? '（有偏差原因，评分表接受为评价人判断）' : ''}`,
            messageEn: `${headEn}the rule gives ${pts(rule)}, filed ${fig.text}, ${pts(d.abs())} ${below ? 'below' : 'above'}${accepted ? ' (with a reason: accepted by the rubric as judgement)' : ''}`,
          });
          departures.push({ node: n, filed, rule });
        }
        if (above) {
          out.push({
            class: 'max', severity: 'error', indicator: n.path, name, path: fig.path, filed: fig.text, expected: pts(max), difference: pts(filed.minus(max)), direction: 'above',
            message: `${name}：分值${pts(max)}分，填报${fig.text}分，超过分值${pts(filed.minus(max))}分`,
            messageEn: `${name}: max ${pts(max)}, filed ${fig.text}, ${pts(filed.minus(max))} above the max`,
          });
        }
      }
      // A deduction with no 偏差原因: the row (as filed, or by the rules) below its 分值.
      if (row && rubric.project.reasonRequired && (row.reason === undefined || isBlankReason(row.reason)) && (figures.deviation === undefined || isBlankReason(figures.deviation))) {
        const short = (fig && fig.value.lt(max)) || rule.lt(max);
        // The rules also ask a reason of a row that misses its target yet rounds to its 分值.
        const unmet = row.row.reason === NO_REASON;
        if (short || unmet) {
          // The filed score when it is the deduction, else the rule's.
          const asFiled = fig !== undefined && fig.value.lt(max);
          const got = asFiled ? fig.text : pts(rule);
          out.push({
            class: 'reason', severity: 'error', indicator: n.path, name, path: ['rows', row.section, row.index, 'reason'], filed: fig ? fig.text : got, expected: pts(max),
            message: short ? `${name}：${asFiled ? '填报' : '按规则'}${got}分，低于分值${pts(max)}分，未填写偏差原因` : `${name}：未完成指标值（${figuresText(rubric, n).zh}），未填写偏差原因`,
            messageEn: short ? `${name}: ${asFiled ? 'filed' : 'by the rule'} ${got} of ${pts(max)}, and no 偏差原因` : `${name}: the target is not met (${figuresText(rubric, n).en}), and no 偏差原因`,
          });
        }
      }
      if (!row && n.kind === 'judgement' && noReason.has(n.id)) {
        out.push({
          class: 'reason', severity: 'error', indicator: n.path, name, path: ['assessments', n.id, 'reason'], filed: n.score, expected: pts(max),
          message: `${name}：得${n.score}分，低于分值${pts(max)}分，未填写扣分原因`,
          messageEn: `${name}: ${n.score} of ${pts(max)}, and no reason for the deduction`,
        });
      }
      return figureOf.get(n);
    }
    // A parent: its children's figures, then its own subtotal against their sum.
    const parts = n.children.map(visit);
    const own = explicit.get(n);
    const plain = n.weight === undefined && n.cap === undefined && n.scaledFrom === undefined && !n.children.some((c) => c.weight !== undefined || c.scaledFrom !== undefined || c.bonus || c.penalty);
    const sum = plain && parts.every((p) => p !== undefined) ? parts.reduce<Exact>((a, p) => a.plus(p!), ZERO) : undefined;
    if (own) {
      figureOf.set(n, own.value);
      if (sum && !sum.eq(own.value)) out.push(arithmetic(n.path, n.name, own, sum, '小计', 'subtotal', '各项'));
    } else if (sum) figureOf.set(n, sum);
    return figureOf.get(n);
  };
  const tops = result.indicators.map(visit);

  // The filed total against the sum of the form's own figures.
  const whole = result.capped === undefined && result.rescaled === undefined && result.excluded === undefined && result.vetoes.length === 0;
  const total = figures.total;
  if (total && whole && tops.every((t) => t !== undefined)) {
    const sum = tops.reduce<Exact>((a, t) => a.plus(t!), ZERO);
    if (!sum.eq(total.value)) {
      const f = arithmetic('总分', '总分', total, sum, '总分', 'total', '各项');
      const e = explainTotal(rubric, sum, total, departures);
      if (e) f.explanation = e;
      out.push(f);
    }
  }

  // A total with no figure filed below it: against the rules' total, and the judgement it leaves.
  // A total over some figures filed and some not (a partial form): against the filed figures where
  // they are and the rules' scores elsewhere, the judgement of the unfiled items left.
  const printedBelow = figures.scores.size > 0 || aboveMax.size > 0 || rows.some((r) => r.printed);
  if (total && !printedBelow && !total.value.eq(Exact.parse(result.total))) out.push(totalAgainstRules(rubric, result, total, rowById));
  else if (total && whole && printedBelow && !tops.every((t) => t !== undefined)) {
    const printed = new Set<IndicatorResult>([...explicit.keys()]);
    for (const n of nodes(result)) {
      if (n.children) continue;
      const row = n.kind === 'row' ? rowById.get(n.id) : undefined;
      if ((row?.printed && row.filed) || aboveMax.has(n.id)) printed.add(n);
    }
    const below = (n: IndicatorResult): boolean => figureOf.has(n) || (n.children?.some(below) ?? false);
    const form = (n: IndicatorResult): Exact | undefined => {
      const own = figureOf.get(n);
      if (own) return own;
      if (!n.children || !n.children.some(below)) return Exact.parse(n.score);
      const plain = n.weight === undefined && n.cap === undefined && n.scaledFrom === undefined && !n.children.some((c) => c.weight !== undefined || c.scaledFrom !== undefined || c.bonus || c.penalty);
      if (!plain) return undefined;
      let sum = ZERO;
      for (const c of n.children) {
        const f = form(c);
        if (f === undefined) return undefined;
        sum = sum.plus(f);
      }
      return sum;
    };
    const parts = result.indicators.map(form);
    if (parts.every((p) => p !== undefined)) {
      const expected = parts.reduce<Exact>((a, p) => a.plus(p!), ZERO);
      if (!expected.eq(total.value)) out.push(totalAgainstRules(rubric, result, total, rowById, { expected, printed }));
    }
  }

  // A printed rate against the form's own amounts (执行率 = 执行数 / 预算数).
  for (const [name, fig] of figures.metrics) {
    const exact = metricValue(rubric, name, input);
    if (!exact) continue;
    const rounded = exact.round(fig.places, 'half-up');
    const cut = exact.round(fig.places, 'down');
    if (fig.value.eq(rounded) || fig.value.eq(cut)) continue;
    const m = rubric.metrics.get(name)!;
    const unit = m.unit;
    const shown = exact.decimalPlaces() > 6 ? exact.round(6).toPlain() : exact.toPlain();
    const d = fig.value.minus(rounded);
    out.push({
      class: 'arithmetic', severity: 'error', indicator: name, name: m.label || name, path: fig.path, filed: fig.text, expected: rounded.toPlain(), difference: pts(d), direction: d.isNegative() ? 'below' : 'above',
      message: `${m.label || name}：按填报数据计算为${shown}${unit}（保留${fig.places}位小数为${rounded.toPlain()}${unit}），填报${fig.text}${unit}`,
      messageEn: `${m.label || name}: the form's own figures give ${shown}${unit} (${rounded.toPlain()}${unit} to ${fig.places} places), filed ${fig.text}${unit}`,
    });
  }

  // The filed grade against the filed total.
  if (figures.grade !== undefined && figures.grade !== null) {
    const basis = total?.value ?? Exact.parse(result.total);
    const expected = gradeOf(rubric, basis);
    if (!sameGrade(expected, figures.grade)) {
      const of = total ? `填报总分${total.text}分` : `按规则总分${result.total}分`;
      const ofEn = total ? `the filed total ${total.text}` : `the total by the rules ${result.total}`;
      out.push({
        class: 'grade', severity: 'error', indicator: '等次', name: '等次', path: ['filed', 'grade'], filed: figures.grade, ...(expected !== null ? { expected } : {}),
        message: `等次：${of}的等次为“${expected ?? '无'}”，填报“${figures.grade}”`,
        messageEn: `grade: ${ofEn} is graded "${expected ?? 'none'}", filed "${figures.grade}"`,
      });
    }
  }
  return out;
}

function arithmetic(indicator: string, name: string, fig: Figure, sum: Exact, what: string, whatEn: string, parts: string): Finding {
  const d = fig.value.minus(sum);
  const below = d.isNegative();
  return {
    class: 'arithmetic', severity: 'error', indicator, name, path: fig.path, filed: fig.text, expected: pts(sum), difference: pts(d), direction: below ? 'below' : 'above',
    message: `${name}：${parts}填报得分之和${pts(sum)}分，填报${what === '总分' ? '总分' : what}${fig.text}分，${below ? '少' : '多'}${pts(d.abs())}分`,
    messageEn: `${name}: the filed scores below it add up to ${pts(sum)}, the filed ${whatEn} is ${fig.text}, ${pts(d.abs())} ${below ? 'less' : 'more'}`,
  };
}

/**
 * Why a filed total may differ from its rows: the rows' sum printed to the total's places, or one
 * row's score by the rule (the unrounded figure behind a cell that shows it cut or rounded to the
 * cell's decimals: 9.91 behind a 9) in the sum.
 */
function explainTotal(rubric: Rubric, sum: Exact, total: Figure, departures: { node: IndicatorResult; filed: Exact; rule: Exact }[]): { zh: string; en: string } | undefined {
  const places = total.places;
  if (sum.round(places, rubric.rounding).eq(total.value)) {
    return { zh: `各项之和${pts(sum)}分${places === 0 ? '取整' : `保留${places}位小数`}即为${total.text}分：总分是四舍五入后印出的`, en: `the rows' sum ${pts(sum)} to ${places} places is ${total.text}: the total is printed rounded` };
  }
  for (const d of departures) {
    // Only a cell that shows the rule's score cut or rounded to the cell's own decimals (9 for
    // 9.91) hides it; a cell of 0 beside a rule's 10 is a score of its own, not a display.
    const cell = d.filed.decimalPlaces();
    const shows = cell < d.rule.decimalPlaces() && (d.rule.round(cell, 'down').eq(d.filed) || d.rule.round(cell, rubric.rounding).eq(d.filed));
    if (!shows) continue;
    const with_ = sum.minus(d.filed).plus(d.rule);
    if (with_.round(places, rubric.rounding).eq(total.value)) {
      const name = d.node.kind === 'row' ? shortName(d.node.name) : d.node.name;
      return {
        zh: `若${name}按规则计${pts(d.rule)}分（表上填${pts(d.filed)}分），各项之和为${pts(with_)}分，${places === 0 ? '取整' : `保留${places}位小数`}即为填报总分${total.text}分：总分是按${pts(d.rule)}分算的，该格只印出了${pts(d.filed)}分`,
        en: `with ${name} at the rule's ${pts(d.rule)} (the form shows ${pts(d.filed)}), the rows add up to ${pts(with_)}, which to ${places} places is the filed total ${total.text}: the total was computed from the unrounded ${pts(d.rule)}, the cell shows ${pts(d.filed)}`,
      };
    }
  }
  return undefined;
}

/** A metric computed exactly from the form's own figures, or undefined when it cannot be. */
function metricValue(rubric: Rubric, name: string, input: Record<string, unknown>): Exact | undefined {
  const values = isRecord(input.values) ? input.values : {};
  const seen = new Set<string>();
  const env = (n: string): Exact => {
    const m = rubric.metrics.get(n);
    if (m) {
      if (seen.has(n)) throw new Error('cycle');
      seen.add(n);
      const v = evalNumber(m.formula, env);
      seen.delete(n);
      return m.round === undefined ? v : v.round(m.round, rubric.rounding);
    }
    const r = parseDecimal(typeof values[n] === 'string' ? (values[n] as string).trim() : values[n]);
    if (!r.ok) throw new Error('no figure');
    return Exact.fromDecimal(r.value);
  };
  try {
    return env(name);
  } catch {
    return undefined;
  }
}

// ── a total against the rules' total ───────────────────────────────────────────────────────

/** A judgement item as a finding names it: its name, its score, and where that score may lie. */
interface Judged {
  name: string;
  assumed: Exact;
  /** `达成档[16, 20]`, `分值20分`, `档次10、6、0分`. */
  range: string;
}

/**
 * A parent or leaf whose score goes into the total as it is: no weight, cap, scaling or 不适用 (a
 * 加分项 adds its score, a 扣分项's is negative: both add as they are).
 */
const additive = (n: IndicatorResult) => n.weight === undefined && n.cap === undefined && n.scaledFrom === undefined && !n.notApplicable;

/**
 * The judgement items of a result — 定性 rows (a score inside the 档 chosen), 评价人打分 items (a
 * score within the 分值, on the rule's step, or one of its levels) — each with every score it could
 * take, in steps of the sheet's grid (a 扣分项's negated). `undefined` when one of them does not add
 * into the total as it is (under a weighted, capped or rescaled parent; a 加分项 under 总分不超过):
 * then no sum of them is the total's freedom.
 */
function judgementItems(rubric: Rubric, result: ScoreResult, rowById: Map<string, FiledRow>, printed?: Set<IndicatorResult>): FreeItem<Judged>[] | undefined {
  const u = Exact.ratio(1n, 10n ** BigInt(rubric.precision));
  const steps = (x: Exact): bigint => x.div(u).n;
  const items: FreeItem<Judged>[] = [];
  let plainAll = true;
  const visit = (ns: IndicatorResult[], chainPlain: boolean) => {
    for (const n of ns) {
      if (n.children) {
        visit(n.children, chainPlain && additive(n));
        continue;
      }
      const level = n.kind === 'row' ? (n.figures?.['完成档次'] as Level | undefined) : undefined;
      const ind = n.kind === 'judgement' ? rubric.byId.get(n.id) : undefined;
      if (level === undefined && !(ind?.rule?.kind === 'judgement')) continue;
      // Not 不适用, and not filed: a filed score is what the form says, not the evaluator's room.
      if (n.notApplicable || printed?.has(n)) continue;
      // 总分不超过 could cut a 加分项's room short: not a plain sum then.
      if (!chainPlain || !additive(n) || (n.bonus && rubric.maxTotal !== undefined)) {
        plainAll = false;
        continue;
      }
      // A 扣分项 takes its score off: its room is the same, negated.
      const sign = n.penalty ? -1n : 1n;
      const signed = (runs: Run[]): Run[] => (sign === 1n ? runs : runs.map((r) => ({ from: -r.to, to: -r.from, stride: r.stride })));
      const assumed = Exact.parse(n.score);
      const max = Exact.parse(n.max);
      if (level !== undefined) {
        const row = rowById.get(n.id);
        const w = row ? readFigure(row.row.weight, [], []) : undefined;
        if (!w || !w.value.isPositive()) {
          plainAll = false;
          continue;
        }
        const [lo, hi, hiIncluded] = levelRange(level, w.value, rubric.project);
        const top = hiIncluded ? hi : hi.minus(u);
        const range = `${level}档[${pts(lo)}, ${pts(hi)}${hiIncluded ? ']' : ')'}`;
        let runs: Run[];
        if (max.eq(w.value)) runs = [{ from: steps(lo), to: steps(top), stride: 1n }];
        else {
          // Rows scaled to their section's max: each score of the band, scaled and rounded.
          const scale = max.div(w.value);
          runs = [];
          // Too many scores to list (a fine grid): not worked out.
          if (steps(top.minus(lo)) > 1n << 20n) {
            plainAll = false;
            continue;
          }
          for (let g = lo; g.lte(top); g = g.plus(u)) {
            const v = steps(g.times(scale).round(rubric.precision, rubric.rounding));
            const last = runs[runs.length - 1];
            if (last && (v === last.to || v === last.to + 1n)) last.to = v;
            else if (!last || v > last.to) runs.push({ from: v, to: v, stride: 1n });
          }
        }
        items.push({ assumed: steps(assumed), runs, tag: { name: shortName(n.name), assumed, range } });
        continue;
      }
      const rule = ind!.rule as Extract<NonNullable<Indicator['rule']>, { kind: 'judgement' }>;
      if (rule.levels) {
        const points = rule.levels.map((l) => Exact.fromDecimal(l.points).round(rubric.precision, rubric.rounding));
        items.push({ assumed: steps(assumed), runs: signed(points.map((p) => ({ from: steps(p), to: steps(p), stride: 1n }))), tag: { name: n.name, assumed, range: `档次${points.map(pts).join('、')}分` } });
        continue;
      }
      // On the sheet's grid and, with a step, on its multiples: the least common multiple of the two.
      let stride = 1n;
      if (rule.step) {
        const s = Exact.fromDecimal(rule.step).div(u);
        const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
        // s = p / q in grid steps: its multiples on the grid are multiples of p / gcd(p, q) … of p.
        const p = s.n;
        const q = s.d;
        stride = p / gcd(p, q);
      }
      const top = (steps(max.div(u).floor().times(u)) / stride) * stride;
      items.push({ assumed: steps(assumed), runs: signed([{ from: 0n, to: top, stride }]), tag: { name: n.name, assumed, range: `分值${pts(max)}分${stride > 1n ? `，以${pts(Exact.ratio(stride).times(u))}分为单位` : ''}` } });
    }
  };
  visit(result.indicators, true);
  return plainAll ? items : undefined;
}

/**
 * A filed total with nothing filed below it, against the total by the rules. The difference is
 * explained by judgement when some choice of the judgement items' scores, each where its 档, 分值
 * or levels let it be, with every other score by its rule, gives the filed total exactly; else it
 * departs from the rules.
 */
function totalAgainstRules(rubric: Rubric, result: ScoreResult, total: Figure, rowById: Map<string, FiledRow>, partial?: { expected: Exact; printed: Set<IndicatorResult> }): Finding {
  const rule = partial?.expected ?? Exact.parse(result.total);
  const d = total.value.minus(rule);
  const below = d.isNegative();
  const diff = `${below ? '少' : '多'}${pts(d.abs())}分`;
  const head = partial ? `总分：填报的各项按填报、其余按规则，应得${pts(rule)}分，填报${total.text}分，${diff}` : `总分：按规则应得${pts(rule)}分，填报${total.text}分，${diff}`;
  const headEn = partial ? `total: the filed scores where filed and the rules' elsewhere give ${pts(rule)}, filed ${total.text}, ${pts(d.abs())} ${below ? 'below' : 'above'}` : `total: the rules give ${pts(rule)}, filed ${total.text}, ${pts(d.abs())} ${below ? 'below' : 'above'}`;
  const base: Omit<Finding, 'class' | 'severity' | 'message' | 'messageEn'> = { indicator: '总分', name: '总分', path: total.path, filed: total.text, expected: pts(rule), difference: pts(d), direction: below ? 'below' : 'above' };
  const places = total.places;
  const rounded = rule.round(places, rubric.rounding).eq(total.value) && places < rubric.precision;
  const roundedZh = rounded ? `；${partial ? '' : '按规则'}总分${pts(rule)}分${places === 0 ? '取整' : `保留${places}位小数`}亦为${total.text}分` : '';
  const roundedEn = rounded ? `; the rules' ${pts(rule)} to ${places} places is also ${total.text}` : '';
  const departs = (zh: string, en: string): Finding => ({ ...base, class: 'rule', severity: 'error', message: head, messageEn: headEn, explanation: { zh: `${zh}${roundedZh}`, en: `${en}${roundedEn}` } });
  const whole = result.capped === undefined && result.rescaled === undefined && result.excluded === undefined && result.vetoes.length === 0 && !result.failed;
  const items = whole ? judgementItems(rubric, result, rowById, partial?.printed) : undefined;
  if (!items) return departs('评价人打分的指标按权重、上限、折算、不适用或一票否决计入总分（或加分受总分上限所限），无法由其得分推算总分的幅度', 'a judgement item is weighted, capped, rescaled, not applicable or vetoed into the total (or a 加分项 under the total’s cap): its freedom cannot be added up');
  if (items.length === 0) {
    return partial
      ? departs('未填报得分的各项中没有评价人打分的指标（定性指标或评价人评分），都按规则计算', 'no item left unfiled is a judgement item: each is the rule’s')
      : departs('表上没有评价人打分的指标（定性指标或评价人评分），总分全按规则计算', 'the form has no judgement item: every score is the rule’s');
  }
  const u = Exact.ratio(1n, 10n ** BigInt(rubric.precision));
  const fixed = items.reduce((a, i) => a.minus(i.tag.assumed), rule);
  const list = items.map((i) => `${i.tag.name}${pts(i.tag.assumed)}分，${i.tag.range}`).join('；');
  const listEn = items.map((i) => `${i.tag.name} ${pts(i.tag.assumed)} (${i.tag.range})`).join('; ');
  const need = total.value.minus(fixed).div(u);
  const r = need.d === 1n ? reach(items, need.n) : undefined;
  const span = (lo: bigint, hi: bigint) => [pts(fixed.plus(Exact.ratio(lo).times(u))), pts(fixed.plus(Exact.ratio(hi).times(u)))];
  const freedom = `评价人打分的${items.length}项（${list}）`;
  const freedomEn = `the ${items.length} judgement item${items.length > 1 ? 's' : ''} (${listEn})`;
  if (need.d !== 1n) {
    return departs(`${freedom}的得分均保留${rubric.precision}位小数，总分也是；填报${total.text}分不是其中任何一种取分之和`, `${freedomEn} score to ${rubric.precision} places, and so does the total; no choice of them gives ${total.text}`);
  }
  if (!r) return departs(`${freedom}可取的分数过多，未逐一推算`, `${freedomEn} can take too many scores to work out`);
  const [lo, hi] = span(r.lo, r.hi);
  if (!r.reachable) {
    const outside = need.n < r.lo || need.n > r.hi;
    return departs(
      `${freedom}在其档次和分值内取分，总分可在${lo}至${hi}分之间${outside ? `，填报${total.text}分不在其中` : `，但填报${total.text}分不是其中任何一种取分之和`}`,
      `${freedomEn}, each within its band and max, give a total from ${lo} to ${hi}${outside ? `; ${total.text} is outside` : `, but no choice of them gives ${total.text}`}`,
    );
  }
  const moved = items.flatMap((it, k) => (r.witness![k] === it.assumed ? [] : [{ name: it.tag.name, to: pts(Exact.ratio(r.witness![k]!).times(u)) }]));
  const choice = moved.map((m) => `${m.name}取${m.to}分`).join('、');
  const choiceEn = moved.map((m) => `${m.name} at ${m.to}`).join(', ');
  return {
    ...base, class: 'judgement', severity: 'accepted',
    message: `${head}（在评价人打分的幅度内，视为评价人判断）`,
    messageEn: `${headEn} (within the judgement items' freedom: judgement)`,
    explanation: {
      zh: `${freedom}在其档次和分值内取分，总分可在${lo}至${hi}分之间；填报${total.text}分可由此得到，如${choice}${roundedZh}`,
      en: `${freedomEn}, each within its band and max, give a total from ${lo} to ${hi}; ${total.text} is one of them, e.g. ${choiceEn}${roundedEn}`,
    },
  };
}
