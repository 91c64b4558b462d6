/**
 * Rubric errors: every problem in a rubric file is an issue with a code, the path in the
 * document, the indicator concerned and the LINE:COLUMN where it stands in the YAML text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIssues, loadRubric, RubricError, safeLoadRubric } from '../src/index.js';
import { expectIssue, issuesOf, positionOf, yaml, type IssueShape } from './helpers.js';

const FILE = 'rubric.yaml';
const base = yaml`
  id: errors-test
  name: 错误测试表
  grades:
    - { grade: 优秀, min: 90 }
    - { grade: 良好, min: 80 }
    - { grade: 中, min: 60 }
    - { grade: 差, min: 0 }
  inputs:
    在职人数: { type: count, unit: 人 }
    编制人数: { type: count, unit: 人, min: 1 }
    下发文件数量: { type: count, unit: 份 }
  metrics:
    在职人员控制率: { formula: 在职人数 / 编制人数 * 100, unit: "%" }
  indicators:
    - id: 投入
      name: 投入
      max: 10
      children:
        - id: 控制率
          name: 财政供养人员控制率
          max: 5
          rule: { kind: per_unit, value: 在职人员控制率, standard: 100, direction: above, points: 0.5 }
        - id: 文件
          name: 下发文件数量
          max: 5
          rule: { kind: target, value: 下发文件数量, target: "≤680份" }
`;
const CONTROL_RULE = 'rule: { kind: per_unit, value: 在职人员控制率, standard: 100, direction: above, points: 0.5 }';

/** The base rubric with one piece of text replaced (which must be there). */
const variant = (find: string, replace: string) => {
  if (!base.includes(find)) throw new Error(`not in the base rubric: ${find}`);
  return base.replace(find, replace);
};
const load = (text: string) => safeLoadRubric(text, { file: FILE });
/** `text` fails to load with this issue, found at the (nth) occurrence of `needle`. */
const expectAt = (text: string, needle: string, expected: IssueShape, nth = 1) =>
  expectIssue(() => load(text), { ...expected, source: { file: FILE, ...positionOf(text, needle, nth) } });
const control = (...rest: (string | number)[]) => ['indicators', 0, 'children', 0, ...rest];
const file = (...rest: (string | number)[]) => ['indicators', 0, 'children', 1, ...rest];

describe('the base rubric', () => {
  it('loads', () => expect(load(base).success).toBe(true));
});

describe('YAML text', () => {
  it('a tab used as indentation is a YAML syntax error at its line (17:1)', () =>
    expectIssue(() => load(variant('    max: 10', '\tmax: 10')), { code: 'yaml_syntax', source: { file: FILE, line: 17, column: 1 } }));
  it('an unclosed quote is reported on the line where the quote opens (26), not at the end of the file', () => {
    const text = variant('"≤680份"', '"≤680份');
    const lines = issuesOf(() => load(text)).filter((i) => i.code === 'yaml_syntax').map((i) => i.source?.line);
    expect(lines).toContain(positionOf(text, '"≤680份').line);
  });
  it('a duplicate key is reported at its second occurrence (18:5), naming the key', () =>
    expectIssue(() => load(variant('    max: 10', '    max: 10\n    max: 12')), {
      code: 'duplicate_key',
      params: { key: 'max' },
      source: { file: FILE, line: 18, column: 5 },
    }));
  it('hexadecimal is not a decimal number', () =>
    expectAt(variant('    max: 10', '    max: 0x10'), 'max: 0x10', { code: 'invalid_number', path: ['indicators', 0, 'max'] }));
  it('.inf is not a number', () => expectAt(variant('    max: 10', '    max: .inf'), 'max: .inf', { code: 'invalid_number' }));
  it('numbers beyond 10¹⁵ are refused', () =>
    expectAt(variant('    max: 10', '    max: 1e16'), 'max: 1e16', { code: 'invalid_number', params: expect.objectContaining({ reason: 'too_large' }) }));
  it('Chinese numerals are not numbers', () => expectAt(variant('    max: 10', '    max: 十'), 'max: 十', { code: 'invalid_number' }));
  it('a __proto__ key is forbidden', () =>
    expectAt(variant('    name: 投入', '    name: 投入\n    __proto__: { max: 1 }'), '__proto__', { code: 'forbidden_key' }));
});

const UNKNOWN_KEY = variant('        max: 5\n        rule: { kind: per', '        max: 5\n        standrad: 以100%为标准\n        rule: { kind: per');
const MAX_AS_LIST = variant('    max: 10', '    max: [10]');
const NO_NAME = variant('    name: 投入\n', '');
const BAD_KIND = variant('kind: per_unit', 'kind: per-unit');

