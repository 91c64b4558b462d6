import { Decimal } from '../../decimal.js';
import type { Issue } from '../../issues/issue.js';
import { pts } from '../../rules/common.js';
import { parseInterval, type Interval } from '../../rules/interval.js';
import type { LintCheck } from '../context.js';
import { coverBands } from '../band-cover.js';
import { intersect, showInterval } from '../interval-set.js';

/**
 * Band tables, with exact interval arithmetic (each edge inclusive or exclusive) over the
 * figure's domain: the input's declared `[min, max]` (whole numbers only for a `count`), or all
 * numbers when nothing is declared (a metric, a formula).
 * - `band_gap` (error): part of the domain lies in no band and there is no `otherwise` — such a
 *   value cannot be scored (no_band_matched at evaluation time).
 * - `band_unreachable` (warning): a band that no value in the domain can reach, because it lies
 *   outside the domain or earlier bands cover it (the first matching band scores).
 * - `band_overlap` (warning): a value in two bands; the first one scores it.
 * - `max_unreachable` (warning): no reachable band (nor `otherwise`) scores the indicator's max.
 */
export const bands: LintCheck = {
  name: 'bands',
  summary: '分档无缺口、无重叠、每档都可达，最高档得满分 · band gaps, overlaps, unreachable bands',
  run(ctx) {
    const out: Issue[] = [];
    for (const { node: n, rule } of ctx.rulesOf('bands')) {
      const ivs = rule.bands.map((b) => parseInterval(b.when));
      if (ivs.some((iv) => !iv)) continue; // band_syntax is the loader's
      const list = ivs as Interval[];
      const dom = ctx.domainOf(rule.value);
      const cover = coverBands(list, dom.iv, dom.integer);
      const at = (i: number) => [...n.docPath, 'rule', 'bands', i, 'when'];
      const o = { indicator: n.path };
      let best: Decimal | undefined;
      cover.bands.forEach((facts, j) => {
        const when = rule.bands[j]!.when;
        if (facts.reach === 'domain') {
          out.push(ctx.issue('band_unreachable', { band: j + 1, when, reason: 'domain', label: dom.label, domain: showInterval(dom.iv) }, at(j), o));
          return;
        }
        if (facts.reach === 'covered') {
          out.push(ctx.issue('band_unreachable', { band: j + 1, when, reason: 'covered' }, at(j), o));
          return;
        }
        const score = rule.bands[j]!.score;
        if (!best || score.gt(best)) best = score;
        const i = facts.overlap;
        if (i >= 0) {
          const both = intersect(list[i]!, intersect(list[j]!, dom.iv)!)!;
          out.push(ctx.issue('band_overlap', { band: j + 1, when, other: i + 1, otherWhen: rule.bands[i]!.when, overlap: showInterval(both) }, at(j), o));
        }
      });
      const gaps = cover.gaps;
      if (gaps.length && rule.otherwise === undefined) {
        out.push(ctx.issue('band_gap', {
          gaps: gaps.map(showInterval).join('、'),
          label: dom.label,
          domain: dom.declared ? showInterval(dom.iv) : undefined,
        }, [...n.docPath, 'rule', 'bands'], { ...o, severity: 'error' }));
      }
      if (gaps.length && rule.otherwise !== undefined && (!best || rule.otherwise.gt(best))) best = rule.otherwise;
      if (best && best.lt(n.max)) {
        out.push(ctx.issue('max_unreachable', {
          best: pts(best), max: pts(n.max),
          detail: `可达到的分档最高计 ${pts(best)} 分`, detailEn: `the best reachable band scores ${pts(best)}`,
        }, [...n.docPath, 'rule', 'bands'], o));
      }
    }
    return out;
  },
};
