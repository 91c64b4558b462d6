/**
 * What every reader of a 评分标准 shares: the reading's types, the indicator's 分值, figure names and
 * units, and the spellings a sentence is brought to before it is read. Read by `readAs` in
 * ./parse.ts, the one dispatcher.
 */
import { Decimal } from '../decimal.js';
import type { RuleInput } from '../rules/index.js';
import { type Span, spanOf } from './account.js';
import { COUNT_UNITS, NUM, sanitiseName, UNITS } from './normalise.js';

/** A figure a parsed rule reads: its (placeholder) name and what the text says about it. */
export interface ParsedInput {
  name: string;
  type: 'number' | 'percent' | 'count';
  unit?: string;
}

/** A figure a 评分标准 defines from others: 预算执行率=全年执行数/全年预算数 → 全年执行数 / 全年预算数 * 100 (%). */
export interface ParsedMetric {
  name: string;
  formula: string;
  unit?: string;
}

/** A 评分标准 sentence read as a rule. */
export interface ParsedStandard {
  /** A valid `rule:` document (decimals as exact decimal strings). */
  rule: RuleInput;
  /** The figures the rule reads. Their names come from the text or the indicator's name. */
  inputs: ParsedInput[];
  /**
   * Figures the sentence defines from others (预算执行率=全年执行数/全年预算数): each a rubric
   * `metrics:` entry, its formula in the formula language; the rule reads the metric by name.
   */
  metrics?: ParsedMetric[];
  /** The full score the text names (“计5分”, “得3分”), when it names one. */
  full?: string;
  /** What a person should check (placeholder names, assumptions). */
  notes: string[];
  /** 没有楼堂馆所项目的部门按满分计算: the text says an indicator that does not apply scores its max. */
  notApplicable?: 'full';
  /**
   * Figures of the rule the text does not state (`每减少1个百分点扣1分` names no standard): the
   * rule holds a placeholder there. Only {@link readStandard} returns such a reading.
   */
  unstated?: 'standard'[];
}

export interface ParseOptions {
  /** The indicator's name: the figure's name when the sentence does not name it. */
  name?: string;
  /**
   * The indicator's 分值. With it, a phrase that names the max (得满分, 扣完20分为止 on a 20-point
   * indicator, 最多10分 on a 10-point one) is read as what it is; without it such a phrase is not read.
   */
  max?: string | number;
}

/** A reading of the sentence and the parts of its text the rule accounts for. */
export type Parsed = { standard: ParsedStandard; used: Span[]; left?: string[] } | undefined;

/** Longest 评分标准 the parser reads. */
export const MAX_STANDARD_LENGTH = 2000;

export const dec = (s: string) => new Decimal(s).toFixed();

/** The indicator's 分值, when the caller gave one that is a number. */
export function maxOf(opts: ParseOptions): Decimal | undefined {
  if (opts.max === undefined) return undefined;
  try {
    const d = new Decimal(opts.max);
    return d.isFinite() && d.gt(0) ? d : undefined;
  } catch {
    return undefined;
  }
}
export const UNIT_ALT = UNITS.join('|');
export const MARKS = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
export const SIGNED = String.raw`(-?\d+(?:\.\d+)?)`;

/** The figure's name: the sentence's subject if it has one, else the indicator's name. */
export function nameFor(subject: string | undefined, opts: ParseOptions, fallback = '数值'): string {
  const plain = (subject ?? '').replace(/（[^（）]*）/g, '');
  const last = (plain.split(/[，（、：]/).pop() ?? '').replace(/^\d+年度?/, '');
  return sanitiseName(last) || sanitiseName(opts.name ?? '') || fallback;
}

export function typeOfUnit(unit: string | undefined): ParsedInput {
  if (!unit || unit === '单位') return { name: '', type: 'number' };
  if (unit === '%' || unit.endsWith('百分点')) return { name: '', type: 'percent' };
  if (COUNT_UNITS.has(unit)) return { name: '', type: 'count', unit };
  return { name: '', type: 'number', unit };
}

/** Every 计N分 / 得N分 of the text that names the indicator's max: the full score, said. */
export function fullScoreSpans(t: string, max: Decimal | undefined): Span[] {
  if (!max) return [];
  return [...t.matchAll(new RegExp(`(?<!扣)(?:计|得)${NUM}分|（${NUM}分）`, 'g'))].filter((m) => max.eq(m[1] ?? m[2]!)).map(spanOf);
}

/**
 * The sentence in one spelling, with what the indicator's max settles read as such: 扣完20分为止 on a
 * 20-point indicator is 扣完为止, 得满分 is 得20分.
 */
export function prepare(t: string, max: Decimal | undefined): string {
  let s = t.replace(/扣(?:完|满)(\d+(?:\.\d+)?)分(?=为止|即止)/g, (m, n: string) => (max?.eq(n) ? '扣完' : m));
  if (max) s = s.replace(/(计|得)满分/g, `$1${max.toFixed()}分`);
  return s;
}

/** The text without the mark of a list of one (①… · 2.…), in its place a separator of the same length. */
export function unmarked(t: string): string {
  const marks = [...t.matchAll(new RegExp(`[${MARKS}]`, 'gu'))];
  if (marks.length === 1 && marks[0]!.index === 0) return `；${t.slice(1)}`;
  return t.replace(/^\d{1,2}[.、．](?!\d)/, (m) => '；'.repeat(m.length));
}

/** A ceiling said beside a score that already stops at the max: 最高不超过分值 · 满分为止 · 以10分为限. */
export function ceilingSpans(t: string, max: Decimal): Span[] {
  const n = `(?:${max.toFixed().replace('.', '\\.')}分)`;
  const re = new RegExp(`最高(?:不(?:得)?超过)?(?:该项?指标|本项?指标)?(?:分值(?:上限)?|满分|${n})|(?:以)?满分为(?:止|限)|以(?:分值|满分|${n})为限`, 'g');
  return [...t.matchAll(re)].map(spanOf);
}