describe('shape: keys and types', () => {
  it('an unknown key, with a did-you-mean hint', () =>
    expect(expectAt(UNKNOWN_KEY, 'standrad', { code: 'unknown_key', path: control('standrad') }).message).toContain('standard'));
  it('an unknown top-level key', () =>
    expectAt(variant('name: 错误测试表', 'name: 错误测试表\nprecison: 2'), 'precison', { code: 'unknown_key', path: ['precison'] }));
  it('a wrong type: max as a list', () => expectAt(MAX_AS_LIST, 'max: [10]', { code: 'invalid_type', path: ['indicators', 0, 'max'] }));
  it('a wrong type: children as text', () =>
    expectIssue(() => load(base.replace(/    children:[\s\S]*$/, '    children: 控制率\n')), { code: 'invalid_type', path: ['indicators', 0, 'children'] }));
  it('a missing key: an indicator without name, at the indicator', () =>
    expectAt(NO_NAME, 'id: 投入', { code: 'missing_key', path: ['indicators', 0, 'name'] }));
  it('a missing key: the rubric without id', () => expectIssue(() => load(base.replace('id: errors-test\n', '')), { code: 'missing_key', path: ['id'] }));
  it('an unknown rule kind lists the kinds', () =>
    expect(expectAt(BAD_KIND, 'kind: per-unit', { code: 'unknown_rule_kind', path: control('rule', 'kind') }).message).toContain('per_unit'));
  it('a rule without kind', () => expectIssue(() => load(variant('kind: per_unit, ', '')), { code: 'missing_key', path: control('rule', 'kind') }));
  it('a value outside an enum: mode: prop', () =>
    expectAt(variant('kind: per_unit,', 'kind: per_unit, mode: prop,'), 'mode: prop', { code: 'invalid_value', path: control('rule', 'mode') }));
  it.each([
    ['an unknown key', UNKNOWN_KEY, 'unknown_key', '投入.控制率'],
    ['a wrong type', MAX_AS_LIST, 'invalid_type', '投入'],
    ['a missing name (the id is there)', NO_NAME, 'missing_key', '投入'],
    ['an unknown rule kind', BAD_KIND, 'unknown_rule_kind', '投入.控制率'],
  ])('%s inside an indicator names the indicator, as every other rubric error does', (_, text, code, indicator) => {
    expectIssue(() => load(text), { code, indicator });
  });
});

describe('the indicator tree', () => {
  it('a leaf without rule', () =>
    expectAt(variant('        rule: { kind: target, value: 下发文件数量, target: "≤680份" }\n', ''), 'id: 文件', {
      code: 'leaf_without_rule',
      path: file(),
      indicator: '投入.文件',
    }));
  it('rule and children together', () =>
    expectAt(variant('    max: 10\n', '    max: 10\n    rule: { kind: judgement }\n'), 'rule: { kind: judgement }', {
      code: 'rule_and_children',
      path: ['indicators', 0, 'rule'],
      indicator: '投入',
    }));
  it('children’s maxima (5 + 5) not adding up to the parent’s (12)', () => {
    const text = variant('    max: 10', '    max: 12');
    const i = expectAt(text, 'max: 12', { code: 'children_max_mismatch', path: ['indicators', 0, 'max'], indicator: '投入', params: { sum: '10', max: '12' } });
    expect(i.source).toEqual({ file: FILE, line: 17, column: 5 });
  });
  it('decimal maxima add up exactly: 0.1 + 0.2 = 0.3', () => {
    const text = variant('    max: 10', '    max: 0.3').replace('        max: 5\n        rule: { kind: per', '        max: 0.1\n        rule: { kind: per').replace('        max: 5\n        rule: { kind: target', '        max: 0.2\n        rule: { kind: target');
    expect(load(text).success).toBe(true);
  });
  it('duplicate ids', () =>
    expectAt(variant('id: 文件', 'id: 控制率'), 'id: 控制率', { code: 'duplicate_id', path: file('id'), indicator: '投入.控制率' }, 2));
  it('a child with its parent’s id: the child (the second occurrence) is reported, naming the parent', () => {
    const text = variant('id: 控制率', 'id: 投入');
    const i = expectAt(text, 'id: 投入', { code: 'duplicate_id', path: control('id'), indicator: '投入.投入', params: { id: '投入', first: '投入' } }, 2);
    expect(i.message).toBe('指标 id“投入”重复（已用于“投入”），同一评分表内 id 必须唯一');
  });
  it('ids are unique across the whole tree: any two nodes sharing an id do not load, whatever their depth', () =>
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), (a, b) => {
        fc.pre(a !== b);
        // A chain 一 → 二 → 三 → 四; node b takes node a's id.
        const ids = ['一', '二', '三', '四'];
        ids[b] = ids[a]!;
        let node: Record<string, unknown> = { id: ids[3], name: 'n3', max: 1, rule: { kind: 'judgement' } };
        for (let k = 2; k >= 0; k--) node = { id: ids[k], name: `n${k}`, max: 1, children: [node] };
        const r = safeLoadRubric({ id: 't', name: 't', indicators: [node] });
        expect(r.success).toBe(false);
        if (r.success) return;
        const dup = r.issues.filter((i) => i.code === 'duplicate_id');
        expect(dup).toHaveLength(1);
        const second = Math.max(a, b);
        expect(dup[0]!.path).toStrictEqual(['indicators', 0, ...Array.from({ length: second }, () => ['children', 0]).flat(), 'id']);
        expect(dup[0]!.params).toStrictEqual({ id: ids[a], first: ids.slice(0, Math.min(a, b) + 1).join('.') });
      }),
    ));
  it('two indicators with the same name and no ids (管理制度健全性 under 预算管理 and 资产管理)', () => {
    const text = yaml`
      id: t
      name: t
      indicators:
        - name: 预算管理
          max: 1
          children:
            - { name: 管理制度健全性, max: 1, rule: { kind: judgement } }
        - name: 资产管理
          max: 1
          children:
            - { name: 管理制度健全性, max: 1, rule: { kind: judgement } }
    `;
    expectAt(text, 'name: 管理制度健全性', { code: 'duplicate_id', path: ['indicators', 1, 'children', 0, 'name'], indicator: '资产管理.管理制度健全性' }, 2);
  });
});

