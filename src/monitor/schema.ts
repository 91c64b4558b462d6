import * as z from 'zod';
import { expect } from '../issues/zod.js';
import { textField } from '../rules/fields.js';
import { rowInputSchema } from '../project/rows.js';

/**
 * 绩效运行监控 (双监控) as data: what a monitoring rubric declares — the period, the levels (红/黄/
 * 绿/蓝 or named 预警 levels), the level rules and which rows each applies to, how levels combine —
 * and what a monitoring input gives: the project's rows as the year-end 自评表 has them, each with
 * its 1–N月 figures and the form's own fields (全年预计完成, 完成目标可能性, 偏差原因, 整改措施).
 */

/** A whole number ≥ 1, as YAML and JSON numbers reach a schema (their text) or as built in code. */
const ordinal = (max: number) =>
  z
    .union([z.number().int().min(1).max(max), z.string().regex(/^[1-9]\d*$/, expect(`1 到 ${max} 之间的整数`, `a whole number from 1 to ${max}`)).transform((s) => parseInt(s, 10))])
    .refine((n) => n <= max, { params: { jixiao: 'invalid_value', expected: `1 到 ${max} 之间的整数`, expectedEn: `a whole number from 1 to ${max}` } });

const bandText = z.union([z.string().min(1), z.number()]).transform(String).meta({ description: '区间，与 bands 规则的写法相同：[80, 120)、<60、≥120、=0' });

/** The figures a level band can read, per row (or, for `budget`, of the funds). */
export const MONITOR_VALUES = ['sequential', 'annual', 'actual', 'budget'] as const;
/** A figure a band reads: one of {@link MONITOR_VALUES}, or a formula over the names of {@link ROW_NAMES} (or {@link BUDGET_NAMES}). */
export type MonitorValue = string;
/** The names a formula of a row's level rule reads: 完成值 (1–N月), 年度指标值, 序时进度, 月数 (N), 期数. */
export const ROW_NAMES = ['完成值', '年度指标值', '序时进度', '月数', '期数'] as const;
/** The names a formula of the 预算执行 rule reads: 预算数 (年初), 执行数 (1–N月), 序时执行数 (budget × N ÷ 期数, or the plan to date), 月数, 期数. */
export const BUDGET_NAMES = ['预算数', '执行数', '序时执行数', '月数', '期数'] as const;
const valueField = z.union([z.enum(MONITOR_VALUES), z.string().min(1)]);

const levelBand = z.strictObject({
  value: valueField.optional().meta({ description: '本档读取的数值（缺省为规则的 value）' }),
  when: bandText,
  level: textField,
});

const cite = z.string().optional().meta({ description: '规则的出处（文件、系统规则名）' });

/** A rule that yields a level. */
export const levelRuleSchema = z.discriminatedUnion('kind', [
  z
    .strictObject({
      kind: z.literal('bands'),
      value: valueField.meta({
        description:
          '或一个公式：指标行可读 完成值、年度指标值、序时进度、月数、期数；预算执行可读 预算数、执行数、序时执行数、月数、期数。sequential：完成进度 = 1–N月完成值 ÷ 序时进度 × 100（序时进度 = 年度指标值 × N ÷ 期数，或逐期计划之和）；annual：1–N月完成值 ÷ 年度指标值 × 100；actual：1–N月完成值；budget：预算执行进度 = 执行数 ÷ 预算数 ÷ (N ÷ 期数) × 100',
      }),
      bands: z.array(levelBand).min(1),
      cite,
    })
    .meta({ title: '按区间定级 · levels by bands' }),
  z
    .strictObject({
      kind: z.literal('compare'),
      pass: textField,
      fail: textField,
      cite,
    })
    .meta({ title: '按年度指标值比较定级（反向、等于）· pass or fail against the annual target' }),
  z
    .strictObject({
      kind: z.literal('qualitative'),
      levels: z.strictObject({ 达成: textField, 部分达成: textField, 未达成: textField }),
      cite,
    })
    .meta({ title: '定性指标定级 · qualitative rows' }),
]);

/** Which rule applies to a row, by its 年度指标值: `≥`, `≤`, `=0`, … and `≥%` for a rate. */
export const ROUTES = ['>=', '>', '<=', '<', '=', '=0', 'range', 'qualitative', 'deadline', '>=%', '>%', '<=%', '<%', '=%', 'range%'] as const;
export type Route = (typeof ROUTES)[number];

