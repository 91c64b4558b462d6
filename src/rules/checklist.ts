import * as z from 'zod';
import { nonNegative, positive } from './fields.js';
import { Decimal, Exact, itemMark, pts, showBeside } from './common.js';
import { ZERO } from '../exact.js';
import type { Deduction, RuleImpl } from './types.js';

const HUNDRED = Exact.int(100);

const schema = z
  .strictObject({
    kind: z.literal('checklist'),
    items: z
      .array(
        z.strictObject({
          id: z.union([z.string().min(1), z.number()]).transform(String).optional(),
          text: z.string().min(1),
          points: positive.optional().meta({ description: '达到此项得多少分' }),
          share: positive.optional().meta({ description: '达到此项得指标分值的百分之几，如“具备一个得分要素，得到指标分值的20%”写 20' }),
          gate: z.boolean().optional().meta({ description: '必备要素：“如不具备，该指标分值为0”' }),
        }),
      )
      .min(1),
    perMissing: positive.optional().meta({ description: '每少一项扣多少分，扣完为止（“每少一项扣1分”）；此时各项不写分值' }),
    scale: z
      .array(z.strictObject({ level: z.string().trim().min(1), share: nonNegative }))
      .min(2)
      .optional()
      .meta({ description: '逐项评定等级（优/良/中/差）：每项按所评等级得该项分值的百分之几；评价数据中各项填等级名称' }),
  })
  .meta({ title: 'checklist', description: '逐项计分：达到一项得该项分值 · weighted checklist' });

/**
 * `key`: the id as the answers' object is read by, a number where the id is one (`1` for "1": the
 * engine reads an object's number keys fastest by number); `miss`: the sentence of the item unmet.
 */
type Item = { id: string; key: string | number; text: string; exact: Exact; gate: boolean; miss: string };

/** An id that is an array index ("0", "7", "12"; not "07" or "1.5"), as a number; else the id. */
const keyOf = (id: string): string | number => (/^(?:0|[1-9]\d{0,8})$/.test(id) ? Number(id) : id);

/**
 * ①已制定…，1分；②相关管理制度合法、合规、完整，1分；③…得到有效执行，1分. Items may be worth a share
 * of the max (具备一个得分要素，得到指标分值的20%), be a gate (具备要素①，得到指标分值的40%；如不具备，
 * 该指标分值为0), cost a fixed amount each when missing (每少一项扣1分，扣完为止), or be rated on a
 * scale (优/良/中/差 per item, each a share of the item's points).
 */
