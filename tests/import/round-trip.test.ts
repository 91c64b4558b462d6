/**
 * jixiao's own sheets read back: the blank 评分表 and the filled-in one, as CSV, XLSX and Markdown,
 * import (importSheet) to the same rubric — the same tree, maxima and standards, and each rule as
 * the printed standard says it — and a filled-in project form (importEvaluation) to the same
 * evaluation, judged by scoring it again.
 */
import fc from 'fast-check';
import { parse as parseYaml, stringify } from 'yaml';
import { bundledRubricSource } from '../../src/bundled.js';
import { describe, expect, it } from 'vitest';
import { auditRecord, renderSheet } from '../../src/entries/report.js';
import { readXlsxTable, renderXlsx } from '../../src/entries/xlsx.js';
import { importEvaluation, importSheet } from '../../src/import/entry.js';
import { bundledRubricIds, evaluate, loadBundledRubric, loadRubric, safeEvaluate, safeLoadRubric, type EvaluationInput, type Indicator, type Rubric, type ScoreResult } from '../../src/index.js';
import { arbitraryInput } from '../../src/testing/inputs.js';
import { arbitraryRubricDocument } from '../../src/testing/rubrics.js';
import { canonicalRule } from '../../src/text/compare.js';
import { parseStandard } from '../../src/text/parse.js';
import { figureNamesOf, renderStandard } from '../../src/text/render.js';

type Format = 'csv' | 'xlsx' | 'md';

/** The sheet (a rubric's blank one, or a result's) as the table text the importers take. */
async function tableOf(x: Rubric | ScoreResult, format: Format, input?: object, rubric?: Rubric): Promise<string> {
  const opts = { ...(input ? { input } : {}), ...(rubric ? { rubric } : {}) };
  if (format === 'xlsx') {
    const t = await readXlsxTable(await renderXlsx(x as Rubric, opts));
    if (!t.success) throw new Error(JSON.stringify(t.issues));
    return t.value.text;
  }
  return renderSheet(x as Rubric, { format: format === 'md' ? 'markdown' : 'csv', ...opts });
}

function draftOf(text: string, format: Format): Rubric {
  const d = importSheet(text, { format: format === 'md' ? 'md' : 'csv' });
  if (!d.success) throw new Error(JSON.stringify(d.issues));
  return loadRubric(d.value.yaml);
}

/** A rule's figures, without the names of what it reads (a draft names its figures after the text). */
function figures(rule: Parameters<typeof canonicalRule>[0]): unknown {
  const { value: _v, item: _i, ...rest } = canonicalRule(rule) as Record<string, unknown>;
  // A checklist item's id is a name too (the sheet prints the items, not their ids).
  if (Array.isArray(rest.items)) rest.items = (rest.items as Record<string, unknown>[]).map(({ id: _id, ...it }) => it);
  return rest;
}

/**
 * The draft is the rubric again: the same tree (names, maxima), each leaf with the standard its
 * sheet printed; where the rubric has no hand-written standard the printed sentence is its rule's
 * and reads back to that rule; a hand-written one gives the rule parseStandard reads from it, or a
 * judgement when it reads none.
 */
