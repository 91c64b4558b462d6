import { Exact } from '../exact.js';
import type { Issue } from '../issues/issue.js';
import { ERROR_CLASSES, type ErrorClass, type Review } from './finding.js';

/**
 * Review at scale: what a finance bureau wants of a province's filed forms — how many are clean,
 * how many depart and how, how far the filed scores are from the rules, the largest departures,
 * the forms to follow up first — and the seeded, stratified sample it spot-checks (抽查).
 */

/** One form of a batch: reviewed, or refused with its issues. */
export interface ReviewedForm {
  /** The form's id (its record id, or its line). */
  id: string;
  /** Its stratum for sampling and the follow-up list (e.g. 主管部门), when known. */
  group?: string;
  review?: Review;
  issues?: Issue[];
}

/** The filed-minus-rule differences of rule departures, counted in bands of points. */
export interface DifferenceBand {
  /** `(-∞, -5]`, `(-5, -1]`, `(-1, 0)`, `(0, 1)`, `[1, 5)`, `[5, +∞)`. */
  band: string;
  count: number;
}

export interface ReviewSummary {
  forms: number;
  /** Reviewed with no error finding. */
  clean: number;
  /** Could not be read or scored. */
  refused: number;
  /** By class: forms with at least one error finding of it, and the error findings. */
  byClass: Record<ErrorClass, { forms: number; findings: number }>;
  /** Accepted departures (judgements the rubric accepts), all classes. */
  accepted: number;
  /** Rule departures by size of filed − rule. */
  differences: DifferenceBand[];
  /** Filed total − total by the rules, over the forms that print a total: bands as above. */
  totals: DifferenceBand[];
  /** The largest departures by |filed − rule|, at most ten. */
  largest: { id: string; indicator: string; name: string; filed: string; expected: string; difference: string }[];
  /**
   * Forms to follow up, worst first: by the number of error findings, then the sum of |filed −
   * rule| over them, then id. Clean forms are not listed.
   */
  followUp: { id: string; group?: string; errors: number; departure: string; total?: string; filedTotal?: string }[];
}

const BANDS: [string, (d: Exact) => boolean][] = [
  ['(-∞, -5]', (d) => d.lte(Exact.int(-5))],
  ['(-5, -1]', (d) => d.gt(Exact.int(-5)) && d.lte(Exact.int(-1))],
  ['(-1, 0)', (d) => d.gt(Exact.int(-1)) && d.isNegative()],
  ['(0, 1)', (d) => d.isPositive() && d.lt(Exact.int(1))],
  ['[1, 5)', (d) => d.gte(Exact.int(1)) && d.lt(Exact.int(5))],
  ['[5, +∞)', (d) => d.gte(Exact.int(5))],
];

const banded = (ds: Exact[]): DifferenceBand[] => BANDS.map(([band, holds]) => ({ band, count: ds.filter(holds).length }));

/**
 * Summarise the reviews of a batch of filed forms. Every figure is exact; the order of every list is
 * fixed (ties by id), so the same batch gives the same summary.
 * @example const s = summarizeReviews(forms); console.log(s.clean, s.forms, s.byClass.arithmetic.forms);
 */
export function summarizeReviews(forms: readonly ReviewedForm[]): ReviewSummary {
  const byClass = Object.fromEntries(ERROR_CLASSES.map((c) => [c, { forms: 0, findings: 0 }])) as ReviewSummary['byClass'];
  const diffs: Exact[] = [];
  const totals: Exact[] = [];
  const largest: (ReviewSummary['largest'][number] & { size: Exact })[] = [];
  const followUp: (ReviewSummary['followUp'][number] & { size: Exact })[] = [];
  let clean = 0;
  let refused = 0;
  let accepted = 0;
  for (const f of forms) {
    const r = f.review;
    if (!r) {
      refused++;
      continue;
    }
    if (r.clean) clean++;
    const errors = r.findings.filter((x) => x.severity === 'error');
    accepted += r.findings.length - errors.length;
    for (const c of ERROR_CLASSES) {
      const n = errors.filter((x) => x.class === c).length;
      if (n) byClass[c].forms++;
      byClass[c].findings += n;
    }
    let size = Exact.int(0);
    for (const x of r.findings) {
      if (x.class !== 'rule' || x.difference === undefined) continue;
      const d = Exact.parse(x.difference);
      diffs.push(d);
      largest.push({ id: f.id, indicator: x.indicator, name: x.name, filed: x.filed!, expected: x.expected!, difference: x.difference, size: d.abs() });
      if (x.severity === 'error') size = size.plus(d.abs());
    }
    if (r.filed.total !== undefined) totals.push(Exact.parse(r.filed.total).minus(Exact.parse(r.result.total)));
    if (errors.length) {
      const entry: ReviewSummary['followUp'][number] & { size: Exact } = { id: f.id, errors: errors.length, departure: size.toPlain(), total: r.result.total, size };
      if (f.group !== undefined) entry.group = f.group;
      if (r.filed.total !== undefined) entry.filedTotal = r.filed.total;
      followUp.push(entry);
    }
  }
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  largest.sort((a, b) => b.size.cmp(a.size) || byId(a, b) || (a.indicator < b.indicator ? -1 : a.indicator > b.indicator ? 1 : 0));
  followUp.sort((a, b) => b.errors - a.errors || b.size.cmp(a.size) || byId(a, b));
  return {
    forms: forms.length,
    clean,
    refused,
    byClass,
    accepted,
    differences: banded(diffs),
    totals: banded(totals.filter((d) => !d.isZero())),
    largest: largest.slice(0, 10).map(({ size: _s, ...rest }) => rest),
    followUp: followUp.map(({ size: _s, ...rest }) => rest),
  };
}

