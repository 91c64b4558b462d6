/**
 * The invariants, on generated rubrics that use every policy (不适用 per indicator, caps, 一票否决
 * on a condition, weighted blocks, 可选项 pools): scores within [0, max], parents equal to the sum
 * of their children in every view, Σ deductions = max − score, the total within maxTotal, the
 * grade on the documented total, the same bytes every time.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { loadRubric } from '../../src/index.js';
import { arbitraryRubricDocument, checkRubricProperties } from '../../src/testing/index.js';

describe('checkRubricProperties over generated rubrics with the policies', () => {
  it('holds for every generated rubric and input', () => {
    fc.assert(
      fc.property(arbitraryRubricDocument({ depth: 3 }), fc.integer(), (doc, seed) => {
        try {
          checkRubricProperties(loadRubric(doc), { numRuns: 15, seed, properties: ['scorable', 'within-max', 'sums', 'grade', 'deductions', 'deterministic'] });
        } catch (e) {
          throw new Error(`${(e as Error).message}\nrubric: ${JSON.stringify(doc)}`);
        }
      }),
      { numRuns: 100 },
    );
  });
});
