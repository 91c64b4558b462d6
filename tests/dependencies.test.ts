import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// What a user installs is what the library imports: every runtime dependency is imported by
// src/, and src/ imports nothing that is only a dev dependency.
const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.ts$/.test(e.name) ? [readFileSync(join(dir, e.name), 'utf8')] : [],
  );
}
const imported = new Set(
  sources(join(root, 'src')).flatMap((text) =>
    [...text.matchAll(/^(?:import|export)\b[^'\n]*\bfrom\s*'([^'.][^']*)';$/gm)].map((m) => m[1]!.split('/').slice(0, m[1]!.startsWith('@') ? 2 : 1).join('/')),
  ),
);

// A node `engines` range as npm writes it (`>=18`, `^20.19.0 || >=22.12.0`, `>= 10`, `14 >=14.17`,
// `*`), checked against one Node version: enough of semver for the ranges in package-lock.json.
type Version = [number, number, number];
const cmp = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
function admits(range: string, v: Version): boolean {
  return range.split('||').some((alt) =>
    alt.trim().replace(/([<>=^~]+)\s+/g, '$1').split(/\s+/).filter(Boolean).every((term) => {
      const m = /^([<>]=?|=|\^|~)?v?(\d+|\*|x)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?$/.exec(term);
      if (!m) throw new Error(`engines range not understood: ${range}`);
      const op = m[1] ?? '=';
      const parts = m.slice(2).filter((p) => p !== undefined && /^\d+$/.test(p)).map(Number);
      if (parts.length === 0) return true; // *, x
      const low: Version = [parts[0]!, parts[1] ?? 0, parts[2] ?? 0];
      if (op === '>=') return cmp(v, low) >= 0;
      if (op === '>') return cmp(v, low) > 0;
      if (op === '<=') return cmp(v, low) <= 0;
      if (op === '<') return cmp(v, low) < 0;
      if (op === '=' && parts.length === 3) return cmp(v, low) === 0;
      // ^X.Y.Z and a bare X reach to the next major; ~X.Y and a bare X.Y to the next minor.
      const high: Version = (op === '~' || op === '=') && parts.length >= 2 ? [low[0], low[1] + 1, 0] : [low[0] + 1, 0, 0];
      return cmp(v, low) >= 0 && cmp(v, high) < 0;
    }),
  );
}

describe('engines', () => {
  it('reads the ranges npm writes', () => {
    expect(admits('>=20', [20, 0, 0])).toBe(true);
    expect(admits('>=20', [18, 20, 0])).toBe(false);
    expect(admits('^22 || ^24 || >=26', [20, 20, 2])).toBe(false);
    expect(admits('^22 || ^24 || >=26', [24, 1, 0])).toBe(true);
    expect(admits('^18 || >=20', [20, 0, 0])).toBe(true);
    expect(admits('^20.19.0 || >=22.12.0', [20, 18, 9])).toBe(false);
    expect(admits('^20.19.0 || >=22.12.0', [20, 19, 0])).toBe(true);
    expect(admits('^20.19.0 || >=22.12.0', [22, 11, 0])).toBe(false);
    expect(admits('>= 10', [20, 0, 0])).toBe(true);
    expect(admits('>=16 || 14 >=14.17', [14, 17, 0])).toBe(true);
    expect(admits('>=16 || 14 >=14.17', [14, 16, 9])).toBe(false);
    expect(admits('^10 || ^12 || ^13.7 || ^14 || >=15.0.1', [13, 6, 0])).toBe(false);
    expect(admits('*', [20, 0, 0])).toBe(true);
    expect(admits('20.19.0', [20, 19, 1])).toBe(false);
    expect(admits('~20.19', [20, 19, 9])).toBe(true);
    expect(admits('~20.19', [20, 20, 0])).toBe(false);
  });

  // The tools (vitest, tsup's rolldown and esbuild) need Node 20.19 or later; what jixiao installs
  // for its users (dependencies, and the optional docx/exceljs/fast-check peers) runs on Node 20.
  // A package in the lock that wants a later Node makes `npm ci` warn EBADENGINE on Node 20.
  it('every package npm ci installs runs on Node 20.19, the oldest Node the tools run on', () => {
    const floor: Version = [20, 19, 0];
    const tooNew = Object.entries(lock.packages as Record<string, { engines?: { node?: string }; optional?: boolean; version?: string }>)
      .filter(([name, p]) => name !== '' && !p.optional && p.engines?.node !== undefined && !admits(p.engines.node, floor))
      .map(([name, p]) => `${name}@${p.version} (node ${p.engines!.node})`);
    expect(tooNew).toStrictEqual([]);
  });

  it('jixiao itself asks for Node 20, and each peer range starts at a version that runs on it', () => {
    expect(pkg.engines.node).toBe('>=20');
    // renderDocx uses VerticalAlignTable (docx 9.5); docx 9.8 and later ask, through nanoid 6, for Node 22.
    expect(pkg.peerDependencies.docx).toBe('^9.5.0');
  });
});

describe('dependencies', () => {
  it('every runtime dependency is imported by src/', () => {
    expect(Object.keys(pkg.dependencies).filter((d) => !imported.has(d))).toStrictEqual([]);
  });

  it('src/ imports only node built-ins, runtime dependencies and the optional fast-check peer', () => {
    const allowed = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies ?? {})]);
    expect([...imported].filter((d) => !d.startsWith('node:') && !allowed.has(d))).toStrictEqual([]);
  });

  it('package-lock.json agrees with package.json', () => {
    const top = lock.packages[''];
    expect(top.dependencies).toStrictEqual(pkg.dependencies);
    expect(top.devDependencies).toStrictEqual(pkg.devDependencies);
    for (const d of Object.keys(pkg.devDependencies)) expect(lock.packages[`node_modules/${d}`].dev, d).toBe(true);
  });
});
