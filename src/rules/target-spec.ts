import { Decimal, parseDecimal, show } from '../decimal.js';

export type TargetOp = '>=' | '>' | '<=' | '<' | '=';

/** A target string read: `≥95%` → { op: '>=', value: 95, unit: '%' }. */
export interface TargetSpec {
  op: TargetOp;
  value: Decimal;
  unit: string;
  /** True when the text had no comparison and the operator was implied. */
  implied: boolean;
  text: string;
}

const OPS: [RegExp, TargetOp][] = [
  [/^(≥|≧|>=|＞＝|不低于|不少于|达到|至少)/, '>='],
  [/^(≤|≦|<=|＜＝|不超过|不高于|不多于|控制在|以内)/, '<='],
  [/^(>|＞|高于|超过|多于)/, '>'],
  [/^(<|＜|低于|少于)/, '<'],
  [/^(=|＝|==|等于)/, '='],
];

/**
 * Read a target string such as `≥95%`, `≤680份`, `12期`, `100%`, `0`. Without a comparison the
 * target is to be reached (≥), except 0, which means none (≤ 0).
 */
export function parseTarget(text: string): TargetSpec | undefined {
  let s = text.trim().replace(/\s+/g, '');
  let op: TargetOp | undefined;
  for (const [re, o] of OPS) {
    const m = re.exec(s);
    if (m) {
      op = o;
      s = s.slice(m[0].length);
      break;
    }
  }
  s = s.replace(/(以内|以上|以下)$/, (m) => {
    if (!op) op = m === '以上' ? '>=' : '<=';
    return '';
  });
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(.*)$/.exec(s.replace(/,/g, ''));
  if (!m) return undefined;
  const num = parseDecimal(m[1]);
  if (!num.ok) return undefined;
  let unit = m[2]!.replace(/（含）|\(含\)/, '');
  if (unit === '％') unit = '%';
  if (unit.length > 8 || /[\d<>=≥≤]/.test(unit)) return undefined;
  const implied = op === undefined;
  return { op: op ?? (num.value.isZero() ? '<=' : '>='), value: num.value, unit, implied, text };
}

/** Money units convert into each other. */
const MONEY: Record<string, Decimal> = {
  元: new Decimal(1),
  千元: new Decimal(1000),
  万元: new Decimal(10000),
  百万元: new Decimal(1000000),
  亿元: new Decimal(100000000),
};

/**
 * Convert `value` from unit `from` to unit `to`. Returns undefined when the units are different
 * kinds (份 vs 期). An empty unit on either side is taken as "the same unit".
 */
export function convertUnit(value: Decimal, from: string, to: string): Decimal | undefined {
  if (from === to || from === '' || to === '') return value;
  const a = MONEY[from];
  const b = MONEY[to];
  if (a && b) return value.times(a).div(b);
  return undefined;
}

const OP_ZH: Record<TargetOp, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };

export function describeTarget(t: Pick<TargetSpec, 'op' | 'value' | 'unit'>): string {
  return `${OP_ZH[t.op]}${show(t.value, 6)}${t.unit}`;
}

export function meets(op: TargetOp, actual: Decimal, target: Decimal): boolean {
  switch (op) {
    case '>=': return actual.gte(target);
    case '>': return actual.gt(target);
    case '<=': return actual.lte(target);
    case '<': return actual.lt(target);
    case '=': return actual.eq(target);
  }
}
