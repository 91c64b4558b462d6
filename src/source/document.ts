import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { makeIssue, type Issue, type SourcePosition } from '../issues/issue.js';
import type { Limits } from './limits.js';

export type Path = (string | number)[];

/** A document read from YAML or JSON text: plain data plus where each value stood. */
export interface SourceDocument {
  value: unknown;
  file?: string;
  /** Position of the value at `path` (or of its nearest ancestor that has one). */
  positionOf(path: readonly (string | number)[]): SourcePosition | undefined;
}

const FORBIDDEN_KEYS = new Set(['__proto__']);

function pathKey(path: readonly (string | number)[]): string {
  return path.map(String).join('\u0000');
}

/** Decode bytes as UTF-8, and say so clearly when they are something else (GBK, say). */
export function decodeText(source: string | Uint8Array, file?: string): { text: string } | { issue: Issue } {
  let text: string;
  if (typeof source === 'string') {
    text = source;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(source);
    } catch {
      const hint = looksLikeGbk(source) ? '看起来是 GBK/GB18030 编码 · looks like GBK/GB18030' : undefined;
      return { issue: makeIssue('encoding_invalid', { hint }, file ? { source: { file, line: 1, column: 1 } } : {}) };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}

function looksLikeGbk(bytes: Uint8Array): boolean {
  let pairs = 0;
  for (let i = 0; i + 1 < bytes.length; i++) {
    const a = bytes[i]!;
    const b = bytes[i + 1]!;
    if (a >= 0x81 && a <= 0xfe && b >= 0x40 && b <= 0xfe && b !== 0x7f) {
      pairs++;
      i++;
    }
  }
  return pairs > 0;
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

  const lineCounter = new LineCounter();
  let parsed;
  try {
    parsed = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  } catch (e) {
    // The parser recursing too deep on pathological input.
    return { ok: false, issues: [makeIssue('too_deep', { limit: limits.maxDepth }, { source: where() })] };
  }
  const pos = (offset: number | undefined): SourcePosition => {
    if (offset === undefined) return where();
    const lp = lineCounter.linePos(offset);
    return where(lp.line, lp.col);
  };
  if (parsed.errors.length) {
    const issues: Issue[] = [];
    for (const err of parsed.errors.slice(0, 20)) {
      const { offset, zh } = explainYamlError(text, err.code, err.message, err.pos[0]);
      const source = pos(offset);
      if (issues.some((i) => i.source?.line === source.line && i.source?.column === source.column)) continue;
      if (err.code === 'DUPLICATE_KEY') {
        const key = text.slice(err.pos[0]).split(/\r?\n/)[0]!.split(/\s*:/)[0]!.replace(/^["']|["']$/g, '').trim().slice(0, 80) || '?';
        issues.push(makeIssue('duplicate_key', { key }, { source }));
        continue;
      }
      const detail = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
      issues.push(makeIssue('yaml_syntax', { detail: zh ?? detail, detailEn: detail }, { source }));
    }
    return { ok: false, issues };
  }

  const positions = new Map<string, SourcePosition>();
  const issues: Issue[] = [];
  let nodes = 0;
  let aborted = false;

  const walk = (node: Node | null | undefined, path: Path, depth: number, keyOffset?: number): unknown => {
    if (aborted) return null;
    if (++nodes > limits.maxNodes) {
      issues.push(makeIssue('alias_limit', { limit: limits.maxNodes }, { path, source: pos(node?.range?.[0]) }));
      aborted = true;
      return null;
    }
    if (depth > limits.maxDepth) {
      issues.push(makeIssue('too_deep', { limit: limits.maxDepth }, { path, source: pos(node?.range?.[0]) }));
      aborted = true;
      return null;
    }
    if (node == null) return null;
    positions.set(pathKey(path), pos(keyOffset ?? node.range?.[0]));
    if (isAlias(node)) {
      const target = node.resolve(parsed);
      if (!target) {
        issues.push(makeIssue('yaml_syntax', { detail: `unresolved alias *${node.source}` }, { path, source: pos(node.range?.[0]) }));
        return null;
      }
      return walk(target as Node, path, depth + 1, keyOffset ?? node.range?.[0]);
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
        const value = walk(pair.value as Node | null, [...path, key], depth + 1, keyPos);
        if (pair.value == null) positions.set(pathKey([...path, key]), pos(keyPos));
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    if (isSeq(node)) {
      return node.items.map((item, i) => walk(item as Node, [...path, i], depth + 1));
    }
    return null;
  };

  const value = walk(parsed.contents as Node | null, [], 0);
  if (issues.length) return { ok: false, issues };
  positions.set('', pos(parsed.contents?.range?.[0] ?? 0));
  const doc: SourceDocument = {
    value,
    positionOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const p = positions.get(pathKey(path.slice(0, n)));
        if (p) return p;
      }
      return undefined;
    },
  };
  if (file !== undefined) doc.file = file;
  return { ok: true, doc };
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
