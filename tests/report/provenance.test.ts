/**
 * A stored record that names a bundled rubric (hunan-department) but carries its own, edited,
 * rubric text — with its fingerprints recomputed so it re-scores to itself — is not the bundled
 * rubric's result: `rescore` says so (`notBundled`, `rubric_not_bundled` with both fingerprints)
 * and is not `same`; `jixiao sheet` and `jixiao explain` print a warning line, and the rendered
 * sheet a note.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { evaluate, loadBundledRubric, loadRubric, type ScoreResult } from '../../src/index.js';
import { auditRecord, bundledMismatches, compareResults, explain, renderExplanation, renderSheet, rescore, type AuditedResult } from '../../src/entries/report.js';
import { yunxi } from './examples.js';

const tmp = resolve('tests/.tmp/report-provenance');
beforeAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const hunan = loadBundledRubric('hunan-department');
const bundledText = readFileSync('rubrics/hunan-department.yaml', 'utf8');
// 以100%为标准……每超过一个百分点扣0.5分 — edited to 0.1 in both the sentence and the rule.
const forgedText = bundledText.replace('每超过一个百分点扣0.5分，扣完为止。\n            rule: { kind: per_unit, value: 在职人员控制率, standard: 100, direction: above, points: 0.5 }', '每超过一个百分点扣0.1分，扣完为止。\n            rule: { kind: per_unit, value: 在职人员控制率, standard: 100, direction: above, points: 0.1 }');
const forged = loadRubric(forgedText);
const { input: yunxiInput } = yunxi();
// 35 在职 of 34 编制: 102.941176…%, 2.941176… points over the standard.
const input = { ...yunxiInput, values: { ...yunxiInput.values, 在职人数: 35 } };
const record = (rubric = forged, source = forgedText): AuditedResult => {
  const a = auditRecord(evaluate(rubric, input), input, { rubricSource: source });
  if (!a.success) throw new Error('audit');
  return JSON.parse(JSON.stringify(a.value)) as AuditedResult;
};
const expectedMismatch = () => ({ id: 'hunan-department', version: '2021', fingerprint: forged.fingerprint, bundledVersion: '2021', bundledFingerprint: hunan.fingerprint });

describe('rescore: a record whose carried rubric is an edited bundled rubric', () => {
  it('the edit is real: the forged rubric has its own fingerprint and scores 98.71 where the bundled one gives 97.53', () => {
    expect(forgedText).not.toBe(bundledText);
    expect([forged.id, forged.version]).toStrictEqual(['hunan-department', '2021']);
    expect(forged.fingerprint).not.toBe(hunan.fingerprint);
    // 2.941176… × 0.1 = 0.29 lost (4.71); × 0.5 = 1.47 lost (3.53). Yunxi's other 99 − 5 = 94 points stand.
    expect(evaluate(forged, input).total).toBe('98.71');
    expect(evaluate(hunan, input).total).toBe('97.53');
  });

  it('is not `same`, says which rubric it names and both fingerprints, and re-scores with the carried text', () => {
    const r = rescore(record());
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.value.same).toBe(false);
    expect(r.value.notBundled).toStrictEqual([expectedMismatch()]);
    expect(r.value.result.total).toBe('98.71');
    expect(r.warnings.map((w) => [w.code, w.severity, w.params])).toStrictEqual([['rubric_not_bundled', 'warning', expectedMismatch()]]);
    expect(r.warnings[0]!.message).toBe(`评分结果标明的评分表为内置评分表“hunan-department”（2021，指纹 ${forged.fingerprint}），但其内容与内置评分表“hunan-department”（2021，指纹 ${hunan.fingerprint}）不同：此结果不是按内置评分表评出的`);
  });

  it('passing the edited rubric explicitly does not make it the bundled one', () => {
    const r = rescore(record(), { rubric: forged });
    expect(r.success && [r.value.same, r.value.notBundled.length]).toStrictEqual([false, 1]);
  });

  it('the bundled text carried, or none carried, is `same`; a rubric of its own id is `same` on its own text', () => {
    const honest = rescore(record(hunan, bundledText));
    expect(honest.success && [honest.value.same, honest.value.notBundled, honest.warnings]).toStrictEqual([true, [], []]);
    const bare = record(hunan, bundledText);
    delete bare.audit.rubric.source;
    const b = rescore(bare);
    expect(b.success && [b.value.same, b.value.notBundled]).toStrictEqual([true, []]);
    const ownText = forgedText.replace('id: hunan-department', 'id: 我市部门整体支出');
    const own = rescore(record(loadRubric(ownText), ownText));
    expect(own.success && [own.value.same, own.value.notBundled]).toStrictEqual([true, []]);
  });

  it('a record whose audit names the bundled id while its result names another is caught on the audit label', () => {
    const r = record();
    r.rubric = { ...r.rubric, id: '别的评分表' };
    const again = rescore(r);
    expect(again.success && again.value.same).toBe(false);
    expect(again.success && again.value.notBundled.map((m) => m.id)).toStrictEqual(['hunan-department']);
  });
});

describe('the sheet, the explanation and the comparison say it', () => {
  const note = `注意：本结果标明的评分表为内置评分表“hunan-department”（2021版，指纹 ${forged.fingerprint}），但与内置评分表“hunan-department”（2021版，指纹 ${hunan.fingerprint}）不同，不是按内置评分表评出的`;

  it('the rendered sheet (every format draws the same note), the explanation text and compareResults', () => {
    const r = record();
    expect(renderSheet(r)).toContain(`> ${note}`);
    expect(renderSheet(r, { format: 'html' })).toContain(note);
    expect(renderSheet(r, { format: 'csv' })).toContain(note);
    expect(renderExplanation(explain(r), r).split('\n').slice(0, 3)).toStrictEqual(['湖南省部门整体支出绩效评价评分表：得分说明', '', note]);
    expect(compareResults(evaluate(hunan, input), r).warnings).toContain(note.replace('注意：本结果', '结果B'));
    // A result without an audit trail, labelled with the bundled id and another fingerprint, too.
    const scored = evaluate(hunan, input);
    const bare: ScoreResult = { ...scored, rubric: { ...scored.rubric, fingerprint: forged.fingerprint } };
    expect(bundledMismatches(bare)).toStrictEqual([expectedMismatch()]);
    expect(renderSheet(bare)).toContain(note);
  });

  it('a result of the bundled rubric has no note', () => {
    const r = record(hunan, bundledText);
    expect(bundledMismatches(r)).toStrictEqual([]);
    expect(renderSheet(r)).not.toContain('注意：');
    expect(renderExplanation(explain(r), r)).not.toContain('注意：');
  });

  it('jixiao sheet and jixiao explain: a warning line on stderr, the note in the output; exit 0', async () => {
    const f = join(tmp, 'forged.json');
    writeFileSync(f, JSON.stringify(record(), null, 2));
    const cli = async (...argv: string[]) => {
      let out = '';
      let err = '';
      const code = await run(argv, { out: (s) => (out += s), err: (s) => (err += s) });
      return { code, out, err };
    };
    const warning = `${f}:1:1 warning rubric_not_bundled the result names the bundled rubric "hunan-department" (version 2021, fingerprint ${forged.fingerprint}), but its rubric differs from the bundled "hunan-department" (version 2021, fingerprint ${hunan.fingerprint}): it was not scored with the bundled rubric\n`;
    for (const args of [['sheet', f], ['sheet', f, '--format', 'csv'], ['explain', f]]) {
      const r = await cli(...args, '--lang', 'en');
      expect([args.join(' '), r.code, r.err]).toStrictEqual([args.join(' '), 0, warning]);
      expect(r.out).toContain(note);
    }
    const honest = join(tmp, 'honest.json');
    writeFileSync(honest, JSON.stringify(record(hunan, bundledText)));
    expect((await cli('sheet', honest)).err).toBe('');
  });
});
