import * as z from 'zod';
import { inputDocumentSchema } from '../evaluate/input.js';
import { rowInputSchema } from '../project/rows.js';

/**
 * A filed form (填报的自评表): an evaluation as the evaluation input writes it (values,
 * assessments, rows), plus what the form printed — each row's and indicator's 自评得分, the
 * subtotals, the printed rates, the total, the grade and the form's 偏差原因. `review` splits it
 * into the evaluation input and the filed figures, scores the one by the rules and sets every
 * departure of the other beside it.
 */

const figure = z.union([z.number(), z.string()]);

/** One row of a filed form: a row of the evaluation input and its printed 得分. */
export const filedRowSchema = rowInputSchema.extend({
  filed: figure.optional().meta({ description: '自评得分：表上填报的本行得分（定性指标即评价人给出的得分）' }),
});

/** What the form printed, beside the figures it was scored from. */
export const filedFiguresSchema = z
  .strictObject({
    scores: z
      .record(z.string(), figure)
      .optional()
      .meta({ description: '各指标的填报得分，按指标 id 或路径：末级指标为自评得分，上级指标为填报小计（如 预算执行率: 9、产出指标: 48）' }),
    metrics: z
      .record(z.string(), figure)
      .optional()
      .meta({ description: '表上印出的派生指标，按百分点（如 预算执行率: 99 表示执行率 99%）' }),
    total: figure.optional().meta({ description: '填报总分' }),
    grade: z.string().nullable().optional().meta({ description: '填报等次（表上未印时不填）' }),
    deviation: z.string().optional().meta({ description: '表上整体的偏差原因分析（各行的偏差原因写在行的 reason 中）' }),
  })
  .meta({ title: '填报数据 · what was filed' });

/** The shape of a filed form (JSON or YAML). */
export const filedDocumentSchema = inputDocumentSchema
  .extend({
    rows: z
      .record(z.string(), z.array(filedRowSchema))
      .optional()
      .meta({ description: '项目支出绩效自评表的指标行，每行可带填报得分 filed' }),
    filed: filedFiguresSchema,
  })
  .meta({ title: 'jixiao 填报的自评表 · filed form' });

/** A filed form: an evaluation input and what was filed. */
export type FiledForm = z.input<typeof filedDocumentSchema>;
/** The figures a form printed. */
export type FiledFigures = z.input<typeof filedFiguresSchema>;
