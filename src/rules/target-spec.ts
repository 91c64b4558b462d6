import { parseDecimal, show, type Decimal } from '../decimal.js';
import { isMoney, MONEY_UNITS } from '../formula/units.js';

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
  [/^(≥|≧|>=|＞＝|⩾|大于等于|大于或等于|不低于|不少于|不小于|达到|至少|高于或等于)/, '>='],
  [/^(≤|≦|<=|＜＝|⩽|小于等于|小于或等于|不超过|不高于|不多于|不大于|控制在|低于或等于|最多|以内)/, '<='],
  [/^(>|＞|大于|高于|超过|多于)/, '>'],
  [/^(<|＜|小于|低于|少于)/, '<'],
  [/^(=|＝|==|等于)/, '='],
];

/**
 * The comparison a target's words state: a prefix (`≥`, `不低于`, `控制在`) and a suffix (`以内`,
 * `以上`, `以下`, `之内`), and the rest of the text. Undefined when they point opposite ways
 * (`不低于95%以下`). Shared by the `target` rule and the rows of a project form.
 */
export function readComparison(text: string): { op: TargetOp | undefined; rest: string } | undefined {
  let s = text;
  let op: TargetOp | undefined;
  for (const [re, o] of OPS) {
    const m = re.exec(s);
    if (m) {
      op = o;
      s = s.slice(m[0].length);
      break;
    }
  }
  let contradictory = false;
  s = s.replace(/(以内|以上|以下|之内)$/, (m) => {
    const implied: TargetOp = m === '以上' ? '>=' : '<=';
    if (op && (op === '>=' || op === '>') !== (implied === '>=')) contradictory = true;
    op ??= implied;
    return '';
  });
  return contradictory ? undefined : { op, rest: s };
}

/**
 * Read a target string such as `≥95%`, `≤680份`, `12期`, `100%`, `0`. Without a comparison the
 * target is to be reached (≥), except 0, which means none (≤ 0).
 */
export function parseTarget(text: string): TargetSpec | undefined {
  const c = readComparison(text.trim().replace(/\s+/g, ''));
  if (!c) return undefined;
  const op = c.op;
  const s = c.rest;
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

/**
 * Convert `value` from unit `from` to unit `to`: money (元/千元/万元/百万元/亿元) converts;
 * an empty unit on either side is taken as "the same unit". Returns undefined when the units
 * are different kinds (份 vs 期), or when a money target meets a value whose unit is not known
 * (`to` undefined: a formula whose unit cannot be inferred).
 */
export function convertUnit(value: Decimal, from: string, to: string | undefined): Decimal | undefined {
  if (from === to || from === '') return value;
  if (to === undefined) return isMoney(from) ? undefined : value;
  if (to === '') return value;
  if (isMoney(from) && isMoney(to)) return value.times(MONEY_UNITS[from]!).div(MONEY_UNITS[to]!);
  return undefined;
}

const OP_ZH: Record<TargetOp, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };

export function describeTarget(t: Pick<TargetSpec, 'op' | 'value' | 'unit'>): string {
  return `${OP_ZH[t.op]}${show(t.value, 6)}${t.unit}`;
}
