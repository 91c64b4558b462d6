/**
 * A small YAML writer for generated rubrics: block mappings, flow mappings for rules, literal
 * blocks for multi-line text, comments, and decimals written exactly as their text.
 */

/** A decimal written as is (never quoted, never through a binary float). */
export class Num {
  constructor(readonly text: string) {}
}

export type YamlValue = string | boolean | Num | YamlValue[] | { [key: string]: YamlValue | undefined };

const RESERVED = /^(true|false|null|~|yes|no|on|off|y|n)$/i;

/** A string as a plain scalar when that is unambiguous, else double-quoted (JSON quoting is valid YAML). */
export function scalar(s: string, flow = false): string {
  const plain =
    s.length > 0 &&
    s === s.trim() &&
    !/[\n\r\t]/.test(s) &&
    !/^[-?:,[\]{}#&*!|>'"%@`.+\d]/.test(s) &&
    !/: |\s#|:$/.test(s) &&
    !(flow && /[,[\]{}]/.test(s)) &&
    !s.includes('#') &&
    !RESERVED.test(s);
  return plain ? s : JSON.stringify(s);
}

/** A mapping key. */
export function key(s: string): string {
  return scalar(s, true);
}

/** A value in flow style: `{ kind: per_unit, points: 0.5 }`, `[a, b]`. */
export function flow(v: YamlValue): string {
  if (v instanceof Num) return v.text;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return scalar(v, true);
  if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
  const parts = Object.entries(v)
    .filter((e): e is [string, YamlValue] => e[1] !== undefined)
    .map(([k, x]) => `${key(k)}: ${flow(x)}`);
  return parts.length ? `{ ${parts.join(', ')} }` : '{}';
}

/** Lines being written, with indentation helpers. */
export class YamlWriter {
  private readonly lines: string[] = [];

  comment(indent: number, text: string): void {
    for (const l of text.split('\n')) this.lines.push(`${' '.repeat(indent)}# ${l}`.trimEnd());
  }

  blank(): void {
    this.lines.push('');
  }

  /** `key: value` with an optional trailing comment; multi-line strings become literal blocks. */
  entry(indent: number, k: string, v: YamlValue, opts: { comment?: string; dash?: boolean } = {}): void {
    const lead = `${' '.repeat(indent)}${opts.dash ? '- ' : ''}${key(k)}:`;
    const tail = opts.comment ? `  # ${opts.comment}` : '';
    if (typeof v === 'string' && v.includes('\n')) {
      this.lines.push(`${lead} |-${tail}`);
      const pad = ' '.repeat(indent + (opts.dash ? 2 : 0) + 2);
      for (const l of v.split('\n')) this.lines.push(l ? `${pad}${l}` : '');
      return;
    }
    this.lines.push(`${lead} ${flow(v)}${tail}`);
  }

  /** `key:` opening a nested block. */
  open(indent: number, k: string, opts: { comment?: string; dash?: boolean } = {}): void {
    this.lines.push(`${' '.repeat(indent)}${opts.dash ? '- ' : ''}${key(k)}:${opts.comment ? `  # ${opts.comment}` : ''}`);
  }

  /** `- value` in a block sequence. */
  item(indent: number, v: YamlValue, comment?: string): void {
    this.lines.push(`${' '.repeat(indent)}- ${flow(v)}${comment ? `  # ${comment}` : ''}`);
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}
