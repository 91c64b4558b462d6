import { Decimal } from '../decimal.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import { safeLoadMonitoringRubric, type MonitoringLoadOptions } from '../monitor/rubric.js';
import { parseInterval, type Interval } from '../rules/interval.js';
import { locateIssues, readDocument } from '../source/document.js';
import { DEFAULT_LIMITS } from '../source/limits.js';
import { coverBands } from './band-cover.js';
import { intersect, showInterval } from './interval-set.js';
import type { LintReport } from './index.js';

/** What each figure a level band reads is, as a sentence names it; every one is ≥ 0. */
const LABEL: Record<string, string> = { sequential: '完成进度', annual: '完成年度指标的比例', actual: '完成值', budget: '预算执行进度' };
const NON_NEGATIVE: Interval = { lo: new Decimal(0), loInclusive: true, hiInclusive: false };

/**
 * Review a monitoring rubric: it loads (every level and rule it names declared, every band edge
 * readable), and the bands of each level rule over its own figure (完成进度, 预算执行进度, ≥ 0) leave
 * no gap (`band_gap`: a row there gets no level) and reach every band (`band_unreachable`), with the
 * bands rule's exact interval arithmetic. Bands that read another figure first (完成值 = 0 → 红) are
 * checks before the table and are not counted in its cover.
 * @example lintMonitoringRubric(readFileSync('rubrics/project-monitoring.yaml'), { file: 'project-monitoring.yaml' }).errors // → 0
 */
export function lintMonitoringRubric(source: string | Uint8Array, opts: MonitoringLoadOptions = {}): LintReport {
  const loaded = safeLoadMonitoringRubric(source, opts);
  const done = (issues: Issue[]): LintReport => {
    const ordered = issues;
    const count = (s: Issue['severity']) => ordered.filter((i) => i.severity === s).length;
    return { ...(opts.file !== undefined ? { file: opts.file } : {}), issues: ordered, errors: count('error'), warnings: count('warning'), infos: count('info') };
  };
  if (!loaded.success) return done(loaded.issues);
  const out: Issue[] = [];
  for (const [id, rule] of Object.entries(loaded.value.document.monitoring!.rules!)) {
    if (rule.kind !== 'bands') continue;
    const own = rule.bands.map((b, i) => ({ b, i })).filter(({ b }) => (b.value ?? rule.value) === rule.value);
    const list = own.map(({ b }) => parseInterval(b.when)!);
    const cover = coverBands(list, NON_NEGATIVE, false);
    cover.bands.forEach((facts, j) => {
      const { b, i } = own[j]!;
      const at = ['monitoring', 'rules', id, 'bands', i, 'when'];
      if (facts.reach === 'domain') out.push(makeIssue('band_unreachable', { band: i + 1, when: b.when, reason: 'domain', label: LABEL[rule.value], domain: showInterval(NON_NEGATIVE) }, { path: at, severity: 'warning' }));
      else if (facts.reach === 'covered') out.push(makeIssue('band_unreachable', { band: i + 1, when: b.when, reason: 'covered' }, { path: at, severity: 'warning' }));
      else if (facts.overlap >= 0) {
        const o = own[facts.overlap]!;
        const both = intersect(list[facts.overlap]!, intersect(list[j]!, NON_NEGATIVE)!)!;
        out.push(makeIssue('band_overlap', { band: i + 1, when: b.when, other: o.i + 1, otherWhen: o.b.when, overlap: showInterval(both) }, { path: at, severity: 'warning' }));
      }
    });
    if (cover.gaps.length) out.push(makeIssue('band_gap', { gaps: cover.gaps.map(showInterval).join('、'), label: LABEL[rule.value] }, { path: ['monitoring', 'rules', id, 'bands'] }));
  }
  const read = readDocument(source, DEFAULT_LIMITS, opts.file);
  return done(read.ok ? locateIssues(out, read.doc) : out);
}
