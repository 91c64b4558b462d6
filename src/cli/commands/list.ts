import { bundledRubricIds, safeLoadBundledRubric } from '../../index.js';
import type { Command } from '../context.js';

export const list: Command = {
  name: 'list',
  usage: 'jixiao list',
  summary: '列出内置评分表 · list bundled rubrics',
  run(ctx) {
    for (const id of bundledRubricIds) {
      const r = safeLoadBundledRubric(id);
      ctx.out(r.success ? `${id}\t${r.value.name}${r.value.version ? `（${r.value.version}）` : ''}\n` : `${id}\n`);
    }
    return 0;
  },
};