function expectSameRubric(back: Rubric, rubric: Rubric, filled = false) {
  const names = figureNamesOf(rubric);
  const walk = (a: readonly Indicator[], b: readonly Indicator[]) => {
    expect(b.map((n) => [n.name, n.max.toFixed(), n.role])).toStrictEqual(a.map((n) => [n.name, n.max.toFixed(), n.role]));
    a.forEach((n, i) => {
      const m = b[i]!;
      if (n.children.length) return walk(n.children, m.children);
      expect(m.children, n.path).toHaveLength(0);
      // A filled-in sheet prints the result's standard (the hand-written one); a blank sheet a rule's
      // sentence where there is none, and a rows section says it is filled in row by row.
      // A rows section (项目支出绩效自评表) comes back as one, with the same policies and no standard of its own.
      if (n.rows && n.standard === undefined && !filled) {
        expect(m.rows, n.path).toStrictEqual(n.rows);
        expect([m.standard, m.rule], n.path).toStrictEqual([undefined, undefined]);
        return;
      }
      expect(m.rows, n.path).toBeUndefined();
      const printed = filled ? n.standard : (n.standard ?? (n.rule ? renderStandard(n.rule, n.max, names) : undefined));
      expect(m.standard, n.path).toBe(printed);
      if (!filled && n.standard === undefined && n.rule && n.kind !== 'judgement') expect(figures(m.rule!), n.path).toStrictEqual(figures(n.rule));
      else if (printed !== undefined) {
        const read = parseStandard(printed, { name: n.name, max: n.max.toFixed() });
        expect(m.kind, n.path).toBe(read?.rule.kind ?? 'judgement');
        if (read && read.rule.kind !== 'judgement') expect(figures(m.rule!), n.path).toStrictEqual(figures(read.rule));
      }
    });
  };
  walk(rubric.indicators, back.indicators);
  expect(back.max.toFixed()).toBe(rubric.max.toFixed());
  // A project form's row scoring reads back from its 逐行计分 line.
  // (precision and rounding are the rubric's, which a sheet does not print: the draft asks for them.)
  const methods = ({ precision: _p, rounding: _r, ...m }: Rubric['project']) => JSON.parse(JSON.stringify(m));
  if (!filled && rubric.indicators.some((n) => n.rows)) expect(methods(back.project)).toStrictEqual(methods(rubric.project));
}

const isProject = (r: Rubric) => r.indicators.some((n) => n.rows);

describe('a blank sheet imports back to the same rubric', () => {
  for (const id of bundledRubricIds) {
    it.each(['csv', 'xlsx', 'md'] as const)(`${id} as %s`, async (format) => {
      const rubric = loadBundledRubric(id);
      expectSameRubric(draftOf(await tableOf(rubric, format), format), rubric);
    });
  }

  it('a rubric with no hand-written standard: each rule printed as its sentence reads back as that rule', async () => {
    const hunan = loadBundledRubric('hunan-department');
    const stripped = (ns: readonly Indicator[]): Indicator[] => ns.map((n) => ({ ...n, standard: undefined, children: stripped(n.children) }) as unknown as Indicator);
    const bare = { ...hunan, indicators: stripped(hunan.indicators) } as Rubric;
    for (const format of ['csv', 'xlsx', 'md'] as const) expectSameRubric(draftOf(await tableOf(bare, format), format), bare);
  });
});

describe('加分项 and 扣分项 read back from their marks', () => {
  // docs/rubric-format.md's example: a 100-point base, a 5-point 加分项, a 10-point 扣分项 (total max 100).
  const demo = loadRubric(`id: bonus-penalty-demo
name: 加分项与扣分项示例
version: "2024"
inputs:
  完成率: { type: percent, min: 0, max: 100 }
  表彰次数: { type: count, unit: 次 }
  审计问题数: { type: count, unit: 个 }
indicators:
  - id: 完成情况
    name: 完成情况
    max: 100
    standard: 以100%为标准，每低于一个百分点扣1分，扣完为止。
    rule: { kind: per_unit, value: 完成率, standard: 100, direction: below, points: 1 }
  - id: 表彰
    name: 获得表彰
    max: 5
    bonus: true
    standard: 获得省级以上表彰每次加1分，最多加5分
    rule: { kind: count, value: 表彰次数, points: 1 }
  - id: 审计问题
    name: 审计发现问题
    max: 10
    penalty: true
    standard: 每个审计问题扣2分，扣分不超过10分
    rule: { kind: count, value: 审计问题数, points: 2 }
`);
  it.each(['csv', 'xlsx', 'md'] as const)('blank, as %s: 获得表彰（加分项） is bonus, 审计发现问题（扣分项） penalty, outside the 100', async (format) => {
    const text = await tableOf(demo, format);
    expect(text).toContain('获得表彰（加分项）');
    const back = draftOf(text, format);
    expect(back.indicators.map((n) => [n.name, n.max.toFixed(), n.role])).toStrictEqual([['完成情况', '100', 'base'], ['获得表彰', '5', 'bonus'], ['审计发现问题', '10', 'penalty']]);
    expect(back.max.toFixed()).toBe('100');
  });
});

