/**
 * The scoring policies are one file each behind one registry (src/evaluate/policies/index.ts), as
 * the rule kinds are: a new policy is one file, one test file and one registry line; the walk
 * that calls them reads in one sitting.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { policies } from '../../src/evaluate/policies/index.js';

const dir = new URL('../../src/evaluate/policies/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'policy.ts').map((f) => f.replace(/\.ts$/, ''));

describe('the policy registry', () => {
  it('holds every policy file, once, by the file’s name', () => {
    expect(policies.map((p) => p.name).sort()).toStrictEqual([...files].sort());
  });
  it.each(files)('%s has its own tests (tests/policies/%s.test.ts)', (name) => {
    expect(existsSync(new URL(`./${name}.test.ts`, import.meta.url))).toBe(true);
  });
  it('checks what rows and pools remove before the limit on 不适用 counts it', () => {
    const order = policies.filter((p) => p.check).map((p) => p.name);
    expect(order.indexOf('rows')).toBeLessThan(order.indexOf('not-applicable'));
    expect(order.indexOf('pool')).toBeLessThan(order.indexOf('not-applicable'));
  });
  it('settles the total as the rubric format says: rescaled (不适用), then capped (总分不超过), then vetoed', () => {
    expect(policies.filter((p) => p.settle).map((p) => p.name)).toStrictEqual(['not-applicable', 'max-total', 'veto']);
  });
  it('leaves a walk that reads in one sitting (well under 300 lines)', () => {
    const lines = readFileSync(new URL('../../src/evaluate/walk.ts', import.meta.url), 'utf8').split('\n').length;
    expect(lines).toBeLessThan(300);
  });
});
