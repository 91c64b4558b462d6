import { Decimal } from '../decimal.js';
import { Exact } from '../exact.js';
import { showBeside } from '../rules/common.js';
import { parseInterval } from '../rules/interval.js';
import { parseTarget } from '../rules/target-spec.js';
import type { IndicatorResult, ScoreResult } from '../evaluate/result.js';
import { safeLoadBundledRubric } from '../bundled.js';
import type { Indicator, Rubric } from '../rubric/types.js';
import { safeLoadRubric } from '../rubric/load.js';
import { bundledMismatches, mismatchNote } from './provenance.js';
import { layerLines, layerNotes } from './model.js';
import { checkedResult } from './stored.js';
import { PLAIN_NUMBER } from '../source/cells.js';

/** How one indicator's score was reached, and what would have earned its max. */
export interface Explanation {
  path: string;
  name: string;
  /** 0 for a 一级指标. */
  level: number;
  max: string;
  score: string;
  /** The score is the max (a 加分项: it added nothing it could not; a 扣分项: it took nothing). */
  full: boolean;
  /** How the score was reached: `在职人员控制率91.18%≤100%，计5分`. */
  how: string;
  /** What would have earned the max (absent at full score): `差1.7分可得满分：在职人员控制率需不超过100%（现为103.4%）`. */
  toMax?: string;
}

export interface ExplainOptions {
  /**
   * The rubric that scored the result (same fingerprint): with it a full score says which edge
   * was met (`91.18%≤100%`) and a lost point what the rule asks; without it, the standard text
   * and the figures.
   */
  rubric?: Rubric;
}

const D = (s: string) => new Decimal(s);
/**
 * A figure as people read it: at most two decimals (display only; the score used it exactly). A
 * figure that is text (a stored result's figures are text: `≥95%`, `达成`) is shown as it is.
 */
const shown = (s: string) => {
  if (!PLAIN_NUMBER.test(s)) return s;
  const d = D(s);
  return d.decimalPlaces() > 2 ? d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString() : d.toString();
};
/**
 * A figure beside a verdict about `edges` (a standard, band edges, a target): at most two decimals
 * where they keep it on its own side of every edge, more where they would not (100.00333 beside
 * 需不超过100 is 100.00333, never 100).
 */
const shownBeside = (s: string, edges: readonly (Decimal | undefined)[]) => {
  if (!PLAIN_NUMBER.test(s)) return s;
  const lines = edges.filter((e): e is Decimal => e !== undefined).map((e) => Exact.fromDecimal(e));
  return lines.length ? showBeside(Exact.parse(s), lines) : shown(s);
};
/** The edges a rule's verdict is about: a per_unit's standard and zeroBeyond, every band's edges, a target's value. */
function edgesOf(kind: string, rule: Record<string, unknown>): Decimal[] {
  const num = (v: unknown) => {
    const t = asText(v);
    return PLAIN_NUMBER.test(t) ? D(t) : undefined;
  };
  if (kind === 'per_unit') return [num(rule.standard), num(rule.zeroBeyond)].filter((d): d is Decimal => d !== undefined);
  if (kind === 'bands' && Array.isArray(rule.bands))
    return (rule.bands as { when?: unknown }[]).flatMap((b) => {
      const iv = parseInterval(asText(b.when));
      return iv ? [iv.lo, iv.hi].filter((d): d is Decimal => d !== undefined) : [];
    });
  if (kind === 'target') {
    const t = parseTarget(asText(rule.target));
    return t ? [t.value] : [];
  }
  return [];
}
const asText = (v: unknown) => (typeof v === 'number' || typeof v === 'string' || (typeof v === 'object' && v !== null && 'toFixed' in v) ? String(v) : '');
/** A rule's number (a decimal, or its text), or 0 when it is not one. */
const ruleNumber = (v: unknown) => {
  const t = asText(v);
  return PLAIN_NUMBER.test(t) ? D(t) : D('0');
};

/** What the rubric says a name is: its label and unit. */
function nameInfo(rubric: Rubric | undefined, name: string): { label: string; unit: string } {
  const i = rubric?.inputs.get(name) ?? rubric?.metrics.get(name);
  const unit = i ? (i.unit === '％' ? '%' : i.unit) : /率$/.test(name) ? '%' : '';
  return { label: i?.label ?? name, unit };
}

function figuresText(n: IndicatorResult, rubric: Rubric | undefined): string {
  return Object.entries(n.figures ?? {})
    .map(([k, v]) => (PLAIN_NUMBER.test(v) ? `${nameInfo(rubric, k).label}${shown(v)}${nameInfo(rubric, k).unit}` : `${k}${v}`))
    .join('，');
}

