import type { Issue } from '../../issues/issue.js';
import type { LintCheck } from '../context.js';

/**
 * Ids are unique in the whole rubric (`duplicate_id`, error: evaluations address indicators by
 * id), and no two siblings share a name (`duplicate_sibling_name`, warning: the printed sheet
 * would show two identical rows under one parent). The same name under different parents — 管理
 * 制度健全性 under both 预算管理 and 资产管理 — is fine once the ids differ.
 */
export const duplicates: LintCheck = {
  name: 'duplicates',
  summary: 'id 全表唯一，同一上级下指标名称不重复 · unique ids and sibling names',
  run(ctx) {
    const out: Issue[] = [];
    const firstAt = new Map<string, string>();
    for (const n of ctx.nodes) {
      const first = firstAt.get(n.id);
      if (first !== undefined)
        out.push(ctx.issue('duplicate_id', { id: n.id, first }, [...n.docPath, n.doc.id !== undefined ? 'id' : 'name'], { indicator: n.path, severity: 'error' }));
      else firstAt.set(n.id, n.path);
    }
    const groups = [ctx.roots, ...ctx.nodes.map((n) => n.children)];
    for (const siblings of groups) {
      siblings.forEach((n, i) => {
        const first = siblings.findIndex((o) => o.name === n.name);
        if (first < i) out.push(ctx.issue('duplicate_sibling_name', { name: n.name, first: first + 1, second: i + 1 }, [...n.docPath, 'name'], { indicator: n.path }));
      });
    }
    return out;
  },
};
