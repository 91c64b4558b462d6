import { describe, expect, it } from 'vitest';
import { bundledRubricSource } from '../../src/index.js';
import { lintRubric } from '../../src/entries/authoring.js';
import { expectAt, lint, oneLeaf } from './lint-helpers.js';

const inputs = '资金结余: { type: number }\n上年结转: { type: number }';
const cases = (scores: [number, number, number]) =>
  oneLeaf(`{ kind: cases, cases: [{ when: 资金结余 = 0, score: ${scores[0]} }, { when: 资金结余 <= 上年结转, score: ${scores[1]} }], otherwise: { score: ${scores[2]} } }`, { inputs, max: 3 });

describe('lint cases: some case gives full marks', () => {
  it('无结余，3分；有结余，但不超过上年结转，2分；…不得分 is clean', () => {
    expect(lint(cases([3, 2, 0]), 'cases')).toStrictEqual([]);
  });

  it('cases that top out at 2 of 3 can never give full marks', () => {
    const doc = cases([2, 1, 0]);
    const issues = lint(doc, 'cases');
    expect(issues.map((i) => [i.code, i.message])).toStrictEqual([['max_unreachable', '该指标最高只能得 2 分，达不到分值 3 分：各情形最高计 2 分']]);
    expectAt(issues[0], doc, 'cases: [');
  });

  it('passes the bundled Hunan rubric', () => {
    expect(lintRubric(bundledRubricSource('hunan-department')!, { checks: ['cases'] }).issues).toStrictEqual([]);
  });
});
