import { Decimal } from '../decimal.js';
import type { IndicatorResult, ScoreResult } from '../evaluate/result.js';
import { renderHtml } from './html.js';
import { depthOf, noteOf, policyNotes, sheetModel, spanned, treeRows, type SheetCell, type SheetColumn, type SheetModel, type SheetModelOptions } from './model.js';
import { renderCsv, renderMarkdown, type SheetFormat } from './sheet.js';
import { bundledMismatches, mismatchNote } from './provenance.js';
import { checkedResult } from './stored.js';
import { blankSheetModel, type BlankSheetOptions } from './blank.js';
import { checkRubric } from '../rubric/brand.js';
import type { Rubric } from '../rubric/types.js';

/** One indicator in two results, matched by its id. */
export interface ComparedIndicator {
  id: string;
  name: string;
  /** Its id path (in the first result, or the second when only there). */
  path: string;
  a?: { max: string; score: string; note: string };
  b?: { max: string; score: string; note: string };
  /** b − a, when both have it. */
  delta?: string;
  /** The score, the max or the note differs, or the indicator is in one result only. */
  changed: boolean;
  bonus?: true;
  penalty?: true;
  children?: ComparedIndicator[];
}

/** Two results of one rubric side by side: a self-evaluation and its review, or two years. */
export interface Comparison {
  kind: 'comparison';
  labels: [string, string];
  a: { rubric: ScoreResult['rubric']; total: string; max: string; grade: string | null; notes: string[] };
  b: { rubric: ScoreResult['rubric']; total: string; max: string; grade: string | null; notes: string[] };
  /** b − a of the totals. */
  delta: string;
  gradeChanged: boolean;
  /** Different rubrics or versions (matched by indicator id), indicators in one result only. */
  warnings: string[];
  indicators: ComparedIndicator[];
  /** How many leaves differ. */
  changed: number;
}

export interface CompareOptions {
  /** What to call the two results (default 结果A, 结果B; the CLI uses the file names). */
  labels?: [string, string];
}

const diff = (a: string, b: string) => new Decimal(b).minus(new Decimal(a)).toString();

/**
 * Compare two results indicator by indicator, matched by id: each score, max and note side by
 * side with b − a, the totals and the grades. Results of different rubric versions (or rubrics)
 * are still matched by id, with a warning saying so; an indicator in one of them only is marked.
 * @example const c = compareResults(selfEvaluation, review, { labels: ['自评', '财政评价'] });
 */
