import { Exact } from '../exact.js';
import { readComparison } from '../rules/target-spec.js';

/**
 * A 年度指标值 as the 项目支出绩效自评表 writes it, read. Real forms write the same target many
 * ways: `≥50个`, `≧95%`, `大于等于95%`, `不低于95%`, `≥100百分比` (a system export), `≤90万元`,
 * `控制在90万元以内`, `=100%`, `100%`, `0`, `95%-100%`, `12期`, and in words for 定性 rows
 * (`达成预期指标`, `效果明显`) and deadlines (`12月底之前完成`, `按时完成`).
 */
export type ProjectTarget =
  | { kind: 'number'; op: '>=' | '>' | '<=' | '<' | '='; value: Exact; unit: string; implied: boolean; text: string }
  | { kind: 'range'; lo: Exact; hi: Exact; unit: string; text: string }
  | { kind: 'qualitative'; text: string }
  | { kind: 'deadline'; month?: number; day?: number; text: string };


/** Units as exports write them, and as the sheet prints them. */
const UNIT_ALIASES: Record<string, string> = { '％': '%', 百分比: '%', 百分之: '%', 个百分点: '%' };

const NUMBER = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))/;

/** A number with its unit (`95%`, `90万元`, `12期`), or undefined. */
function quantity(s: string): { value: Exact; unit: string } | undefined {
  const m = NUMBER.exec(s.replace(/[,，](?=\d{3})/g, ''));
  if (!m) return undefined;
  const digits = m[1]!.replace(/^\+/, '');
  if (digits.replace(/[^\d]/g, '').length > 30) return undefined;
  const rest = s.replace(/[,，](?=\d{3})/g, '').slice(m[0].length).replace(/（含）|\(含\)/g, '');
  const unit = UNIT_ALIASES[rest] ?? rest;
  if (unit.length > 8 || /[\d<>=≥≤＜＞]/.test(unit)) return undefined;
  // `5O人`, `1l次`: a letter that looks like a digit, right after the digits, is a typo.
  if (/^[OoIl]/.test(unit)) return undefined;
  // `13月底前完成`: a deadline that is not a date.
  if (/(完成|之前|以前|月底|月末)/.test(unit)) return undefined;
  return { value: Exact.parse(digits.startsWith('.') ? `0${digits}` : digits), unit };
}

/**
 * Read a 年度指标值. Undefined for an empty cell (a target must be stated: that is the rubric's
 * or the evaluator's decision, never a silent full mark) and for text that looks like a number
 * but is not one (`≥5O人`).
 */
export function readProjectTarget(raw: string): ProjectTarget | undefined {
  const text = raw.trim();
  let s = text.replace(/\s+/g, '');
  if (s === '') return undefined;

  // Deadlines: 12月底之前完成, 2021年6月30日前, 按时完成, 按期完成.
  const deadline = /^(?:(?:\d{4})年)?(\d{1,2})月(?:(\d{1,2})日|底|末|中旬|上旬|下旬)?(?:之前|以前|前)?(?:完成|完工|竣工|交付|到位)?$/.exec(s);
  if (deadline && /月/.test(s) && /(之前|以前|前|完成|完工|竣工|交付|到位|底|末)/.test(s)) {
    const month = Number(deadline[1]);
    const day = deadline[2] === undefined ? undefined : Number(deadline[2]);
    if (month >= 1 && month <= 12 && (day === undefined || (day >= 1 && day <= 31))) {
      return day === undefined ? { kind: 'deadline', month, text } : { kind: 'deadline', month, day, text };
    }
  }
  if (/^(按时|按期|如期|及时)(完成|完工|交付|到位|办结)?$/.test(s)) return { kind: 'deadline', text };

  // Ranges: 95%-100%, 95-100%, 95%~100%, 95%至100%.
  const range = /^(.+?)(?:-|—|–|~|～|至|到)(.+)$/.exec(s);
  if (range && NUMBER.test(range[1]!) && NUMBER.test(range[2]!)) {
    const lo = quantity(range[1]!);
    const hi = quantity(range[2]!);
    if (lo && hi) {
      const unit = lo.unit || hi.unit;
      if ((lo.unit === '' || lo.unit === unit) && hi.unit === unit && lo.value.lte(hi.value)) return { kind: 'range', lo: lo.value, hi: hi.value, unit, text };
    }
    return undefined;
  }

  const c = readComparison(s);
  if (!c) return undefined;
  const op = c.op;
  const q = quantity(c.rest);
  if (q) {
    const implied = op === undefined;
    return { kind: 'number', op: op ?? (q.value.isZero() ? '<=' : '>='), value: q.value, unit: q.unit, implied, text };
  }
  // Text with digits in it that did not read as a number is a mistake, not a 定性 target.
  if (/\d/.test(text) || op !== undefined) return undefined;
  return { kind: 'qualitative', text };
}

/** The target as a sheet prints it: ≥50个, 95%-100%, or the words. */
export function showProjectTarget(t: ProjectTarget): string {
  const op = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' } as const;
  switch (t.kind) {
    case 'number':
      return `${op[t.op]}${t.value.toPlain()}${t.unit}`;
    case 'range':
      return `${t.lo.toPlain()}${t.unit}-${t.hi.toPlain()}${t.unit}`;
    default:
      return t.text;
  }
}
