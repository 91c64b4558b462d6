import type { Issue } from './issue.js';
import { formatIssues } from './format.js';

/** Base class of every error jixiao throws: it carries the non-empty list of issues. */
export class JixiaoError extends Error {
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[], name = 'JixiaoError') {
    super(formatIssues(issues));
    this.name = name;
    this.issues = issues;
  }
}

/** A rubric file that cannot be loaded: YAML syntax, schema or meaning. */
export class RubricError extends JixiaoError {
  constructor(issues: readonly Issue[]) {
    super(issues, 'RubricError');
  }
}

/** Inputs that do not fit the rubric, or figures that cannot be scored. */
export class EvaluationError extends JixiaoError {
  constructor(issues: readonly Issue[]) {
    super(issues, 'EvaluationError');
  }
}

/** The result of a `safe…` call. */
export type SafeResult<T> = { success: true; value: T; warnings: Issue[] } | { success: false; issues: Issue[] };
