import type { Indicator, InputInfo, Rubric } from '../rubric/types.js';

export interface TypesOptions {
  /** Base of the generated names (`HunanDepartment` → `HunanDepartmentInput`); default from the rubric id. */
  name?: string;
  /**
   * Also write a zod schema of the input (`import * as z from 'zod'`: the application must depend on
   * zod itself). Default false: the module imports nothing and compiles in any project.
   */
  zod?: boolean;
}

/** `hunan-department` → `HunanDepartment`; an id without ASCII letters gives `Rubric`. */
export function typeBaseName(id: string): string {
  const words = id.split(/[^A-Za-z0-9]+/).filter((w) => w);
  const base = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return /^[A-Za-z]/.test(base) ? base : `Rubric${base}`;
}

const q = (s: string) => JSON.stringify(s);
/**
 * Rubric text made safe inside a `//` or `/** *\/` comment: every JavaScript line terminator
 * (LF, CR, U+2028, U+2029) becomes a space, so nothing after it can leave the comment and run
 * as code, and a `*\/` cannot close a block comment.
 */
export const commentText = (s: string) => s.replace(/\r\n|[\n\r\u2028\u2029]/g, ' ').replace(/\*\//g, '*\\/');
const doc = commentText;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/**
 * Optional properties are written `?: T | undefined`: the same type under the default options, and
 * under `exactOptionalPropertyTypes` what zod infers for `.optional()` and what jixiao's own
 * `EvaluationInput` accepts.
 */
const OPT_STRING = 'string | undefined';

function describeInput(i: InputInfo): string {
  const kind = i.type === 'count' ? '非负整数 · whole number ≥ 0' : i.type === 'percent' ? '百分点数值 · percentage points (95.5 = 95.5%)' : '数值 · number';
  const range = i.min !== undefined || i.max !== undefined ? `，范围 [${i.min?.toFixed() ?? '-∞'}, ${i.max?.toFixed() ?? '+∞'}]` : '';
  const unit = i.unit && i.type !== 'percent' ? `（${i.unit}）` : '';
  return doc(`${i.label}${unit}：${kind}${range}${i.optional ? '，可省略' : ''}${i.description ? ` — ${i.description}` : ''}`);
}

interface AssessmentShape {
  id: string;
  comment: string;
  required: boolean;
  ts: string;
  zod: string;
}

function assessmentOf(n: Indicator, na: boolean): AssessmentShape {
  const where = doc(`${n.path}（${n.max.toFixed()}分）`);
  const naTs = na ? ` | { notApplicable: true; reason?: ${OPT_STRING} }` : '';
  const naZod = (z: string) => (na ? `z.union([${z}, z.strictObject({ notApplicable: z.literal(true), reason: z.string().optional() })])` : z);
  const naFlag = na ? '; notApplicable?: false | undefined' : '';
  const naFlagZod = na ? ', notApplicable: z.literal(false).optional()' : '';
  const needs = n.children.length ? undefined : n.scorer?.needs;
  const levels = n.scorer?.levels;
  const levelTs = levels?.map(q).join(' | ');
  const levelZod = levels ? `z.enum([${levels.map(q).join(', ')}])` : '';
  if (needs === 'judgement' && levels) {
    return {
      id: n.id, required: true, comment: `${where}：评定档次（${doc(levels.join('、'))}）${na ? '；或标记不适用' : ''} · a level${na ? ' or not applicable' : ''}`,
      ts: `{ level: ${levelTs}; reason?: ${OPT_STRING}${naFlag} } | { score: Figure; reason?: ${OPT_STRING}${naFlag} }${naTs}`,
      zod: naZod(`z.union([z.strictObject({ level: ${levelZod}, reason: z.string().optional()${naFlagZod} }), z.strictObject({ score: figure, reason: z.string().optional()${naFlagZod} })])`),
    };
  }
  if (needs === 'judgement') {
    return {
      id: n.id, required: true, comment: `${where}：评价人评分，低于满分须写 reason${na ? '；或标记不适用' : ''} · judgement${na ? ' or not applicable' : ''}`,
      ts: `{ score: Figure; reason?: ${OPT_STRING}${naFlag} }${naTs}`,
      zod: naZod(`z.strictObject({ score: figure, reason: z.string().optional()${naFlagZod} })`),
    };
  }
  if (needs === 'checklist') {
    const items = n.scorer?.items ?? [];
    const each = levels ? levelTs! : 'boolean';
    const eachZod = levels ? levelZod : 'z.boolean()';
    return {
      id: n.id, required: true, comment: `${where}：逐项检查，${levels ? `每项填等级（${doc(levels.join('、'))}）` : '每项 true = 达到'}${na ? '；或标记不适用' : ''} · checklist${na ? ' or not applicable' : ''}`,
      ts: `{ items: { ${items.map((i) => `${q(i)}: ${each}`).join('; ')} }; reason?: ${OPT_STRING}${naFlag} }${naTs}`,
      zod: naZod(`z.strictObject({ items: z.strictObject({ ${items.map((i) => `${q(i)}: ${eachZod}`).join(', ')} }), reason: z.string().optional()${naFlagZod} })`),
    };
  }
  return {
    id: n.id, required: false, comment: `${where}：可填写说明${na ? '或标记不适用' : ''} · remark${na ? ' or not applicable' : ''}`,
    ts: `{ reason?: ${OPT_STRING}${na ? '; notApplicable?: boolean | undefined' : ''} }`,
    zod: `z.strictObject({ reason: z.string().optional()${na ? ', notApplicable: z.boolean().optional()' : ''} })`,
  };
}

/**
 * A TypeScript module for one rubric's evaluation inputs: a type with every declared value by
 * name, every judgement and checklist assessment by indicator id with its item ids, the
 * triggered vetoes; with `zod: true` also the matching zod schema (`import * as z from 'zod'`,
 * zod then being the application's own dependency), so a finance system gets compile-time checks
 * and can validate JSON at runtime. Without it the module imports nothing, so it compiles in a
 * project that cannot resolve zod, under `exactOptionalPropertyTypes`, as CommonJS or ESM. The types are object type
 * aliases, so a value of them is accepted by `evaluate()` under `--strict`. Every judgement and
 * checklist is required, also when the rubric allows 不适用 (then as `{ notApplicable: true }`,
 * also under a 不适用 parent), so what the schema accepts jixiao scores. Ranges, reasons required
 * below max and decimal precision are still checked by jixiao when it scores.
 * @example
 * writeFileSync('hunan-input.ts', generateTypes(loadBundledRubric('hunan-department')));
 * // import type { HunanDepartmentInput } from './hunan-input.js';
 */
export function generateTypes(rubric: Rubric, opts: TypesOptions = {}): string {
  const base = opts.name ?? typeBaseName(rubric.id);
  if (!IDENTIFIER.test(base)) throw new TypeError(`generateTypes: name must be a TypeScript identifier, got ${JSON.stringify(base)}`);
  const lower = base[0]!.toLowerCase() + base.slice(1);
  const inputs = [...rubric.inputs.values()];
  const order: [Indicator, boolean][] = [];
  // An indicator may be marked 不适用 where its policy (own or inherited) allows it, in a 可选项 pool,
  // or under a parent that may be (whose children are then marked too).
  const walk = (ns: readonly Indicator[], above: boolean, pool: boolean) =>
    ns.forEach((n) => {
      const na = above || pool || n.notApplicable !== 'forbidden';
      order.push([n, na]);
      walk(n.children, na, n.pool !== undefined);
    });
  walk(rubric.indicators, false, false);
  const assessments = order.map(([n, na]) => assessmentOf(n, na));
  const valuesRequired = inputs.some((i) => !i.optional);
  const assessmentsRequired = assessments.some((a) => a.required);
  const o = (required: boolean) => (required ? '' : '?');
  const u = (required: boolean) => (required ? '' : ' | undefined');
  const L: string[] = [];
  L.push(
    `// 由 \`jixiao types\` 从评分表“${doc(rubric.name)}”生成，请勿手工修改。`,
    `// Generated by \`jixiao types\` from rubric ${q(rubric.id)}${rubric.version ? ` version ${q(rubric.version)}` : ''} — do not edit.`,
    ...(opts.zod ? [`import * as z from 'zod';`] : []),
    '',
    `/** The rubric these types were generated from. */`,
    `export const ${lower}RubricId = ${q(rubric.id)};`,
    `/** Its content fingerprint: compare with \`result.rubric.fingerprint\` to detect a changed rubric. */`,
    `export const ${lower}RubricFingerprint = ${q(rubric.fingerprint)};`,
    '',
    `/** A figure: a number, or a decimal string such as "1265.5" (exact). */`,
    `export type Figure = number | string;`,
    '',
    `/** 原始数据 · the values of ${doc(rubric.name)}, by input name. */`,
    `export type ${base}Values = {`,
  );
  // Values, assessments and vetoes are records in jixiao's input: an optional entry is left out,
  // never `undefined` (under exactOptionalPropertyTypes a record holds no `undefined`).
  for (const i of inputs) L.push(`  /** ${describeInput(i)} */`, `  ${q(i.name)}${o(!i.optional)}: Figure${i.optional ? ' | null' : ''};`);
  L.push('};', '', `/** 评价人意见 · assessments, by indicator id. */`, `export type ${base}Assessments = {`);
  for (const a of assessments) L.push(`  /** ${a.comment} */`, `  ${q(a.id)}${o(a.required)}: ${a.ts};`);
  L.push('};', '');
  const vetoTs = rubric.vetoes.length ? `{ ${rubric.vetoes.map((v) => `${q(v.id)}?: string`).join('; ')} }` : 'Record<string, never>';
  L.push(
    `/** 一票否决 · triggered vetoes, by id, with the reason. */`,
    `export type ${base}Vetoes = ${vetoTs};`,
    '',
    `/** 评价数据 · one evaluation of ${doc(rubric.name)}: what \`evaluate(rubric, input)\` takes. */`,
    `export type ${base}Input = {`,
    `  $schema?: string | undefined;`,
    `  meta?: Record<string, unknown> | undefined;`,
    `  values${o(valuesRequired)}: ${base}Values${u(valuesRequired)};`,
    `  assessments${o(assessmentsRequired)}: ${base}Assessments${u(assessmentsRequired)};`,
    `  vetoes?: ${base}Vetoes | undefined;`,
    '};',
    '',
  );
  if (!opts.zod) return L.join('\n');
  L.push(
    `const figure = z.union([z.number(), z.string().regex(/^[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?$/)]);`,
    `const count = z.union([z.number().int().min(0), z.string().regex(/^\\+?\\d+$/)]);`,
    '',
    `/** The zod schema of {@link ${base}Input}: \`${lower}InputSchema.parse(json)\` returns a typed input or throws. */`,
    `export const ${lower}InputSchema: z.ZodType<${base}Input> = z.strictObject({`,
    `  $schema: z.string().optional(),`,
    `  meta: z.record(z.string(), z.unknown()).optional(),`,
    `  values: z.strictObject({`,
  );
  for (const i of inputs) L.push(`    ${q(i.name)}: ${i.type === 'count' ? 'count' : 'figure'}${i.optional ? '.nullable().exactOptional()' : ''},`);
  L.push(`  })${valuesRequired ? '' : '.optional()'},`, `  assessments: z.strictObject({`);
  for (const a of assessments) L.push(`    ${q(a.id)}: ${a.zod}${a.required ? '' : '.exactOptional()'},`);
  L.push(`  })${assessmentsRequired ? '' : '.optional()'},`);
  L.push(`  vetoes: z.strictObject({ ${rubric.vetoes.map((v) => `${q(v.id)}: z.string().min(1).exactOptional()`).join(', ')} }).optional(),`);
  L.push('});', '');
  return L.join('\n');
}
