import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, type RuleInput } from '../../src/index.js';
import { parseStandard, renderStandard, type FigureNames, type ParsedStandard } from '../../src/entries/authoring.js';
import { canonicalRule, toRule } from '../../src/text/compare.js';

/** Render a parsed standard with the names and units the parse found. */
function renderParsed(p: ParsedStandard, max = p.full ?? '5'): string {
  const names: FigureNames = (f) => {
    const i = p.inputs.find((x) => x.name === f.replace(/`/g, ''));
    return i ? { label: i.name, unit: i.type === 'percent' ? '%' : (i.unit ?? '') } : undefined;
  };
  return renderStandard(toRule(p.rule), new Decimal(max), names);
}

/** text → rule → text → rule: the two rules are the same rule. */
function expectStable(text: string, name?: string): ParsedStandard {
  const p1 = parseStandard(text, name ? { name } : {});
  expect(p1, `reads: ${text}`).toBeDefined();
  const t2 = renderParsed(p1!);
  const p2 = parseStandard(t2, name ? { name } : {});
  expect(p2, `reads back: ${t2}`).toBeDefined();
  expect(canonicalRule(p2!.rule), `${text}\n→ ${t2}`).toStrictEqual(canonicalRule(p1!.rule));
  expect(p2!.full).toBe(p1!.full ?? p2!.full);
  return p1!;
}

// Arbitraries: rules in the part of the language the parser reads.
const dec = (lo: number, hi: number, places = 2) =>
  fc.integer({ min: lo * 10 ** places, max: hi * 10 ** places }).map((n) => new Decimal(n).div(10 ** places).toFixed());
const positive = (hi: number) => dec(0, hi).filter((d) => new Decimal(d).gt(0));
const NAMES = ['在职人员控制率', '政府采购执行率', '公务卡刷卡率', '重点支出安排率', '满意度', '办结率', '下发文件数量'];
const name = fc.constantFrom(...NAMES);

const perUnit = fc.record({
  kind: fc.constant('per_unit' as const), value: name, standard: dec(0, 200), direction: fc.constantFrom('above' as const, 'below' as const),
  points: positive(10), per: fc.option(fc.constantFrom('1', '2', '5', '0.5'), { nil: undefined }), mode: fc.option(fc.constantFrom('proportional' as const, 'whole' as const, 'started' as const), { nil: undefined }),
}).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as RuleInput);

const when = fc.oneof(
  dec(0, 100).map((a) => `=${a}`),
  fc.tuple(fc.constantFrom('≥', '>', '≤', '<'), dec(0, 100)).map(([op, a]) => `${op}${a}`),
  fc.tuple(dec(0, 100), dec(0, 100), fc.boolean(), fc.boolean())
    .filter(([a, b]) => new Decimal(a).lt(b))
    .map(([a, b, li, hi]) => `${li ? '[' : '('}${a}, ${b}${hi ? ']' : ')'}`),
);
const bands = fc.record({
  value: name,
  bands: fc.array(fc.record({ when, score: dec(0, 10, 1) }), { minLength: 2, maxLength: 6 }),
  otherwise: fc.option(dec(0, 10, 1), { nil: undefined }),
}).map((r) => ({ kind: 'bands' as const, value: r.value, bands: r.bands, ...(r.otherwise !== undefined ? { otherwise: r.otherwise } : {}) }) as RuleInput);

const ITEMS = ['按规定内容公开预决算信息', '相关管理制度合法、合规、完整', '已制定或具有资产管理制度，且相关资产管理制度合法、合规、完整', '资产账务管理合规，帐实相符', '基础数据信息和会计信息资料真实'];
const checklist = fc.array(fc.record({ text: fc.constantFrom(...ITEMS), points: positive(3) }), { minLength: 1, maxLength: 8 })
  .map((items) => ({ kind: 'checklist' as const, items }) as RuleInput);

const count = fc.record({ points: positive(3), item: fc.option(fc.constantFrom('专项未按进度完成资金下达', '不符合要求的情况', '资产处置不规范'), { nil: undefined }) })
  .map((r) => ({ kind: 'count' as const, value: r.item ? `${r.item}数` : '例数', points: r.points, ...(r.item ? { item: r.item } : {}) }) as RuleInput);

const target = fc.record({
  value: name, op: fc.constantFrom('≥', '≤', '>', '<', '='), v: dec(0, 1000), unit: fc.constantFrom('%', '份', '期', '次', ''),
  proportional: fc.boolean(),
}).map((r) => ({ kind: 'target' as const, value: r.value, target: `${r.op}${r.v}${r.unit}`, ...(r.proportional ? { mode: 'proportional' as const } : {}) }) as RuleInput);

const WORDS: [string, string][] = [['结余', '上年结转'], ['欠款', '上年欠款'], ['超支', '预算']];
const cases = fc.record({ words: fc.constantFrom(...WORDS), s: fc.tuple(dec(0, 5, 1), dec(0, 5, 1), dec(0, 5, 1)) }).map(({ words: [x, y], s }) => ({
  kind: 'cases' as const,
  cases: [{ when: `${x} = 0`, score: s[0], label: `无${x}` }, { when: `${x} <= ${y}`, score: s[1], label: `有${x}，但不超过${y}` }],
  otherwise: { score: s[2], label: `${x}超过${y}` },
}) as RuleInput);

const anyRule = fc.oneof(perUnit, bands, checklist, count, target, cases);

/** Names and units for rendering generated rules: every name is a percent except counts of documents. */
const generatedNames: FigureNames = (f) => (NAMES.includes(f) ? { label: f, unit: f === '下发文件数量' ? '份' : '%' } : undefined);

describe('评分标准 both ways: text → rule → text → rule is stable (fast-check)', () => {
  it('for every rule the renderer writes, read back once and again, the rule does not change', () => {
    fc.assert(
      fc.property(anyRule, dec(1, 10, 1), (rule, max) => {
        const text = renderStandard(toRule(rule), new Decimal(max), generatedNames);
        expectStable(text);
      }),
      { numRuns: 500 },
    );
  });

  it('and a canonical rule comes back as itself: parse(render(rule)) = rule', () => {
    fc.assert(
      fc.property(fc.oneof(perUnit, bands, checklist, count, target), dec(1, 10, 1), (rule, max) => {
        const text = renderStandard(toRule(rule), new Decimal(max), generatedNames);
        const back = parseStandard(text);
        expect(back, text).toBeDefined();
        expect(canonicalRule(back!.rule), text).toStrictEqual(canonicalRule(rule));
      }),
      { numRuns: 500 },
    );
  });

  const HUNAN: [string, string][] = [
    ['财政供养人员控制率', '以100%为标准。在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止。'],
    ['“三公经费”变动率', '“三公经费”变动率≦0,计5分；\n“三公经费”＞0，每超过一个百分点扣0.5分，扣完为止。'],
    ['重点支出安排率', '重点支出安排率≥90%，计5分；80%（含）-90%，计4分；70%（含）-80%，计3分；60%（含）-70%，计2分；低于60%不得分。'],
    ['预算调整率', '预算调整率=0，计3分；0-10%（含），计2分；10-20%（含），计1分；20-30%（含），计0.5分；大于30%不得分。'],
    ['支付进度', '春节前下达全部专项资金的50%；6月底前所有专项资金指标全部下达完。\n每出现一个专项未按进度完成资金下达扣0.5分，扣完为止。'],
    ['资金结余', '无结余，3分；有结余，但不超过上年结转，2分；结余超过上年结转，不得分。'],
    ['管理制度健全性', '①已制定或具有预算资金管理办法，内部财务管理制度、会计核算制度等管理制度，1分；\n②相关管理制度合法、合规、完整，1分；\n③相关管理制度得到有效执行，1分。'],
    ['资金使用合规性', '①支出符合国家财经法规…；\n②资金拨付有完整的审批程序和手续；\n以上情况每出现一例不符合要求的扣1分，扣完为止。'],
    ['政府采购执行率', '政府采购执行率等于100%的，得3分；\n每减少一个百分点，扣0.2分，扣完为止。'],
    ['公务卡刷卡率', '公务卡刷卡率达50％以上的，得3分。\n每减少一个百分点，扣0.2分，扣完为止。'],
    ['固定资产利用率', '每低于100%一个百分点扣0.1分，扣完为止。'],
    ['社会公众或服务对象满意度', '95%（含）以上计5分；\n\n85%（含）-95%，计3分；\n\n75%（含）-85%，计1分；\n\n低于75%计0分。'],
    ['市长热线全年交办件办结率', '市长热线全年交办件办结率不低于97%。'],
  ];
  it.each(HUNAN)('%s: the sheet’s own sentence is stable', (name, text) => {
    expectStable(text, name);
  });
});
