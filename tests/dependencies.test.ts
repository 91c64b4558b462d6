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
