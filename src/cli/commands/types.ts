import { generateTypes } from '../../entries/authoring.js';
import { loadRubricArg, type Command } from '../context.js';
import { outputArg } from './import.js';

export const types: Command = {
  name: 'types',
  usage: 'jixiao types <评分表.yaml|内置id> [-o input-types.ts] [--name 类型名] [--zod]',
  summary: '生成评价数据的 TypeScript 类型（--zod 另附 zod schema）· TypeScript types of the input (and, --zod, a zod schema)',
  options: { output: 'value', name: 'value', zod: 'flag', 'extends-root': 'value' },
  run(ctx) {
    const a = outputArg(ctx.args, ctx.flags);
    if (!a || a.rest.length !== 1) {
      ctx.err(`用法 · usage: ${this.usage}\n`);
      return 2;
    }
    const name = ctx.flags.get('name');
    if (name !== undefined && (typeof name !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(name))) {
      ctx.err(`--name 应为 TypeScript 标识符，如 HunanDepartment · --name must be a TypeScript identifier\n`);
      return 2;
    }
    const r = loadRubricArg(ctx, a.rest[0]!);
    if (!r.success) {
      ctx.report(r.issues);
      return 1;
    }
    const code = generateTypes(r.value, { ...(typeof name === 'string' ? { name } : {}), ...(ctx.flags.get('zod') === true ? { zod: true } : {}) });
    if (a.output) return ctx.write(a.output, code) ? 0 : 1;
    ctx.out(code);
    return 0;
  },
};