export const monitoringSchema = z
  .strictObject({
    period: z
      .strictObject({
        length: ordinal(366).meta({ description: '一个年度的期数：12（月）、4（季度）' }),
        unit: z.enum(['月', '季度', '期']).meta({ description: '期的名称' }),
      })
      .optional()
      .meta({ description: '监控期：缺省为 12 个月' }),
    schedule: z.enum(['linear', 'plan', 'either']).optional().meta({ description: '序时进度：linear 按年度值 × N ÷ 期数；plan 每行须给逐期计划（plan）；either 给了计划的行按计划' }),
    levels: z
      .array(z.strictObject({ level: textField, name: z.string().optional(), description: z.string().optional() }))
      .min(1)
      .meta({ description: '各级别，由重到轻（最前者最严重），如 红、黄、绿、蓝' }),
    combine: z
      .union([z.literal('worst'), z.strictObject({ order: z.array(textField).min(1) })])
      .optional()
      .meta({ description: '一个项目的级别：worst 取最严重的一级（按 levels 的顺序）；order 按所列顺序，先出现者为准' }),
    rules: z.record(z.string().min(1), levelRuleSchema),
    targets: z.partialRecord(z.enum(ROUTES), z.string().min(1)).meta({ description: '各类年度指标值所用的规则 id；带 % 的键（≥%）用于百分比指标，缺省时用不带 % 的键' }),
    budget: z.string().min(1).optional().meta({ description: '预算执行的规则 id' }),
    zeroBudget: z.enum(['zero_rate', 'refuse']).optional().meta({ description: '预算数为 0 或未填时：zero_rate 执行率按 0 计（一体化系统“解决除数为0的BUG”之后）；refuse 报错' }),
    budgetInLevel: z.boolean().optional().meta({ description: '预算执行的级别是否计入项目的级别（目标执行预警只看指标行：缺省 false）' }),
    projection: z
      .strictObject({
        quantity: z.enum(['linear', 'to_date', 'required']).optional(),
        rate: z.enum(['linear', 'to_date', 'required']).optional(),
      })
      .optional()
      .meta({ description: '单位未填全年预计完成值时的推算：linear 按序时线性外推（完成值 × 期数 ÷ N）；to_date 按当前值；required 须由单位填写。quantity 为数量、金额，rate 为百分比' }),
    department: z
      .strictObject({ combine: z.literal('worst') })
      .optional()
      .meta({ description: '部门汇总：各项目的级别取最严重者' }),
  })
  .meta({ title: '绩效运行监控 · in-year monitoring' });

/** A monitoring rubric: a document with a `monitoring` section. */
export const monitoringRubricSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().min(1),
  name: z.string().min(1),
  version: z.union([z.string(), z.number()]).transform(String).optional(),
  description: z.string().optional(),
  source: z.string().optional(),
  extends: z.string().min(1).optional().meta({ description: '所继承的内置监控规则 id' }),
  evaluation: z.string().min(1).optional().meta({ description: '年终自评所用的内置评分表 id：监控行原样转入其评价数据' }),
  monitoring: monitoringSchema.partial().optional(),
});

export type MonitoringDocument = z.output<typeof monitoringRubricSchema>;
export type MonitoringSection = z.output<typeof monitoringSchema>;
export type LevelRule = z.output<typeof levelRuleSchema>;

/** 完成目标可能性, as the form writes it. */
export const LIKELIHOODS = ['确定能', '有可能', '完全不可能'] as const;
/** 偏差原因, by the form's categories. */
export const CAUSES = ['经费保障', '制度保障', '人员保障', '硬件条件保障', '其他'] as const;

const figure = z.union([z.string(), z.number()]);

/** The monitoring figures and the form's fields of one row. */
export const rowMonitorSchema = z.strictObject({
  done: figure.optional().meta({ description: '1–N月完成值（定量指标）' }),
  level: z.enum(['达成', '部分达成', '未达成']).optional().meta({ description: '定性指标截至监控月的完成情况' }),
  plan: z.array(figure).optional().meta({ description: '逐期计划值（各期的计划完成量），序时进度取前 N 期之和' }),
  projected: figure.optional().meta({ description: '全年预计完成值（单位填写；缺省按评分表的推算方法）' }),
  projectedLevel: z.enum(['达成', '部分达成', '未达成']).optional().meta({ description: '定性指标全年预计完成情况' }),
  projectedScore: figure.optional().meta({ description: '定性指标按全年预计完成情况推算年终自评时的得分（达成缺省为满分）' }),
  likelihood: z.enum(LIKELIHOODS).meta({ description: '完成目标可能性：确定能、有可能、完全不可能' }),
  causes: z.array(z.enum(CAUSES)).optional().meta({ description: '偏差原因类别：经费保障、制度保障、人员保障、硬件条件保障、其他' }),
  reason: z.string().optional().meta({ description: '偏差原因分析' }),
  measure: z.string().optional().meta({ description: '整改措施（相关建议或举措）' }),
});

/** A row of the monitoring input: a row of the 自评表 (as it will be carried to it) and its monitoring. */
export const monitorRowSchema = rowInputSchema.omit({ actual: true, level: true, score: true, reason: true }).extend({ monitor: rowMonitorSchema });

/** The project's funds and the monitoring month. */
export const monitorFundsSchema = z.strictObject({
  through: ordinal(366).meta({ description: '监控截至第几期（月）：1–7月为 7' }),
  budget: figure.optional().meta({ description: '年初预算数（万元）' }),
  spent: figure.optional().meta({ description: '1–N月执行数（万元）' }),
  projectedSpend: figure.optional().meta({ description: '全年预计执行数（万元；缺省按序时线性推算）' }),
  budgetPlan: z.array(figure).optional().meta({ description: '逐期用款计划' }),
  unit: z.string().optional().meta({ description: '金额单位，缺省 万元' }),
});

export const monitorProjectSchema = z.strictObject({
  meta: z.record(z.string(), z.unknown()).optional(),
  monitor: monitorFundsSchema,
  rows: z.record(z.string(), z.array(z.unknown())),
});

/** A department's monitoring: its projects, each as a project's monitoring input. */
export const monitorDepartmentSchema = z.strictObject({
  meta: z.record(z.string(), z.unknown()).optional(),
  projects: z.array(z.unknown()).min(1),
});

export type MonitorRowInput = z.output<typeof monitorRowSchema>;
export type MonitorFunds = z.output<typeof monitorFundsSchema>;