/** The leaf's explanation from its rule (when the rubric is at hand) and its figures. */
function leaf(n: IndicatorResult, ind: Indicator | undefined, rubric: Rubric | undefined): { how: string; need?: string } {
  const lost = n.deductions.map((d) => d.reason).join('；');
  const max = n.max;
  const rule = ind?.rule as Record<string, unknown> | undefined;
  const kind = n.kind ?? '';
  const value = rule && typeof rule.value === 'string' ? rule.value : undefined;
  const v = value !== undefined ? n.figures?.[value] : undefined;
  const { label, unit } = nameInfo(rubric, value ?? '');
  const edges = rule ? edgesOf(kind, rule) : [];
  const figure = (x: string) => shownBeside(x, edges);
  const fig = v !== undefined ? `${label}${figure(v)}${unit}` : figuresText(n, rubric);
  const full = n.score === max;
  if (n.notApplicable) return { how: `不适用${n.remark ? `：${n.remark}` : ''}` };
  if (n.bonus) return { how: n.additions?.length ? n.additions.map((a) => a.reason).join('；') : `${fig ? `${fig}，` : ''}未加分`, need: `最多加${max}分` };
  if (n.penalty) return { how: lost || `${fig ? `${fig}，` : ''}未扣分` };
  if (kind === 'row') {
    const target = n.figures?.['年度指标值'] ?? n.standard ?? '';
    const actual = n.figures?.['实际完成值'];
    const level = n.figures?.['完成档次'];
    const said = actual !== undefined ? `实际完成值${actual}，年度指标值${target}` : `年度指标值${target}，完成档次：${level ?? ''}`;
    return full ? { how: `${said}，计${max}分` } : { how: lost || `${said}，计${n.score}分`, need: actual !== undefined ? `实际完成值需达到年度指标值${target}` : '需完全达成年度指标值' };
  }
  if (kind === 'judgement') {
    const why = n.remark ?? lost;
    return full ? { how: `评价人评定${max}分${why ? `：${why}` : ''}` } : { how: `评价人评定${n.score}分${why ? `：${why}` : ''}`, need: '由评价人按评分标准判定' };
  }
  if (kind === 'per_unit' && rule) {
    const above = rule.direction === 'above';
    const standard = `${asText(rule.standard)}${unit}`;
    return full ? { how: `${fig}${above ? '≤' : '≥'}${standard}，计${max}分` } : { how: lost, need: `${label}需${above ? '不超过' : '不低于'}${standard}（现为${v !== undefined ? figure(v) : ''}${unit}）` };
  }
  if (kind === 'bands' && rule && Array.isArray(rule.bands)) {
    const bands = rule.bands as { when: string; score: unknown; label?: string }[];
    const top = bands.reduce((a, b) => (ruleNumber(b.score).gt(ruleNumber(a.score)) ? b : a), bands[0]!);
    return full ? { how: `${fig}，属于“${top.label ?? top.when}”档，计${max}分` } : { how: lost, need: `${label}需达到“${top.label ?? top.when}”档（现为${v !== undefined ? figure(v) : ''}${unit}）` };
  }
  if (kind === 'count' && rule) {
    const item = typeof rule.item === 'string' ? rule.item : label;
    return full ? { how: `${item}${v !== undefined ? shown(v) : '0'}例，计${max}分` } : { how: lost, need: `不出现${item}（现为${v !== undefined ? shown(v) : ''}例）` };
  }
  if (kind === 'cases' && rule && Array.isArray(rule.cases)) {
    const cases = rule.cases as { when: string; score: unknown; label?: string }[];
    const best = cases.find((c) => ruleNumber(c.score).eq(D(max)));
    return full ? { how: `${fig}${best ? `，符合“${best.label ?? best.when}”` : ''}，计${max}分` } : { how: lost, ...(best ? { need: `需符合“${best.label ?? best.when}”（现为${fig}）` } : {}) };
  }
  if (kind === 'checklist') return full ? { how: `各项均达到，计${max}分${n.remark ? `（${n.remark}）` : ''}` } : { how: `${lost}${n.remark ? `（${n.remark}）` : ''}`, need: '各项均需达到' };
  if (kind === 'target' && rule) return full ? { how: `${fig}，达到目标${asText(rule.target)}，计${max}分` } : { how: lost, need: `${label}需达到目标${asText(rule.target)}（现为${fig}）` };
  // A formula, or a leaf whose rubric is not at hand: the figures, the standard, the score.
  if (full) return { how: `${fig ? `${fig}，` : ''}${n.standard ? `按“${n.standard.split(/\n/)[0]}”` : '按评分标准'}，计${max}分` };
  return { how: lost || `${fig ? `${fig}，` : ''}计${n.score}分` };
}

