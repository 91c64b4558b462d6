import { describe, expect, it } from 'vitest';
import { bundledRubricSource, evaluate, loadBundledRubric, loadRubric, safeLoadRubric, type Issue } from '../src/index.js';
import yunxi from '../examples/yunxi-2021/input.json' with { type: 'json' };

const variant = (body: string) => `extends: hunan-department\nid: v\nname: 变体\n${body}`;
const issuesOf = (text: string, files: Record<string, string> = {}): Issue[] => {
  const r = safeLoadRubric(text, {
    file: 'variant.yaml',
    resolve: (ref) => (ref in files ? { source: files[ref]!, file: ref } : undefined),
  });
  expect(r.success).toBe(false);
  return r.success ? [] : r.issues;
};
const leaf = (result: ReturnType<typeof evaluate>, id: string) => {
  const find = (ns: typeof result.indicators): (typeof result.indicators)[number] | undefined => {
    for (const n of ns) {
      if (n.id === id) return n;
      const inner = n.children && find(n.children);
      if (inner) return inner;
    }
    return undefined;
  };
  return find(result.indicators);
};

describe('variants by extends', () => {
  it('the bundled county variant re-weights 预算配置, drops 公务卡刷卡率 and rescales 不适用 items', () => {
    const county = loadBundledRubric('hunan-county-department');
    const base = loadBundledRubric('hunan-department');
    expect(county.max.toFixed()).toBe('100');
    expect(county.byId.get('重点支出安排率')!.max.toFixed()).toBe('7');
    expect(county.byId.get('财政供养人员控制率')!.max.toFixed()).toBe('3');
    expect(county.byId.has('公务卡刷卡率')).toBe(false);
    expect(county.inputs.has('公务卡刷卡率')).toBe(false);
    // Everything not overridden is inherited verbatim.
    expect(county.byId.get('资金结余')!.standard).toBe(base.byId.get('资金结余')!.standard);
    expect(county.grades).toStrictEqual(base.grades);

    const { 公务卡刷卡率: _dropped, ...values } = yunxi.values;
    const result = evaluate(county, {
      values,
      assessments: { ...yunxi.assessments, 政府采购执行率: { notApplicable: true, reason: '本年度无政府采购' } },
    });
    // 99 of the base sheet, minus the 3 points of the dropped 公务卡刷卡率 and the 6 of 政府采购执行率:
    // 93 of an applicable 94, rescaled to 100 → 98.94.
    expect(result.rescaled).toStrictEqual({ rawTotal: '93', applicableMax: '94' });
    expect(result.total).toBe('98.94');
    expect(result.grade).toBe('优秀');
    expect(leaf(result, '政府采购执行率')).toMatchObject({ notApplicable: true, remark: '本年度无政府采购' });
  });

  it('adds an indicator after a sibling, removes one, and changes the grade scale', () => {
    const r = loadRubric(variant(`
grades: [{ grade: 好, min: 85 }, { grade: 差, min: 0 }]
remove: [公务卡刷卡率]
add:
  - parent: 预算管理
    after: 资金使用合规性
    indicator: { id: 内控制度, name: 内部控制制度建设, max: 3, rule: { kind: judgement } }
`));
    const kids = r.byId.get('预算管理')!.children.map((c) => c.id);
    expect(kids).toStrictEqual(['预算管理制度健全性', '资金使用合规性', '内控制度', '预决算信息公开性和完善性', '政府采购执行率']);
    expect(r.grades.map((g) => g.grade)).toStrictEqual(['好', '差']);
    expect(r.max.toFixed()).toBe('100');
  });

  it('an override that renames an indicator keeps the id it addressed: evaluations and add.after use the base id', () => {
    // In the base, 资金结余 has no explicit id: its id defaulted to its name.
    const base = 'id: b\nname: b\nindicators:\n  - name: 预算管理\n    max: 3\n    children:\n      - { name: 资金结余, max: 2, rule: { kind: judgement } }\n      - { id: 信息公开, name: 预决算信息公开性, max: 1, rule: { kind: judgement } }\n';
    const v = 'extends: base.yaml\nid: v\nname: v\noverrides:\n  资金结余: { name: 资金结余率 }\n  信息公开: { name: 信息公开情况 }\n  预算管理: { name: 管理, max: 4 }\nadd:\n  - { parent: 预算管理, after: 资金结余, indicator: { id: 内控, name: 内控制度, max: 1, rule: { kind: judgement } } }\n';
    const r = loadRubric(v, { file: 'v.yaml', resolve: (ref) => (ref === 'base.yaml' ? { source: base, file: ref } : undefined) });
    const kids = r.byId.get('预算管理')!.children;
    expect(kids.map((c) => [c.id, c.name])).toStrictEqual([['资金结余', '资金结余率'], ['内控', '内控制度'], ['信息公开', '信息公开情况']]);
    expect(r.byId.get('预算管理')!.name).toBe('管理');
    const result = evaluate(r, { assessments: { 资金结余: { score: 2 }, 内控: { score: 1 }, 信息公开: { score: 1 } } });
    expect(leaf(result, '资金结余')).toMatchObject({ name: '资金结余率', score: '2' });
    expect(result.total).toBe('4');
  });

  it('a dangling override names the id, at its line in the variant file', () => {
    const [i] = issuesOf(variant('overrides:\n  不存在的指标: { max: 1 }\n'));
    expect(i).toMatchObject({ code: 'extends_unknown_indicator', path: ['overrides', '不存在的指标'], source: { file: 'variant.yaml', line: 5, column: 3 } });
  });

  it('the merged rubric is checked again: a re-weighting that breaks 预算配置 = 15 is an error', () => {
    const issues = issuesOf(variant('overrides:\n  重点支出安排率: { max: 7 }\n'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'children_max_mismatch', indicator: '投入.预算配置', params: { sum: '17', max: '15' } });
    expect(issues[0]!.source?.file).toBe('rubrics/hunan-department.yaml');
  });

  it('an error inside an override points into the variant file', () => {
    const [i] = issuesOf(variant('overrides:\n  重点支出安排率:\n    rule: { kind: per_unit, value: 不存在, standard: 1, direction: above, points: 1 }\n'));
    expect(i).toMatchObject({ code: 'unknown_name', source: { file: 'variant.yaml', line: 6 } });
  });

  it('cycles, unknown bases, and variant keys without extends are errors', () => {
    const a = 'extends: b.yaml\nid: a\nname: a\n';
    const b = 'extends: a.yaml\nid: b\nname: b\n';
    expect(issuesOf(a, { 'a.yaml': a, 'b.yaml': b }).map((i) => i.code)).toStrictEqual(['extends_cycle']);
    expect(issuesOf('extends: nowhere\nid: a\nname: a\n')[0]!.code).toBe('extends_not_found');
    expect(issuesOf('id: a\nname: a\nremove: [x]\nindicators: [{ name: x, max: 1, rule: { kind: judgement } }]\n')[0]!.code).toBe('variant_without_extends');
    expect(issuesOf(variant('indicators: [{ name: x, max: 1, rule: { kind: judgement } }]\n'))[0]!.code).toBe('variant_with_indicators');
  });
});

