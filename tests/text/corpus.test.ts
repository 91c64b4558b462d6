/**
 * 评分标准 as published on real sheets (tests/fixtures/standards/corpus.yaml), read by
 * parseStandard and judged by scoring: a reading is right when its rule scores every hand-computed
 * case of the sentence to the hand score, wrong when it scores any case otherwise (or reads a
 * sentence that leaves the score to a person as an automatic rule), unread when it gives no rule.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { Decimal, loadRubric, safeEvaluate, type RuleInput } from '../../src/index.js';
import { parseStandard, readStandard, unreadClauses, type ParsedStandard } from '../../src/text/parse.js';

type Figures = number | number[];
interface Entry {
  id: string;
  text: string;
  name: string;
  source: string;
  region: string;
  max: number;
  automatic: boolean;
  /** What the sentence says of the indicator when it does not apply. */
  notApplicable?: 'full';
  rule?: RuleInput;
  cases?: [Figures, number][];
}

const corpus = parseYaml(readFileSync(new URL('../fixtures/standards/corpus.yaml', import.meta.url), 'utf8')) as Entry[];

/** The names a rule reads, in the order its figures are given: the hand rules name them x and y. */
const HAND = ['x', 'y', 'z', 'w'];

/**
 * The score of `rule` (on an indicator of 分值 `max`) for one case, as a decimal string, or the
 * issue codes when the rule cannot score it. `names` are the rule's figures in case order.
 */
function scoreCase(rule: RuleInput, max: number, names: string[], figures: Figures): string {
  const isChecklist = rule.kind === 'checklist';
  const inputs: Record<string, { type: 'number' }> = {};
  const values: Record<string, string> = {};
  let assessments: Record<string, { items: Record<string, boolean> }> | undefined;
  if (isChecklist) {
    const met = new Set((figures as number[]).map(String));
    const ids = rule.items.map((it, i) => String(it.id ?? i + 1));
    if ([...met].some((id) => !ids.includes(id))) return 'items differ';
    assessments = { 指标: { items: Object.fromEntries(ids.map((id) => [id, met.has(id)])) } };
  } else {
    const list = Array.isArray(figures) ? figures : [figures];
    if (list.length !== names.length) return `reads ${names.length} figures, the case gives ${list.length}`;
    names.forEach((n, i) => {
      inputs[n] = { type: 'number' };
      values[n] = String(list[i]);
    });
  }
  let rubric;
  try {
    rubric = loadRubric({ id: 'corpus', name: '评分标准', inputs, indicators: [{ id: '指标', name: '指标', max, rule }] });
  } catch (e) {
    return `does not load: ${(e as Error).message.split('\n')[0]}`;
  }
  const r = safeEvaluate(rubric, { values, ...(assessments ? { assessments } : {}) });
  return r.success ? new Decimal(r.value.indicators[0]!.score).toFixed(2) : r.issues.map((i) => i.code).join(',');
}

const hundredths = (n: number) => Number(n).toFixed(2);
const namesOf = (p: ParsedStandard) => p.inputs.map((i) => i.name);

type Verdict = { status: 'right' | 'wrong' | 'unread'; detail?: string };

function judge(e: Entry): Verdict {
  const p = parseStandard(e.text, { name: e.name, max: String(e.max) });
  const automatic = p !== undefined && p.rule.kind !== 'judgement';
  if (!e.automatic) return automatic ? { status: 'wrong', detail: `a person's judgement read as ${JSON.stringify(p!.rule)}` } : { status: 'right' };
  if (!automatic) {
    const opts = { name: e.name, max: String(e.max) };
    const left = unreadClauses(e.text, opts);
    const why = left.length ? left.map((c) => `“${c}”`).join('、') : readStandard(e.text, opts)?.unstated ? '(the standard is not stated)' : '(no phrase named)';
    return { status: 'unread', detail: why };
  }
  if (p!.notApplicable !== e.notApplicable) return { status: 'wrong', detail: `不适用: read ${p!.notApplicable ?? 'nothing'}, the sentence says ${e.notApplicable ?? 'nothing'}` };
  for (const [figures, want] of e.cases!) {
    const got = scoreCase(p!.rule, e.max, namesOf(p!), figures);
    if (got !== hundredths(want)) return { status: 'wrong', detail: `${JSON.stringify(figures)} → ${got}, by hand ${hundredths(want)}; read as ${JSON.stringify(p!.rule)}` };
  }
  return { status: 'right' };
}

