import { CST, isAlias, isMap, isPair, isScalar, isSeq, Lexer, LineCounter, parseDocument, visit, type Alias, type Node } from 'yaml';
import { makeIssue, type Issue, type SourcePosition } from '../issues/issue.js';
import { readJson } from './json.js';
import type { Limits } from './limits.js';
import { plausiblyGbk, scanUtf8, utf8Position, type Utf8Scan } from './utf8.js';

export type Path = (string | number)[];

/** A document read from YAML or JSON text: plain data plus where each value stood. */
export interface SourceDocument {
  value: unknown;
  file?: string;
  /** Position of the value at `path` (or of its nearest ancestor that has one). */
  positionOf(path: readonly (string | number)[]): SourcePosition | undefined;
  /** The document as plain data (value and positions), to be read back by {@link documentFromData}. */
  data(): DocumentData;
  /** @internal A bundled rubric's value as the rubric schema reads it, read when jixiao was built. */
  schemaOutput?: unknown;
}

const FORBIDDEN_KEYS = new Set(['__proto__']);

function pathKey(path: readonly (string | number)[]): string {
  return path.map(String).join('\u0000');
}

/**
 * Decode bytes as UTF-8, and say so clearly when they are something else: `encoding_invalid` at
 * the line and column of the first byte that is not UTF-8, with that byte and its offset, or what
 * the bytes look like (UTF-16, or GBK/GB18030 by {@link plausiblyGbk}).
 */
export function decodeText(source: string | Uint8Array, file?: string): { text: string } | { issue: Issue } {
  let text: string;
  if (typeof source === 'string') {
    text = source;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(source);
    } catch {
      return { issue: notUtf8(source, file) };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}

/**
 * The `encoding_invalid` issue of bytes that are not UTF-8, placed at the first byte that is not
 * (`base` shifts it: the line and byte offset where `bytes` begin in a file read in chunks, and
 * the column the first of them is on).
 */
export function notUtf8(bytes: Uint8Array, file?: string, base: { line: number; column: number; offset: number; multibyte?: number } = { line: 1, column: 1, offset: 0 }): Issue {
  const scan = scanUtf8(bytes);
  // Valid UTF-8 characters read before these bytes count against their being GBK.
  if (base.multibyte) scan.multibyte += base.multibyte;
  const at = Math.max(0, scan.firstInvalid);
  const p = utf8Position(bytes, at);
  const line = base.line + p.line - 1;
  const column = p.line === 1 ? base.column + p.column - 1 : p.column;
  const guess = guessEncoding(bytes, scan);
  const hint = guess ? `看起来是 ${guess} 编码` : undefined;
  const hintEn = guess ? `it looks like ${guess}` : undefined;
  const byte = `0x${(bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0')}`;
  const params = { hint, hintEn, byte, line, column, offset: base.offset + at };
  return makeIssue('encoding_invalid', params, { source: file !== undefined ? { file, line, column } : { line, column } });
}

/** What bytes that are not UTF-8 probably are: UTF-16 (a BOM, or NUL bytes), or GBK/GB18030. */
function guessEncoding(bytes: Uint8Array, scan: Utf8Scan): string | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return 'UTF-16';
  const sample = bytes.subarray(0, 4096);
  let nul = 0;
  for (const b of sample) if (b === 0) nul++;
  if (nul * 8 > sample.length) return 'UTF-16';
  return plausiblyGbk(bytes, scan) && readsAsChinese(bytes) ? 'GBK/GB18030' : undefined;
}

/** The bytes decode as GB18030 and hold Chinese. (Without ICU's gb18030, the byte pattern is trusted.) */
function readsAsChinese(bytes: Uint8Array): boolean {
  try {
    return /\p{Script=Han}/u.test(new TextDecoder('gb18030', { fatal: true }).decode(bytes));
  } catch (e) {
    return e instanceof RangeError;
  }
}

/**
 * Parse YAML (or JSON) text into plain data with positions. Numbers keep their source text
 * (as strings) so no figure ever passes through a binary float. Aliases are expanded within a
 * node budget; `__proto__` keys, duplicate keys and excessive depth are issues.
 */
