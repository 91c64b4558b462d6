import { inputJsonSchema, rubricJsonSchema } from '../../entries/authoring.js';
import type { Command } from '../context.js';

export const schema: Command = {
  name: 'schema',
  usage: 'jixiao schema [rubric|input]',
  summary: '输出 JSON Schema · print the JSON Schema of rubric or input files',
  run(ctx) {
    const which = ctx.args[0] ?? 'rubric';
    if (ctx.args.length > 1 || (which !== 'rubric' && which !== 'input')) {
      ctx.err(`用法 · usage: ${this.usage}\n`);
      return 2;
    }
    ctx.out(`${JSON.stringify(which === 'rubric' ? rubricJsonSchema() : inputJsonSchema(), null, 2)}\n`);
    return 0;
  },
};
