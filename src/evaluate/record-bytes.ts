/**
 * Reading a record's JSON text as UTF-8 bytes (compiled.ts, `runBytes`): which characters a string
 * may hold as they are, bytes compared and made into text, a record's text encoded. Plain
 * JavaScript where the engine has no TextEncoder or TextDecoder (GraalJS, a bare `node:vm`).
 */
import { utf8Encode } from '../source/utf8.js';

/**
 * A character the document readers take as it is in a string (as src/batch/many.ts `printable`):
 * not a control character, not a surrogate, not U+FEFF, U+FFFE or U+FFFF.
 */
export function printable(c: number): boolean {
  return c >= 0x20 && (c <= 0x7e || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfefe) || (c >= 0xff00 && c <= 0xfffd));
}

/** A key `str` reads as it is written (printable characters, no quote, no backslash, not U+FFFD), and so one `keyAs` may look for. */
export function plainKey(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 34 || c === 92 || c === 0xfffd || !printable(c)) return false;
  }
  return true;
}

export const NO_BYTES = new Uint8Array(0);
const ascii = (word: string): Uint8Array => Uint8Array.from(word, (ch) => ch.charCodeAt(0));
export const TRUE = ascii('true');
export const FALSE = ascii('false');
export const NULL = ascii('null');
/** An assessment's fields, told apart by their first letter. */
export const FIELDS = ['score', 'reason', 'items', 'notApplicable'] as const;
export const FIELD_BYTES = FIELDS.map(ascii);

export const PROTO_BYTES = ascii('__proto__');

/** Whether bytes `from` to `to` of `a` are `b` (all of it, or its bytes `bFrom` to `bTo`). */
export function bytesAre(a: Uint8Array, from: number, to: number, b: Uint8Array, bFrom = 0, bTo = b.length): boolean {
  if (to - from !== bTo - bFrom) return false;
  for (let i = 0; i < to - from; i++) if (a[from + i] !== b[bFrom + i]) return false;
  return true;
}

/** Bytes `from` to `to`, UTF-8 of characters of the Basic Multilingual Plane (checked by the reader), as text. */
const DECODER = typeof TextDecoder === 'function' ? new TextDecoder('utf-8', { ignoreBOM: true }) : undefined;
export function bytesText(b: Uint8Array, from: number, to: number): string {
  let i = from;
  while (i < to && b[i]! < 0x80) i++;
  if (i === to) return asciiText(b, from, to);
  if (DECODER !== undefined) return DECODER.decode(b.subarray(from, to));
  let out = asciiText(b, from, i);
  while (i < to) {
    const c = b[i]!;
    if (c < 0x80) (out += String.fromCharCode(c)), i++;
    else if (c < 0xe0) (out += String.fromCharCode(((c & 0x1f) << 6) | (b[i + 1]! & 0x3f))), (i += 2);
    else (out += String.fromCharCode(((c & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6) | (b[i + 2]! & 0x3f))), (i += 3);
  }
  return out;
}
/** Bytes `from` to `to` of ASCII text as a string. */
export function asciiText(b: Uint8Array, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i++) out += String.fromCharCode(b[i]!);
  return out;
}
/** The characters (UTF-16 units) of the UTF-8 bytes before `at`, all of the Basic Multilingual Plane: the bytes that begin one. */
export function unitsBefore(b: Uint8Array, at: number): number {
  let n = 0;
  for (let i = 0; i < at; i++) if ((b[i]! & 0xc0) !== 0x80) n++;
  return n;
}

/** A record's text as UTF-8, in memory reused from one record to the next (TextEncoder where there is one). */
const ENCODER = typeof TextEncoder === 'function' ? new TextEncoder() : undefined;
let encoded = new Uint8Array(4096);
export function encodeText(text: string): Uint8Array {
  if (ENCODER === undefined) return utf8Encode(text);
  if (encoded.length < text.length * 3) encoded = new Uint8Array(text.length * 3);
  return encoded.subarray(0, ENCODER.encodeInto(text, encoded).written);
}