export function readDocument(
  source: string | Uint8Array,
  limits: Limits,
  file?: string,
): { ok: true; doc: SourceDocument } | { ok: false; issues: Issue[] } {
  const byteLength = typeof source === 'string' ? utf8Length(source) : source.length;
  const where = (line = 1, column = 1): SourcePosition => (file ? { file, line, column } : { line, column });
  if (byteLength > limits.maxBytes) {
    return { ok: false, issues: [makeIssue('file_too_large', { size: byteLength, limit: limits.maxBytes }, { source: where() })] };
  }
  const decoded = decodeText(source, file);
  if ('issue' in decoded) return { ok: false, issues: [decoded.issue] };
  const text = decoded.text;

  // JSON (what finance systems send): read in one pass when it is plain, else by the YAML parser.
  if (/^[ \n]*[{[]/.test(text.slice(0, 64))) {
    const json = readJson(text, limits);
    if (json) {
      const lines = new LineCounter();
      for (const start of json.lineStarts) lines.addNewLine(start);
      return { ok: true, doc: makeDocument(json.value, json.positions, lines, file) };
    }
  }
  return readYaml(text, limits, file);
}

/**
 * @internal The YAML reader, for decoded text within the size limit: what readDocument does
 * with any text the JSON reader does not take (tests compare the two on the texts it takes).
 */
export function readYaml(text: string, limits: Limits, file?: string): { ok: true; doc: SourceDocument } | { ok: false; issues: Issue[] } {
  const where = (line = 1, column = 1): SourcePosition => (file ? { file, line, column } : { line, column });

  // Before the YAML parser sees the text: its composer recurses once per level of nesting, and
  // a megabyte of `[` costs it seconds and hundreds of megabytes, so pathological nesting (and
  // node counts beyond the budget) are refused from a cheap token scan first.
  const scanned = scanStructure(text, limits);
  if (scanned) return { ok: false, issues: [makeIssue(scanned.code, { limit: scanned.limit }, { source: where(scanned.line, scanned.column) })] };

  const lineCounter = new LineCounter();
  let parsed;
  // The parser makes an Error (with a stack trace) for every problem it meets; without the
  // traces, a document full of errors parses three times faster. Restored before returning,
  // and nothing else runs in between (parsing is synchronous).
  const traceLimit = Error.stackTraceLimit;
  const quiet = typeof traceLimit === 'number' && Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit')?.writable === true;
  try {
    if (quiet) Error.stackTraceLimit = 0;
    // uniqueKeys is checked below, in linear time: the parser's own check is quadratic in the
    // number of keys of a mapping (100 000 keys took minutes).
    parsed = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });
  } catch {
    // The parser recursing too deep on pathological input.
    return { ok: false, issues: [makeIssue('too_deep', { limit: limits.maxDepth }, { source: where() })] };
  } finally {
    if (quiet) Error.stackTraceLimit = traceLimit;
  }
  const pos = (offset: number | undefined): SourcePosition => {
    if (offset === undefined) return where();
    const lp = lineCounter.linePos(offset);
    return where(lp.line, lp.col);
  };
  if (parsed.errors.length) {
    // The composer turns a stack overflow into an error (and one more per level it unwinds).
    const overflow = parsed.errors.find((err) => /call stack/i.test(err.message));
    if (overflow) return { ok: false, issues: [makeIssue('too_deep', { limit: limits.maxDepth }, { source: pos(overflow.pos[0]) })] };
    const issues: Issue[] = [];
    for (const err of parsed.errors.slice(0, 20)) {
      const { offset, zh } = explainYamlError(text, err.code, err.message, err.pos[0]);
      const source = pos(offset);
      if (issues.some((i) => i.source?.line === source.line && i.source?.column === source.column)) continue;
      const detail = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '').slice(0, 200);
      issues.push(makeIssue('yaml_syntax', { detail: zh ?? detail, detailEn: detail }, { source }));
    }
    return { ok: false, issues };
  }

  // Each alias resolves to the last node with its anchor before it. yaml's Alias.resolve()
  // searches the whole document for every alias (50 000 aliases took three minutes); one pass
  // in document order finds every target.
  const targets = new Map<Alias, Node>();
  const anchors = new Map<string, Node>();
  try {
    visit(parsed, {
      Node(_key, node) {
        if (isAlias(node)) {
          const target = anchors.get(node.source);
          if (target) targets.set(node, target);
        } else if (node.anchor) {
          anchors.set(node.anchor, node);
        }
      },
    });
  } catch {
    return { ok: false, issues: [makeIssue('too_deep', { limit: limits.maxDepth }, { source: where() })] };
  }

  // Offsets, turned into line and column only for the positions asked for (−1: none known).
  const positions = new Map<string, number>();
  const issues: Issue[] = [];
  let nodes = 0;
  let aborted = false;
  let inAlias = 0;

  const walk = (node: Node | null | undefined, path: Path, depth: number, keyOffset?: number): unknown => {
    if (aborted) return null;
    if (++nodes > limits.maxNodes) {
      issues.push(makeIssue(inAlias ? 'alias_limit' : 'too_many_nodes', { limit: limits.maxNodes }, { path, source: pos(node?.range?.[0]) }));
      aborted = true;
      return null;
    }
    if (depth > limits.maxDepth) {
      issues.push(makeIssue('too_deep', { limit: limits.maxDepth }, { path, source: pos(node?.range?.[0]) }));
      aborted = true;
      return null;
    }
    if (node == null) return null;
    positions.set(pathKey(path), keyOffset ?? node.range?.[0] ?? -1);
    if (isAlias(node)) {
      const target = targets.get(node);
      if (!target) {
        issues.push(makeIssue('yaml_syntax', { detail: `unresolved alias *${node.source}` }, { path, source: pos(node.range?.[0]) }));
        return null;
      }
      inAlias++;
      const value = walk(target, path, depth + 1, keyOffset ?? node.range?.[0]);
      inAlias--;
      return value;
    }
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'number' || typeof v === 'bigint') {
        // Keep the source text: exact decimals, and 0x/0o/.inf reach the schema as written.
        return typeof node.source === 'string' ? node.source : String(v);
      }
      if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
      return String(v);
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        let key: string;
        if (isScalar(keyNode)) {
          const kv = keyNode.value;
          key = typeof kv === 'number' && typeof keyNode.source === 'string' ? keyNode.source : String(kv);
        } else {
          issues.push(makeIssue('invalid_type', { expected: '文本键', expectedEn: 'a text key', received: '复合键', receivedEn: 'a complex key' }, { path, source: pos(keyNode?.range?.[0]) }));
          continue;
        }
        const keyPos = (keyNode as Node).range?.[0];
        if (FORBIDDEN_KEYS.has(key)) {
          issues.push(makeIssue('forbidden_key', { key }, { path: [...path, key], source: pos(keyPos) }));
          continue;
        }
        if (seen.has(key)) {
          issues.push(makeIssue('duplicate_key', { key: key.slice(0, 80) }, { path: [...path, key], source: pos(keyPos) }));
          continue;
        }
        seen.add(key);
        const value = walk(pair.value as Node | null, [...path, key], depth + 1, keyPos);
        if (pair.value == null) positions.set(pathKey([...path, key]), keyPos ?? -1);
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    if (isSeq(node)) {
      return node.items.map((item, i) => walk(item as Node, [...path, i], depth + 1));
    }
    return null;
  };

  let value: unknown;
  try {
    value = walk(parsed.contents as Node | null, [], 0);
  } catch (e) {
    // Only with limits raised far beyond the defaults: the walk itself runs out of stack.
    if (!(e instanceof RangeError)) throw e;
    return { ok: false, issues: [makeIssue('too_deep', { limit: limits.maxDepth }, { source: where() })] };
  }
  if (issues.length) return { ok: false, issues: issues.slice(0, 100) };
  positions.set('', parsed.contents?.range?.[0] ?? 0);
  return { ok: true, doc: makeDocument(value, positions, lineCounter, file) };
}