describe('a filled-in department sheet imports back to the same rubric', () => {
  // 不适用 items left out: a filled-in sheet prints the maxima the result scored on.
  const scored = (rubric: Rubric) => fc.sample(arbitraryInput(rubric, { notApplicable: false }), { numRuns: 3, seed: 22 }).map((i) => safeEvaluate(rubric, i)).filter((r) => r.success).map((r) => (r as { value: ScoreResult }).value);
  const departments = bundledRubricIds.filter((i) => !isProject(loadBundledRubric(i)));

  for (const id of departments) {
    it(`${id}: scored evaluations, rendered with the rubric that scored them, as CSV and XLSX`, async () => {
      const rubric = loadBundledRubric(id);
      for (const result of scored(rubric)) for (const format of ['csv', 'xlsx'] as const) expectSameRubric(draftOf(await tableOf(result, format, undefined, rubric), format), rubric);
    });
  }

  // Without the rubric given, the sheet finds it by the result's fingerprint (the bundled rubric of its id).
  for (const id of departments) {
    it(`${id}: without the rubric given, the bundled one of the same fingerprint prints each rule's sentence`, async () => {
      const rubric = loadBundledRubric(id);
      for (const result of scored(rubric)) for (const format of ['csv', 'xlsx'] as const) expectSameRubric(draftOf(await tableOf(result, format), format), rubric);
    });
  }

  // hunan-department without its hand-written standards, under another id: no bundled rubric is it.
  const bareDoc = (() => {
    const strip = (ns: unknown[]): unknown[] => ns.map((n) => {
      const { standard: _s, children, ...rest } = n as { standard?: string; children?: unknown[] };
      return children ? { ...rest, children: strip(children) } : rest;
    });
    const doc = parseYaml(bundledRubricSource('hunan-department')!) as { id: string; indicators: unknown[] };
    return { ...doc, id: 'hunan-bare', indicators: strip(doc.indicators) };
  })();
  const bare = loadRubric(bareDoc);

  it('a result whose audit trail carries the rubric text: each rule printed as its sentence, read back with no TODO on the standards', async () => {
    const source = stringify(bareDoc);
    expect(loadRubric(source).fingerprint).toBe(bare.fingerprint);
    const [input] = fc.sample(arbitraryInput(bare, { notApplicable: false }), { numRuns: 1, seed: 22 });
    const audited = auditRecord(evaluate(bare, input!), input!, { rubricSource: source });
    if (!audited.success) throw new Error(JSON.stringify(audited.issues));
    const stored = audited.value as unknown as ScoreResult;
    const text = await tableOf(stored, 'csv');
    expectSameRubric(draftOf(text, 'csv'), bare);
    const d = importSheet(text, { format: 'csv' });
    expect(d.success && d.value.yaml).not.toMatch(/评分标准为空/);
  });

  it('a result no rubric can be found for: the standard is truly absent, the cell empty, and the draft says so', async () => {
    const [result] = scored(bare);
    const text = await tableOf(result!, 'csv');
    const d = importSheet(text, { format: 'csv' });
    expect(d.success && d.value.yaml).toMatch(/# TODO: 评分标准为空/);
  });
});

describe("a filled-in sheet with 不适用 items imports back to the rubric's maxima", () => {
  /** A bundled department rubric under another id, with the 不适用 policy `policy`. */
  const withPolicy = (id: string, policy: 'full' | 'rescale' | 'exclude') => {
    const text = bundledRubricSource(id)!
      .replace(/^notApplicable: .*\n/m, '')
      .replace(/^id: .*$/m, `id: ${id}-${policy}\nnotApplicable: ${policy}`);
    return { text, rubric: loadRubric(text) };
  };
  const removed = (r: ScoreResult) => {
    const walk = (ns: readonly ScoreResult['indicators'][number][]): boolean => ns.some((n) => (n.notApplicable && n.max === '0') || walk(n.children ?? []));
    return walk(r.indicators);
  };
  const departments = bundledRubricIds.filter((i) => !isProject(loadBundledRubric(i)));

  for (const id of departments)
    for (const policy of ['full', 'rescale', 'exclude'] as const) {
      it(`${id}, 不适用 ${policy}: rendered with the rubric, and with the rubric its audit trail carries, as CSV and XLSX`, async () => {
        const { text, rubric } = withPolicy(id, policy);
        const blank = importSheet(await tableOf(rubric, 'csv'), { format: 'csv' });
        if (!blank.success) throw new Error(JSON.stringify(blank.issues));
        // Evaluations that mark something 不适用 (and, under rescale and exclude, remove its max): the
        // first two of 30 generated ones.
        const cases = fc
          .sample(arbitraryInput(rubric), { numRuns: 30, seed: 22 })
          .map((input) => ({ input, r: safeEvaluate(rubric, input) }))
          .filter(({ r }) => r.success && (policy === 'full' ? JSON.stringify(r.value).includes('"notApplicable":true') : removed(r.value)))
          .slice(0, 2);
        expect(cases).toHaveLength(2);
        for (const { input, r } of cases) {
          if (!r.success) continue;
          const audited = auditRecord(r.value, input, { rubricSource: text });
          if (!audited.success) throw new Error(JSON.stringify(audited.issues));
          for (const [format, sheet] of [
            ['csv', await tableOf(r.value, 'csv', input, rubric)],
            ['xlsx', await tableOf(r.value, 'xlsx', input, rubric)],
            ['csv', await tableOf(audited.value as unknown as ScoreResult, 'csv')],
          ] as const) {
            expectSameRubric(draftOf(sheet, format), rubric);
            // The filled-in sheet's figures confirm the tree as far as the blank one's do: a total
            // printed after 不适用 removed its part is not a mismatch.
            const d = importSheet(sheet, { format: 'csv' });
            expect(d.success && d.value.problems.length).toBe(blank.value.problems.length);
            // The policy the lines under the sheet name is asked for, not guessed.
            const asked = d.success && d.value.yaml.match(/# TODO: 表下注明“不适用指标[^”]*”：有指标按不适用(剔除后折算（notApplicable: rescale）|不计入满分（notApplicable: exclude）)/)?.[1];
            if (removed(r.value)) expect(asked, policy).toContain(`notApplicable: ${policy}`);
          }
        }
      });
    }

  it('a result no rubric can be found for: the 不适用 leaf with 分值 0 is a TODO and a problem, never a silent ✔', async () => {
    const { rubric } = withPolicy('kunming-department', 'exclude');
    const [input] = fc.sample(arbitraryInput(rubric).filter((i) => {
      const r = safeEvaluate(rubric, i);
      return r.success && removed(r.value);
    }), { numRuns: 1, seed: 22 });
    const result = evaluate(rubric, input!);
    const d = importSheet(await tableOf(result, 'csv'), { format: 'csv' });
    if (!d.success) throw new Error(JSON.stringify(d.issues));
    expect(d.value.yaml).toContain('# TODO: 表中标为不适用，分值印为 0');
    expect(d.value.problems.some((p) => p.zh.includes('标为不适用，分值印为 0'))).toBe(true);
  });
});

/** The rows of each section with a group's rows together, in the order the groups first appear: the order a sheet lists them in. */
function groupedRows(input: EvaluationInput): EvaluationInput {
  if (!input.rows) return input;
  const rows = Object.fromEntries(
    Object.entries(input.rows).map(([k, list]) => {
      const groups = [...new Set(list.map((r) => (r as { group?: string }).group))];
      return [k, groups.flatMap((g) => list.filter((r) => (r as { group?: string }).group === g))];
    }),
  );
  return { ...input, rows } as EvaluationInput;
}

describe('a filled-in project form imports back to the same rubric', () => {
  const projects = bundledRubricIds.map((id) => loadBundledRubric(id)).filter(isProject);
  // The sheet prints its funds rows' 评分标准, each rows section's policies and the 逐行计分 line
  // under the table (评分办法：…), so the filled-in form says what the blank one says.
  it.each(projects.flatMap((r) => (['csv', 'xlsx', 'md'] as const).map((f) => [r.id, f, r] as const)))('%s as %s: generated evaluations', async (_, format, rubric) => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(arbitraryInput(rubric), async (generated) => {
        const input = groupedRows(generated);
        const first = safeEvaluate(rubric, input);
        if (!first.success || first.value.indicators.some((n) => n.max !== rubric.byId.get(n.id)?.max.toFixed())) return;
        expectSameRubric(draftOf(await tableOf(first.value, format, input, rubric), format), rubric);
        compared++;
      }),
      { numRuns: 8, seed: 26 },
    );
    expect(compared).toBeGreaterThanOrEqual(3);
  });

  it('without its rubric found, a filled-in project form is still read as sections of rows, and the draft says what it assumed', async () => {
    const rubric = loadBundledRubric('project-self-evaluation');
    const input = JSON.parse(await import('node:fs').then((f) => f.readFileSync(new URL('../../examples/miluo-2018-project/input.json', import.meta.url), 'utf8')));
    const text = (await tableOf(evaluate(rubric, input), 'csv', input, rubric)).split(/\r?\n/).filter((l) => !/^(评分办法：|逐行计分：)/.test(l.replace(/^\uFEFF/, ''))).join('\n');
    const d = importSheet(text, { format: 'csv' });
    if (!d.success) throw new Error(JSON.stringify(d.issues));
    const back = loadRubric(d.value.yaml);
    expect(back.indicators.map((n) => [n.name, n.max.toFixed(), n.rows !== undefined])).toStrictEqual([
      ['预算执行率', '10', false], ['产出指标', '50', true], ['效益指标', '30', true], ['满意度指标', '10', true],
    ]);
    // Nothing printed the funds row's standard or the sections' policies: each a TODO, never a silent default.
    expect(d.value.yaml).toMatch(/TODO: 表中没有印出评分办法，请填写评分标准/);
    expect(d.value.yaml.match(/TODO: 表下没有印出本指标的评分办法/g)).toHaveLength(3);
    expect(back.indicators[0]!.kind).toBe('judgement');
  });
});