describe('formulas and metrics', () => {
  it('an unknown name in a rule’s value', () =>
    expectAt(variant('value: 在职人员控制率', 'value: 在职人员控制'), 'value: 在职人员控制', {
      code: 'unknown_name',
      path: control('rule', 'value'),
      indicator: '投入.控制率',
      params: expect.objectContaining({ name: '在职人员控制' }),
    }));
  it('an unknown name in a metric', () =>
    expectAt(variant('在职人数 / 编制人数', '在职人数 / 核定编制'), 'formula: 在职人数 / 核定编制', { code: 'unknown_name', path: ['metrics', '在职人员控制率', 'formula'] }));
  it('a syntax error in a rule’s value gives the column inside the formula', () =>
    expectAt(variant('value: 在职人员控制率', 'value: 在职人员控制率 *'), 'value: 在职人员控制率 *', {
      code: 'formula_syntax',
      path: control('rule', 'value'),
      params: expect.objectContaining({ column: 10 }),
    }));
  it('a metric cycle names the cycle', () => {
    const text = variant('  在职人员控制率: {', '  甲: 乙 + 1\n  乙: 甲 + 1\n  在职人员控制率: {');
    expect(expectAt(text, '甲: 乙', { code: 'metric_cycle', path: ['metrics', '甲'] }).message).toContain('甲 → 乙 → 甲');
  });
  it('a metric that reads itself', () => expectIssue(() => load(variant('  在职人员控制率: {', '  自身: 自身 + 1\n  在职人员控制率: {')), { code: 'metric_cycle', path: ['metrics', '自身'] }));
  it('a name declared as both input and metric', () =>
    expectIssue(() => load(variant('  在职人员控制率: {', '  在职人数: 1\n  在职人员控制率: {')), { code: 'name_conflict', path: ['metrics', '在职人数'] }));
});

