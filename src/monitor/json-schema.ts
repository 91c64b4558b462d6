import * as z from 'zod';
import { monitorDepartmentSchema, monitoringRubricSchema, monitorProjectSchema, monitorRowSchema } from './schema.js';

/**
 * The JSON Schema (draft 2020-12) of monitoring rubric files, from the zod schema the loader uses.
 * @example writeFileSync('monitoring.schema.json', JSON.stringify(monitoringJsonSchema(), null, 2))
 */
export function monitoringJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(monitoringRubricSchema, { io: 'input', unrepresentable: 'any' }), title: 'jixiao 绩效运行监控规则 · monitoring rubric' };
}

/**
 * The JSON Schema of a monitoring input: one project (`monitor` and its `rows`, each row a row of the
 * 自评表 with its `monitor`), or a department's `projects`.
 */
export function monitoringInputJsonSchema(): Record<string, unknown> {
  const project = monitorProjectSchema.extend({ rows: z.record(z.string(), z.array(monitorRowSchema)) });
  const department = monitorDepartmentSchema.extend({ projects: z.array(project).min(1) });
  return { ...z.toJSONSchema(z.union([project, department]), { io: 'input', unrepresentable: 'any' }), title: 'jixiao 绩效运行监控数据 · monitoring input' };
}
