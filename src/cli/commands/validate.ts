import { loadRubricArg, shown, STDIN, type Command } from '../context.js';

export const validate: Command = {
  name: 'validate',
  usage: 'jixiao validate <评分表.yaml|内置id> [...]',
  summary: '检查评分表 · check rubric files',
  options: { 'extends-root': 'value' },
  run(ctx) {
    if (ctx.args.length === 0) {
      ctx.err(`用法 · usage: ${this.usage}\n`);
      return 2;
    }
    let code = 0;
    for (const arg of ctx.args) {
      const r = loadRubricArg(ctx, arg);
      if (!r.success) {
        ctx.report(r.issues);
        code = 1;
        continue;
      }
      ctx.report(r.warnings);
      const leaves = [...r.value.byId.values()].filter((n) => n.children.length === 0).length;
      const n = r.value.byId.size;
      const max = r.value.max.toFixed();
      const zh = `${n} 个指标（${leaves} 个末级），满分 ${max}`;
      const en = `${n} indicator${n === 1 ? '' : 's'} (${leaves} lea${leaves === 1 ? 'f' : 'ves'}), max ${max}`;
      ctx.out(`✔ ${shown(arg === '-' ? STDIN : arg)}: ${shown(r.value.name)} — ${ctx.say(zh, en)}\n`);
    }
    return code;
  },
};
