import type { Issue, IssueCode } from './issue.js';

/** A name that is not declared: with a hint (a declared name within a typo of it), the likely cause. */
const UNKNOWN: ReadonlySet<IssueCode> = new Set<IssueCode>(['unknown_key', 'input_unknown', 'assessment_unknown', 'veto_unknown', 'rows_unknown_section']);
/** Something the document leaves out — often the other side of a misspelt name. */
const MISSING: ReadonlySet<IssueCode> = new Set<IssueCode>(['missing_key', 'input_missing', 'assessment_missing', 'checklist_item_missing', 'rows_missing']);

/**
 * How likely an issue is to be the cause of the others: 0 for an unknown name near a declared one
 * (`input_unknown` 在职人效 → 在职人数: the figure given under a misspelt name), 2 for what is
 * missing (`input_missing` 在职人数: often the same mistake, seen from the other side), 1 for
 * everything else.
 */
function causeRank(i: Issue): 0 | 1 | 2 {
  if (UNKNOWN.has(i.code) && typeof i.params.hint === 'string') return 0;
  return MISSING.has(i.code) ? 2 : 1;
}

/**
 * Issues with the likely cause first: unknown names near a declared one, then the rest, then
 * what is missing; within each, by `position` (compared element by element: line and column, or
 * the order of the entries in the document), then as they were found. Deterministic and stable.
 */
export function likelyCauseFirst(issues: readonly Issue[], position: (i: Issue) => readonly number[] = () => []): Issue[] {
  const keyed = issues.map((issue, index) => ({ issue, index, cause: causeRank(issue), at: position(issue) }));
  keyed.sort((a, b) => a.cause - b.cause || comparePositions(a.at, b.at) || a.index - b.index);
  return keyed.map((k) => k.issue);
}

function comparePositions(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return a.length - b.length;
}
