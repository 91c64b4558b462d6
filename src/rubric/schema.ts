import * as z from 'zod';
import { projectMethodsSchema, rowsSectionSchema } from '../project/schema.js';
import { ruleSchema } from '../rules/index.js';
import { expect } from '../issues/zod.js';
import { decimalField, formulaField, nonNegative, optionalText, positive, textField } from '../rules/fields.js';

/**
 * The rubric file format, as zod schemas: the single source of truth for the loader, the
 * TypeScript types and the JSON Schema shipped for editors.
 */

export const inputDeclSchema = z
  .strictObject({
    type: z.enum(['number', 'percent', 'count']).meta({ description: 'number：任意数值；percent：百分点（95.5 表示 95.5%）；count：非负整数' }),
    unit: optionalText.meta({ description: '单位，如 人、元、万元、份、期' }),
    label: optionalText.meta({ description: '显示名称' }),
    min: decimalField.optional(),
    max: decimalField.optional(),
    optional: z.boolean().optional(),
    description: optionalText,
  })
  .meta({ title: '输入数据 · input' });

export const metricDeclSchema = z.union([
  formulaField,
  z.strictObject({
    formula: formulaField,
    unit: optionalText,
    label: optionalText,
    description: optionalText,
    round: z.number().int().min(0).max(6)
      .or(z.string().regex(/^[0-6]$/, expect('0 到 6 的整数', 'a whole number from 0 to 6')).transform((s) => parseInt(s, 10)))
      .optional()
      .meta({ description: '先将此派生指标按本表的舍入方式保留几位小数再计分（如执行率49.88%按50%计：unit: "%"，round: 0）；不声明则不提前舍入 · decimal places the metric is rounded to before it is used' }),
  }),
]);

export const gradeSchema = z.strictObject({
  grade: textField.meta({ description: '等次名称，如 优秀' }),
  min: decimalField.meta({ description: '下限（含）' }),
});

export const vetoSchema = z
  .strictObject({
    id: textField,
    name: textField,
    when: formulaField.optional().meta({ description: '按输入数据判断是否触发（如 重大违规例数 > 0）；缺省由评价数据的 vetoes 声明' }),
    grade: textField.optional().meta({ description: '触发时等次最高为此' }),
    maxTotal: nonNegative.optional().meta({ description: '触发时总分最高为此（0 即总分记0分）' }),
    fail: z.union([z.literal(true), textField]).optional().meta({ description: '触发时评价结论为不合格（或写明结论的名称，如“不合格”）' }),
  })
  .meta({ title: '一票否决 · veto', description: '三种后果任选其一：grade 限定等次，maxTotal 限定总分，fail 评为不合格' });

/** 不适用 policies: what an indicator marked 不适用 by the evaluation does. */
export const notApplicablePolicy = z.enum(['forbidden', 'full', 'rescale', 'exclude']);

/* Per-indicator scoring policies (加分/扣分 caps, 不适用, weighted blocks, optional pools). */
const capField =  positive.optional().meta({ description: '加分项、扣分项的上限：最多加（扣）多少分，如“最多加5分”“扣分不超过10分”；下级分值之和可以超过它' });
const naField = notApplicablePolicy.optional().meta({
    description: '本指标（及其下级）被标记为不适用时：forbidden 不允许；full 按满分计；rescale 剔除分值后按百分制折算；exclude 剔除分值，上级和总分的满分相应减少。缺省沿用上级指标或评分表的设置',
  });
