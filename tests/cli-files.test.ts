import { closeSync, mkdirSync, openSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { loadRubric, safeLoadRubric } from '../src/index.js';

// The command line on files and text it cannot trust: sizes checked before reading, folders
// and unwritable outputs named, standard input, and nothing from a document reaching the
// terminal as a control sequence or a forged line.
const tmp = resolve('tests/.tmp/cli-files');
const file = (name: string, text: string) => {
  const p = join(tmp, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
};
function cli(argv: string[], stdin?: string) {
  let out = '';
  let err = '';
  const io = { out: (s: string) => (out += s), err: (s: string) => (err += s), ...(stdin !== undefined ? { stdin: (limit: number) => Buffer.from(stdin).subarray(0, limit + 1) } : {}) };
  const code = run(argv, io);
  return { code, out, err };
}
const codes = (err: string) => [...err.matchAll(/ (?:error|warning) ([a-z_]+)/g)].map((m) => m[1]);
const yunxi = readFileSync('examples/yunxi-2021/input.json', 'utf8');
const hunan = readFileSync('rubrics/hunan-department.yaml', 'utf8');

beforeAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('files the command line is given', () => {
  const sparse = (name: string, bytes: number) => {
    const p = join(tmp, name);
    closeSync(openSync(p, 'w'));
    truncateSync(p, bytes);
    return p;
  };

  it('a 3 GB input is file_too_large with its size, found by stat before anything is read', () => {
    const big = sparse('huge.json', 3 * 2 ** 30);
    const r = cli(['score', 'hunan-department', big, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${big}:1:1 error file_too_large file too large: 3221225472 bytes, the limit is 1048576\n`);
  });

  it('a 1.5 GB rubric, and a 1.5 GB sheet to import, are file_too_large', () => {
    const big = sparse('big.yaml', 1.5 * 2 ** 30);
    expect(codes(cli(['validate', big]).err)).toStrictEqual(['file_too_large']);
    expect(codes(cli(['lint', big]).out)).toStrictEqual(['file_too_large']);
    const sheet = sparse('big.csv', 1.5 * 2 ** 30);
    expect(codes(cli(['import', sheet]).err)).toStrictEqual(['file_too_large']);
  });

  it('a device that never ends is read only up to the limit', () => {
    const r = cli(['score', 'hunan-department', '/dev/zero', '--lang', 'en']);
    expect(r.err).toBe('/dev/zero:1:1 error file_too_large file too large: >1048576 bytes, the limit is 1048576\n');
  });

  it('a folder is said to be a folder, not "file not found"', () => {
    expect(cli(['score', 'hunan-department', tmp, '--lang', 'en']).err).toBe(`<input> error file_is_directory "${tmp}" is a directory, not a file\n`);
    expect(codes(cli(['validate', tmp]).err)).toStrictEqual(['file_is_directory']);
    expect(codes(cli(['import', tmp]).err)).toStrictEqual(['file_is_directory']);
  });

  it('an unwritable -o is output_unwritable, exit 1, not an internal error', () => {
    const missingDir = join(tmp, 'no-such-folder', 'input.ts');
    const r = cli(['types', 'hunan-department', '-o', missingDir, '--lang', 'en']);
    expect(r).toStrictEqual({ code: 1, out: '', err: `<input> error output_unwritable cannot write file "${missingDir}" (ENOENT)\n` });
    const sheet = file('sheet.csv', '一级指标,评分标准,分值\n决策,评价人评分,100\n');
    const d = cli(['import', sheet, '-o', tmp, '--lang', 'en']);
    expect([d.code, codes(d.err)]).toStrictEqual([1, ['output_unwritable']]);
  });

  it('a draft that does not load is blamed on the sheet’s draft, not on a .yaml file that does not exist', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `指标${i},评价人评分,1`);
    const sheet = file('many.csv', ['一级指标,评分标准,分值', ...rows, ''].join('\n'));
    const r = cli(['import', sheet, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^${sheet.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(draft\\):1:1 error file_too_large`));
    expect(r.err).not.toMatch(/many\.yaml/);
  });
});

describe('standard input', () => {
  it('`-` is the evaluation input', () => {
    const r = cli(['score', 'hunan-department', '-'], yunxi);
    expect([r.code, JSON.parse(r.out).total]).toStrictEqual([0, '99']);
  });

  it('`-` is the rubric, named <stdin> in messages', () => {
    expect(cli(['validate', '-', '--lang', 'en'], hunan).out).toBe('✔ <stdin>: 湖南省部门整体支出绩效评价评分表 — 33 indicators (23 leaves), max 100\n');
    const r = cli(['score', '-', 'examples/yunxi-2021/input.json'], hunan);
    expect(JSON.parse(r.out).total).toBe('99');
    expect(cli(['validate', '-', '--lang', 'en'], 'id: x\n').err).toMatch(/^<stdin>:1:1 error missing_key/);
    expect(codes(cli(['import', '-', '--format', 'csv'], '一级指标,评分标准,分值\n决策,评价人评分,100\n').err)).toStrictEqual([]);
  });

  it('standard input beyond the limit is file_too_large; both arguments `-` is a usage error', () => {
    expect(codes(cli(['score', 'hunan-department', '-'], ' '.repeat(2 * 2 ** 20 + 1)).err)).toStrictEqual(['file_too_large']);
    expect(cli(['score', '-', '-'], yunxi).code).toBe(2);
  });
});

describe('global options', () => {
  it('go before the command as well as after it', () => {
    expect(cli(['--lang', 'zh', 'validate', 'hunan-department']).code).toBe(0);
    expect(cli(['--lang=en', 'validate', 'hunan-department']).out).toBe('✔ hunan-department: 湖南省部门整体支出绩效评价评分表 — 33 indicators (23 leaves), max 100\n');
    expect(cli(['--lang', 'en', 'score', 'hunan-department', 'examples/yunxi-2021/input.json']).code).toBe(0);
  });
});

describe('text from documents never reaches the terminal raw', () => {
  const forged = 'x\n/etc/passwd:1:1 error forged \u001b[2J\u001b]0;title\u0007\r\u2028\u202e';
  const escaped = 'x\\n/etc/passwd:1:1 error forged \\x1b[2J\\x1b]0;title\\x07\\r\\u2028\\u202e';

  it('an unknown key with a line break and ESC sequences is one escaped line', () => {
    const bad = file('forged.yaml', `id: t\nname: 测试\n${JSON.stringify(forged)}: 1\nindicators: [{ name: 一, max: 5, rule: { kind: judgement } }]\n`);
    const r = cli(['validate', bad, '--lang', 'en']);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).toContain(escaped);
    expect(r.err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202e]/);
  });

  it('a rubric name in the success line, and an evaluator’s reason in an input error, are escaped', () => {
    const named = file('named.yaml', `id: t\nname: ${JSON.stringify(forged)}\nversion: '1'\nindicators: [{ name: 一, max: 5, standard: 评价人评分, rule: { kind: judgement } }]\n`);
    const ok = cli(['validate', named, '--lang', 'en']);
    expect(ok.out).toBe(`✔ ${named}: ${escaped} — 1 indicator (1 leaf), max 5\n`);
    const input = file('reason.json', JSON.stringify({ assessments: { [forged]: { score: 1 } } }));
    const r = cli(['score', named, input, '--lang', 'en']);
    expect(r.err).toContain(escaped);
    expect(r.err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202e]/);
  });

  it('for any key text, every printed line is a compiler line of that file, with no control character', () => {
    const bad = join(tmp, 'any.yaml');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }), (key) => {
        writeFileSync(bad, `id: t\nname: 测试\n${JSON.stringify(key)}: 1\nindicators: [{ name: 一, max: 5, rule: { kind: judgement } }]\n`);
        const r = cli(['validate', bad, '--lang', 'both']);
        for (const line of r.err.trimEnd().split('\n')) expect(line.startsWith(`${bad}:`)).toBe(true);
        expect(r.err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 60 },
    );
  });
});

