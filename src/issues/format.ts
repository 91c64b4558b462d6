import { formatPath, type Issue } from './issue.js';

export interface FormatOptions {
  /** `zh` (default), `en`, or `both`. */
  language?: 'zh' | 'en' | 'both';
  /** `pretty` (default): `✖ message` / `→ at path`; `compiler`: `file:line:col error code message`. */
  style?: 'pretty' | 'compiler';
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text from a document made safe to print on a terminal: control characters (ESC sequences),
 * line breaks (so no forged `file:1:1 error` line) and bidirectional overrides are shown as
 * escapes such as `\n` and `\x1b`.
 * @example terminalText('名称\n\x1b[31m') // '名称\\n\\x1b[31m'
 */
export function terminalText(s: string): string {
  return s.replace(CONTROL, (c) => NAMED[c] ?? (c.charCodeAt(0) < 0x100 ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16)}`));
}

/**
 * Render issues for people. Every part taken from a document (messages, file names, paths,
 * indicator ids) passes through {@link terminalText}, so one issue is always one line of text
 * (two in the pretty style) and nothing in it is a terminal control sequence.
 * @example formatIssues(err.issues) // "✖ 缺少输入数据“在职人数”…\n  → at values.在职人数"
 */
export function formatIssues(issues: readonly Issue[], opts: FormatOptions = {}): string {
  const language = opts.language ?? 'zh';
  const label = language === 'en' ? { indicator: 'indicator', line: 'line' } : { indicator: '指标', line: '行' };
  const t = terminalText;
  const text = (i: Issue) =>
    t(language === 'zh' ? i.message : language === 'en' ? i.messageEn : `${i.message} / ${i.messageEn}`);
  if (opts.style === 'compiler') {
    return issues
      .map((i) => {
        const where = i.source
          ? `${t(i.source.file ?? '<input>')}:${i.source.line}:${i.source.column}`
          : i.source === undefined && i.path.length
            ? t(formatPath(i.path))
            : '<input>';
        const ind = i.indicator ? ` [${t(i.indicator)}]` : '';
        return `${where} ${i.severity} ${i.code}${ind} ${text(i)}`;
      })
      .join('\n');
  }
  return issues
    .map((i) => {
      const mark = i.severity === 'error' ? '✖' : i.severity === 'info' ? 'ℹ' : '⚠';
      const lines = [`${mark} ${text(i)}`];
      const at: string[] = [];
      if (i.path.length) at.push(t(formatPath(i.path)));
      if (i.indicator) at.push(`${label.indicator} ${t(i.indicator)}`);
      if (i.source) at.push(`${t(i.source.file ?? '')}${i.source.file ? ':' : `${label.line} `}${i.source.line}:${i.source.column}`);
      if (at.length) lines.push(`  → at ${at.join(' · ')}`);
      return lines.join('\n');
    })
    .join('\n');
}
