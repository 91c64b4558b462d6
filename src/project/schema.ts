import * as z from 'zod';
import type { Decimal } from '../decimal.js';
import { Exact } from '../exact.js';
import { nonNegative } from '../rules/fields.js';
import type { RowMethods } from './score.js';

/**
 * What a rubric says about the rows of a project form (项目支出绩效自评表): which sections take
 * their indicators from the evaluation's rows, and how those rows are scored. Read by the rubric
 * schema (src/rubric/schema.ts) and compiled with the rubric (src/rubric/compile.ts).
 */

/** In a rubric: an indicator whose leaves are the evaluation's rows. */
export const rowsSectionSchema = z
  .strictObject({
    weights: z.enum(['exact', 'scaled']).optional().meta({ description: 'exact：各行分值之和须等于本指标分值；scaled：按比例折算到本指标分值' }),
    empty: z.enum(['forbidden', 'redistribute', 'zero']).optional().meta({ description: '没有行时：forbidden 报错；redistribute 把分值按比例分给其他行指标；zero 计 0 分' }),
    emptyTarget: z.enum(['forbidden', 'not_applicable']).optional().meta({ description: '年度指标值为空的行：forbidden 报错（默认）；not_applicable 按不适用处理，该行不计分，其分值按比例并入本指标其余各行' }),
    method: z
      .enum(['target', 'times_actual'])
      .optional()
      .meta({ description: 'target：按年度指标值计分；times_actual：正向（≥、>）百分比指标得分=分值×实际完成值%（如满意度，达标也按比例），其他行（反向、等于0、“=”、区间、非百分比）仍按年度指标值计分' }),
  })
  .meta({ title: '逐行指标 · rows from the evaluation' });

/** In a rubric: how rows are scored (财预〔2020〕10号 and the variants in use). */
export const projectMethodsSchema = z
  .strictObject({
    inverse: z.enum(['inverse', 'linear']).optional().meta({ description: '反向指标未达标：inverse 按 A/B；linear 按 1−(B−A)/A（B≥2A 为 0）' }),
    equals: z.enum(['all_or_nothing', 'proportional']).optional().meta({ description: '“=”型指标未达到：all_or_nothing 不得分；proportional 按比例' }),
    levels: z
      .strictObject({ achieved: nonNegative, partly: nonNegative })
      .optional()
      .meta({ description: '定性指标各档下限（占分值的百分比）：全国 80/60，湖北 80/50' }),
    overAchievement: nonNegative.optional().meta({ description: '完成值达到指标值的此百分比以上时提示偏离度（如 200），不改变得分' }),
    reasonRequired: z.boolean().optional().meta({ description: '未完全达成的行须填写偏差原因（默认 true）' }),
    unmetRounding: z
      .enum(['below_full', 'as_rounded'])
      .optional()
      .meta({
        description:
          '未完成指标值的定量行舍入到满分时：below_full 记分值减一个精度单位（如 7.99），未完成的行不得满分（默认）；as_rounded 照常舍入，可得满分（预算管理一体化系统按 round(分值×完成比例, 2) 计，49.99 对 ≥50、分值 8 得 8.00），偏差原因仍须填写 · an unmet row whose proportional score rounds to its 分值: below_full takes one step below it (default); as_rounded keeps the rounded score, as the 一体化 module does',
      }),
  })
  .meta({ title: '项目支出自评计分方法 · project row scoring' });

export type RowsSection = Required<z.output<typeof rowsSectionSchema>>;
export type ProjectMethods = z.output<typeof projectMethodsSchema>;

/** The row scoring of a rubric, with the national defaults. */
export function rowMethods(rubric: Pick<RowMethods, 'precision' | 'rounding'>, m: ProjectMethods | undefined): RowMethods & { reasonRequired: boolean } {
  const pct = (n: Decimal | number) => (typeof n === 'number' ? Exact.int(n) : Exact.fromDecimal(n)).div(Exact.int(100));
  const out: RowMethods & { reasonRequired: boolean } = {
    inverse: m?.inverse ?? 'inverse',
    equals: m?.equals ?? 'all_or_nothing',
    levels: { achieved: pct(m?.levels?.achieved ?? 80), partly: pct(m?.levels?.partly ?? 60) },
    precision: rubric.precision,
    rounding: rubric.rounding,
    reasonRequired: m?.reasonRequired ?? true,
    unmetRounding: m?.unmetRounding ?? 'below_full',
  };
  if (m?.overAchievement !== undefined) out.overAchievement = pct(m.overAchievement);
  return out;
}