/** A document over `value`, with the offsets of its values (−1: none known) turned into lines and columns when asked. */
function makeDocument(value: unknown, positions: Map<string, number>, lineCounter: LineCounter, file: string | undefined): SourceDocument {
  const where = (line = 1, column = 1): SourcePosition => (file ? { file, line, column } : { line, column });
  const pos = (offset: number): SourcePosition => {
    const lp = lineCounter.linePos(offset);
    return where(lp.line, lp.col);
  };
  const doc: SourceDocument = {
    value,
    positionOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const offset = positions.get(pathKey(path.slice(0, n)));
        if (offset !== undefined) return offset < 0 ? where() : pos(offset);
      }
      return undefined;
    },
    data() {
      const lines: number[] = [];
      eachValue(value, (key) => {
        const offset = positions.get(key);
        const p = offset === undefined ? undefined : offset < 0 ? where() : pos(offset);
        lines.push(p ? p.line : 0, p ? p.column : 0);
      });
      return { value, positions: lines };
    },
  };
  if (file !== undefined) doc.file = file;
  return doc;
}

/**
 * A document as plain data, for a text read ahead of time (the bundled rubrics are read when
 * jixiao is built): its value and the line and column of every value that has one.
 */
export interface DocumentData {
  value: unknown;
  /**
   * Line and column of every value, in the order {@link eachValue} meets them (0, 0: none).
   * Every value of a document read from text has one position, so this is all of them.
   */
  positions: number[];
}

