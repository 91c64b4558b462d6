import type { LintCheck } from '../context.js';

/**
 * A rubric names its version (`missing_version`, warning): every result records the version and
 * the content fingerprint of the rubric that scored it, so a past year can be re-scored under the
 * rubric then in force — a fingerprint alone does not tell a person which sheet that was.
 */
export const version: LintCheck = {
  name: 'version',
  summary: '评分表写明版本 · a rubric names its version',
  run(ctx) {
    if (ctx.doc.version !== undefined && ctx.doc.version.trim() !== '') return [];
    return [ctx.issue('missing_version', { id: ctx.doc.id }, ['id'])];
  },
};