/** FNV-1a, 32 bits, over UTF-16 code units: a fixed, portable hash for the sample's order. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export interface SampleOptions {
  /** The share of each stratum to take, in percent (`10` for 10%), rounded up: at least one form of each stratum. */
  percent: Exact | number | string;
  /** The seed: the same seed and the same ids give the same sample, whatever the order of the file. */
  seed: number | string;
}

/**
 * A seeded, stratified sample (抽查): from each stratum (e.g. 主管部门), ⌈n × percent / 100⌉ forms,
 * those whose hash of seed and id is smallest. It depends only on the seed and each stratum's ids
 * (not on the order of the file), so a reviewer can draw it again.
 * @example sampleForms(forms.map((f) => ({ id: f.id, stratum: f.group ?? '' })), { percent: 10, seed: 2024 })
 */
export function sampleForms(items: readonly { id: string; stratum: string }[], opts: SampleOptions): { id: string; stratum: string }[] {
  const p = opts.percent instanceof Exact ? opts.percent : Exact.parse(String(opts.percent));
  const strata = new Map<string, { id: string; stratum: string; key: number }[]>();
  for (const it of items) {
    const list = strata.get(it.stratum) ?? [];
    list.push({ ...it, key: hash(`${String(opts.seed)}\u0000${it.id}`) });
    strata.set(it.stratum, list);
  }
  const out: { id: string; stratum: string }[] = [];
  for (const stratum of [...strata.keys()].sort()) {
    const list = strata.get(stratum)!;
    const k = Number(Exact.int(list.length).times(p).div(Exact.int(100)).ceil().toPlain());
    list.sort((a, b) => a.key - b.key || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const x of list.slice(0, Math.min(k, list.length))) out.push({ id: x.id, stratum: x.stratum });
  }
  return out;
}

/**
 * The summary as text: counts by class, the differences, the largest departures and the
 * follow-up list.
 */
export function formatReviewSummary(s: ReviewSummary, opts: { language?: 'zh' | 'en' | 'both'; followUp?: number } = {}): string {
  const zh = (opts.language ?? 'zh') !== 'en';
  const lines: string[] = [];
  const say = (z: string, e: string) => lines.push(zh ? z : e);
  say(`复核 ${s.forms} 份：无偏离 ${s.clean} 份，有偏离 ${s.forms - s.clean - s.refused} 份，无法评分 ${s.refused} 份；接受为判断的偏离 ${s.accepted} 处`, `${s.forms} forms reviewed: ${s.clean} clean, ${s.forms - s.clean - s.refused} with departures, ${s.refused} refused; ${s.accepted} departures accepted as judgement`);
  const names: Record<ErrorClass, [string, string]> = { arithmetic: ['算术', 'arithmetic'], rule: ['偏离规则', 'rule departure'], level: ['定性档次', '定性 band'], max: ['超过分值', 'above max'], grade: ['等次', 'grade'], reason: ['缺偏差原因', 'no 偏差原因'] };
  for (const c of ERROR_CLASSES) {
    const b = s.byClass[c];
    say(`  ${names[c][0]}：${b.forms} 份，${b.findings} 处`, `  ${names[c][1]}: ${b.forms} forms, ${b.findings} findings`);
  }
  say('填报减规则（偏离规则的行）：', 'filed minus rule (rule departures):');
  for (const d of s.differences) lines.push(`  ${d.band.padEnd(10)} ${d.count}`);
  say('填报总分减规则总分：', 'filed total minus total by the rules:');
  for (const d of s.totals) lines.push(`  ${d.band.padEnd(10)} ${d.count}`);
  if (s.largest.length) {
    say('最大的偏离：', 'largest departures:');
    for (const x of s.largest) lines.push(`  ${x.id} ${x.name}：${zh ? '填报' : 'filed '}${x.filed}，${zh ? '规则' : 'rule '}${x.expected}（${x.difference}）`);
  }
  const n = opts.followUp ?? 20;
  if (s.followUp.length) {
    say(`需跟进（前 ${Math.min(n, s.followUp.length)} 份，按错误数、偏离分数排序）：`, `follow up (first ${Math.min(n, s.followUp.length)}, by errors, then points off):`);
    s.followUp.slice(0, n).forEach((f, i) => lines.push(`  ${i + 1}. ${f.id}${f.group ? `（${f.group}）` : ''}：${f.errors} ${zh ? '处错误，偏离' : 'errors, off by'} ${f.departure}${zh ? ' 分' : ''}${f.filedTotal !== undefined ? `，${zh ? '填报总分' : 'filed total'} ${f.filedTotal} / ${zh ? '规则' : 'rule'} ${f.total}` : ''}`));
  }
  return `${lines.join('\n')}\n`;
}
