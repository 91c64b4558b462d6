import type { Issue } from '../issues/issue.js';
import { decodeText } from '../source/document.js';

/**
 * The text of a table file: UTF-8 (with or without a byte-order mark), or — what Excel on Chinese
 * Windows writes when it saves CSV — GBK/GB18030, decoded as such and said (`encoding: 'GBK'`).
 * GBK only when the bytes are plausibly GBK (src/source/utf8.ts `plausiblyGbk`: not UTF-8 at more
 * places than they are, every other byte in a GBK pair, mostly the common GB2312 ones) and read
 * as Chinese; a UTF-8 file with a stray byte is `encoding_invalid` at that byte's line and column.
 * @example const t = decodeTable(readFileSync('评分表.csv'), '评分表.csv'); if ('text' in t && t.encoding === 'GBK') console.error('已按 GBK 解码');
 */
export function decodeTable(bytes: Uint8Array, file?: string): { text: string; encoding: 'UTF-8' | 'GBK' } | { issue: Issue } {
  const utf8 = decodeText(bytes, file);
  if ('text' in utf8) return { text: utf8.text, encoding: 'UTF-8' };
  // decodeText says GBK/GB18030 when the bytes are plausibly GBK and read as Chinese in GB18030 (a superset of GBK).
  if (!/GBK/.test(String(utf8.issue.params.hint ?? ''))) return utf8;
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''), encoding: 'GBK' };
  } catch {
    return utf8;
  }
}
