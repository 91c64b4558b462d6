import { RubricError, type SafeResult } from './issues/errors.js';
import { makeIssue } from './issues/issue.js';
import type { Rubric } from './rubric/compile.js';
import { safeLoadRubric } from './rubric/load.js';
import hunanDepartment from '../rubrics/hunan-department.yaml';
import kunmingDepartment from '../rubrics/kunming-department.yaml';
import hunanCountyDepartment from '../rubrics/hunan-county-department.yaml';

const BUNDLED: Record<string, string> = {
  'hunan-department': hunanDepartment,
  'kunming-department': kunmingDepartment,
  'hunan-county-department': hunanCountyDepartment,
};

/** Ids of the rubrics shipped with jixiao. */
export const bundledRubricIds: readonly string[] = Object.freeze(Object.keys(BUNDLED));

/** The YAML text of a bundled rubric, or undefined. */
export function bundledRubricSource(id: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(BUNDLED, id) ? BUNDLED[id] : undefined;
}

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
