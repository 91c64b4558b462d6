import type { SheetModel } from './model.js';

/**
 * Characters that XML 1.0 does not allow in a document (outside its `Char` production: C0
 * controls other than tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF).
 * In the `u` mode a lone surrogate is one code point, so it is matched too.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** `s` without the characters XML 1.0 does not allow (see {@link NOT_XML_CHAR}). */
export function xmlText(s: string): string {
  return s.replace(NOT_XML_CHAR, '');
}

function clean<T>(x: T): T {
  if (typeof x === 'string') return xmlText(x) as T;
  if (Array.isArray(x)) return x.map(clean) as T;
  if (x !== null && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = clean(v);
    return out as T;
  }
  return x;
}

/**
 * The model as the XML writers (XLSX, DOCX) put it into their parts: every text in it — title,
 * meta, cells, column titles, notes, footer — without the characters XML 1.0 does not allow, so
 * that every part is well-formed whatever a name, a remark or a reason carried. The one place all
 * their text goes through.
 */
export function xmlModel(m: SheetModel): SheetModel {
  return clean(m);
}
