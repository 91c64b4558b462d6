import { RubricError, type SafeResult } from './issues/errors.js';
import { makeIssue } from './issues/issue.js';
import type { Rubric } from './rubric/compile.js';
import { safeLoadRubric } from './rubric/load.js';
import { bundledRubricIds, bundledRubricSource } from './rubric/sources.js';

export { bundledRubricIds, bundledRubricSource };

/** Load a bundled rubric by id without throwing. */
export function safeLoadBundledRubric(id: string): SafeResult<Rubric> {
  const text = bundledRubricSource(id);
  if (text === undefined) {
    return { success: false, issues: [makeIssue('unknown_bundled_rubric', { id, ids: bundledRubricIds.join('、') })] };
  }
  return safeLoadRubric(text, { file: `rubrics/${id}.yaml` });
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
