import { loadRubricArg, type Command } from '../context.js';

export const validate: Command = {
  name: 'validate',
  usage: 'jixiao validate <评分表.yaml|内置id> [...]',
  summary: '检查评分表 · check rubric files',
  run(ctx) {
    if (ctx.args.length === 0) {
      ctx.err(`用法 · usage: ${this.usage}\n`);
      return 2;
    }
    let code = 0;
    for (const arg of ctx.args) {
      const r = loadRubricArg(arg);
      if (!r.success) {
        ctx.report(r.issues);
        code = 1;
        continue;
      }
      ctx.report(r.warnings);
      const leaves = [...r.value.byId.values()].filter((n) => n.children.length === 0).length;
      ctx.out(`✔ ${arg}: ${r.value.name} — ${r.value.byId.size} 个指标（${leaves} 个末级），满分 ${r.value.max.toFixed()}\n`);
    }
    return code;
  },
};
