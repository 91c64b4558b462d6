import { inputJsonSchema, rubricJsonSchema } from '../../entries/authoring.js';
import { filedJsonSchema } from '../../review/json-schema.js';
import { monitoringInputJsonSchema, monitoringJsonSchema } from '../../entries/monitor.js';
import type { Command } from '../context.js';

export const schema: Command = {
  name: 'schema',
  usage: 'jixiao schema [rubric|input|filed|monitoring|monitoring-input]',
  summary: '输出 JSON Schema · print the JSON Schema of rubric, input, filed-form or monitoring files',
  run(ctx) {
    const which = ctx.args[0] ?? 'rubric';
    if (ctx.args.length > 1 || !['rubric', 'input', 'filed', 'monitoring', 'monitoring-input'].includes(which)) {
      ctx.err(`用法 · usage: ${this.usage}\n`);
      return 2;
    }
    const schema =
      which === 'rubric' ? rubricJsonSchema() : which === 'filed' ? filedJsonSchema() : which === 'monitoring' ? monitoringJsonSchema() : which === 'monitoring-input' ? monitoringInputJsonSchema() : inputJsonSchema();
    ctx.out(`${JSON.stringify(schema, null, 2)}\n`);
    return 0;
  },
};
