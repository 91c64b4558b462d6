import type { Review } from './finding.js';
import { FINDING_CLASS_NAMES } from './finding.js';

export interface ReviewFormatOptions {
  /** `zh`, `en` or `both` (Chinese first). Default `zh`. */
  language?: 'zh' | 'en' | 'both';
}

/**
 * A review as text for people: the total by the rules beside the filed one, then one line per
 * finding (✖ an error, ○ a departure the rubric accepts), with where it is in the filed form and,
 * for a total that is not its rows' sum, the reading of the form's own figures that explains it.
 * @example console.log(formatReview(review(rubric, form)));
 */
export function formatReview(r: Review, opts: ReviewFormatOptions = {}): string {
  const lang = opts.language ?? 'zh';
  const zh = lang !== 'en';
  const en = lang !== 'zh';
  const lines: string[] = [];
  const say = (z: string, e: string) => {
    if (zh) lines.push(z);
    if (en) lines.push(zh ? `  ${e}` : e);
  };
  const res = r.result;
  const filedTotal = r.filed.total !== undefined ? `，填报 ${r.filed.total}` : '';
  const filedTotalEn = r.filed.total !== undefined ? `, filed ${r.filed.total}` : '';
  const filedGrade = r.filed.grade ? `，填报等次 ${r.filed.grade}` : '';
  const filedGradeEn = r.filed.grade ? `, filed grade ${r.filed.grade}` : '';
  say(
    `复核 ${res.rubric.name}：按规则总分 ${res.total}（${res.grade ?? '无等次'}）${filedTotal}${filedGrade}`,
    `review on ${res.rubric.id}: ${res.total} by the rules (${res.grade ?? 'no grade'})${filedTotalEn}${filedGradeEn}`,
  );
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const accepted = r.findings.length - errors;
  if (r.findings.length === 0) say('✔ 无偏离：填报的每个数字都与规则和表内数字一致', '✔ clean: every filed figure agrees with the rules and with the form’s own figures');
  else say(`发现 ${r.findings.length} 处偏离（错误 ${errors}，接受为判断 ${accepted}）`, `${r.findings.length} departures (${errors} errors, ${accepted} accepted as judgement)`);
  for (const f of r.findings) {
    const mark = f.severity === 'error' ? '✖' : '○';
    const c = FINDING_CLASS_NAMES[f.class];
    say(`${mark} [${c.zh}] ${f.message}`, `${zh ? '' : `${mark} `}[${c.en}] ${f.messageEn}`);
    if (f.explanation) say(`  ↳ ${f.explanation.zh}`, `  ↳ ${f.explanation.en}`);
    const where = f.source ? `${f.source.file ? `${f.source.file}:` : ''}${f.source.line}:${f.source.column}` : f.path.join('.');
    lines.push(`  → ${where}`);
  }
  return `${lines.join('\n')}\n`;
}
