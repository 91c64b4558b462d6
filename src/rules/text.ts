/**
 * Characters that show nothing: white space of every kind, and format characters such as the
 * zero-width space (U+200B), the zero-width joiner, the word joiner and the BOM.
 */
const VISIBLE = /[^\p{White_Space}\p{Cf}\u115F\u1160\u3164\uFFA0]/u;

/**
 * A reason a person wrote, if it says anything: trimmed, and undefined when it is empty or
 * made only of invisible characters (spaces, a zero-width space), which is no reason.
 */
export function visibleText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!VISIBLE.test(text)) return undefined;
  return text.trim();
}
