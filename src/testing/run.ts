import * as fc from 'fast-check';
import type { EvaluationInput, Rubric } from '../index.js';
import { checkEvaluation, propertyNames, type EvaluationCheckOptions, type PropertyName, type Violation } from './checks.js';
import { arbitraryInput, type InputOptions } from './inputs.js';
import { monotoneChecks } from './monotone.js';
import { brief } from './util.js';

/**
 * Thrown inside a fast-check predicate: the violations of one run (what {@link rubricProperty}
 * and {@link monotoneProperties} throw, so that fast-check shrinks the input).
 * @example
 * fc.property(arbitraryInput(rubric), (input) => {
 *   const { violations } = checkEvaluation(rubric, input);
 *   if (violations.length) throw new PropertyViolationError(violations);
 * });
 */
export class PropertyViolationError extends Error {
  readonly violations: readonly Violation[];
  constructor(violations: readonly Violation[]) {
    super(violations.map(describeViolation).join('\n'));
    this.name = 'PropertyViolationError';
    this.violations = violations;
  }
}

/**
 * One violation as a line of text.
 * @example describeViolation(v) // 'property "sums" · indicator 过程.预算执行: score 9.5 ≠ …'
 */
export function describeViolation(x: Violation): string {
  return `property "${x.property}"${x.indicator ? ` · indicator ${x.indicator}` : ''}: ${x.message}`;
}

/** Options of {@link rubricProperty} and {@link checkRubricProperties}. */
export interface PropertyOptions extends EvaluationCheckOptions {
  /** How inputs are generated (ranges for open-ended inputs, 不适用, vetoes…). */
  input?: InputOptions;
  /** Indicator ids left out of the `monotone` property (bands that peak in the middle on purpose). */
  notMonotone?: readonly string[];
}

/**
 * A fast-check property that scores generated inputs ({@link arbitraryInput}) and checks every
 * selected property on each result; a failing run throws {@link PropertyViolationError}, which
 * fast-check shrinks to a small input. Use it with your own `fc.assert` settings.
 * @example
 * fc.assert(rubricProperty(rubric, { properties: ['sums', 'grade'] }), { numRuns: 500 });
 */
export function rubricProperty(rubric: Rubric, opts: PropertyOptions = {}): fc.IPropertyWithHooks<[EvaluationInput]> {
  return fc.property(arbitraryInput(rubric, opts.input), (input) => {
    const { violations } = checkEvaluation(rubric, input, opts);
    if (violations.length) throw new PropertyViolationError(violations);
  });
}

/**
 * One fast-check property per `per_unit`, `count` and `bands` leaf: its score moves one way only
 * as its value grows (see `monotoneCheck`).
 * @example for (const { property } of monotoneProperties(rubric)) fc.assert(property);
 */
export function monotoneProperties(rubric: Rubric, opts: Pick<PropertyOptions, 'notMonotone'> = {}): { indicator: string; property: fc.IPropertyWithHooks<[string[]]> }[] {
  return monotoneChecks(rubric, opts.notMonotone).map((m) => ({
    indicator: m.indicator,
    property: fc.property(m.values, (values) => {
      const violations = m.check(values);
      if (violations.length) throw new PropertyViolationError(violations);
    }),
  }));
}

/** Options of {@link checkRubricProperties}. */
export interface CheckRubricOptions extends PropertyOptions {
  /** Generated inputs per property (default 100). */
  numRuns?: number;
  /** Replay a failure: the seed printed with it. */
  seed?: number;
  /**
   * Replay one failing property from the path printed with it (with its seed and `properties`
   * narrowed to that property, since every property is run with the same path).
   */
  path?: string;
}

/**
 * What {@link checkRubricProperties} throws: the broken property, where, and how to replay it.
 * @example
 * try { checkRubricProperties(rubric); } catch (e) {
 *   if (e instanceof RubricPropertyError) console.log(e.violations[0]?.indicator, e.counterexample, e.seed);
 * }
 */
export class RubricPropertyError extends Error {
  readonly violations: readonly Violation[];
  /** The (shrunk) input or values that break it. */
  readonly counterexample: unknown;
  readonly seed: number;
  readonly path: string;
  constructor(rubric: Rubric, what: string, violations: readonly Violation[], counterexample: unknown, seed: number, path: string, shrinks: number, numRuns: number, error?: unknown) {
    const lines = [
      `jixiao/testing: rubric "${rubric.id}" breaks ${what}`,
      ...(violations.length ? violations.map((x) => `  ✖ ${describeViolation(x)}`) : [`  ✖ ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`]),
      `  counterexample: ${brief(counterexample, 2000)}`,
      `  (shrunk ${shrinks} times; seed ${seed}, path ${JSON.stringify(path)}) replay: checkRubricProperties(rubric, { seed: ${seed}, numRuns: ${numRuns} })`,
    ];
    super(lines.join('\n'));
    this.name = 'RubricPropertyError';
    this.violations = violations;
    this.counterexample = counterexample;
    this.seed = seed;
    this.path = path;
  }
}

/**
 * Check every property of a rubric in one call — for an author's own test suite:
 * generated valid inputs are scored (`scorable`), every score lies in [0, max] (`within-max`),
 * each parent is the sum of its children and the total of the top level (`sums`), the grade is
 * the scale's (`grade`), every point lost is a deduction with a reason (`deductions`), the same
 * input gives the same bytes (`deterministic`), and per-unit, count and band rules move one way
 * only (`monotone`). Throws a {@link RubricPropertyError} naming the property, the indicator,
 * a shrunk counterexample and the seed to replay it.
 * @example
 * import { it } from 'vitest';
 * import { loadRubric } from 'jixiao';
 * import { checkRubricProperties } from 'jixiao/testing';
 *
 * it('our rubric behaves as we believe', () => {
 *   checkRubricProperties(loadRubric(readFileSync('rubric.yaml', 'utf8')), { numRuns: 200 });
 * });
 */
export function checkRubricProperties(rubric: Rubric, opts: CheckRubricOptions = {}): void {
  const on = new Set<PropertyName>(opts.properties ?? propertyNames);
  const params: fc.Parameters<unknown> = { numRuns: opts.numRuns ?? 100 };
  if (opts.seed !== undefined) params.seed = opts.seed;
  if (opts.path !== undefined) params.path = opts.path;
  const run = <T>(what: string, property: fc.IPropertyWithHooks<T>) => {
    const details = fc.check(property, params as fc.Parameters<T>);
    if (!details.failed) return;
    const error = details.errorInstance ?? (details as { error?: unknown }).error;
    const violations = error instanceof PropertyViolationError ? error.violations : [];
    const example = Array.isArray(details.counterexample) ? details.counterexample[0] : details.counterexample;
    if (details.counterexample === null) {
      throw new RubricPropertyError(rubric, what, [], null, details.seed, '', 0, params.numRuns!, new Error(details.interrupted ? 'interrupted' : 'too many skipped runs'));
    }
    throw new RubricPropertyError(rubric, what, violations, example, details.seed, details.counterexamplePath ?? '', details.numShrinks, params.numRuns!, error);
  };
  if ([...on].some((p) => p !== 'monotone')) run('its scoring properties', rubricProperty(rubric, opts));
  if (on.has('monotone')) for (const { indicator, property } of monotoneProperties(rubric, opts)) run(`"monotone" at ${indicator}`, property);
}
