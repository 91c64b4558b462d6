import { RubricError, type SafeResult } from './issues/errors.js';
import { badArgument, neverThrows } from './issues/guard.js';
import { makeIssue } from './issues/issue.js';
import type { Rubric } from './rubric/types.js';
import { safeLoadRubric } from './rubric/load.js';
import { bundledRubricIds, bundledRubricSource } from './rubric/sources.js';

export { bundledRubricIds, bundledRubricSource };

/**
 * Load a bundled rubric by id without throwing: an id that is not a string is `invalid_argument`
 * (said without reading it), one that names no bundled rubric `unknown_bundled_rubric`.
 * @example const r = safeLoadBundledRubric('hunan-department'); if (r.success) evaluate(r.value, input);
 */
export function safeLoadBundledRubric(id: string): SafeResult<Rubric> {
  if (typeof id !== 'string') return { success: false, issues: [badArgument('safeLoadBundledRubric', 'id', { zh: '内置评分表的 id（文本）', en: 'the id of a bundled rubric (a string)' }, id)] };
  return neverThrows('safeLoadBundledRubric', () => {
    const text = bundledRubricSource(id);
    if (text === undefined) {
      return { success: false, issues: [makeIssue('unknown_bundled_rubric', { id: id.length > 60 ? `${id.slice(0, 60)}…` : id, ids: bundledRubricIds.join('、') })] };
    }
    return safeLoadRubric(text, { file: `rubrics/${id}.yaml` });
  });
}

/**
 * Load a bundled rubric by id; throws {@link RubricError} for an unknown id.
 * @example const rubric = loadBundledRubric('hunan-department');
 */
export function loadBundledRubric(id: string): Rubric {
  const r = safeLoadBundledRubric(id);
  if (!r.success) throw new RubricError(r.issues);
  return r.value;
}
