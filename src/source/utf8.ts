/**
 * UTF-8 read byte by byte, as the WHATWG decoder reads it: where the first byte that is not
 * UTF-8 stands, how many places are not UTF-8, how many multi-byte sequences are — the figures
 * that tell a UTF-8 file with a stray byte from a file in GBK. No dependency; no decoding.
 */

/** What {@link scanUtf8} found. */
export interface Utf8Scan {
  /** Offset of the first byte that does not start a valid sequence (its lead byte), or -1. */
  firstInvalid: number;
  /** Places where a sequence is not valid (each restarts the scan at the next byte that could start one). */
  invalid: number;
  /** Valid sequences of two to four bytes. */
  multibyte: number;
  /** With `final: false`, where a sequence cut off by the end begins (the bytes to carry into the next chunk); else the length. */
  end: number;
}

/** The byte range a continuation must fall in after a given lead byte, first continuation only. */
function firstRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/**
 * Scan `bytes` as UTF-8. With `final: false` a sequence cut off by the end is not invalid: `end`
 * says where it begins. `stopAtFirst` stops at the first invalid byte.
 */
export function scanUtf8(bytes: Uint8Array, opts: { final?: boolean; stopAtFirst?: boolean } = {}): Utf8Scan {
  const final = opts.final ?? true;
  let firstInvalid = -1;
  let invalid = 0;
  let multibyte = 0;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    let ok = need > 0;
    let k = 1;
    if (ok) {
      const [lo, hi] = firstRange(b);
      for (; k <= need; k++) {
        if (i + k >= n) {
          // Cut off by the end of the bytes.
          if (!final) return { firstInvalid, invalid, multibyte, end: i };
          ok = false;
          break;
        }
        const c = bytes[i + k]!;
        if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) {
          ok = false;
          break;
        }
      }
    }
    if (ok) {
      multibyte++;
      i += need + 1;
    } else {
      if (firstInvalid < 0) firstInvalid = i;
      invalid++;
      if (opts.stopAtFirst) return { firstInvalid, invalid, multibyte, end: n };
      // The bytes that were read as continuations are skipped; the one that broke the sequence is read again.
      i += need > 0 ? k : 1;
    }
  }
  return { firstInvalid, invalid, multibyte, end: n };
}

/**
 * Where a sequence cut off by the end of `bytes` begins (its lead byte and the continuations
 * present are valid, as {@link scanUtf8} with `final: false` reads them), else the length: the
 * bytes before it can be checked whole, and the cut sequence waits for the next chunk.
 */
export function cutSequence(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let p = n - 1; p >= 0 && p >= n - 3; p--) {
    const b = bytes[p]!;
    if (b >= 0x80 && b <= 0xbf) continue;
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (need === 0 || p + need < n) return n;
    const [lo, hi] = firstRange(b);
    if (p + 1 < n && (bytes[p + 1]! < lo || bytes[p + 1]! > hi)) return n;
    return p;
  }
  return n;
}

/**
 * How many characters of two to four bytes valid UTF-8 holds: its lead bytes (11xxxxxx), counted
 * four at a time. (For bytes that are not valid UTF-8 this is not {@link scanUtf8}'s `multibyte`.)
 */
export function leadBytes(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  let count = 0;
  // The bytes before the first that a 32-bit word can start at, one by one.
  while (i < n && (bytes.byteOffset + i) % 4 !== 0) if (bytes[i++]! >= 0xc0) count++;
  const words = (n - i) >> 2;
  if (words > 0) {
    const w32 = new Uint32Array(bytes.buffer, bytes.byteOffset + i, words);
    for (let k = 0; k < words; ) {
      // Each byte of `sum` counts the lead bytes at its place in up to 255 words: bit 7 of a byte
      // whose bits 7 and 6 are both set, moved to bit 0. Then its four bytes are added up.
      let sum = 0;
      for (const stop = Math.min(words, k + 255); k < stop; k++) {
        const w = w32[k]!;
        sum += (w & (w << 1) & 0x80808080) >>> 7;
      }
      count += (sum & 0xff) + ((sum >>> 8) & 0xff) + ((sum >>> 16) & 0xff) + (sum >>> 24);
    }
    i += words << 2;
  }
  while (i < n) if (bytes[i++]! >= 0xc0) count++;
  return count;
}