const verdicts = new Map<string, Verdict>();

describe('the corpus itself', () => {
  it('has a source, a 分值 and, for every automatic rule, a hand rule and 2–7 hand cases', () => {
    for (const e of corpus) {
      expect(e.source, e.id).toBeTruthy();
      expect(e.max, e.id).toBeGreaterThan(0);
      if (e.automatic) {
        expect(e.rule, e.id).toBeDefined();
        expect(e.cases!.length, e.id).toBeGreaterThanOrEqual(2);
      }
    }
    expect(new Set(corpus.map((e) => e.id)).size).toBe(corpus.length);
  });

  // A check on the hand work: each hand rule, written from the sentence, scores the hand cases as
  // worked out by hand. A disagreement is a slip in one of the two, to be found by reading again.
  it.each(corpus.filter((e) => e.automatic).map((e) => [e.id, e] as const))('%s: the hand rule scores the hand cases', (_, e) => {
    for (const [figures, want] of e.cases!) expect(scoreCase(e.rule!, e.max, HAND.slice(0, Array.isArray(figures) && e.rule!.kind !== 'checklist' ? figures.length : 1), figures), `${e.id} ${JSON.stringify(figures)}`).toBe(hundredths(want));
  });
});

describe('parseStandard on the corpus, judged by scoring', () => {
  it.each(corpus.map((e) => [e.id, e] as const))('%s', (_, e) => {
    const v = judge(e);
    verdicts.set(e.id, v);
    expect(v.status === 'wrong' ? `${e.text}\n${v.detail}` : 'not wrong').toBe('not wrong');
  });

  // The share of rule-bearing sentences read right may only rise: it is 114 of 125 (91.2%) today. The
  // sentences still unread are printed below with the phrase that stopped each.
  const RIGHT_AT_LEAST = 0.9;
  it(`reads at least ${RIGHT_AT_LEAST * 100}% of the sentences that state an automatic rule, and none wrongly`, () => {
    for (const e of corpus) if (!verdicts.has(e.id)) verdicts.set(e.id, judge(e));
    const auto = corpus.filter((e) => e.automatic);
    const right = auto.filter((e) => verdicts.get(e.id)!.status === 'right').length;
    expect(corpus.filter((e) => verdicts.get(e.id)!.status === 'wrong').map((e) => e.id)).toStrictEqual([]);
    expect(right / auto.length, `${right} of ${auto.length}`).toBeGreaterThanOrEqual(RIGHT_AT_LEAST);
  });

  afterAll(() => {
    const kindOf = (e: Entry) => (e.automatic ? e.rule!.kind : 'judgement');
    const rows = new Map<string, { right: number; wrong: number; unread: number }>();
    for (const e of corpus) {
      const v = verdicts.get(e.id) ?? judge(e);
      const row = rows.get(kindOf(e)) ?? { right: 0, wrong: 0, unread: 0 };
      row[v.status]++;
      rows.set(kindOf(e), row);
    }
    const lines = [...rows].map(([k, r]) => `  ${k.padEnd(10)} right ${r.right}  wrong ${r.wrong}  unread ${r.unread}`);
    const unread = corpus.filter((e) => verdicts.get(e.id)?.status === 'unread').map((e) => `  ${e.id}: ${verdicts.get(e.id)!.detail}`);
    const auto = corpus.filter((e) => e.automatic);
    const right = auto.filter((e) => verdicts.get(e.id)?.status === 'right').length;
    console.log(
      [`corpus: ${corpus.length} sentences, ${auto.length} state an automatic rule; read right ${right} (${((100 * right) / auto.length).toFixed(1)}%)`, ...lines, 'unread:', ...unread].join('\n'),
    );
  });
});