const weightField = z.union([decimalField, formulaField]).optional().meta({ description: '在 combine: weighted 的上级中的权重：数字（如 75 表示 75%），或按输入数据计算的公式（如资金额度）' });
const combineField = z.enum(['sum', 'weighted']).optional().meta({ description: 'sum（默认）：得分为下级得分之和；weighted：下级各按自己的满分计分，按权重折合为本指标分值（预算绩效50 = 预算管理75% + 财务管理25%）' });
const poolField = z
    .strictObject({
      pick: z.number().int().min(1).or(z.string().regex(/^[1-9]\d*$/, expect('正整数', 'a whole number ≥ 1')).transform((s) => parseInt(s, 10))).optional().meta({ description: '须选几项（“二者择其一”为 1）；缺省为至少一项' }),
      split: z.enum(['weights', 'equal']).optional().meta({ description: '所选各项分享本指标分值的方式：weights（默认）按各项分值的比例；equal 平均分配' }),
    })
    .optional()
    .meta({ description: '可选项：评价数据将未选的下级指标标记为不适用，本指标分值由所选各项分享' });

export interface IndicatorInput {
  id?: string | number;
  name: string | number;
  max: string | number;
  bonus?: boolean;
  penalty?: boolean;
  cap?: string | number;
  notApplicable?: 'forbidden' | 'full' | 'rescale' | 'exclude';
  weight?: string | number;
  combine?: 'sum' | 'weighted';
  pool?: { pick?: number | string; split?: 'weights' | 'equal' };
  standard?: string | number;
  description?: string | number;
  rule?: z.input<typeof ruleSchema>;
  rows?: z.input<typeof rowsSectionSchema>;
  children?: IndicatorInput[];
}

export const indicatorSchema = z
  .strictObject({
    id: textField.optional().meta({ description: '全表唯一的 id，缺省为 name' }),
    name: textField.meta({ description: '指标名称' }),
    max: nonNegative.meta({ description: '分值' }),
    bonus: z.boolean().optional().meta({ description: '加分项：得分加在总分之上，最多加分值' }),
    penalty: z.boolean().optional().meta({ description: '扣分项：从总分中扣除，最多扣分值' }),
    cap: capField,
    notApplicable: naField,
    weight: weightField,
    combine: combineField,
    pool: poolField,
    standard: optionalText.meta({ description: '评分标准原文' }),
    description: optionalText,
    rule: ruleSchema.optional(),
    rows: rowsSectionSchema.optional().meta({ description: '本指标的末级指标由评价数据逐行提供（项目支出绩效自评表的产出、效益、满意度指标）' }),
    get children() {
      return z.array(indicatorSchema).min(1).optional();
    },
  })
  .meta({ title: '指标 · indicator' });

/**
 * 复核: which departures of a filed form from its rules the reviewers of this rubric accept as
 * judgement. An accepted departure is still shown beside the rule's figure; it is not an error.
 */
export const reviewPolicySchema = z
  .strictObject({
    accept: z
      .array(z.enum(['docked_with_reason', 'met_docked_with_reason']))
      .optional()
      .meta({
        description:
          '审核人接受的偏离：docked_with_reason 定量行填报得分低于规则得分且写明偏差原因；met_docked_with_reason 仅限已完成指标值（按规则得满分）的行 · departures accepted as judgement: a quantitative row filed below its rule with a written reason (any row, or met rows only)',
      }),
  })
  .meta({ title: '复核 · review policy' });

/** Changes to one indicator of the rubric a variant extends. */
export const indicatorPatchSchema = z
  .strictObject({
    name: textField.optional(),
    max: nonNegative.optional(),
    bonus: z.boolean().optional(),
    penalty: z.boolean().optional(),
    cap: capField,
    notApplicable: naField,
    weight: weightField,
    combine: combineField,
    pool: poolField,
    standard: optionalText,
    description: optionalText,
    rule: ruleSchema.optional(),
    rows: rowsSectionSchema.optional(),
    children: z.array(indicatorSchema).min(1).optional().meta({ description: '替换全部下级指标' }),
  })
  .meta({ title: '指标修改 · indicator override' });

/** Column headings the level, standard and 分值 columns already use: a score or note column may not take one. */
const RESERVED_HEADING = /^(?:[一二三四五六七八九]级指标|评分标准|分值)$/;

