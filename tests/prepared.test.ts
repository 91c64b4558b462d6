/**
 * Bundled rubrics are read when jixiao is built (src/rubric/prepared.ts): loading their text
 * skips the YAML parser. What it gets must be exactly what reading the text gives — the same
 * values, the same line and column for every one of them — and loading must not tell the two apart.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { everyPath } from './helpers.js';
import { bundledRubricIds, bundledRubricSource, Decimal, loadRubric, rubricSchema, safeEvaluate, safeLoadRubric } from '../src/index.js';
import { readDocument, type SourceDocument } from '../src/source/document.js';
import { DEFAULT_LIMITS } from '../src/source/limits.js';
import { preparedDocument } from '../src/rubric/sources.js';

const read = (text: string, file?: string): SourceDocument => {
  const r = readDocument(text, DEFAULT_LIMITS, file);
  if (!r.ok) throw new Error('does not read');
  return r.doc;
};
/** Limits one byte tighter than the defaults: loading then reads the YAML. */
const viaYaml = { limits: { maxBytes: DEFAULT_LIMITS.maxBytes - 1 } };

describe('bundled rubrics read at build time', () => {
  for (const id of bundledRubricIds) {
    const text = bundledRubricSource(id)!;
    it(`${id}: the same values at the same lines and columns as reading the text`, () => {
      expect(text).toBe(readFileSync(new URL(`../rubrics/${id}.yaml`, import.meta.url), 'utf8'));
      for (const file of [undefined, `rubrics/${id}.yaml`]) {
        const prepared = preparedDocument(text, DEFAULT_LIMITS, file)!;
        const parsed = read(text, file);
        expect(prepared).toBeDefined();
        expect(prepared.value).toEqual(parsed.value);
        expect(prepared.file).toBe(parsed.file);
        const paths = everyPath(parsed.value);
        expect(paths.length).toBeGreaterThan(20);
        for (const p of [...paths, ['不存在'], ['indicators', 99, 'name']]) expect(prepared.positionOf(p)).toEqual(parsed.positionOf(p));
      }
    });

    it(`${id}: what the schema made of it at build time is what the schema makes of it now`, () => {
      const prepared = preparedDocument(text, DEFAULT_LIMITS)!;
      const now = rubricSchema.safeParse(read(text).value);
      expect(now.success).toBe(true);
      const show = (x: unknown) => JSON.stringify(x, (_k, v) => (v instanceof Decimal ? `decimal ${v.toFixed()}` : v));
      if (now.success && now.data.extends === undefined) {
        expect(prepared.schemaOutput).toBeDefined();
        expect(show(prepared.schemaOutput)).toBe(show(now.data));
      } else expect(prepared.schemaOutput).toBeUndefined();
    });

    it(`${id}: loads to the same rubric, warnings and scores as through the YAML parser`, () => {
      const a = safeLoadRubric(text, { file: `rubrics/${id}.yaml` });
      const b = safeLoadRubric(text, { file: `rubrics/${id}.yaml`, ...viaYaml });
      expect(a.success && b.success).toBe(true);
      if (!a.success || !b.success) return;
      expect(a.value).not.toBe(b.value);
      expect(a.warnings).toEqual(b.warnings);
      expect(a.value.fingerprint).toBe(b.value.fingerprint);
      expect(a.value.plan.byId.size).toBe(b.value.plan.byId.size);
      const input = JSON.parse(readFileSync(new URL('../examples/yunxi-2021/input.json', import.meta.url), 'utf8'));
      expect(JSON.stringify(safeEvaluate(a.value, input))).toBe(JSON.stringify(safeEvaluate(b.value, input)));
    });
  }

  it('is used only for the very text, and only with limits no tighter than the defaults', () => {
    const text = bundledRubricSource('hunan-department')!;
    expect(preparedDocument(`${text} `, DEFAULT_LIMITS)).toBeUndefined();
    expect(preparedDocument(text.replace('湖南', '湖北'), DEFAULT_LIMITS)).toBeUndefined();
    const bytes = new TextEncoder().encode(text);
    expect(preparedDocument(bytes, DEFAULT_LIMITS)?.value).toEqual(read(text).value);
    expect(preparedDocument(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]), DEFAULT_LIMITS)?.value).toEqual(read(text).value);
    expect(preparedDocument(bytes.slice(1), DEFAULT_LIMITS)).toBeUndefined();
    expect(preparedDocument(`\ufeff${text}`, DEFAULT_LIMITS)).toBeDefined();
    expect(preparedDocument(text, { ...DEFAULT_LIMITS, maxNodes: 100 })).toBeUndefined();
    expect(preparedDocument(text, { ...DEFAULT_LIMITS, maxNodes: 10 ** 6 })).toBeDefined();
    // With tighter limits the text is read, and the limits apply.
    const small = safeLoadRubric(text, { limits: { maxNodes: 100 } });
    expect(small.success).toBe(false);
    if (!small.success) expect(small.issues[0]!.code).toBe('too_many_nodes');
  });

  it('gives each load a value of its own', () => {
    const text = bundledRubricSource('hunan-department')!;
    const a = preparedDocument(text, DEFAULT_LIMITS)!;
    (a.value as Record<string, unknown>).name = '改过';
    expect((preparedDocument(text, DEFAULT_LIMITS)!.value as Record<string, unknown>).name).not.toBe('改过');
  });
});

describe('loading the same text again', () => {
  const text = bundledRubricSource('kunming-department')!.replace('昆明市', '昆明');
  it('returns the same compiled rubric, for the same file name and limits', () => {
    const a = loadRubric(text, { file: 'k.yaml' });
    expect(loadRubric(text, { file: 'k.yaml' })).toBe(a);
    expect(loadRubric(text, { file: 'other.yaml' })).not.toBe(a);
    expect(loadRubric(text, { file: 'k.yaml', limits: { maxFormulaLength: 100 } })).not.toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it("reads it again with a resolver of the caller's, and never keeps a failure", () => {
    const a = loadRubric(text);
    expect(loadRubric(text, { resolve: () => undefined })).not.toBe(a);
    const broken = `${text}\nbroken: [`;
    expect(safeLoadRubric(broken).success).toBe(false);
    expect(safeLoadRubric(broken).success).toBe(false);
  });
});
