/** One lost part of a score, with its reason (in Chinese) and the leaf it comes from. */
export interface DeductionResult {
  /** Dotted id path of the leaf indicator that lost the points. */
  indicator: string;
  /** Points lost, a decimal string. */
  points: string;
  reason: string;
}

/** The scored indicator tree. Every figure is a decimal string. */
export interface IndicatorResult {
  id: string;
  name: string;
  /** Dotted id path from the root. */
  path: string;
  max: string;
  score: string;
  /**
   * Points lost in this indicator: for a leaf its own, for a parent those of its (non-bonus)
   * descendants, so `max − score` equals their sum (bonus and 不适用 items aside).
   */
  deductions: DeductionResult[];
  /** Rule kind (leaves only). */
  kind?: string;
  /** 评分标准 text (leaves that have one). */
  standard?: string;
  /** The inputs and metrics the rule read, as used. */
  figures?: Record<string, string>;
  /** 扣分原因和其他说明 given by the evaluator. */
  remark?: string;
  bonus?: true;
  notApplicable?: true;
  children?: IndicatorResult[];
}

/** The result of scoring one evaluation. Plain JSON data; the same input gives the same bytes. */
export interface ScoreResult {
  /** Which rubric scored this: its id, name, version and content fingerprint (`sha256:…`). */
  rubric: { id: string; name: string; version?: string; fingerprint: string };
  total: string;
  max: string;
  grade: string | null;
  indicators: IndicatorResult[];
  /** Every deduction in the sheet, in sheet order. */
  deductions: DeductionResult[];
  /** Derived metrics, to 6 decimal places. */
  metrics: Record<string, string>;
  /** Triggered 一票否决 items. */
  vetoes: { id: string; name: string; grade: string; reason: string }[];
  /** With `notApplicable: rescale`: the total before rescaling and the max that applied. */
  rescaled?: { rawTotal: string; applicableMax: string };
}
