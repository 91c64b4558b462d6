/**
 * An oracle, written apart from src/report/sheet.ts: would a spreadsheet that opens a CSV cell
 * with this text run it as a formula? It skips, one code point at a time, what a spreadsheet skips
 * before it looks at the first character (white space of any script, control characters,
 * invisible format characters) and asks whether that character starts a formula.
 */

/** = + - @ and the forms a spreadsheet or an input method takes for them. */
export const FORMULA_STARTS = ['=', '+', '-', '@', '＝', '＋', '－', '＠', '﹦', '﹢', '﹣', '﹫', '−'] as const;

/** Invisible format characters listed by hand (Unicode category Cf, the ones seen in pasted text). */
const INVISIBLE = new Set([0x00ad, 0x061c, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff]);

/** The characters a leading run is made of: white space, control characters, invisible ones. */
export const LEADING = [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u3000', '\u2003', '\u2028', '\u2029', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u200b', '\u200d', '\u2060', '\ufeff', '\u202e'] as const;

function skipped(cp: number): boolean {
  const ch = String.fromCodePoint(cp);
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return true; // C0 and C1 controls
  if (ch.trim() === '') return true; // white space and line terminators of every script
  return INVISIBLE.has(cp);
}

/** The first character a spreadsheet looks at, or undefined when there is none. */
export function firstSeen(text: string): string | undefined {
  for (const ch of text) if (!skipped(ch.codePointAt(0)!)) return ch;
  return undefined;
}

/** A cell's text (as read back from the CSV) would be run as a formula. */
export function runsAsFormula(text: string): boolean {
  if (text.startsWith("'")) return false;
  if (/^-?[0-9]+(\.[0-9]+)?$/.test(text)) return false; // a plain number is read as the number it says
  if (text.startsWith('\t') || text.startsWith('\r')) return true;
  const first = firstSeen(text);
  return first !== undefined && (FORMULA_STARTS as readonly string[]).includes(first);
}