describe('rule texts: bands, targets, units, scores', () => {
  it('bad band text: “80-90”', () =>
    expectAt(
      variant(CONTROL_RULE, 'rule: { kind: bands, value: 在职人员控制率, bands: [{ when: "≥90", score: 5 }, { when: "80-90", score: 4 }] }'),
      'when: "80-90"',
      { code: 'band_syntax', path: control('rule', 'bands', 1, 'when'), indicator: '投入.控制率', params: { text: '80-90' } },
    ));
  it.each(['[90, 80)', '(80, 80)', '90以上', '[80 90)', '≥'])('bad band text: “%s”', (when) => {
    expectIssue(() => load(variant(CONTROL_RULE, `rule: { kind: bands, value: 在职人员控制率, bands: [{ when: "${when}", score: 5 }] }`)), {
      code: 'band_syntax',
      path: control('rule', 'bands', 0, 'when'),
    });
  });
  it('a band score above max (6 > 5)', () =>
    expectAt(variant(CONTROL_RULE, 'rule: { kind: bands, value: 在职人员控制率, bands: [{ when: "≥90", score: 6 }] }'), 'score: 6', {
      code: 'score_above_max',
      path: control('rule', 'bands', 0, 'score'),
      indicator: '投入.控制率',
    }));
  it('an `otherwise` score above max', () =>
    expectIssue(() => load(variant(CONTROL_RULE, 'rule: { kind: bands, value: 在职人员控制率, bands: [{ when: "≥90", score: 5 }], otherwise: 7 }')), {
      code: 'score_above_max',
      path: control('rule', 'otherwise'),
    }));
  it('a case score above max', () =>
    expectIssue(() => load(variant(CONTROL_RULE, 'rule: { kind: cases, cases: [{ when: 在职人数 = 0, score: 8 }] }')), {
      code: 'score_above_max',
      path: control('rule', 'cases', 0, 'score'),
    }));
  it('bad target text: “约680”', () =>
    expectAt(variant('"≤680份"', '"约680"'), 'target: "约680"', { code: 'target_syntax', path: file('rule', 'target'), indicator: '投入.文件' }));
  it('a target unit that differs from the figure’s: ≤680期 for 份', () => {
    const i = expectAt(variant('"≤680份"', '"≤680期"'), 'target: "≤680期"', { code: 'unit_mismatch', path: file('rule', 'target'), indicator: '投入.文件' });
    expect(i.message).toContain('份');
    expect(i.message).toContain('期');
  });
  it('a percent input with a unit other than %', () =>
    expectAt(variant('  下发文件数量: { type: count, unit: 份 }', '  下发文件数量: { type: percent, unit: 份 }'), 'unit: 份', {
      code: 'unit_mismatch',
      path: ['inputs', '下发文件数量', 'unit'],
    }));
  it('a negative max', () => expectAt(variant('    max: 10', '    max: -10'), 'max: -10', { code: 'invalid_value', path: ['indicators', 0, 'max'] }));
});

describe('grades and vetoes', () => {
  it('a grade scale out of order (中 60 before 良好 80)', () =>
    expectAt(variant('  - { grade: 良好, min: 80 }\n  - { grade: 中, min: 60 }', '  - { grade: 中, min: 60 }\n  - { grade: 良好, min: 80 }'), 'min: 80', {
      code: 'grade_scale_invalid',
      path: ['grades', 2, 'min'],
    }));
  it('the lowest grade must start at 0', () =>
    expectAt(variant('{ grade: 差, min: 0 }', '{ grade: 差, min: 10 }'), 'min: 10', { code: 'grade_scale_invalid', path: ['grades', 3, 'min'] }));
  it('a grade listed twice', () =>
    expectIssue(() => load(variant('{ grade: 差, min: 0 }', '{ grade: 良好, min: 0 }')), { code: 'grade_scale_invalid', path: ['grades', 3, 'grade'] }));
  it('a veto capping at a grade the scale does not have', () =>
    expectIssue(() => load(variant('inputs:', 'vetoes:\n  - { id: 重大违纪, name: 发生重大违法违纪问题, grade: 不合格 }\ninputs:')), {
      code: 'invalid_value',
      path: ['vetoes', 0, 'grade'],
    }));
});

describe('reporting', () => {
  const twoErrors = variant('value: 在职人员控制率', 'value: 在职人员控制').replace('    max: 10', '    max: 12');
  it('every problem is reported, in file order', () =>
    expect(issuesOf(() => load(twoErrors)).map((i) => [i.code, i.source?.line])).toEqual([
      ['children_max_mismatch', 17],
      ['unknown_name', 22],
    ]));
  it('loadRubric throws a RubricError carrying the issues', () => {
    let error: unknown;
    try {
      loadRubric(twoErrors, { file: FILE });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RubricError);
    expect((error as RubricError).issues.map((i) => i.code)).toEqual(['children_max_mismatch', 'unknown_name']);
  });
  it('formatIssues prints ✖ message → at path · indicator · file:line:column', () => {
    const text = formatIssues(issuesOf(() => load(variant('    max: 10', '    max: 12'))));
    expect(text).toBe('✖ 下级指标分值之和为 10 分，与本级分值 12 分不一致\n  → at indicators[0].max · 指标 投入 · rubric.yaml:17:5');
  });
  it('formatIssues compiler style: file:line:col error code [indicator] message', () =>
    expect(formatIssues(issuesOf(() => load(variant('    max: 10', '    max: 12'))), { style: 'compiler' })).toBe(
      'rubric.yaml:17:5 error children_max_mismatch [投入] 下级指标分值之和为 10 分，与本级分值 12 分不一致',
    ));
  it('a rubric given as an object has paths but no positions', () => {
    const issues = issuesOf(() =>
      safeLoadRubric({ id: 't', name: 't', indicators: [{ id: 'a', name: 'a', max: 2, children: [{ id: 'b', name: 'b', max: 1, rule: { kind: 'judgement' } }] }] }),
    );
    expect(issues.map((i) => [i.code, i.path, i.indicator, i.source])).toEqual([['children_max_mismatch', ['indicators', 0, 'max'], 'a', undefined]]);
  });
});