describe('a filled-in project form imports back to the same evaluation', () => {
  const projects = bundledRubricIds.map((id) => loadBundledRubric(id)).filter(isProject);

  it.each(projects.map((r) => [r.id, r] as const))('%s: generated evaluations, as CSV, score again to the same result', async (_, rubric) => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(arbitraryInput(rubric), async (generated) => {
        const input = groupedRows(generated);
        const first = safeEvaluate(rubric, input);
        // A form whose rows' 分值 do not add up to their section's is refused by the importer (it names the line).
        if (!first.success || first.value.indicators.some((n) => n.max !== rubric.byId.get(n.id)?.max.toFixed())) return;
        const e = importEvaluation(await tableOf(first.value, 'csv', input), rubric, { format: 'csv' });
        if (!e.success) throw new Error(JSON.stringify(e.issues));
        const again = evaluate(rubric, e.value.input);
        expect(again.indicators).toStrictEqual(first.value.indicators);
        expect([again.total, again.grade]).toStrictEqual([first.value.total, first.value.grade]);
        compared++;
      }),
      { numRuns: 40, seed: 22 },
    );
    expect(compared).toBeGreaterThanOrEqual(10);
  });

  it('the Miluo 2018 form as XLSX: the same result, and each reason as filed, without what scoring wrote beside it', async () => {
    const rubric = loadBundledRubric('project-self-evaluation');
    const input = JSON.parse(await import('node:fs').then((f) => f.readFileSync(new URL('../../examples/miluo-2018-project/input.json', import.meta.url), 'utf8')));
    const result = evaluate(rubric, input);
    const e = importEvaluation(await tableOf(result, 'xlsx', input), rubric, { format: 'csv' });
    if (!e.success) throw new Error(JSON.stringify(e.issues));
    expect(evaluate(rubric, e.value.input).indicators).toStrictEqual(result.indicators);
    const reasons = (i: { rows?: Record<string, { reason?: string }[]> }) => Object.values(i.rows ?? {}).flat().map((r) => r.reason);
    expect(reasons(e.value.input)).toStrictEqual(reasons(input));
    expect(reasons(e.value.input)).toContain('12345热线回访590件，545件满意，回访满意率92.4%');
  });
});

