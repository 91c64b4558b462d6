import type { SourcePosition } from '../issues/issue.js';
import type { ScoreResult } from '../evaluate/result.js';
import type { Exact } from '../exact.js';

/**
 * What a review found: each departure of a filed form from its own rules, as data. Findings are
 * not issues: the form was read and scored; these are what the filed figures say against it.
 */

/**
 * The classes of departure a finance bureau's 复核 looks for:
 * - `arithmetic`: a subtotal or total that is not the sum of the form's own figures below it, or a
 *   printed rate (执行率) that is not 执行数/预算数;
 * - `rule`: a quantitative row (or a scored indicator) filed other than its rule gives, with the
 *   direction;
 * - `level`: a 定性 score outside the 档 chosen for it;
 * - `max`: a score above the row's or indicator's 分值;
 * - `grade`: the filed grade is not the grade of the filed total;
 * - `reason`: a deduction with no 偏差原因;
 * - `judgement`: a filed total, with no figure filed below it, that differs from the total by the
 *   rules by what the form's judgement items (定性 rows inside their 档, 评价人打分 within their 分值
 *   or levels) can give: explained by judgement, shown but never an error.
 */
export type FindingClass = 'arithmetic' | 'rule' | 'level' | 'max' | 'grade' | 'reason' | 'judgement';

export const FINDING_CLASSES: readonly FindingClass[] = ['arithmetic', 'rule', 'level', 'max', 'grade', 'reason', 'judgement'];

/** The classes a form can be in error of (a `judgement` finding never is). */
export type ErrorClass = Exclude<FindingClass, 'judgement'>;
export const ERROR_CLASSES: readonly ErrorClass[] = ['arithmetic', 'rule', 'level', 'max', 'grade', 'reason'];

/** The Chinese and English name of each class, as the review prints them. */
export const FINDING_CLASS_NAMES: Record<FindingClass, { zh: string; en: string }> = {
  arithmetic: { zh: '算术', en: 'arithmetic' },
  rule: { zh: '偏离规则', en: 'rule departure' },
  level: { zh: '定性档次', en: '定性 band' },
  max: { zh: '超过分值', en: 'above max' },
  grade: { zh: '等次', en: 'grade' },
  reason: { zh: '缺偏差原因', en: 'no 偏差原因' },
  judgement: { zh: '评价人判断', en: 'judgement' },
};

/** One departure of a filed figure from what the rules, or the form's own figures, give. */
export interface Finding {
  class: FindingClass;
  /**
   * `error`: the form departs from its rules; `accepted`: a departure the rubric declares that its
   * reviewers accept as judgement (`review.accept`), or a total its judgement items explain (class
   * `judgement`), shown beside the rule but not an error.
   */
  severity: 'error' | 'accepted';
  /** Dotted path of the indicator in the result (`产出指标.数量指标.1`), `总分` or `等次`. */
  indicator: string;
  /** The indicator's name as the sheet prints it. */
  name: string;
  /** Where the filed figure is in the filed form (`rows.产出指标[0].filed`, `filed.total`). */
  path: (string | number)[];
  /** Line and column of that figure, when the form was read from text. */
  source?: SourcePosition;
  /** The filed figure, a decimal string (the grade word for `grade`). */
  filed?: string;
  /**
   * What it should be: the rule's score (`rule`), the sum of the figures below it or the rate
   * from the form's own amounts (`arithmetic`), the band (`level`), the max (`max`), the grade of
   * the filed total (`grade`).
   */
  expected?: string;
  /** Filed minus expected, a decimal string (`rule`, `arithmetic`, `max`). */
  difference?: string;
  /** Whether the filed figure is above or below what it should be. */
  direction?: 'above' | 'below';
  /** The finding in Chinese: 全县参合人数：指标值8755，完成值8676，按规则应得14.86分，填报13分，少1.86分. */
  message: string;
  /** The same in English. */
  messageEn: string;
  /**
   * For a total (or subtotal) that is not the sum of its figures: a reading of the form's own
   * figures that gives it (a hidden unrounded 9.91 behind 93 → 94); for a total against the rules'
   * total: what the judgement items can give, and a choice of their scores that gives it.
   */
  explanation?: { zh: string; en: string };
}

/** A filed form reviewed against its rubric. */
export interface Review {
  /** The form scored by the rules: what should have been filed. */
  result: ScoreResult;
  /** What the form filed, as written: it is never replaced by the rule's figures. */
  filed: { total?: string; grade?: string | null };
  /** No finding of severity `error` (accepted judgements may remain). */
  clean: boolean;
  /** Every departure, in the order of the sheet; totals and grade last. */
  findings: Finding[];
}

/**
 * A filed figure's text as the form wrote it, where it says its value with only zeros after the
 * last decimal (41.50, 94.0): the places it was printed to, which a review reads, are kept.
 * Anything else (an exponent, a leading zero, a sign) gives the value's plain text.
 * @example asWritten('41.50', Exact.parse('41.5')) // "41.50"
 */
export function asWritten(text: string, value: Exact): string {
  const plain = value.toPlain();
  return (text.includes('.') ? text.replace(/\.?0+$/, '') : text) === plain ? text : plain;
}
