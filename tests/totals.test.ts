/**
 * The totals path (`score`) against the full result (`evaluate`): the same success, the same
 * issues and warnings byte for byte, and — for a scored evaluation — the same total, max, grade,
 * verdict and, for every indicator of the rubric, the score the full result shows for it. The
 * full result is the oracle: it is itself checked against exact fractions (tests/oracle).
 *
 * Inputs: generated for every bundled rubric (figures across the declared range, 不适用, vetoes,
 * project rows, optional figures left out now and then), generated rubrics with every policy
 * (pools, weighted blocks with formula weights, capped 加分/扣分 sections, 一票否决 on conditions,
 * 总分不超过, rescale / exclude / full), rubrics that may fail to score some inputs, and every
 * example. JIXIAO_TOTALS_RUNS inputs per bundled rubric (default 400); seed printed, replay with
 * JIXIAO_TOTALS_SEED.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bundledRubricIds,
  evaluate,
  loadBundledRubric,
  loadRubric,
  safeEvaluate,
  safeScore,
  score,
  EvaluationError,
  type IndicatorResult,
  type Rubric,
  type ScoreTotals,
} from '../src/index.js';
import { arbitraryInput, arbitraryRubricDocument } from '../src/testing/index.js';
import { compiledTotals, hasCompiledTotals } from '../src/evaluate/compiled.js';
import { DEFAULT_LIMITS } from '../src/source/limits.js';

const RUNS = Number(process.env.JIXIAO_TOTALS_RUNS ?? 400);
const SEED = Number(process.env.JIXIAO_TOTALS_SEED ?? process.env.JIXIAO_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`totals seed ${SEED} — replay with JIXIAO_TOTALS_SEED=${SEED}`);

const json = (x: unknown) => JSON.stringify(x);

/** What the totals of a full result are, read off the result alone. */
function totalsOf(rubric: Rubric, full: ReturnType<typeof evaluate>): ScoreTotals {
  const shown = new Map<string, string>();
  const visit = (nodes: readonly IndicatorResult[]) => {
    for (const n of nodes) {
      if (rubric.byId.has(n.id)) shown.set(n.id, n.score);
      if (n.children) visit(n.children);
    }
  };
  visit(full.indicators);
  const scores: Record<string, string> = {};
  // Every indicator of the rubric has its place in the full result.
  for (const id of rubric.byId.keys()) {
    expect(shown.has(id), `indicator ${id} missing from the full result`).toBe(true);
    scores[id] = shown.get(id)!;
  }
  const t: ScoreTotals = { rubric: full.rubric, total: full.total, max: full.max, grade: full.grade, scores };
  if (full.failed) t.failed = true;
  return t;
}

/** Inputs the compiled totals scorer (src/evaluate/compiled.ts) answered, rather than the walk. */
let compiledHits = 0;

/** Score one input both ways; they must agree. Returns whether it was scored. */
function agree(rubric: Rubric, input: unknown): boolean {
  const full = safeEvaluate(rubric, input as never);
  const totals = safeScore(rubric, input as never);
  // Where the compiled scorer answers, it is what score returned, and the input scored without a word.
  const compiled = typeof input === 'string' ? undefined : compiledTotals(rubric, input, DEFAULT_LIMITS);
  if (compiled !== undefined) {
    compiledHits++;
    expect(json(totals)).toBe(json({ success: true, value: compiled, warnings: [] }));
    expect(full.success && full.warnings.length === 0).toBe(true);
  }
  if (!full.success) {
    expect(totals.success).toBe(false);
    if (!totals.success) expect(json(totals.issues)).toBe(json(full.issues));
    return false;
  }
  expect(totals.success).toBe(true);
  if (!totals.success) return false;
  expect(json(totals.warnings)).toBe(json(full.warnings));
  expect(json(totals.value)).toBe(json(totalsOf(rubric, full.value)));
  return true;
}

describe('score: the totals of evaluate, without reasons', () => {
  for (const id of bundledRubricIds) {
    it(`${id}: every generated input is scored alike, or refused alike`, () => {
      const rubric = loadBundledRubric(id);
      let scored = 0;
      compiledHits = 0;
      fc.assert(
        fc.property(
          fc.record({ omitOptional: fc.boolean(), places: fc.integer({ min: 0, max: 4 }) }).chain((o) => arbitraryInput(rubric, o)),
          (input) => {
            if (agree(rubric, input)) scored++;
          },
        ),
        { numRuns: RUNS, seed: SEED },
      );
      // Most generated inputs score: otherwise this compares two refusals.
      expect(scored).toBeGreaterThan(RUNS / 4);
      // Where the rubric compiles, the compiled scorer answered many of them.
      if (hasCompiledTotals(rubric)) expect(compiledHits).toBeGreaterThan(RUNS / 10);
    });
  }

  it('generated rubrics with every policy: pools, weighted blocks, caps, vetoes, 总分不超过, 不适用', () => {
    let scored = 0;
    compiledHits = 0;
    fc.assert(
      fc.property(
        fc.boolean().chain((complete) => arbitraryRubricDocument({ complete, policies: true })).chain((doc) => {
          const rubric = loadRubric(doc);
          return fc.tuple(fc.constant(rubric), fc.array(arbitraryInput(rubric, { omitOptional: true }), { minLength: 4, maxLength: 4 }));
        }),
        ([rubric, inputs]) => {
          for (const input of inputs) if (agree(rubric, input)) scored++;
        },
      ),
      { numRuns: Math.max(50, Math.round(RUNS / 2)), seed: SEED },
    );
    expect(scored).toBeGreaterThan(RUNS / 2);
    expect(compiledHits).toBeGreaterThan(0);
  });

  it('every example, as filed and as corrected, and the batch examples line by line', () => {
    const read = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');
    const EXAMPLES = JSON.parse(read('tests/fixtures/examples.json')) as Record<string, string>;
    let n = 0;
    for (const [dir, rubricFile] of Object.entries(EXAMPLES)) {
      const rubric = loadRubric(read(rubricFile));
      for (const f of readdirSync(new URL(`../examples/${dir}/`, import.meta.url)).filter((x) => x === 'input.json' || x === 'as-filed.json')) {
        const text = read(`examples/${dir}/${f}`);
        agree(rubric, text);
        agree(rubric, JSON.parse(text));
        n++;
      }
    }
    expect(n).toBeGreaterThanOrEqual(8);
    for (const [file, id] of [['examples/batch/records.ndjson', 'hunan-department'], ['examples/batch/projects.ndjson', 'project-self-evaluation']] as const) {
      const rubric = loadBundledRubric(id);
      const lines = read(file).split('\n').filter((l) => l.trim());
      expect(lines.filter((l) => agree(rubric, l)).length).toBeGreaterThan(0);
    }
  });

  it('score throws what safeScore returns as issues, as evaluate does', () => {
    const rubric = loadBundledRubric('hunan-department');
    expect(() => score(rubric, { values: { 在职人数: -1 } } as never)).toThrow(EvaluationError);
    const bad = safeScore(rubric, '{"values": ');
    expect(bad.success).toBe(false);
    expect(safeScore('not a rubric' as never, {}).success).toBe(false);
  });
});
