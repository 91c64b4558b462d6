/**
 * The guard on a spreadsheet cell's text, both ways: written, text that a spreadsheet would run
 * as a formula is prefixed with ' (as the spreadsheets themselves do), and read, that prefix is
 * taken off again, so that a table jixiao writes reads back as the text it holds.
 */

/**
 * What a spreadsheet reads before it decides whether a cell is a formula and skips: white space of
 * any script (a space, U+3000 ideographic space, a no-break space), control characters (tab, line
 * feed, carriage return …) and invisible format characters (zero-width space, byte-order mark …).
 */
const LEADING_INVISIBLE = '[\\s\\p{Cc}\\p{Cf}\\p{Zs}\\p{Zl}\\p{Zp}]*';
/**
 * The characters that start a formula: = + - @, their full-width forms (＝＋－＠, which an input
 * method types and a spreadsheet may take as the ASCII ones), the small forms (﹦﹢﹣﹫) and the
 * minus sign (−).
 */
const FORMULA_START = '[=+\\-@\\uFF1D\\uFF0B\\uFF0D\\uFF20\\uFE66\\uFE62\\uFE63\\uFE6B\\u2212]';
const FORMULA = new RegExp(`^${LEADING_INVISIBLE}${FORMULA_START}`, 'u');
/** A plain decimal number, which a spreadsheet reads as the number it is. */
export const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Whether `s` is written with the ' prefix: a spreadsheet would run it as a formula (its first
 * character that is not white space, a control character or an invisible one is =, +, -, @ or one
 * of their full-width or small forms), or it starts with a tab or a carriage return, or it is such
 * a text already behind one or more ' (so that a text that really starts with ' reads back whole).
 * A plain decimal number (`-3`, `2.5`) is never guarded.
 */
function guarded(s: string): boolean {
  for (let i = 0; ; i++) {
    const rest = i ? s.slice(i) : s;
    if (PLAIN_NUMBER.test(rest)) return false;
    if (/^[\t\r]/.test(rest) || FORMULA.test(rest)) return true;
    if (rest[0] !== "'") return false;
  }
}

/**
 * Text that Excel (or another spreadsheet) would run as a formula, prefixed with ', so that it is
 * shown as the text it is ({@link guarded}). A plain decimal number stays a number.
 * @example formulaSafe('=HYPERLINK("x")') // "'=HYPERLINK(\"x\")"
 */
export function formulaSafe(s: string): string {
  return guarded(s) ? `'${s}` : s;
}

/**
 * A cell's text as it was before {@link formulaSafe}: `unguardFormula(formulaSafe(s)) === s` for
 * every text.
 * @example unguardFormula("'=1+1") // "=1+1"
 */
export function unguardFormula(s: string): string {
  return s[0] === "'" && guarded(s.slice(1)) ? s.slice(1) : s;
}