/**
 * The rubric that scored `result`: the one given, the text its audit trail carries, or the bundled
 * rubric of its id — only when its fingerprint is the recorded one.
 */
export function rubricOf(result: ScoreResult, given?: Rubric): Rubric | undefined {
  const fp = result.rubric.fingerprint;
  if (given) return given.fingerprint === fp ? given : undefined;
  const source = (result as { audit?: { rubric?: { source?: unknown } } }).audit?.rubric?.source;
  if (typeof source === 'string') {
    const r = safeLoadRubric(source);
    if (r.success && r.value.fingerprint === fp) return r.value;
  }
  const b = safeLoadBundledRubric(result.rubric.id);
  return b.success && b.value.fingerprint === fp ? b.value : undefined;
}

/**
 * Say for every indicator how its score was reached — full-score ones too
 * (`在职人员控制率91.18%≤100%，计5分`) — and, where points were lost, what would have earned the
 * max (`差1分可得满分：…`). A parent says what its children lost.
 * @example for (const e of explain(result, { rubric })) console.log(e.name, e.how, e.toMax ?? '');
 */
export function explain(result: ScoreResult, opts: ExplainOptions = {}): Explanation[] {
  checkedResult(result);
  const rubric = rubricOf(result, opts.rubric);
  const out: Explanation[] = [];
  const walk = (ns: readonly IndicatorResult[], level: number) => {
    for (const n of ns) {
      const full = n.penalty ? !n.score.startsWith('-') : n.bonus ? true : D(n.score).gte(D(n.max));
      const gap = D(n.max).minus(D(n.score));
      if (n.children) {
        const losing = n.children.filter((c) => !c.bonus && !c.penalty && D(c.score).lt(D(c.max))).map((c) => `${c.name}${D(c.max).minus(D(c.score)).toString()}分`);
        const e: Explanation = { path: n.path, name: n.name, level, max: n.max, score: n.score, full, how: `下级指标合计${n.score}分（满分${n.max}分）${losing.length ? `，失分：${losing.join('、')}` : '，各项均得满分'}` };
        if (!full && gap.gt(0)) e.toMax = `差${gap.toString()}分可得满分`;
        out.push(e);
        walk(n.children, level + 1);
        continue;
      }
      const x = leaf(n, rubric?.byId.get(n.id), rubric);
      // A score a review layer changed: how the rule scored it, then each layer's change and reason.
      const changed = layerNotes(result, n.path);
      const e: Explanation = { path: n.path, name: n.name, level, max: n.max, score: n.score, full, how: changed.length ? `${x.how}；复核改分：${changed.join('；')}` : x.how };
      if (!full && gap.gt(0)) e.toMax = `差${gap.toString()}分可得满分${x.need ? `：${x.need}` : ''}`;
      else if (n.bonus && x.need && D(n.score).lt(D(n.max))) e.toMax = x.need;
      out.push(e);
    }
  };
  walk(result.indicators, 0);
  return out;
}

/**
 * The explanations as text, one indicator a line, indented by level, with `→ 差…分可得满分` under
 * each indicator that lost points; `markdown` writes a nested list.
 * @example console.log(renderExplanation(explain(result, { rubric }), result));
 */
export function renderExplanation(list: readonly Explanation[], result: ScoreResult, opts: { format?: 'text' | 'markdown' } = {}): string {
  checkedResult(result);
  const md = opts.format === 'markdown';
  const lines: string[] = [md ? `# ${result.rubric.name}：得分说明` : `${result.rubric.name}：得分说明`, ''];
  // A result that names a bundled rubric it was not scored with says so before anything else.
  const notBundled = bundledMismatches(result);
  if (notBundled.length) lines.push(...notBundled.map((m) => (md ? `> ${mismatchNote(m)}` : mismatchNote(m))), '');
  for (const e of list) {
    const pad = md ? `${'  '.repeat(e.level)}- ` : '  '.repeat(e.level);
    lines.push(`${pad}${md ? `**${e.name}**` : e.name} ${e.score}/${e.max}：${e.how}`);
    if (e.toMax) lines.push(`${md ? `${'  '.repeat(e.level + 1)}- ` : `${'  '.repeat(e.level + 1)}`}→ ${e.toMax}`);
  }
  lines.push('', `总分 ${result.total}/${result.max}${result.grade ? `，${result.grade}` : ''}`);
  // Each review layer: its total, its grade and what it changed.
  lines.push(...layerLines(result).map((l) => (md ? `- ${l}` : l)));
  return `${lines.join('\n')}\n`;
}