/** Every value in `value`, the root first, then each child before its next sibling (keys in object order). */
function eachValue(value: unknown, visit: (key: string) => void): void {
  // Keys as pathKey makes them: the root's children by name alone, deeper ones joined by U+0000.
  const go = (v: unknown, key: string, root: boolean) => {
    visit(key);
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) v.forEach((x, i) => go(x, root ? String(i) : `${key}\u0000${i}`, false));
    else for (const k of Object.keys(v)) go((v as Record<string, unknown>)[k], root ? k : `${key}\u0000${k}`, false);
  };
  go(value, '', true);
}

/** The document that `data` describes, as readDocument would have returned it for `file`. */
export function documentFromData(data: DocumentData, file?: string): SourceDocument {
  const positions = new Map<string, SourcePosition>();
  let i = 0;
  eachValue(data.value, (key) => {
    const line = data.positions[i++]!;
    const column = data.positions[i++]!;
    if (line > 0) positions.set(key, file !== undefined ? { file, line, column } : { line, column });
  });
  const doc: SourceDocument = {
    value: data.value,
    positionOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const p = positions.get(pathKey(path.slice(0, n)));
        if (p) return p;
      }
      return undefined;
    },
    data: () => data,
  };
  if (file !== undefined) doc.file = file;
  return doc;
}

/**
 * Where a YAML error really starts, and what it means in Chinese. An unclosed quote or bracket is
 * reported by the parser where the document ends; the author needs the line where it opened.
 */
function explainYamlError(text: string, code: string, message: string, offset: number): { offset: number; zh?: string } {
  const before = text.slice(0, offset);
  if (code === 'MISSING_CHAR' && /closing "quote/.test(message)) {
    const at = before.lastIndexOf('"');
    return { offset: at >= 0 ? at : offset, zh: '双引号未闭合' };
  }
  if (code === 'MISSING_CHAR' && /closing 'quote/.test(message)) {
    const at = before.lastIndexOf("'");
    return { offset: at >= 0 ? at : offset, zh: '单引号未闭合' };
  }
  const flow = /end with a ([}\]])/.exec(message);
  if (flow) {
    const close = flow[1]!;
    const open = close === '}' ? '{' : '[';
    let depth = 0;
    for (let i = before.length - 1; i >= 0; i--) {
      const c = before[i];
      if (c === close) depth++;
      else if (c === open) {
        if (depth === 0) return { offset: i, zh: close === '}' ? '花括号 { 未闭合' : '方括号 [ 未闭合' };
        depth--;
      }
    }
    return { offset, zh: close === '}' ? '花括号 { 未闭合' : '方括号 [ 未闭合' };
  }
  if (code === 'TAB_AS_INDENT') return { offset, zh: '不能用制表符（Tab）缩进，请改用空格' };
  if (code === 'BAD_INDENT') return { offset, zh: '缩进不正确' };
  return { offset };
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Attach source positions to issues that have a path but no position yet. */
export function locateIssues(issues: Issue[], doc: SourceDocument | undefined, prefix: Path = []): Issue[] {
  if (!doc) return issues;
  return issues.map((i) => {
    if (i.source) return i;
    const p = doc.positionOf([...prefix, ...i.path]);
    return p ? { ...i, source: p } : i;
  });
}

/**
 * A linear pass over the YAML tokens that refuses, before parsing, what the parser would choke
 * on: nesting deeper than `maxDepth`, and more than `2 × maxNodes` tokens (keys, values,
 * indicators, anchors, tags: everything but spaces, line breaks and comments). The parser
 * needs 3–10 µs a token, so two megabytes of `-:` or `]` lines would take it 5–10 s; with the
 * default budget the worst document parses in about a second. The scan stops at the first
 * token over a limit, so `[[[[…` of any length costs microseconds.
 *
 * Block nesting is estimated from the columns where nodes start (a stack of increasing
 * columns); a sequence written at its parent key's column (`key:\n- item`) shares that
 * column, so the estimate may be up to half the real depth. Deeper documents that pass are
 * still stopped, exactly, by the walk in {@link readDocument}.
 */
