/**
 * Text helpers shared by the 评分标准 parser and renderer: one spelling for every comparator,
 * digit and punctuation mark a sheet may use, and names fit for formulas.
 */

const CHAR: Record<string, string> = {
  '％': '%', '≦': '≤', '≧': '≥', '＞': '>', '＜': '<', '＝': '=',
  ',': '，', ';': '；', '：': '：', ':': '：', '(': '（', ')': '）',
  '－': '-', '—': '-', '–': '-', '～': '-', '~': '-', '．': '.', '。': '。', '\u3000': ' ', '\t': ' ',
};

/**
 * One spelling: full-width digits and signs to ASCII, `≦ ≧ ＞ ＜ ＝ >= <= !=` to `≤ ≥ > < = ≠`,
 * commas and semicolons to full-width `，；`, brackets to `（）`, spaces removed, line breaks kept.
 */
export function normalise(text: string): string {
  let s = Array.from(text.replace(/\r\n?/g, '\n'))
    .map((c) => {
      const code = c.charCodeAt(0);
      if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48);
      return CHAR[c] ?? c;
    })
    .join('');
  s = s.replace(/>=/g, '≥').replace(/<=/g, '≤').replace(/[!！]=/g, '≠').replace(/==/g, '=').replace(/[ ]+/g, '');
  s = s.replace(/（不含）/g, '（不含）').replace(/\n{2,}/g, '\n');
  return s.trim();
}

/** A decimal number in sheet text. */
export const NUM = String.raw`(\d+(?:\.\d+)?)`;

/** A sentence of a text and where it starts. */
export interface Clause {
  text: string;
  start: number;
}

/** Sentences (split on ；。 and line breaks, leading and trailing ，、 dropped), non-empty, with their offsets. */
export function clauseSpans(text: string): Clause[] {
  const out: Clause[] = [];
  for (const m of text.matchAll(/[^；。\n]+/g)) {
    const lead = /^[，、]*/.exec(m[0])![0].length;
    const body = m[0].slice(lead).replace(/[，、]+$/, '');
    if (body) out.push({ text: body, start: m.index + lead });
  }
  return out;
}

/** Sentences (split on ；。 and line breaks), non-empty. */
export function clauses(text: string): string[] {
  return clauseSpans(text).map((c) => c.text);
}

const FORMULA_WORDS = new Set(['and', 'or', 'not', '且', '或', '非', 'min', 'max', 'abs', 'round', 'floor', 'ceil', 'clamp', 'if']);

/**
 * A name fit for a formula: letters, digits and _ only (quotes, brackets and punctuation
 * dropped: “三公经费”变动率 → 三公经费变动率), not starting with a digit.
 */
export function sanitiseName(text: string): string {
  const s = Array.from(text).filter((c) => /[\p{L}\p{N}_]/u.test(c)).join('');
  return /^\p{N}/u.test(s) ? `数据${s}` : s;
}

/** A name as written in a formula: bare when it lexes as one name, else in backquotes. */
export function formulaName(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name) && !FORMULA_WORDS.has(name.toLowerCase()) ? name : `\`${name}\``;
}

/** Units a target or a per-unit step may carry, longest first. */
export const UNITS = ['个百分点', '百分点', '万元', '千元', '亿元', '元', '公斤', '千克', '吨', '亩', '公顷', '平方米', '公里', '份', '期', '件', '项', '次', '篇', '部', '个', '人', '天', '日', '条', '家', '户', '名', '场', '批', '套', '台', '例', '年', '月', '岁'];

/** Units whose figures are whole numbers of things. */
export const COUNT_UNITS = new Set(['份', '期', '件', '项', '次', '篇', '部', '个', '人', '条', '家', '户', '名', '场', '批', '套', '台', '例']);