export function compareResults(a: ScoreResult, b: ScoreResult, opts: CompareOptions = {}): Comparison {
  checkedResult(a);
  checkedResult(b);
  const labels = opts.labels ?? ['结果A', '结果B'];
  const warnings: string[] = [];
  const ra = a.rubric;
  const rb = b.rubric;
  if (ra.id !== rb.id) warnings.push(`两份结果来自不同的评分表（${ra.id} 与 ${rb.id}），按指标 id 对照`);
  else if ((ra.version ?? '') !== (rb.version ?? '')) warnings.push(`两份结果来自评分表的不同版本（${ra.version ?? '未注明'} 与 ${rb.version ?? '未注明'}），按指标 id 对照`);
  else if (ra.fingerprint !== rb.fingerprint) warnings.push(`两份结果的评分表版本号相同但内容不同（指纹不一致），按指标 id 对照`);
  for (const m of bundledMismatches(a)) warnings.push(mismatchNote(m, `${labels[0]}`));
  for (const m of bundledMismatches(b)) warnings.push(mismatchNote(m, `${labels[1]}`));
  const byId = new Map<string, IndicatorResult>();
  const index = (ns: readonly IndicatorResult[]) => ns.forEach((n) => (byId.set(n.id, n), index(n.children ?? [])));
  index(b.indicators);
  const seen = new Set<string>();
  let changed = 0;
  const side = (n: IndicatorResult) => ({ max: n.max, score: n.score, note: n.children ? '' : noteOf(n, 'department') });
  const build = (n: IndicatorResult, other: IndicatorResult | undefined, first: 'a' | 'b'): ComparedIndicator => {
    const mine = side(n);
    const theirs = other ? side(other) : undefined;
    const pair = first === 'a' ? { a: mine, b: theirs } : { a: theirs, b: mine };
    const c: ComparedIndicator = { id: n.id, name: n.name, path: n.path, changed: false };
    if (pair.a) c.a = pair.a;
    if (pair.b) c.b = pair.b;
    if (pair.a && pair.b) c.delta = diff(pair.a.score, pair.b.score);
    c.changed = !pair.a || !pair.b || pair.a.score !== pair.b.score || pair.a.max !== pair.b.max || pair.a.note !== pair.b.note;
    if (n.bonus) c.bonus = true;
    if (n.penalty) c.penalty = true;
    if (n.children?.length) {
      c.children = n.children.map((k) => {
        const o = first === 'a' ? byId.get(k.id) : undefined;
        if (first === 'a') seen.add(k.id);
        return build(k, o, first);
      });
    } else if (c.changed) changed++;
    return c;
  };
  const indicators = a.indicators.map((n) => {
    seen.add(n.id);
    return build(n, byId.get(n.id), 'a');
  });
  const onlyB: IndicatorResult[] = [];
  const collect = (ns: readonly IndicatorResult[]) => {
    for (const n of ns) {
      if (!seen.has(n.id)) onlyB.push(n);
      else collect(n.children ?? []);
    }
  };
  collect(b.indicators);
  const onlyA: string[] = [];
  const missing = (ns: readonly ComparedIndicator[]) => ns.forEach((n) => (!n.b ? onlyA.push(n.name) : missing(n.children ?? [])));
  missing(indicators);
  for (const n of onlyB) indicators.push(build(n, undefined, 'b'));
  if (onlyA.length) warnings.push(`仅${labels[0]}有的指标：${onlyA.join('、')}`);
  if (onlyB.length) warnings.push(`仅${labels[1]}有的指标：${onlyB.map((n) => n.name).join('、')}`);
  return {
    kind: 'comparison',
    labels,
    a: { rubric: ra, total: a.total, max: a.max, grade: a.grade, notes: policyNotes(a) },
    b: { rubric: rb, total: b.total, max: b.max, grade: b.grade, notes: policyNotes(b) },
    delta: diff(a.total, b.total),
    gradeChanged: a.grade !== b.grade,
    warnings,
    indicators,
    changed,
  };
}

const signedDelta = (d: string | undefined) => (d === undefined ? '' : d.startsWith('-') || d === '0' ? d : `+${d}`);

