/**
 * What monitoring gives: each row's level and its reason beside the department's own figures and
 * words, the funds, and the project's (or the department's) level. Plain data: decimal strings,
 * level names, reasons.
 */

/** One row of the 监控表, as monitored: its figures, its level and why, and what the department said. */
export interface MonitoredRow {
  /** The 自评表 section the row belongs to (产出指标, 效益指标, 满意度指标). */
  section: string;
  index: number;
  group?: string;
  name: string;
  weight: string;
  /** 指标值 (年度指标值) as written. */
  target: string;
  /** The unit of the row's figures, from its 指标值 (`≥120个`: 个); empty for a 定性 row. */
  unit: string;
  /** 1–N月完成值: a decimal string, or the level word of a 定性 row (达成 / 部分达成 / 未达成). */
  done: string;
  /** 序时进度: the annual target pro-rated to the period (or the plan to date), where the rule read it. */
  expected?: string;
  /** 完成进度 (%): 完成值 ÷ 序时进度 × 100, where the rule read it. */
  progress?: string;
  /** 全年预计完成值, and how it was reached (`department`: as the department gave it). */
  projected: string;
  projection: 'department' | 'linear' | 'to_date';
  /** Whether the projection reaches the annual target. */
  meets: boolean;
  level: string;
  levelName: string;
  /** The id of the rule that gave the level. */
  rule: string;
  reason: string;
  likelihood: string;
  causes: string[];
  cause?: string;
  measure?: string;
}

/** The funds row: 年初预算数, 1–N月执行数, 全年预计执行数, and the 预算执行 level. */
export interface MonitoredFunds {
  unit: string;
  budget: string;
  spent: string;
  projectedSpend: string;
  projection: 'department' | 'linear';
  /** 执行率 (%); 0 where the budget is 0 and the rubric says so. */
  rate?: string;
  /** 预算执行进度 (%): 执行率 ÷ (N ÷ 期数) × 100. */
  progress?: string;
  level?: string;
  levelName?: string;
  rule?: string;
  reason?: string;
}

/** A project's monitoring: every row's level, the funds, and the project's level. */
export interface MonitoringResult {
  kind: 'monitoring';
  rubric: { id: string; name: string; version?: string; fingerprint: string };
  period: { through: number; length: number; unit: string };
  meta: Record<string, string>;
  funds: MonitoredFunds | null;
  rows: MonitoredRow[];
  /** The project's level: the rows' levels combined (worst-of, or the rubric's order). */
  level: string;
  levelName: string;
  reason: string;
  /** Rows by level, in the rubric's order of levels. */
  counts: Record<string, number>;
  /** The rubric's levels, most severe first, with their names. */
  levels: { level: string; name: string }[];
}

/** A department's monitoring: its projects, the worst project level, and projects by level. */
export interface DepartmentMonitoringResult {
  kind: 'department-monitoring';
  rubric: MonitoringResult['rubric'];
  meta: Record<string, string>;
  projects: MonitoringResult[];
  level: string;
  levelName: string;
  reason: string;
  /** Projects by level. */
  counts: Record<string, number>;
  /** The rubric's levels, most severe first, with their names. */
  levels: { level: string; name: string }[];
}

export interface MonitorOptions {
  /** The file name issues name. */
  file?: string;
}