/** The policies a rows section may set, each away from its default or at it. */
const ROWS_POLICY = fc.record(
  {
    weights: fc.constantFrom('exact', 'scaled'),
    empty: fc.constantFrom('forbidden', 'redistribute', 'zero'),
    emptyTarget: fc.constantFrom('forbidden', 'not_applicable'),
    method: fc.constantFrom('target', 'times_actual'),
  },
  { requiredKeys: [] },
);

describe('generated rubrics', () => {
  it('the blank sheet of a generated project rubric (rows sections with any policies beside indicators with rules) imports back to the same rubric, rows sections and their policies included', async () => {
    let project = 0;
    let away = 0;
    await fc.assert(
      fc.asyncProperty(
        arbitraryRubricDocument({ policies: false, depth: 2, kinds: ['per_unit', 'bands', 'count', 'checklist', 'target'] }),
        fc.array(fc.record({ max: fc.integer({ min: 1, max: 60 }), rows: ROWS_POLICY }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom('csv' as const, 'xlsx' as const, 'md' as const),
        fc.record(
          {
            inverse: fc.constantFrom('inverse', 'linear'),
            equals: fc.constantFrom('all_or_nothing', 'proportional'),
            levels: fc.tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.boolean()).map(([a, p, half]) => ({ achieved: a, partly: half ? Math.min(a, p) + 0.5 : Math.min(a, p) })),
            overAchievement: fc.integer({ min: 100, max: 500 }),
            reasonRequired: fc.boolean(),
            unmetRounding: fc.constantFrom('below_full', 'as_rounded'),
          },
          { requiredKeys: [] },
        ),
        async (doc, sections, format, methods) => {
          const d = doc as unknown as { indicators: unknown[]; grades?: unknown };
          const { grades: _g, ...rest } = d;
          const withRows = { ...rest, project: methods, indicators: [...d.indicators, ...sections.map((x, k) => ({ id: `行指标${k + 1}`, name: `行指标${k + 1}`, max: x.max, rows: x.rows }))] };
          const loaded = safeLoadRubric(withRows);
          if (!loaded.success) return; // a policy this tree cannot take (redistribute with nothing to take it)
          const rubric = loaded.value;
          project++;
          if (sections.some((x) => Object.entries(x.rows).some(([k, v]) => v !== { weights: 'exact', empty: 'forbidden', emptyTarget: 'forbidden', method: 'target' }[k]))) away++;
          expectSameRubric(draftOf(await tableOf(rubric, format), format), rubric);
        },
      ),
      { numRuns: 80, seed: 22 },
    );
    expect(project).toBeGreaterThanOrEqual(40);
    expect(away).toBeGreaterThanOrEqual(25);
  });


  it('the blank sheet of a generated rubric, 加分项 and 扣分项 included (CSV), imports back to the same tree, maxima, roles, standards and rules', () => {
    let marked = 0;
    fc.assert(
      fc.property(arbitraryRubricDocument({ policies: false, kinds: ['per_unit', 'bands', 'count', 'checklist', 'target', 'judgement'] }), (doc) => {
        const rubric = loadRubric(doc);
        if ([...rubric.byId.values()].some((n) => n.role !== 'base')) marked++;
        expectSameRubric(draftOf(renderSheet(rubric, { format: 'csv' }), 'csv'), rubric);
      }),
      { numRuns: 120, seed: 22 },
    );
    expect(marked).toBeGreaterThanOrEqual(10);
  });
});