function scanStructure(text: string, limits: Limits): { code: 'too_deep' | 'too_many_nodes'; limit: number; line: number; column: number } | undefined {
  const columns: number[] = [];
  let flow = 0;
  let tokens = 0;
  const budget = 2 * limits.maxNodes;
  let line = 1;
  let col = 0;
  let lineStart = true; // nothing but indentation so far on this line
  let afterIndicator = false; // the last token on this line was `-`, `?` or a leading `:`
  let scalarText = false; // the next token is the source text of a scalar
  let blockScalar = false; // after `|` or `>`: the next scalar is that header's content
  const open = (): boolean => {
    while (columns.length && columns[columns.length - 1]! > col) columns.pop();
    if (!columns.length || columns[columns.length - 1]! < col) columns.push(col);
    return columns.length + flow > limits.maxDepth;
  };
  const advance = (tok: string) => {
    const nl = tok.lastIndexOf('\n');
    if (nl < 0) {
      col += tok.length;
      return;
    }
    for (let i = 0; i <= nl; i++) if (tok.charCodeAt(i) === 10) line++;
    col = tok.length - nl - 1;
  };
  const fail = (code: 'too_deep' | 'too_many_nodes', limit: number) => ({ code, limit, line, column: col + 1 });
  try {
    for (const tok of new Lexer().lex(text)) {
      if (scalarText) {
        scalarText = false;
        advance(tok);
        lineStart = tok.endsWith('\n'); // a block scalar's text runs to the end of its last line
        afterIndicator = false;
        continue;
      }
      const type = CST.tokenType(tok);
      if (type !== 'space' && type !== 'newline' && type !== 'comment' && ++tokens > budget) return fail('too_many_nodes', limits.maxNodes);
      switch (type) {
        case 'byte-order-mark':
        case 'doc-mode':
        case 'flow-error-end':
          continue; // markers, not source text
        case 'scalar':
          scalarText = true;
          if (blockScalar) {
            blockScalar = false; // content lines are text, not structure
            continue;
          }
          if (flow === 0 && (lineStart || afterIndicator) && open()) return fail('too_deep', limits.maxDepth);
          continue;
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'alias':
          if (flow === 0 && (lineStart || afterIndicator) && open()) return fail('too_deep', limits.maxDepth);
          lineStart = false;
          afterIndicator = false;
          break;
        case 'seq-item-ind':
        case 'explicit-key-ind':
          if (flow === 0 && open()) return fail('too_deep', limits.maxDepth);
          lineStart = false;
          afterIndicator = true;
          break;
        case 'map-value-ind':
          if (flow === 0 && lineStart && open()) return fail('too_deep', limits.maxDepth);
          afterIndicator = lineStart;
          lineStart = false;
          break;
        case 'flow-map-start':
        case 'flow-seq-start':
          if (flow === 0 && (lineStart || afterIndicator) && open()) return fail('too_deep', limits.maxDepth);
          flow++;
          if (columns.length + flow > limits.maxDepth) return fail('too_deep', limits.maxDepth);
          lineStart = false;
          afterIndicator = false;
          break;
        case 'flow-map-end':
        case 'flow-seq-end':
          if (flow > 0) flow--;
          break;
        case 'newline':
          advance(tok);
          col = 0;
          lineStart = true;
          afterIndicator = false;
          continue;
        case 'doc-start':
        case 'doc-end':
          columns.length = 0;
          flow = 0;
          break;
        case 'block-scalar-header':
          if (flow === 0 && (lineStart || afterIndicator) && open()) return fail('too_deep', limits.maxDepth);
          blockScalar = true;
          lineStart = false;
          afterIndicator = false;
          break;
        case 'space':
        case 'comment':
        case 'anchor':
        case 'tag':
          break;
        default:
          lineStart = false;
          afterIndicator = false;
      }
      advance(tok);
    }
  } catch {
    return undefined; // the parser will report whatever the lexer could not read
  }
  return undefined;
}
