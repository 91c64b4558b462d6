import { formatPath, type Issue } from './issue.js';

export interface FormatOptions {
  /** `zh` (default), `en`, or `both`. */
  language?: 'zh' | 'en' | 'both';
  /** `pretty` (default): `✖ message` / `→ at path`; `compiler`: `file:line:col error code message`. */
  style?: 'pretty' | 'compiler';
}

/**
 * Render issues for people.
 * @example formatIssues(err.issues) // "✖ 缺少输入数据“在职人数”…\n  → at values.在职人数"
 */
export function formatIssues(issues: readonly Issue[], opts: FormatOptions = {}): string {
  const language = opts.language ?? 'zh';
  const text = (i: Issue) =>
    language === 'zh' ? i.message : language === 'en' ? i.messageEn : `${i.message} / ${i.messageEn}`;
  if (opts.style === 'compiler') {
    return issues
      .map((i) => {
        const where = i.source
          ? `${i.source.file ?? '<input>'}:${i.source.line}:${i.source.column}`
          : i.source === undefined && i.path.length
            ? formatPath(i.path)
            : '<input>';
        const ind = i.indicator ? ` [${i.indicator}]` : '';
        return `${where} ${i.severity} ${i.code}${ind} ${text(i)}`;
      })
      .join('\n');
  }
  return issues
    .map((i) => {
      const mark = i.severity === 'error' ? '✖' : '⚠';
      const lines = [`${mark} ${text(i)}`];
      const at: string[] = [];
      if (i.path.length) at.push(formatPath(i.path));
      if (i.indicator) at.push(`指标 ${i.indicator}`);
      if (i.source) at.push(`${i.source.file ?? ''}${i.source.file ? ':' : '行 '}${i.source.line}:${i.source.column}`);
      if (at.length) lines.push(`  → at ${at.join(' · ')}`);
      return lines.join('\n');
    })
    .join('\n');
}
