/**
 * One lost part of a score (or, in `additions`, points a 加分项 added), with its reason (in
 * Chinese) and the leaf it comes from.
 */
export interface DeductionResult {
  /**
   * Dotted id path of the indicator that lost the points: a leaf, or the node whose own policy
   * moved them (a weighted block, a chosen 可选项, a capped 加分项/扣分项, whose entry for what the
   * cap did not count has negative points).
   */
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
  /** Points added by 加分项 (a bonus leaf, or the bonus leaves below a parent). */
  additions?: DeductionResult[];
  /** Rule kind (leaves only). */
  kind?: string;
  /** 评分标准 text (leaves that have one). */
  standard?: string;
  /** The inputs and metrics the rule read, as used. */
  figures?: Record<string, string>;
  /** 扣分原因和其他说明 given by the evaluator. */
  remark?: string;
  /** 加分项: its score is added on top of the total. */
  bonus?: true;
  /** 扣分项: its score (0 or below) is taken off the total; its deductions say why. */
  penalty?: true;
  notApplicable?: true;
  /** Under a weighted parent (`combine: weighted`): the weight it was given. */
  weight?: string;
  /** 加分项/扣分项 with a cap (最多加5分): the cap. Its score is its children's sum, at most the cap. */
  cap?: string;
  /**
   * A 可选项 the evaluation chose: what it scored on its own scale, before it was scaled to its
   * share of the pool (`max` and `score`); its children, if any, add up to this score.
   */
  scaledFrom?: { max: string; score: string };
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
  /** Every deduction in the sheet, in sheet order (扣分项 included). */
  deductions: DeductionResult[];
  /** Every addition of a 加分项, in sheet order (absent when there is none). */
  additions?: DeductionResult[];
  /** Derived metrics, to 6 decimal places. */
  metrics: Record<string, string>;
  /**
   * Triggered 一票否决 items, each with its effect: `grade` (the grade is at most this),
   * `maxTotal` (the total is at most this; 0: the total is 0) or `fail` (the evaluation is this,
   * e.g. 不合格), and why: the evaluation's reason, or the figures that met the rubric's condition.
   */
  vetoes: { id: string; name: string; grade?: string; maxTotal?: string; fail?: string; reason?: string }[];
  /** A 一票否决 with `fail` was triggered: `grade` is its word (不合格), whatever the total. */
  failed?: true;
  /** 总分不超过: the total before the rubric's cap, the cap, and the reason. */
  capped?: { rawTotal: string; maxTotal: string; reason: string };
  /**
   * With 不适用 items excluded (`exclude`): the max that left the sheet (`max` is what remains),
   * and the total on the rubric's full scale, on which the grade was taken: the base brought to
   * the full scale (rounded once), then 加分项 and 扣分项 as they are, and the caps.
   */
  excluded?: { max: string; gradedOn: string };
  /**
   * With `notApplicable: rescale`: the base total (加分项 and 扣分项 aside) before rescaling and
   * the base max that applied. The total is the rescaled base plus 加分 minus 扣分项.
   */
  rescaled?: { rawTotal: string; applicableMax: string };
  /**
   * Review layers (自评 → 主管部门 → 财政复核 → 专家/中介 → 终审), added by `applyLayers`: the
   * first is the result as it was scored, each later one the scores it changed and why. `total`,
   * `grade` and the indicators are the last layer's.
   */
  layers?: ReviewLayer[];
}

/** One layer of review over a result: its total and grade, and each score it changed, with the reason. */
export interface ReviewLayer {
  /** 自评, 主管部门, 财政复核, 专家/中介 or 终审. */
  name: string;
  /** Who reviewed (a department, an agency, a panel), when given. */
  by?: string;
  /** The layer's total: the total it printed, as printed (a filed 自评 total: 94, 41.50), else the sum of its scores. */
  total: string;
  /**
   * The sum of the layer's scores, when the total it printed is not it (稷山 2020's 自评: total 94,
   * its rows 93). The next layer starts from this sum.
   */
  sum?: string;
  grade: string | null;
  /**
   * The leaves this layer scored differently from the layer before it; for the first layer, from
   * the result as scored by the rules (a filed 自评 beside the rules).
   */
  changes: { indicator: string; name: string; from: string; to: string; reason: string }[];
}

/**
 * The totals of one evaluation (`score`): the figures of its {@link ScoreResult}, the same
 * strings, without reasons, deductions or the result tree.
 */
export interface ScoreTotals {
  rubric: { id: string; name: string; version?: string; fingerprint: string };
  total: string;
  max: string;
  grade: string | null;
  /** A 一票否决 with `fail` was triggered. */
  failed?: true;
  /**
   * Every indicator of the rubric, by id, with its score as the full result shows it (a chosen
   * 可选项 on its share, a 不适用 one 0 or its max, a rows section its rows' sum); the evaluation's
   * own rows are in the full result only.
   */
  scores: Record<string, string>;
}