export const checklist: RuleImpl<typeof schema> = {
  kind: 'checklist',
  schema,
  summary: '逐项检查，达到一项得该项分值（或按比例、必备要素、每少一项扣分、逐项评等级）',
  compile(rule, ctx) {
    const max = Exact.fromDecimal(ctx.max);
    let ok = true;
    const bad = (detail: string, detailEn: string, at: (string | number)[]) => {
      ctx.issue('rule_invalid', { detail, detailEn }, at);
      ok = false;
    };
    const perMissing = rule.perMissing ? Exact.fromDecimal(rule.perMissing) : undefined;
    const items: Item[] = rule.items.map((it, i) => {
      const id = it.id ?? String(i + 1);
      if (perMissing) {
        if (it.points !== undefined || it.share !== undefined) bad('每少一项扣分（perMissing）时，各项不写分值（points/share）', 'with perMissing, items carry no points or share', ['items', i]);
      } else if ((it.points === undefined) === (it.share === undefined)) {
        bad('每项须写且只写 points（分值）或 share（占指标分值的百分比）之一', 'each item needs exactly one of points or share', ['items', i]);
      }
      if (it.share !== undefined && it.share.gt(100)) bad(`一项占指标分值的 ${it.share.toFixed()}%，超过 100%`, `an item's share ${it.share.toFixed()}% is over 100%`, ['items', i, 'share']);
      const exact = it.points !== undefined ? Exact.fromDecimal(it.points) : it.share !== undefined ? max.times(Exact.fromDecimal(it.share)).div(HUNDRED) : ZERO;
      return { id, key: keyOf(id), text: it.text, exact, gate: it.gate === true, miss: `未达到第${itemMark(id)}项“${it.text}”` };
    });
    const seen = new Set<string>();
    items.forEach((it, i) => {
      if (seen.has(it.id)) {
        ctx.issue('duplicate_item_id', { id: it.id }, ['items', i, 'id']);
        ok = false;
      }
      seen.add(it.id);
    });
    const scale = rule.scale?.map((s) => ({ level: s.level, share: Exact.fromDecimal(s.share) }));
    if (scale) {
      if (perMissing) bad('逐项评等级（scale）与每少一项扣分（perMissing）不能同时使用', 'scale and perMissing cannot be used together', ['scale']);
      if (new Set(scale.map((s) => s.level)).size !== scale.length) bad('等级名称重复', 'a level is named twice', ['scale']);
      scale.forEach((s, i) => {
        if (s.share.gt(HUNDRED)) bad(`等级“${s.level}”得该项分值的 ${s.share.toPlain()}%，超过 100%`, `level "${s.level}" is worth over 100%`, ['scale', i, 'share']);
      });
    }
    if (!perMissing) {
      const sum = items.reduce((a, it) => a.plus(it.exact), ZERO);
      const shown = new Decimal(sum.toPlain());
      if (sum.lt(max)) {
        ctx.issue('checklist_points_mismatch', { sum: pts(shown), max: pts(ctx.max) }, ['items']);
        ok = false;
      } else if (sum.gt(max)) {
        ctx.issue('checklist_points_mismatch', { sum: pts(shown), max: pts(ctx.max) }, ['items'], 'warning');
      }
    }
    if (!ok) return undefined;
    const levelOf = scale ? new Map(scale.map((s) => [s.level, s.share])) : undefined;
    // The 必备要素, found once.
    const gated = items.filter((it) => it.gate);
    return {
      needs: 'checklist',
      items: items.map((it) => it.id),
      ...(scale ? { levels: scale.map((s) => s.level) } : {}),
      score(s) {
        const met = s.assessment?.items ?? {};
        const deductions: Deduction[] = [];
        // 必备要素: one missing and the indicator scores nothing.
        const gates = gated.length === 0 ? gated : gated.filter((it) => met[it.key] !== true && !(levelOf && typeof met[it.key] === 'string' && levelOf.get(met[it.key] as string)!.isPositive()));
        if (gates.length) {
          const names = gates.map((it) => `第${itemMark(it.id)}项“${it.text}”`).join('、');
          return { score: ZERO, deductions: s.max.isPositive() ? [{ points: s.max, reason: `未具备必备要素${names}，该指标分值为0，扣${pts(s.max)}分` }] : [] };
        }
        if (perMissing) {
          // 每少一项扣1分，扣完为止: the score is rounded once; the items missed account for what is lost.
          const missing = items.filter((it) => met[it.key] !== true);
          const exact = Exact.max(ZERO, s.max.minus(perMissing.times(Exact.int(missing.length))));
          const score = s.round(exact);
          let toLose = s.max.minus(score);
          for (const it of missing) {
            if (!toLose.isPositive()) break;
            const p = Exact.min(perMissing, toLose);
            toLose = toLose.minus(p);
            deductions.push({ points: p, reason: s.detail ? `${it.miss}，扣${pts(p)}分${p.lt(perMissing) && exact.isZero() ? '，扣完为止' : ''}` : '' });
          }
          if (toLose.isPositive()) deductions.push({ points: toLose, reason: s.detail ? `得分${showBeside(exact, [score, score.plus(s.step)], 6)}分按评分表精度舍入为${pts(score)}分，扣${pts(toLose)}分` : '' });
          return { score, deductions };
        }
        let got = ZERO;
        const missed: { it: Item; lost: Exact; why: string }[] = [];
        for (const it of items) {
          const m = met[it.key];
          if (levelOf) {
            const share = levelOf.get(m as string) ?? ZERO;
            const earned = it.exact.times(share).div(HUNDRED);
            got = got.plus(earned);
            if (earned.lt(it.exact)) missed.push({ it, lost: it.exact.minus(earned), why: s.detail ? `第${itemMark(it.id)}项“${it.text}”评为${String(m)}（得该项${pts(it.exact)}分的${pts(share)}%）` : '' });
          } else if (m === true) got = got.plus(it.exact);
          else missed.push({ it, lost: it.exact, why: it.miss });
        }
        const score = s.round(Exact.min(got, s.max));
        // Deductions list the unmet items; if items over-fill the max, only what is really lost counts.
        let toLose = s.max.minus(score);
        for (const { lost, why } of missed) {
          if (!toLose.isPositive()) break;
          const p = Exact.min(lost, toLose);
          toLose = toLose.minus(p);
          deductions.push({ points: p, reason: s.detail ? `${why}，扣${pts(p)}分` : '' });
        }
        // Rounding the score down loses more than the unmet items are worth: say so, so that
        // what was lost is exactly the sum of the deductions.
        if (toLose.isPositive())
          deductions.push({ points: toLose, reason: s.detail ? `得分${showBeside(Exact.min(got, s.max), [score, score.plus(s.step)], 6)}分按评分表精度舍入为${pts(score)}分，扣${pts(toLose)}分` : '' });
        return { score, deductions };
      },
    };
  },
  describe(rule) {
    if (rule.perMissing)
      return `${rule.items.map((it, i) => `${itemMark(String(i + 1))}${it.text}`).join('；')}。每少一项扣${pts(rule.perMissing)}分，扣完为止。`;
    const worth = (it: (typeof rule.items)[number]) =>
      it.share !== undefined ? `得到指标分值的${pts(it.share)}%` : `${pts(it.points ?? new Decimal(0))}分`;
    const body = rule.items
      .map((it, i) => `${itemMark(String(i + 1))}${it.text}，${worth(it)}${it.gate ? `，如不具备，该指标分值为0` : ''}`)
      .join('；');
    const scale = rule.scale ? `。各项按${rule.scale.map((s) => `${s.level}${pts(s.share)}%`).join('、')}计分` : '';
    return `${body}${scale}。`;
  },
};