/** How many characters (code points) valid UTF-8 holds: its bytes that are not continuations (10xxxxxx). */
export function codePointCount(bytes: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < bytes.length; i++) if ((bytes[i]! & 0xc0) !== 0x80) count++;
  return count;
}

/**
 * Line and column (1-based; the column in characters) of byte `offset`, for bytes that are valid
 * UTF-8 before it. A byte-order mark at the start is not a column.
 */
export function utf8Position(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) {
    line++;
    start = i + 1;
  }
  let column = 1;
  for (let i = start; i < offset; i++) if ((bytes[i]! & 0xc0) !== 0x80) column++;
  if (start === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf && offset >= 3) column--;
  return { line, column };
}

/** Whether GB18030 double-byte pairs make up these bytes' non-ASCII text, and how many are GB2312 (both bytes A1–FE). */
function gbkPairs(bytes: Uint8Array): { pairs: number; gb2312: number; stray: number } {
  let pairs = 0;
  let gb2312 = 0;
  let stray = 0;
  for (let i = 0; i < bytes.length; i++) {
    const a = bytes[i]!;
    if (a < 0x80) continue;
    const b = bytes[i + 1];
    if (a >= 0x81 && a <= 0xfe && b !== undefined && b >= 0x40 && b <= 0xfe && b !== 0x7f) {
      pairs++;
      if (a >= 0xa1 && b >= 0xa1) gb2312++;
      i++;
    } else stray++;
  }
  return { pairs, gb2312, stray };
}

/**
 * Whether bytes that are not UTF-8 are plausibly GBK (what Excel on a Chinese Windows saves a CSV
 * as): every non-ASCII byte is in a GBK double-byte pair, at least half of the pairs are GB2312
 * (the common characters and full-width punctuation), and the bytes are not UTF-8 at more places
 * than they are (a UTF-8 file with a stray byte has many valid sequences and one bad one; GBK
 * Chinese reads as valid UTF-8 only by accident, for about one character in eight).
 */
export function plausiblyGbk(bytes: Uint8Array, scan: Utf8Scan = scanUtf8(bytes)): boolean {
  if (scan.firstInvalid < 0 || scan.invalid <= scan.multibyte) return false;
  const { pairs, gb2312, stray } = gbkPairs(bytes);
  return stray === 0 && pairs > 0 && gb2312 * 2 >= pairs;
}

/**
 * The UTF-8 bytes of a string, as the WHATWG `TextEncoder` writes them (a lone surrogate becomes
 * U+FFFD, EF BF BD). Plain JavaScript, so the scoring core runs where no `TextEncoder` is
 * (GraalJS, a bare `node:vm` context).
 */
export function utf8Encode(text: string): Uint8Array {
  const out = new Uint8Array(utf8Length(text));
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = c <= 0xdbff && i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else c = 0xfffd;
    }
    if (c < 0x80) out[j++] = c;
    else if (c < 0x800) {
      out[j++] = 0xc0 | (c >> 6);
      out[j++] = 0x80 | (c & 0x3f);
    } else if (c < 0x10000) {
      out[j++] = 0xe0 | (c >> 12);
      out[j++] = 0x80 | ((c >> 6) & 0x3f);
      out[j++] = 0x80 | (c & 0x3f);
    } else {
      out[j++] = 0xf0 | (c >> 18);
      out[j++] = 0x80 | ((c >> 12) & 0x3f);
      out[j++] = 0x80 | ((c >> 6) & 0x3f);
      out[j++] = 0x80 | (c & 0x3f);
    }
  }
  return out;
}

/** How many bytes {@link utf8Encode} writes for a string. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
