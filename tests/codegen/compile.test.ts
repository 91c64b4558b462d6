import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTypes, typeBaseName } from '../../src/codegen/types.js';
import { bundledRubricIds, loadBundledRubric } from '../../src/index.js';

// The module `jixiao types` writes, compiled the way applications compile: in a project of its
// own that has jixiao installed (package.json and declarations, its dependencies inside it, as a
// strict package manager lays them out) and cannot resolve zod itself, under several tsconfigs.
const root = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'jixiao-types-'));
const app = join(work, 'app');
const tsc = join(root, 'node_modules/typescript/bin/tsc');

const configs: Record<string, Record<string, unknown>> = {
  'strict, exactOptionalPropertyTypes, nodenext': { strict: true, exactOptionalPropertyTypes: true, module: 'nodenext', moduleResolution: 'nodenext' },
  'CommonJS, moduleResolution node10': { strict: true, module: 'commonjs', moduleResolution: 'node10' },
  'CommonJS, node10, exactOptionalPropertyTypes': { strict: true, exactOptionalPropertyTypes: true, module: 'commonjs', moduleResolution: 'node10' },
  'nodenext, ESM and CJS files': { strict: true, module: 'nodenext', moduleResolution: 'nodenext', noUncheckedIndexedAccess: true },
  'bundler': { strict: true, exactOptionalPropertyTypes: true, module: 'esnext', moduleResolution: 'bundler' },
};

function compile(dir: string, name: string, options: Record<string, unknown>, files: string[]): string {
  const file = `tsconfig.${name.replace(/\W+/g, '-')}.json`;
  writeFileSync(join(dir, file), JSON.stringify({ compilerOptions: { target: 'es2022', noEmit: true, skipLibCheck: true, noErrorTruncation: true, types: [], ...options }, files }));
  const r = spawnSync(process.execPath, [tsc, '-p', file], { cwd: dir, encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`.trim() + (r.status ? `\n(exit ${r.status})` : '');
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist/index.d.ts'))) execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  // node_modules/jixiao: package.json and the declarations; zod, decimal.js and yaml only inside it.
  const pkg = join(app, 'node_modules/jixiao');
  mkdirSync(join(pkg, 'dist'), { recursive: true });
  mkdirSync(join(pkg, 'node_modules'), { recursive: true });
  copyFileSync(join(root, 'package.json'), join(pkg, 'package.json'));
  for (const f of readdirSync(join(root, 'dist'))) if (/\.d\.c?ts$/.test(f)) copyFileSync(join(root, 'dist', f), join(pkg, 'dist', f));
  for (const dep of ['zod', 'decimal.js', 'yaml']) symlinkSync(join(root, 'node_modules', dep), join(pkg, 'node_modules', dep), 'dir');
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, version: '0.0.0' }));
  const uses: string[] = [
    "import { evaluate, loadBundledRubric, type EvaluationInput } from 'jixiao';",
    "import { lintRubric } from 'jixiao/authoring';",
    "import type { ScoreResult } from 'jixiao';",
    "import { renderSheet } from 'jixiao/report';",
  ];
  for (const id of bundledRubricIds) {
    const base = typeBaseName(id);
    writeFileSync(join(app, `${id}.ts`), generateTypes(loadBundledRubric(id)));
    uses.push(
      `import type { ${base}Input } from './${id}.js';`,
      `declare const ${base[0]!.toLowerCase()}${base.slice(1)}: ${base}Input;`,
      // what the type accepts, jixiao takes
      `export const ${base}Total: string = evaluate(loadBundledRubric(${JSON.stringify(id)}), ${base[0]!.toLowerCase()}${base.slice(1)}).total;`,
      `export const ${base}AsInput: EvaluationInput = ${base[0]!.toLowerCase()}${base.slice(1)};`,
    );
  }
  uses.push("export const errors: number = lintRubric('id: x').errors;", 'export const sheet = (r: ScoreResult): string => renderSheet(r);', '');
  writeFileSync(join(app, 'use.ts'), uses.join('\n'));
  writeFileSync(join(app, 'use.mts'), uses.join('\n'));
}, 120_000);
afterAll(() => process.env.KEEP_TYPES_WORK || rmSync(work, { recursive: true, force: true }));

describe('package.json: typesVersions for moduleResolution node10', () => {
  it('maps every subpath of `exports` that has types to the same declarations', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, { import?: { types?: string }; types?: string } | string>; typesVersions: Record<string, Record<string, string[]>> };
    // A subpath with types for import and require, or (an ES module only, jixiao/embed) types of its own.
    const typesOf = (v: { import?: { types?: string }; types?: string } | string) => (typeof v === 'object' ? (v.import?.types ?? v.types) : undefined);
    const fromExports = Object.entries(pkg.exports)
      .filter(([k, v]) => k !== '.' && typesOf(v) !== undefined)
      .map(([k, v]) => [k.replace(/^\.\//, ''), [typesOf(v)!]]);
    expect(Object.entries(pkg.typesVersions['*']!).sort()).toStrictEqual(fromExports.sort());
  });
});

describe('jixiao types: the module compiles wherever an application compiles', () => {
  it('the project cannot resolve zod, and the module does not import it', () => {
    expect(existsSync(join(app, 'node_modules/zod'))).toBe(false);
    for (const id of bundledRubricIds) expect(readFileSync(join(app, `${id}.ts`), 'utf8')).not.toMatch(/from ['"]zod['"]/);
  });

  for (const [name, options] of Object.entries(configs))
    it(`${name}: every bundled rubric's types, used with evaluate()`, () => {
      const files = [...bundledRubricIds.map((id) => `${id}.ts`), 'use.ts', ...(options.module === 'nodenext' ? ['use.mts'] : [])];
      expect(compile(app, name, options, files)).toBe('');
    });

  it('a wrong value name is still a compile error (the check above can fail)', () => {
    writeFileSync(join(app, 'wrong.ts'), "import type { HunanDepartmentValues } from './hunan-department.js';\nexport const v: Partial<HunanDepartmentValues> = { 在职人员数: 31 };\n");
    for (const name of ['strict, exactOptionalPropertyTypes, nodenext', 'CommonJS, moduleResolution node10']) expect(compile(app, name, configs[name]!, ['hunan-department.ts', 'wrong.ts']), name).toMatch(/TS2561|TS2353/);
  });

  it('with --zod, in a project that has zod, the schema matches the type under exactOptionalPropertyTypes too', () => {
    const withZod = join(work, 'with-zod');
    mkdirSync(join(withZod, 'node_modules'), { recursive: true });
    symlinkSync(join(root, 'node_modules/zod'), join(withZod, 'node_modules/zod'), 'dir');
    writeFileSync(join(withZod, 'package.json'), JSON.stringify({ name: 'with-zod', private: true, type: 'module' }));
    for (const id of bundledRubricIds) writeFileSync(join(withZod, `${id}.ts`), generateTypes(loadBundledRubric(id), { zod: true }));
    const files = bundledRubricIds.map((id) => `${id}.ts`);
    expect(compile(withZod, 'exact', configs['strict, exactOptionalPropertyTypes, nodenext']!, files)).toBe('');
    expect(compile(withZod, 'node10', configs['CommonJS, moduleResolution node10']!, files)).toBe('');
  });
});
