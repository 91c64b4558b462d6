import { describe, expect, it } from 'vitest';
import { bundledRubricSource } from '../../src/index.js';
import { lintRubric } from '../../src/entries/authoring.js';
import { lint, oneLeaf } from './lint-helpers.js';

const inputs = '差旅费: { type: number, unit: 元 }\n会议费: { type: number, unit: 元 }\n倍数: { type: number }';
const leafWith = (when: string) => oneLeaf(`{ kind: cases, cases: [{ when: "${when}", score: 3 }], otherwise: { score: 0 } }`, { inputs, max: 3 });

describe('lint units: money in a formula has a known unit', () => {
  it('差旅费 + 会议费 <= 15000 (元 with 元, and a plain number) is clean', () => {
    expect(lint(leafWith('差旅费 + 会议费 <= 15000'), 'units')).toStrictEqual([]);
  });
  it('差旅费 * 倍数 <= 会议费 compares 元 with a product: unit_ambiguous, a warning', () => {
    const issues = lint(leafWith('差旅费 * 倍数 <= 会议费'), 'units');
    expect(issues.map((i) => [i.code, i.severity])).toStrictEqual([['unit_ambiguous', 'warning']]);
    expect(issues[0]!.message).toContain('元');
  });
  it('差旅费 / 10000 + 会议费 (scaled by a literal, then added to 元) is ambiguous too', () => {
    expect(lint(leafWith('差旅费 / 10000 + 会议费 > 0'), 'units').map((i) => i.code)).toStrictEqual(['unit_ambiguous']);
  });
  it.each(['hunan-department', 'kunming-department', 'hunan-county-department'])('passes the bundled %s rubric', (id) => {
    expect(lintRubric(bundledRubricSource(id)!, { checks: ['units'] }).issues).toStrictEqual([]);
  });
});
