/**
 * Every figure `evaluate` writes reads back as a stored result: a weight computed from the inputs
 * is exact, and a share such as 3 ÷ 2^70 has 70 decimals. The stored-result check refuses what
 * evaluate never writes (an integer part too long to be a number), not a long exact fraction.
 */
import { describe, expect, it } from 'vitest';
import { loadRubric, renderTable, evaluate } from '../../src/index.js';
import { safeParseStoredResult } from '../../src/report/stored.js';

const rubric = loadRubric(`
id: long-weight
name: 权重为精确分数的加权指标
version: "1"
inputs:
  资金额度: { type: number }
indicators:
  - id: 块
    name: 加权块
    max: 10
    combine: weighted
    children:
      - { id: 甲, name: 甲, max: 10, weight: "资金额度 / 1180591620717411303424", rule: { kind: judgement } }
      - { id: 乙, name: 乙, max: 10, weight: 1, rule: { kind: judgement } }
`);

/** 3 ÷ 2^70 written out by hand: 3 × 5^70 over 10^70. */
const threeOver2To70 = `0.${(3n * 5n ** 70n).toString().padStart(70, '0')}`.replace(/0+$/, '');

describe('a result with a weight of many decimals reads back', () => {
  const result = evaluate(rubric, { values: { 资金额度: 3 }, assessments: { 甲: { score: 10 }, 乙: { score: 10 } } });
  it('evaluate writes the exact weight, 70 decimals long', () => {
    const w = result.indicators[0]!.children![0]!.weight!;
    expect(w).toBe(threeOver2To70);
    expect(w.split('.')[1]!.length).toBe(70);
  });
  it('the stored-result check takes it, and the table renders', () => {
    const stored = JSON.parse(JSON.stringify(result)) as typeof result;
    expect(safeParseStoredResult(stored).success).toBe(true);
    expect(() => renderTable(stored)).not.toThrow();
  });
  it('an integer part longer than any figure evaluate writes is still refused', () => {
    const stored = JSON.parse(JSON.stringify(result)) as typeof result;
    stored.total = '9'.repeat(61);
    expect(safeParseStoredResult(stored).success).toBe(false);
  });
});
