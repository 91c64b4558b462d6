import { bundledRubricIds, safeLoadBundledRubric } from '../../index.js';
import { bundledMonitoringIds, safeLoadBundledMonitoring } from '../../entries/monitor.js';
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
    // The monitoring rubrics (双监控), scored into levels by jixiao/monitor.
    for (const id of bundledMonitoringIds) {
      const r = safeLoadBundledMonitoring(id);
      ctx.out(r.success ? `${id}\t${r.value.name}${r.value.version ? `（${r.value.version}）` : ''}\n` : `${id}\n`);
    }
    return 0;
  },
};
