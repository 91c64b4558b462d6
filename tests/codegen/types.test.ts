import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { generateTypes, typeBaseName } from '../../src/codegen/types.js';
import { loadBundledRubric, loadRubric, safeEvaluate } from '../../src/index.js';

// Generated modules go inside the repository so that `zod` resolves from its node_modules.
const root = new URL('../../', import.meta.url).pathname;
const dir = join(root, 'tests/.tmp/codegen');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

const variant = loadRubric(`
id: 县级变体
name: 县级评分表
notApplicable: full
grades: [{ grade: 优, min: 90 }, { grade: 差, min: 0 }]
vetoes: [{ id: 重大违纪, name: 发生重大违法违纪问题, grade: 差 }]
inputs:
  采购金额: { type: number, unit: 万元, optional: true }
  人数: { type: count }
indicators:
  - { id: 目标, name: 绩效目标合理性, max: 60, rule: { kind: judgement } }
  - { id: 制度, name: 制度健全性, max: 40, rule: { kind: checklist, items: [{ id: a, text: 有制度, points: 20 }, { id: b, text: 已执行, points: 20 }] } }
`);

beforeAll(() => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'hunan.ts'), generateTypes(loadBundledRubric('hunan-department'), { zod: true }));
  writeFileSync(join(dir, 'kunming.ts'), generateTypes(loadBundledRubric('kunming-department'), { zod: true }));
  writeFileSync(join(dir, 'county.ts'), generateTypes(variant, { name: 'County', zod: true }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('jixiao types: a TypeScript module for a rubric’s input', () => {
  it('names: hunan-department → HunanDepartment; an id without letters → Rubric…', () => {
    expect(typeBaseName('hunan-department')).toBe('HunanDepartment');
    expect(typeBaseName('县级变体')).toBe('Rubric');
    expect(typeBaseName('2021-county')).toBe('Rubric2021County');
  });

  it('declares every value by name, every judgement and checklist by id with its item ids', () => {
    const code = read('tests/.tmp/codegen/hunan.ts');
    expect(code).toContain("import * as z from 'zod';");
    expect(code).toContain('  "在职人数": Figure;');
    expect(code).toContain('  "预算管理制度健全性": { items: { "1": boolean; "2": boolean; "3": boolean }; reason?: string | undefined };');
    expect(code).toContain('  "推进全面小康建设指标任务完成情况": { score: Figure; reason?: string | undefined };');
    expect(code).toContain('  "财政供养人员控制率"?: { reason?: string | undefined };');
    expect(code).toContain('export const hunanDepartmentInputSchema: z.ZodType<HunanDepartmentInput> = z.strictObject({');
    expect(code).not.toMatch(/\beval\b|new Function/);
  });

  it('type-checks with tsc, accepts both example inputs, and rejects wrong ones at compile time', () => {
    writeFileSync(join(dir, 'check.ts'), [
      "import yunxi from '../../../examples/yunxi-2021/input.json' with { type: 'json' };",
      "import kunming from '../../../examples/kunming-2017/input.json' with { type: 'json' };",
      "import { type HunanDepartmentInput, type HunanDepartmentAssessments, hunanDepartmentInputSchema } from './hunan.js';",
      "import { type KunmingDepartmentInput, kunmingDepartmentInputSchema } from './kunming.js';",
      "import { type CountyInput } from './county.js';",
      'export const a: HunanDepartmentInput = yunxi;',
      'export const b: KunmingDepartmentInput = kunming;',
      'export const parsed: HunanDepartmentInput = hunanDepartmentInputSchema.parse(yunxi);',
      'export const parsedK: KunmingDepartmentInput = kunmingDepartmentInputSchema.parse(kunming);',
      "export const na: CountyInput = { values: { 人数: 3 }, assessments: { 目标: { notApplicable: true, reason: '本年无此项' }, 制度: { items: { a: true, b: false } } }, vetoes: { 重大违纪: '…' } };",
      "import { evaluate, loadBundledRubric, loadRubric } from '../../../src/index.js';",
      "export const scored = evaluate(loadBundledRubric('hunan-department'), a).total;",
      "export const scoredParsed = evaluate(loadBundledRubric('hunan-department'), parsed).total;",
      "export const scoredK = evaluate(loadBundledRubric('kunming-department'), b).total;",
      'declare const countyYaml: string;',
      "export const scoredNa = evaluate(loadRubric(countyYaml), na).total;",
      '// @ts-expect-error with 不适用 allowed, a judgement still needs a score or notApplicable',
      "export const h: CountyInput = { values: { 人数: 3 }, assessments: { 制度: { items: { a: true, b: false } } } };",
      '// @ts-expect-error 在职人数 is required',
      'export const c: HunanDepartmentInput = { values: { ...yunxi.values, 在职人数: undefined }, assessments: yunxi.assessments };',
      '// @ts-expect-error a judgement needs a score',
      "export const d: HunanDepartmentAssessments['推进全面小康建设指标任务完成情况'] = { reason: 'x' };",
      '// @ts-expect-error checklist item 4 does not exist',
      "export const e: HunanDepartmentAssessments['资产管理制度健全性'] = { items: { 1: true, 2: true, 4: true } };",
      '// @ts-expect-error an undeclared value',
      'export const f: HunanDepartmentInput = { values: { ...yunxi.values, 实有人数: 36 }, assessments: yunxi.assessments };',
      '// @ts-expect-error no veto of that id',
      "export const g: CountyInput = { values: { 人数: 3 }, assessments: na.assessments, vetoes: { 违纪: '…' } };",
      '',
    ].join('\n'));
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--resolveJsonModule', '--skipLibCheck', join(root, 'src/yaml-text.d.ts'), join(dir, 'check.ts')], { cwd: root, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('validates the example inputs at runtime with the generated zod schema, and rejects bad ones', async () => {
    const hunan = await import(join(dir, 'hunan.ts'));
    const kunming = await import(join(dir, 'kunming.ts'));
    const yunxi = JSON.parse(read('examples/yunxi-2021/input.json'));
    expect(hunan.hunanDepartmentInputSchema.safeParse(yunxi).success).toBe(true);
    // ezhou-2018 marks 不适用 what its report does not inform, which the bundled sheet forbids: refused, as jixiao refuses it.
    expect(hunan.hunanDepartmentInputSchema.safeParse(JSON.parse(read('examples/ezhou-2018/input.json'))).success).toBe(false);
    expect(kunming.kunmingDepartmentInputSchema.safeParse(JSON.parse(read('examples/kunming-2017/input.json'))).success).toBe(true);
    const bad = (patch: (x: typeof yunxi) => void) => {
      const x = structuredClone(yunxi);
      patch(x);
      return hunan.hunanDepartmentInputSchema.safeParse(x).success;
    };
    expect(bad((x) => delete x.values.编制人数)).toBe(false);
    expect(bad((x) => (x.values.在职人数 = '三十一'))).toBe(false);
    expect(bad((x) => (x.values.在职人数 = 31.5))).toBe(false);
    expect(bad((x) => (x.values.实有人数 = 36))).toBe(false);
    expect(bad((x) => (x.assessments.预算管理制度健全性.items['4'] = true))).toBe(false);
    expect(bad((x) => delete x.assessments.履职效益综合)).toBe(false);
    expect(bad((x) => (x.values.固定资产总额 = '226.71'))).toBe(true);
  });

  it('what the schema accepts, jixiao scores', async () => {
    const hunan = await import(join(dir, 'hunan.ts'));
    const input = hunan.hunanDepartmentInputSchema.parse(JSON.parse(read('examples/yunxi-2021/input.json')));
    const r = safeEvaluate(loadBundledRubric('hunan-department'), input);
    expect(r.success && r.value.total).toBe('99');
    expect(hunan.hunanDepartmentRubricFingerprint).toBe(loadBundledRubric('hunan-department').fingerprint);
  });

  it('with 不适用 allowed, an input parsed with the generated schema scores, and one the schema refuses is refused by jixiao too', async () => {
    const county = await import(join(dir, 'county.ts'));
    const na = { values: { 人数: 3 }, assessments: { 目标: { notApplicable: true, reason: '本年无此项' }, 制度: { items: { a: true, b: false } } } };
    const r = safeEvaluate(variant, county.countyInputSchema.parse(na));
    expect(r.success && [r.value.total, r.value.rescaled]).toStrictEqual(['80', undefined]); // 目标 不适用 scores full marks under notApplicable: full
    const missing = { values: { 人数: 3 }, assessments: { 制度: { items: { a: true, b: true } } } };
    expect(county.countyInputSchema.safeParse(missing).success).toBe(false);
    const refused = safeEvaluate(variant, missing);
    expect(!refused.success && refused.issues.map((i) => i.code)).toStrictEqual(['assessment_missing']);
  });

  it('jixiao types prints the module, or writes it with -o; a bad --name is a usage error', () => {
    let out = '';
    expect(run(['types', 'kunming-department', '--zod'], { out: (s) => (out += s), err: () => {} })).toBe(0);
    expect(out).toBe(read('tests/.tmp/codegen/kunming.ts'));
    const file = join(dir, 'cli.ts');
    expect(run(['types', 'rubrics/hunan-department.yaml', '-o', file, '--name', 'Hunan'], { out: () => {}, err: () => {} })).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('export type HunanInput = {');
    // without --zod the module imports nothing: it compiles where zod cannot be resolved (tests/codegen/compile.test.ts)
    expect(readFileSync(file, 'utf8')).not.toContain('zod');
    expect(run(['types', 'hunan-department', '--name', '湖南'], { out: () => {}, err: () => {} })).toBe(2);
    expect(run(['types', 'nope.yaml'], { out: () => {}, err: () => {} })).toBe(1);
  });
});