describe('version and fingerprint', () => {
  const text = bundledRubricSource('hunan-department')!;

  it('every result records the rubric’s version and content fingerprint', () => {
    const rubric = loadBundledRubric('hunan-department');
    const result = evaluate(rubric, yunxi);
    expect(result.rubric).toStrictEqual({ id: 'hunan-department', name: rubric.name, version: '2021', fingerprint: rubric.fingerprint });
    expect(rubric.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('comments and formatting do not change the fingerprint; a changed figure does', () => {
    const base = loadRubric(text).fingerprint;
    expect(loadRubric(`# 注释\n${text.replaceAll('{ kind:', '{   kind:').replace('\nindicators:', '\n# 指标树\nindicators:')}`).fingerprint).toBe(base);
    expect(loadRubric(text.replace('points: 0.5 }', 'points: 0.50 }')).fingerprint).toBe(base);
    expect(loadRubric(text.replace('points: 0.5 }', 'points: 0.6 }')).fingerprint).not.toBe(base);
  });

  it('a variant has its own fingerprint, which changes when its base changes', () => {
    const v = variant('overrides:\n  资金结余: { standard: 改 }\n');
    const one = loadRubric(v).fingerprint;
    const two = loadRubric(v, { resolve: () => ({ source: text.replace('min: 90', 'min: 91'), file: 'base.yaml' }) }).fingerprint;
    expect(one).not.toBe(loadRubric(text).fingerprint);
    expect(two).not.toBe(one);
  });
});
