import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// src/ is built in layers: a module imports its own layer or lower ones, never a higher one, and
// no module reaches itself through its imports. Type imports count: a type that points upward
// is a piece of code in the wrong layer.
const src = fileURLToPath(new URL('../src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !/\.d\.ts$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** Every module of src/ with the modules of src/ it imports (relative imports, type imports included). */
function importGraph(): Map<string, Set<string>> {
  const files = sources(src);
  const graph = new Map(files.map((f) => [f, new Set<string>()]));
  for (const f of files) {
    for (const m of readFileSync(f, 'utf8').matchAll(IMPORT)) {
      const base = resolve(dirname(f), (m[1] ?? m[2])!).replace(/\.(c|m)?js$/, '');
      const hit = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((c) => existsSync(c));
      if (hit !== undefined && hit !== f && graph.has(hit)) graph.get(f)!.add(hit);
    }
  }
  return graph;
}

/** The groups of more than one module that import each other in a circle (Tarjan's algorithm). */
function cycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/**
 * The layers of src/, lowest first: each folder (or top-level module) and its rank. A module may
 * import from a rank at or below its own. A new folder must be placed here.
 */
const LAYERS: Record<string, number> = {
  'decimal.ts': 0,
  'exact.ts': 1,
  issues: 1,
  source: 2,
  formula: 2,
  rules: 3,
  project: 4,
  rubric: 5,
  evaluate: 6,
  'bundled.ts': 7,
  batch: 7,
  review: 7,
  report: 8,
  text: 8,
  // 绩效运行监控 (双监控): levels, not points; its 监控表 drawn by the report layer's formats.
  monitor: 9,
  lint: 10,
  import: 11,
  codegen: 11,
  // The package's entries: jixiao (index.ts) and its subpaths jixiao/authoring, /report, /xlsx, /docx, /review, /monitor.
  'index.ts': 12,
  entries: 12,
  testing: 13,
  // The HTTP service shares jixiao batch's record reader and output lines (cli/batch), not the command line.
  serve: 13,
  cli: 13,
};

/** The folder of a module under src/, or the module's own file name when it sits in src/ itself. */
const layerOf = (file: string) => relative(src, file).split(/[\\/]/)[0]!;

describe('src/ layers', () => {
  const graph = importGraph();
  const name = (f: string) => relative(src, f).replace(/\\/g, '/');

  it('finds the modules and their imports', () => {
    // A reader that found nothing would pass everything below.
    expect(graph.size).toBeGreaterThan(100);
    expect([...graph.get(join(src, 'rubric', 'compile.ts'))!].map(name)).toContain('rubric/plan.ts');
  });

  it('no module imports itself through others', () => {
    expect(cycles(graph).map((g) => g.map(name).join(', '))).toStrictEqual([]);
  });

  it('docs/architecture.md shows every layer at its rank', () => {
    const doc = readFileSync(new URL('../docs/architecture.md', import.meta.url), 'utf8');
    const rows = new Map<string, number>();
    for (const m of doc.matchAll(/^\| (\d+) \| (.+?) \|/gm)) for (const n of m[2]!.matchAll(/`([^`]+)`/g)) rows.set(n[1]!, Number(m[1]));
    expect(Object.fromEntries([...rows].filter(([k]) => LAYERS[k] !== undefined))).toStrictEqual(LAYERS);
  });

  it('every folder imports only its own layer or lower ones', () => {
    const unplaced = [...new Set([...graph.keys()].map(layerOf))].filter((l) => LAYERS[l] === undefined);
    expect(unplaced).toStrictEqual([]);
    const upward: string[] = [];
    for (const [from, to] of graph) {
      for (const t of to) if (LAYERS[layerOf(t)]! > LAYERS[layerOf(from)]!) upward.push(`${name(from)} → ${name(t)}`);
    }
    expect(upward).toStrictEqual([]);
  });
});

describe('the checks themselves', () => {
  it('a circle of three is found, a chain is not', () => {
    const g = (edges: [string, string][]) => {
      const m = new Map<string, Set<string>>();
      for (const [a, b] of edges) {
        if (!m.has(a)) m.set(a, new Set());
        if (!m.has(b)) m.set(b, new Set());
        m.get(a)!.add(b);
      }
      return m;
    };
    expect(cycles(g([['a', 'b'], ['b', 'c'], ['c', 'a'], ['c', 'd']]))).toStrictEqual([['a', 'b', 'c']]);
    expect(cycles(g([['a', 'b'], ['b', 'c'], ['a', 'c']]))).toStrictEqual([]);
  });

  it('a type import is read as an import', () => {
    const line = "import type { Rubric } from '../rubric/types.js';";
    expect([...line.matchAll(IMPORT)].map((m) => m[1])).toStrictEqual(['../rubric/types.js']);
  });
});
