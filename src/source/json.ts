/**
 * A reader for the JSON that finance systems send (evaluation inputs, one per record): the same
 * document the YAML reader makes of it — numbers as their source text, each value's position —
 * in one pass, without the YAML parser. It takes only JSON it is sure of: any syntax error,
 * duplicate or `__proto__` key, a limit reached, a tab, a lone carriage return, a control or
 * other character YAML treats differently, or a surrogate, and it returns undefined, and the text
 * goes to the YAML reader, which says what is wrong where (src/source/document.ts).
 *
 * tests/json-reader.test.ts checks that on every text it takes, the two readers agree exactly.
 */
import type { Limits } from './limits.js';

export interface JsonRead {
  value: unknown;
  /** Offsets of values, by path key (as document.ts keys them); map values at their key. */
  positions: Map<string, number>;
  /** Offsets where lines start: 0, and one after each line feed. */
  lineStarts: number[];
}

/** Thrown to give up: the YAML reader takes over. */
const GIVE_UP = new Error('not plain JSON');

export function readJson(text: string, limits: Limits): JsonRead | undefined {
  try {
    return new JsonReader(text, limits).read();
  } catch (e) {
    // GIVE_UP, or the stack exhausted with limits raised far beyond the defaults.
    if (e === GIVE_UP || e instanceof RangeError) return undefined;
    throw e;
  }
}

class JsonReader {
  private i = 0;
  private nodes = 0;
  /** Tokens as the YAML reader's pre-scan counts them: brackets, commas, colons, scalars. */
  private tokens = 0;
  readonly positions = new Map<string, number>();
  readonly lineStarts: number[] = [0];

  constructor(
    private readonly s: string,
    private readonly limits: Limits,
  ) {}

  read(): JsonRead {
    this.space();
    const start = this.i;
    const value = this.value('', 0, start);
    this.space();
    if (this.i !== this.s.length) throw GIVE_UP;
    this.positions.set('', start);
    return { value, positions: this.positions, lineStarts: this.lineStarts };
  }

  private space(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.i);
      if (c === 32) this.i++;
      else if (c === 10) this.lineStarts.push(++this.i);
      else if (c === 13 && s.charCodeAt(this.i + 1) === 10) this.i++;
      else return;
    }
  }

  /** The value at `key` (its path key), `depth` levels down, positioned at `at`. */
  private value(key: string, depth: number, at: number): unknown {
    // Within the limits with a margin: where the YAML reader would refuse the text (too many
    // nodes or tokens, too deep — its pre-scan counts a container at depth d as d + 2 levels),
    // this reader has given up first.
    const { maxNodes, maxDepth } = this.limits;
    if (++this.nodes > maxNodes || depth > maxDepth) throw GIVE_UP;
    // A scalar is one token; a container two (its brackets), and its commas and colons below.
    this.token(1);
    this.positions.set(key, at);
    const s = this.s;
    const c = s.charCodeAt(this.i);
    if ((c === 123 || c === 91) && depth + 3 > maxDepth) throw GIVE_UP;
    if (c === 123) return this.object(key, depth);
    if (c === 91) return this.array(key, depth);
    if (c === 34) return this.string();
    if (c === 45 || (c >= 48 && c <= 57)) return this.number();
    if (s.startsWith('true', this.i)) return this.word(4, true);
    if (s.startsWith('false', this.i)) return this.word(5, false);
    if (s.startsWith('null', this.i)) return this.word(4, null);
    throw GIVE_UP;
  }

  private token(n: number): void {
    if ((this.tokens += n) > 2 * this.limits.maxNodes - 8) throw GIVE_UP;
  }

  private word<T>(length: number, value: T): T {
    this.i += length;
    const c = this.s.charCodeAt(this.i);
    // `truex`, `null1`: not JSON.
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) throw GIVE_UP;
    return value;
  }

  private object(key: string, depth: number): Record<string, unknown> {
    const s = this.s;
    const out: Record<string, unknown> = {};
    this.i++;
    this.token(1); // the closing brace
    this.space();
    if (s.charCodeAt(this.i) === 125) {
      this.i++;
      return out;
    }
    for (;;) {
      if (s.charCodeAt(this.i) !== 34) throw GIVE_UP;
      this.token(3); // the key, the colon, the comma after the value
      const keyAt = this.i;
      const name = this.string();
      if (name === '__proto__' || Object.prototype.hasOwnProperty.call(out, name)) throw GIVE_UP;
      this.space();
      if (s.charCodeAt(this.i) !== 58) throw GIVE_UP;
      this.i++;
      this.space();
      out[name] = this.value(depth === 0 ? name : `${key}\u0000${name}`, depth + 1, keyAt);
      this.space();
      const c = s.charCodeAt(this.i++);
      if (c === 125) return out;
      if (c !== 44) throw GIVE_UP;
      this.space();
    }
  }

  private array(key: string, depth: number): unknown[] {
    const s = this.s;
    const out: unknown[] = [];
    this.i++;
    this.token(1); // the closing bracket
    this.space();
    if (s.charCodeAt(this.i) === 93) {
      this.i++;
      return out;
    }
    for (;;) {
      this.token(1); // the comma after the item
      const n = out.length;
      out.push(this.value(depth === 0 ? String(n) : `${key}\u0000${n}`, depth + 1, this.i));
      this.space();
      const c = s.charCodeAt(this.i++);
      if (c === 93) return out;
      if (c !== 44) throw GIVE_UP;
      this.space();
    }
  }

  /** A JSON number, kept as its source text (as the YAML reader keeps it). */
  private number(): string {
    const m = NUMBER.exec(this.s.slice(this.i, this.i + 400));
    if (!m) throw GIVE_UP;
    this.i += m[0].length;
    const c = this.s.charCodeAt(this.i);
    if ((c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45) throw GIVE_UP;
    return m[0];
  }

  private string(): string {
    const s = this.s;
    let i = this.i + 1;
    let out = '';
    let from = i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) {
        out += s.slice(from, i);
        const e = s.charCodeAt(i + 1);
        const simple = ESCAPES[e];
        if (simple !== undefined) {
          out += simple;
          i += 2;
        } else if (e === 117) {
          const hex = s.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw GIVE_UP;
          const code = parseInt(hex, 16);
          if (!printable(code)) throw GIVE_UP;
          out += String.fromCharCode(code);
          i += 6;
        } else throw GIVE_UP;
        from = i;
        continue;
      }
      // End of text, control characters, and what YAML reads otherwise or refuses.
      if (Number.isNaN(c) || !printable(c)) throw GIVE_UP;
      i++;
    }
    out += s.slice(from, i);
    this.i = i + 1;
    return out;
  }
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;

const ESCAPES: Record<number, string> = { 34: '"', 92: '\\', 47: '/', 98: '\b', 102: '\f', 110: '\n', 114: '\r', 116: '\t' };

/**
 * Characters both readers take as they are inside a string: printable, not a C1 control, not a
 * surrogate (a pair, such as an emoji, is left to the YAML reader), not U+FEFF, U+FFFE, U+FFFF.
 */
function printable(c: number): boolean {
  return (c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c < 0xd800) || (c >= 0xe000 && c < 0xfeff) || (c > 0xfeff && c < 0xfffe);
}
