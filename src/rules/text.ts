/**
 * Characters that show nothing: white space of every kind (\p{Zs} such as U+3000 and U+00A0, line
 * breaks, tabs), format characters (\p{Cf}: the zero-width space U+200B, the joiners, the word
 * joiner, the BOM U+FEFF, bidi marks, tags), every other default-ignorable code point (variation
 * selectors, the Hangul fillers, the combining grapheme joiner), control characters, and the blank
 * braille pattern U+2800.
 */
const VISIBLE = /[^\p{White_Space}\p{Cf}\p{Cc}\p{Default_Ignorable_Code_Point}\u2800]/u;

/**
 * A reason a person wrote, if it says anything: trimmed, and undefined when it is empty or
 * made only of invisible characters (spaces, a zero-width space), which is no reason.
 * The one check of every reason the evaluator must give (一票否决, a judgement below max, a row
 * not met): blank is the same as empty.
 */
export function visibleText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!VISIBLE.test(text)) return undefined;
  return text.trim();
}

/** Whether a reason says nothing: empty, or only invisible characters ({@link visibleText}). */
export const isBlankReason = (text: string): boolean => !VISIBLE.test(text);
