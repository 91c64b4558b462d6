import { makeIssue, type Issue } from '../issues/issue.js';

/**
 * Compiled rubrics carry this mark, so that `evaluate` can tell one from an object of the same
 * shape that is not compiled — most often a rubric sent through `JSON.stringify`, which keeps
 * the data but loses the Maps and the scorers. A registered symbol: JSON drops it, a spread
 * (`{ ...rubric, file }`) keeps it, and two copies of the library (ESM and CommonJS) agree on it.
 */
const RUBRIC = Symbol.for('jixiao.rubric');

/** Mark a freshly compiled rubric (before it is frozen). */
export function markRubric<T extends object>(rubric: T): T {
  Object.defineProperty(rubric, RUBRIC, { value: true, enumerable: true });
  return rubric;
}

/**
 * Undefined for a rubric from `loadRubric`; otherwise the `not_a_rubric` issue. Never throws,
 * whatever it is given (a revoked proxy, a getter that throws).
 */
export function checkRubric(value: unknown): Issue | undefined {
  let marked = false;
  try {
    marked = typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[RUBRIC] === true;
  } catch {
    marked = false;
  }
  if (marked) return undefined;
  let received: string = value === null ? 'null' : typeof value;
  try {
    if (Array.isArray(value)) received = 'array';
  } catch {
    received = 'proxy';
  }
  return makeIssue('not_a_rubric', { received });
}