describe('extends: only rubrics, and only inside --extends-root', () => {
  const base = `id: base\nname: 基础\nversion: '1'\nindicators: [{ id: 一, name: 一, max: 100, standard: 评价人评分, rule: { kind: judgement } }]\n`;
  const variant = (ref: string) => `id: v\nname: 变体\nversion: '1'\nextends: ${JSON.stringify(ref)}\n`;
  beforeAll(() => {
    file('outside/secret.yaml', 'password: hunter2\nuser: root\n');
    file('outside/base.yaml', base);
    file('root/base.yaml', base);
    file('root/sub/base.yaml', base);
    symlinkSync(join(tmp, 'outside/base.yaml'), join(tmp, 'root/link.yaml'));
  });

  it('a file that is not a rubric is named, and none of its content is echoed', () => {
    const v = file('root/v-secret.yaml', variant('../outside/secret.yaml'));
    const r = cli(['validate', v, '--lang', 'en']);
    expect(r.err).toBe(`${v}:4:1 error extends_not_rubric the extended file "${join(tmp, 'outside/secret.yaml')}" is not a rubric (a YAML mapping with a rubric's keys such as id, name and indicators); its content is not shown\n`);
    expect(codes(cli(['validate', file('root/v-json.yaml', variant('../../../../package.json'))]).err)).toStrictEqual(['extends_not_rubric']);
    expect(codes(cli(['lint', v]).out)).toStrictEqual(['extends_not_rubric']);
  });

  it('without --extends-root a base anywhere loads; with it, only bases inside the folder', () => {
    const up = file('root/v-up.yaml', variant('../outside/base.yaml'));
    expect(cli(['validate', up]).code).toBe(0);
    const root = join(tmp, 'root');
    const r = cli(['validate', up, '--extends-root', root, '--lang', 'en']);
    expect(r.err).toBe(`${up}:4:1 error extends_outside_root the rubric to extend, "../outside/base.yaml", is outside the allowed folder "${root}"\n`);
    const abs = file('root/v-abs.yaml', variant(join(tmp, 'outside/base.yaml')));
    expect(codes(cli(['validate', abs, '--extends-root', root]).err)).toStrictEqual(['extends_outside_root']);
    const link = file('root/v-link.yaml', variant('./link.yaml'));
    expect(codes(cli(['validate', link, '--extends-root', root]).err)).toStrictEqual(['extends_outside_root']);
    expect(codes(cli(['lint', link, '--extends-root', root]).out)).toStrictEqual(['extends_outside_root']);
    const inside = file('root/v-in.yaml', variant('./sub/base.yaml'));
    expect(cli(['validate', inside, '--extends-root', root]).code).toBe(0);
    expect(cli(['validate', file('root/v-bundled.yaml', variant('hunan-department')), '--extends-root', root]).code).toBe(0);
  });

  it('the library confines extends with { extendsRoot } on the file the resolver returns', () => {
    const resolve = (ref: string) => ({ source: base, file: join('/srv/rubrics', ref) });
    expect(loadRubric(variant('region/base.yaml'), { resolve, extendsRoot: '/srv/rubrics' }).id).toBe('v');
    const r = safeLoadRubric(variant('../etc/base.yaml'), { resolve, extendsRoot: '/srv/rubrics' });
    expect(!r.success && r.issues.map((i) => i.code)).toStrictEqual(['extends_outside_root']);
    expect(safeLoadRubric(variant('hunan-department'), { extendsRoot: '/srv/rubrics' }).success).toBe(true);
  });
});
