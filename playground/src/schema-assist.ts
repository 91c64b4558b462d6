// Completion and hover text for the rubric YAML, from the rubric's JSON Schema (its descriptions
// are Chinese first). The place in the document is found from the indentation of the lines above
// the cursor: the keys that contain it, `[]` for a list item.
import type { CompletionContext, CompletionResult, Completion } from '@codemirror/autocomplete';
import { hoverTooltip, type Tooltip } from '@codemirror/view';
import type { EditorState } from '@codemirror/state';

type Schema = Record<string, unknown>;

interface Line {
  indent: number;
  dash: boolean;
  content: number;
  key?: string;
  blank: boolean;
}

const KEY = /^([^\s#'"{}[\],:][^#:{}[\],]*?|"[^"]*"|'[^']*'):(\s|$)/;

function readLine(text: string): Line {
  const indent = text.length - text.trimStart().length;
  let rest = text.slice(indent);
  const blank = rest === '' || rest.startsWith('#');
  let dash = false;
  let content = indent;
  const d = /^-(\s+|$)/.exec(rest);
  if (d) {
    dash = true;
    content = indent + d[0].length;
    rest = rest.slice(d[0].length);
  }
  const k = KEY.exec(rest);
  return { indent, dash, content, blank, ...(k ? { key: k[1]!.replace(/^["']|["']$/g, '') } : {}) };
}

/** The keys (and `[]` for list items) that contain a position at `column` of line `lineNo` (1-based). */
export function pathAt(state: EditorState, lineNo: number, column: number): string[] {
  const path: string[] = [];
  let threshold = column;
  const here = readLine(state.doc.line(lineNo).text);
  if (here.dash && column >= here.content) {
    path.unshift('[]');
    threshold = here.indent;
  }
  for (let n = lineNo - 1; n >= 1 && threshold > 0; n--) {
    const l = readLine(state.doc.line(n).text);
    if (l.blank) continue;
    if (l.dash && l.indent < threshold) {
      if (l.key !== undefined && l.content < threshold) path.unshift(l.key);
      path.unshift('[]');
      threshold = l.indent;
    } else if (!l.dash && l.key !== undefined && l.indent < threshold) {
      path.unshift(l.key);
      threshold = l.indent;
    }
  }
  return path;
}

export class SchemaAssist {
  constructor(private readonly root: Schema) {}

  private deref(s: Schema): Schema {
    const ref = s.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/')) {
      let t: unknown = this.root;
      for (const part of ref.slice(2).split('/')) t = (t as Schema)?.[part];
      return (t as Schema) ?? {};
    }
    return s;
  }

  /** The schema and every alternative it allows (anyOf/oneOf/allOf, references followed). */
  private variants(s: Schema | undefined, seen = new Set<Schema>()): Schema[] {
    if (!s) return [];
    const d = this.deref(s);
    if (seen.has(d)) return [];
    seen.add(d);
    const out = [d];
    for (const k of ['anyOf', 'oneOf', 'allOf'] as const) {
      const list = d[k];
      if (Array.isArray(list)) for (const x of list) out.push(...this.variants(x as Schema, seen));
    }
    return out;
  }

  /** The schemas a path may lead to. */
  at(path: readonly string[]): Schema[] {
    let here: Schema[] = [this.root];
    for (const seg of path) {
      const next: Schema[] = [];
      for (const s of here.flatMap((x) => this.variants(x))) {
        if (seg === '[]') {
          if (s.items && typeof s.items === 'object') next.push(s.items as Schema);
        } else {
          const props = s.properties as Record<string, Schema> | undefined;
          if (props?.[seg]) next.push(props[seg]);
          else if (s.additionalProperties && typeof s.additionalProperties === 'object') next.push(s.additionalProperties as Schema);
        }
      }
      here = next;
      if (!here.length) break;
    }
    return here;
  }

  /** Keys that may stand at `path`, each with its description. */
  keys(path: readonly string[]): Completion[] {
    const seen = new Map<string, Completion>();
    for (const s of this.at(path).flatMap((x) => this.variants(x))) {
      const props = s.properties as Record<string, Schema> | undefined;
      if (!props) continue;
      for (const [k, p] of Object.entries(props)) {
        if (k === '$schema' || seen.has(k)) continue;
        const info = this.describe([p]);
        seen.set(k, { label: k, type: 'property', apply: `${k}: `, ...(info ? { info, detail: info.split(/[\n·]/)[0]!.slice(0, 40) } : {}) });
      }
    }
    return [...seen.values()];
  }

  /** Values a key at `path` may take (enum, const), each with its description. */
  values(path: readonly string[]): Completion[] {
    const out = new Map<string, Completion>();
    for (const s of this.at(path).flatMap((x) => this.variants(x))) {
      if (s.const !== undefined) out.set(String(s.const), { label: String(s.const), type: 'enum' });
      if (Array.isArray(s.enum)) for (const v of s.enum) out.set(String(v), { label: String(v), type: 'enum' });
    }
    // A rule's `kind`: each kind with its own description (the variant the const belongs to).
    if (path[path.length - 1] === 'kind') {
      for (const s of this.at(path.slice(0, -1)).flatMap((x) => this.variants(x))) {
        const k = (s.properties as Record<string, Schema> | undefined)?.kind;
        const c = k ? this.deref(k).const : undefined;
        if (c !== undefined && typeof s.description === 'string') out.set(String(c), { label: String(c), type: 'enum', info: s.description, detail: s.description.slice(0, 40) });
      }
    }
    return [...out.values()];
  }

  describe(list: Schema[]): string | undefined {
    const texts = new Set<string>();
    for (const s of list.flatMap((x) => this.variants(x))) {
      if (typeof s.description === 'string') texts.add(s.description);
      else if (typeof s.title === 'string' && list.length === 1) texts.add(s.title);
    }
    return texts.size ? [...texts].join('\n') : undefined;
  }

  complete = (ctx: CompletionContext): CompletionResult | null => {
    const line = ctx.state.doc.lineAt(ctx.pos);
    const before = line.text.slice(0, ctx.pos - line.from);
    const value = /^(\s*(?:-\s+)?)([^\s:#][^:#]*?):\s+([^\s#]*)$/.exec(before);
    if (value) {
      const column = value[1]!.length;
      const path = [...pathAt(ctx.state, line.number, column), value[2]!];
      const options = this.values(path);
      if (!options.length) return null;
      return { from: ctx.pos - value[3]!.length, options, validFor: /^[\w-]*$/ };
    }
    const key = /^(\s*(?:-\s+)?)([\w\u4e00-\u9fff$-]*)$/.exec(before);
    if (!key) return null;
    if (!ctx.explicit && key[2] === '' && !/-\s+$/.test(key[1]!)) return null;
    const column = key[1]!.length;
    const options = this.keys(pathAt(ctx.state, line.number, column));
    if (!options.length) return null;
    return { from: ctx.pos - key[2]!.length, options, validFor: /^[\w$-]*$/ };
  };

  hover = hoverTooltip((view, pos): Tooltip | null => {
    const line = view.state.doc.lineAt(pos);
    const l = readLine(line.text);
    if (l.key === undefined) return null;
    const start = line.from + l.content;
    const end = start + l.key.length;
    if (pos < start || pos > end) return null;
    const path = [...pathAt(view.state, line.number, l.content), l.key];
    const text = this.describe(this.at(path));
    if (!text) return null;
    return {
      pos: start,
      end,
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'cm-schema-hover';
        dom.textContent = `${path.filter((p) => p !== '[]').join(' › ')}\n${text}`;
        return { dom };
      },
    };
  });
}
