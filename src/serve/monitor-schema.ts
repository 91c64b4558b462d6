/**
 * The shapes of what monitoring (双监控) gives, as zod schemas: a project's result, a department's,
 * and the summary of many. The OpenAPI document draws them; `POST /v1/monitor/summary` checks
 * stored results against them before summing them up. Figures are plain decimal strings.
 */
import { expect } from '../issues/zod.js';
import * as z from 'zod';
import { RESULT_DECIMAL } from '../report/stored.js';

const decimal = z.string().regex(RESULT_DECIMAL, expect('十进制数字文本（如 12.5）', 'a plain decimal (such as 12.5)')).describe('十进制数字文本 · a plain decimal');
const level = z.string().describe('级别（红、黄、绿、蓝，或监控规则自定的级别）· a level');

/**
 * A whole number; a body read as a document keeps its numbers as written (decimal text), so a
 * stored result's counts arrive as `"7"` and are read back as numbers.
 */
const whole = (min: number) => z.preprocess((v) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : v), z.number().int().min(min));

const rubricRef = z.object({ id: z.string(), name: z.string(), version: z.string().optional(), fingerprint: z.string() });
const levels = z.array(z.object({ level, name: z.string() }));
const counts = z.record(z.string(), whole(0));

/** One row of the 监控表, as monitored. */
export const monitoredRowSchema = z.object({
  section: z.string(),
  index: whole(0),
  group: z.string().optional(),
  name: z.string(),
  weight: z.string(),
  target: z.string(),
  unit: z.string(),
  done: z.string().describe('1–N月完成值：十进制数字，或定性行的 达成 / 部分达成 / 未达成'),
  expected: decimal.optional(),
  progress: decimal.optional(),
  projected: z.string(),
  projection: z.enum(['department', 'linear', 'to_date']),
  meets: z.boolean(),
  level,
  levelName: z.string(),
  rule: z.string(),
  reason: z.string(),
  likelihood: z.string(),
  causes: z.array(z.string()),
  cause: z.string().optional(),
  measure: z.string().optional(),
});

const fundsSchema = z.object({
  unit: z.string(),
  budget: decimal,
  spent: decimal,
  projectedSpend: decimal,
  projection: z.enum(['department', 'linear']),
  rate: decimal.optional(),
  progress: decimal.optional(),
  level: level.optional(),
  levelName: z.string().optional(),
  rule: z.string().optional(),
  reason: z.string().optional(),
});

/** A project's monitoring: every row's level, the funds (预算执行), the project's level. */
export const monitoringResultSchema = z.object({
  kind: z.literal('monitoring'),
  rubric: rubricRef,
  period: z.object({ through: whole(1), length: whole(1), unit: z.string() }),
  meta: z.record(z.string(), z.string()),
  funds: fundsSchema.nullable(),
  rows: z.array(monitoredRowSchema),
  level,
  levelName: z.string(),
  reason: z.string(),
  counts,
  levels,
});

/** A department's monitoring: its projects and the department's level. */
export const departmentMonitoringResultSchema = z.object({
  kind: z.literal('department-monitoring'),
  rubric: rubricRef,
  meta: z.record(z.string(), z.string()),
  projects: z.array(monitoringResultSchema).min(1),
  level,
  levelName: z.string(),
  reason: z.string(),
  counts,
  levels,
});

/** What `POST /v1/monitor` answers as `value`. */
export const anyMonitoringResultSchema = z.discriminatedUnion('kind', [monitoringResultSchema, departmentMonitoringResultSchema]);

/** Many projects' monitoring summed up: levels counted by department, every row at the most severe level. */
export const monitoringSummarySchema = z.object({
  kind: z.literal('monitoring-summary'),
  title: z.string(),
  levels,
  departments: z.array(z.object({ department: z.string(), projects: whole(0), counts })),
  worst: z.array(z.object({ department: z.string(), project: z.string(), row: monitoredRowSchema })),
  rubric: rubricRef,
  period: z.object({ through: whole(0), length: whole(1), unit: z.string() }),
});