/** The comparison as a sheet model, drawn by every format: changed rows marked. */
export function comparisonModel(c: Comparison): SheetModel {
  const [la, lb] = c.labels;
  const levels = Math.max(1, depthOf(c.indicators));
  const LEVELS = '一二三四五六七八九';
  const columns: SheetColumn[] = [
    ...Array.from({ length: levels }, (_, k) => ({ title: `${LEVELS[k]}级指标`, width: k === levels - 1 ? 22 : 14 })),
    { title: '分值', width: 7, number: true },
    { title: `${la}得分`, width: 8, number: true },
    { title: `${lb}得分`, width: 8, number: true },
    { title: '差额', width: 7, number: true },
    { title: `${la}说明`, width: 30 },
    { title: `${lb}说明`, width: 30 },
  ];
  const num = (s: string | undefined): SheetCell => (s === undefined ? { text: '—' } : { text: s, number: s });
  const max = (n: ComparedIndicator) => (n.a && n.b && n.a.max !== n.b.max ? { text: `${n.a.max}→${n.b.max}` } : num(n.a?.max ?? n.b?.max));
  const rows = treeRows(
    c.indicators,
    levels,
    (n) => ({ text: `${n.name}（${n.a?.max ?? n.b?.max}分）`, sub: `${la}${n.a?.score ?? '—'} · ${lb}${n.b?.score ?? '—'}` }),
    (n) => [max(n), num(n.a?.score), num(n.b?.score), n.delta === undefined ? { text: '' } : { text: signedDelta(n.delta), number: n.delta }, { text: n.a ? n.a.note : `（${la}无此指标）` }, { text: n.b ? n.b.note : `（${lb}无此指标）` }],
    (n) => n.changed,
  );
  const width = columns.length;
  rows.push({ kind: 'total', cells: [...spanned('合计', levels), num(c.a.max === c.b.max ? c.a.max : undefined), num(c.a.total), num(c.b.total), { text: signedDelta(c.delta), number: c.delta }, { text: '' }, { text: '' }] });
  const gradeRow: SheetCell[] = [...spanned('评价等次', levels), { text: '' }, { text: c.a.grade ?? '—' }, { text: c.b.grade ?? '—' }, { text: c.gradeChanged ? '△' : '' }, { text: '' }, { text: '' }];
  rows.push(c.gradeChanged ? { kind: 'grade', cells: gradeRow, changed: true } : { kind: 'grade', cells: gradeRow });
  for (const w of c.warnings) rows.push({ kind: 'note', cells: spanned(`注意：${w}`, width, false) });
  for (const n of c.a.notes) rows.push({ kind: 'note', cells: spanned(`${la}：${n}`, width, false) });
  for (const n of c.b.notes) rows.push({ kind: 'note', cells: spanned(`${lb}：${n}`, width, false) });
  const version = (r: ScoreResult['rubric']) => `${r.name}${r.version ? `（${r.version}版）` : ''} · ${r.id} · 指纹 ${r.fingerprint}`;
  return {
    layout: 'department',
    title: `${c.a.rubric.name} 评分对照`,
    rubric: c.a.rubric,
    meta: [
      [la, `${c.a.total}分，${c.a.grade ?? '—'}`],
      [lb, `${c.b.total}分，${c.b.grade ?? '—'}`],
      ['差额', `${signedDelta(c.delta)}分`],
      ['有差异的指标', `${c.changed}项（△）`],
    ],
    blocks: [],
    columns,
    levels,
    rows,
    total: c.b.total,
    max: c.b.max,
    grade: c.b.grade,
    chart: [],
    footer: c.a.rubric.fingerprint === c.b.rubric.fingerprint ? `评分表：${version(c.a.rubric)}` : `${la}评分表：${version(c.a.rubric)}；${lb}评分表：${version(c.b.rubric)}`,
  };
}

/**
 * A comparison in a text format: Markdown (a changed row starts with △), self-contained HTML
 * (changed rows shaded) or CSV (UTF-8 with BOM, CRLF; the 差额 column says what changed).
 * XLSX and DOCX: `renderXlsx` / `renderDocx` take a comparison too.
 * @example writeFileSync('对照.html', renderComparison(compareResults(a, b), { format: 'html' }));
 */
export function renderComparison(c: Comparison, opts: { format?: SheetFormat } = {}): string {
  const m = comparisonModel(c);
  if (opts.format === 'html') return renderHtml(m, { legend: '底色标出的行（△）两份结果不同；差额为后者减前者。' });
  if (opts.format === 'csv') return renderCsv(m);
  return renderMarkdown(m);
}

/** The sheet model of a result, of a comparison, or of a rubric's blank sheet (XLSX and DOCX draw each). */
export function modelOf(x: ScoreResult | Comparison | Rubric, opts: BlankSheetOptions = {}): SheetModel {
  if (checkRubric(x) === undefined) return blankSheetModel(x as Rubric, opts);
  return 'kind' in x && x.kind === 'comparison' ? comparisonModel(x) : sheetModel(x as ScoreResult, opts);
}