/** 评分表的印法: headings of the score and note columns (自评得分 / 复核得分, 扣分原因 / 偏差原因分析). */
export const sheetSettingsSchema = z
  .strictObject({
    headings: z
      .strictObject({
        scores: z.array(textField).min(1).max(4).optional().meta({ description: '得分列的表头，每列一个，如 [自评得分] 或 [自评得分, 复核得分]；缺省为 得分' }),
        reason: textField.optional().meta({ description: '说明列的表头，如 扣分原因、偏差原因分析；缺省为 扣分原因（空白表）' }),
      })
      .superRefine((h, ctx) => {
        const all = [...(h.scores ?? []), ...(h.reason !== undefined ? [h.reason] : [])];
        all.forEach((t, i) => {
          const path = i < (h.scores?.length ?? 0) ? ['scores', i] : ['reason'];
          if (RESERVED_HEADING.test(t.trim())) ctx.addIssue({ code: 'custom', path, message: `表头“${t}”已用于指标、评分标准或分值列 · the heading "${t}" is taken by a level, standard or 分值 column` });
          else if (all.indexOf(t) !== i) ctx.addIssue({ code: 'custom', path, message: `表头“${t}”重复 · the heading "${t}" is repeated` });
        });
      })
      .optional(),
  })
  .meta({ title: '评分表的印法 · how the sheet is printed' });

export const rubricSchema = z
  .strictObject({
    $schema: z.string().optional(),
    extends: textField.optional().meta({ description: '所继承的评分表：内置 id 或相对路径' }),
    id: textField.meta({ description: '评分表 id' }),
    name: textField.meta({ description: '评分表名称' }),
    version: optionalText,
    description: optionalText,
    source: optionalText,
    precision: z.number().int().min(0).max(6).optional()
      .or(z.string().regex(/^[0-6]$/, expect('0 到 6 的整数', 'a whole number from 0 to 6')).transform((s) => parseInt(s, 10)))
      .meta({ description: '得分保留小数位数，默认 2' }),
    rounding: z.enum(['half-up', 'half-even', 'down', 'up']).optional(),
    notApplicable: notApplicablePolicy.optional(),
    notApplicableLimit: nonNegative.optional().meta({ description: '一次评价中可以按 rescale 或 exclude 剔除的不适用指标分值合计上限（分），缺省为满分的一半（50%）' }),
    maxTotal: nonNegative.optional().meta({ description: '总分上限（含加分项），如“总分不超过100分”' }),
    grades: z.array(gradeSchema).min(1).optional(),
    inputs: z.record(z.string().min(1), z.union([inputDeclSchema, z.null()])).optional()
      .meta({ description: '输入数据；在变体中写 null 表示删除' }),
    metrics: z.record(z.string().min(1), z.union([metricDeclSchema, z.null()])).optional(),
    vetoes: z.array(vetoSchema).optional(),
    project: projectMethodsSchema.optional(),
    review: reviewPolicySchema.optional(),
    sheet: sheetSettingsSchema.optional(),
    indicators: z.array(indicatorSchema).min(1).optional().meta({ description: '指标树（变体用 overrides/remove/add 修改所继承的指标树）' }),
    overrides: z.record(z.string().min(1), indicatorPatchSchema).optional().meta({ description: '变体：按 id 修改指标' }),
    remove: z.array(textField).optional().meta({ description: '变体：按 id 删除指标' }),
    add: z
      .array(
        z.strictObject({
          parent: textField.optional().meta({ description: '上级指标 id；缺省为一级指标' }),
          after: textField.optional().meta({ description: '插在此 id 之后；缺省为末尾' }),
          indicator: indicatorSchema,
        }),
      )
      .optional()
      .meta({ description: '变体：新增指标' }),
  })
  .meta({ title: 'jixiao 评分表 · rubric' });

export type RubricDocument = z.output<typeof rubricSchema>;
export type RubricDocumentInput = z.input<typeof rubricSchema>;
export type IndicatorDocument = z.output<typeof indicatorSchema>;
export type InputDeclaration = z.output<typeof inputDeclSchema>;

export { positive };
